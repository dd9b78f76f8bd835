import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Database } from '../../db/client.ts';
import { states } from '../../db/schema.ts';
import { openTestDatabase } from '../../test-support/harness.ts';
import { readReferenceStates } from './states.reference.ts';
import { findStates } from './states.repository.ts';
import { syncReferenceStates } from './states.service.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const reference = (m49: string) => readReferenceStates().find((state) => state.m49 === m49);

describe('syncReferenceStates', () => {
  it('puts back every field a State row lost, and only touches rows that differ', async () => {
    const { db } = database;
    await db.update(states).set({ group: 'western_european_other', status: 'observer' }).where(eq(states.m49, '288'));
    await db
      .update(states)
      .set({ names: sql`${states.names} || '{"fr": "Ghana (ancien)"}'::jsonb - 'zh'` })
      .where(eq(states.m49, '288'));
    await db.update(states).set({ alpha3: 'XXX' }).where(eq(states.m49, '818'));
    await db.delete(states).where(eq(states.m49, '336')); // this private database has nothing referring to it
    // xmin is the transaction that last wrote the row: the same after the sync means not rewritten.
    const versionOfFrance = async () =>
      rowsOf<{ version: string }>(await db.execute(sql`SELECT xmin::text AS version FROM states WHERE m49 = '250'`));
    const franceBefore = await versionOfFrance();

    expect(await syncReferenceStates(db)).toBe(195);

    for (const m49 of ['288', '818', '336']) expect(await findStates(db, [m49])).toEqual([reference(m49)]);
    expect(await versionOfFrance()).toEqual(franceBefore);
  });
});
