import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryEntries, directoryRevision } from '../../db/schema.ts';
import { insertEntriesInBulk } from '../../test-support/bulk-entries.ts';
import { openTestDatabase } from '../../test-support/harness.ts';
import type { Database } from '../../db/client.ts';
import { searchSnapshot } from './directory-snapshot.ts';
import { listEntries, type EntryFilter } from './directory.repository.ts';

const STATES = ['288', '250', '404', '818', '076', '156', '643', '004'];
const DAY = 24 * 60 * 60 * 1000;
let database: Database;

async function revision(): Promise<number> {
  const [row] = await database.db.select().from(directoryRevision);
  return row?.revision ?? -1;
}

beforeAll(async () => {
  database = await openTestDatabase();
  await insertEntriesInBulk(database.db, 600, STATES, { prefix: 'snap' });
  // Variety for every filter: retired entries, stale ones, other languages, 24/7 desks, diplomats,
  // names in other scripts and with characters LIKE treats specially.
  await database.db.execute(sql`update directory_entries set status = 'retired', retired_at = now()
    where (details->>'nameLatin') like '%7'`);
  await database.db.execute(sql`update directory_entries set last_confirmed_at = now() - interval '400 days'
    where (details->>'nameLatin') like '%3'`);
  await database.db.execute(sql`update directory_entries set languages = array['fr', 'en'], available_24_7 = true
    where (details->>'nameLatin') like '%5'`);
  await database.db.execute(
    sql`update directory_entries set kind = 'diplomatic' where (details->>'nameLatin') like '%9'`,
  );
  await database.db.execute(sql`update directory_entries set search_text = search_text || ' 100% сертификат_x'
    where (details->>'nameLatin') like '%1'`);
}, 60_000);
afterAll(() => database.close());

describe('the in-memory directory', () => {
  it('finds the same entries, in the same order and with the same totals, as the SQL search', async () => {
    const staleBefore = new Date(Date.now() - 365 * DAY);
    const filters: EntryFilter[] = [
      { includeRetired: false },
      { includeRetired: true },
      { text: 'contact 1', includeRetired: false },
      { text: 'contact 12', includeRetired: true },
      { text: 'contact 1', stateM49: '250', includeRetired: false },
      { text: 't 1', stateM49: '004', includeRetired: true },
      { text: '7', includeRetired: true },
      { text: 'national cert', kind: 'technical', includeRetired: false },
      { text: '100%', includeRetired: false },
      { text: '_x', includeRetired: false },
      { text: 'сертификат', includeRetired: false },
      { text: 'nothing like this', includeRetired: false },
      { stateM49: '288', includeRetired: false },
      { group: 'western_european_other', includeRetired: false },
      { group: 'african', kind: 'technical', includeRetired: false },
      { kind: 'diplomatic', includeRetired: true },
      { language: 'fr', includeRetired: false },
      { available247: true, stateM49: '250', includeRetired: false },
      { available247: false, includeRetired: false },
      { stale: true, staleBefore, includeRetired: false },
      { stale: false, staleBefore, includeRetired: true },
      { stale: true, staleBefore, text: 'contact', group: 'african', includeRetired: false },
    ];
    const all = (await listEntries(database.db, { includeRetired: true }, { limit: 1, offset: 0 })).total;
    let selective = 0;
    for (const filter of filters) {
      const { total } = await listEntries(database.db, filter, { limit: 1, offset: 0 });
      if (total > 0 && total < all) selective++;
      for (const page of [
        { limit: 100, offset: 0 },
        { limit: 7, offset: 13 },
        { limit: 50, offset: 590 },
      ]) {
        const fromSql = await listEntries(database.db, filter, page);
        const fromMemory = await searchSnapshot(database.db, filter, page);
        const label = JSON.stringify({ filter, page });
        expect(fromMemory.total, label).toBe(fromSql.total);
        expect(
          fromMemory.rows.map((r) => r.id),
          label,
        ).toEqual(fromSql.rows.map((r) => r.id));
      }
    }
    // The variety is real: all but "everything" and "nothing like this" matched some and not others.
    expect(selective).toBe(filters.length - 2);
    // Asked again (now from the result cache, and for the text filters from the trigram index):
    for (const filter of filters) {
      const fromSql = await listEntries(database.db, filter, { limit: 600, offset: 0 });
      const again = await searchSnapshot(database.db, filter, { limit: 600, offset: 0 });
      expect(again.rows.map((r) => r.id)).toEqual(fromSql.rows.map((r) => r.id));
    }
  });

  it('sees a change made by anyone (another process, plain SQL) at the next search, and not a rolled-back one', async () => {
    const before = await revision();
    const [target] = await database.db
      .select()
      .from(directoryEntries)
      .where(eq(directoryEntries.status, 'active'))
      .limit(1);
    if (!target) throw new Error('no entry');
    const page = { limit: 10, offset: 0 };
    expect((await searchSnapshot(database.db, { text: 'zebra-unique', includeRetired: false }, page)).total).toBe(0);

    await database.db
      .update(directoryEntries)
      .set({ searchText: `${target.searchText} zebra-unique` })
      .where(eq(directoryEntries.id, target.id));
    expect(await revision()).toBe(before + 1);
    const found = await searchSnapshot(database.db, { text: 'zebra-unique', includeRetired: false }, page);
    expect(found.rows.map((r) => r.id)).toEqual([target.id]);

    await expect(
      database.db.transaction(async (tx) => {
        await tx.update(directoryEntries).set({ searchText: 'okapi-unique' }).where(eq(directoryEntries.id, target.id));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await revision()).toBe(before + 1);
    expect((await searchSnapshot(database.db, { text: 'okapi-unique', includeRetired: false }, page)).total).toBe(0);
    expect((await searchSnapshot(database.db, { text: 'zebra-unique', includeRetired: false }, page)).total).toBe(1);
  });

  it('moves the revision once per statement, however many rows it changes', async () => {
    const before = await revision();
    await insertEntriesInBulk(database.db, 300, STATES, { prefix: 'again' });
    expect(await revision()).toBe(before + 1);
    const all = await searchSnapshot(database.db, { text: 'again.', includeRetired: true }, { limit: 1, offset: 0 });
    expect(all.total).toBe(0); // e-mails are not in the search text
    const named = await searchSnapshot(database.db, { includeRetired: true }, { limit: 1, offset: 0 });
    expect(named.total).toBe((await listEntries(database.db, { includeRetired: true }, { limit: 1, offset: 0 })).total);
  });
});
