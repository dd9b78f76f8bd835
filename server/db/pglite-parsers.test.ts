import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { types, type PGlite } from '@electric-sql/pglite';
import { embeddedClientOf, rowsOf, type Database } from './client.ts';
import { pgliteOwnParsers, withoutSharedParsers } from './pglite-parsers.ts';
import { openTestDatabase } from '../test-support/harness.ts';

const asText = (value: string) => value;
let database: Database;
let client: PGlite | undefined;

beforeAll(async () => {
  database = await openTestDatabase();
  client = embeddedClientOf(database);
});
afterAll(() => database.close());

describe('drizzle’s type parsers, given once to the embedded client', () => {
  it('drops only the parsers the client already applies', () => {
    const drizzles = { rowMode: 'array' as const, parsers: { [types.TIMESTAMPTZ]: asText, 1185: asText } };
    expect(withoutSharedParsers(drizzles)).toEqual({ rowMode: 'array' });
    const other = { parsers: { [types.INT4]: (value: string) => Number(value) * 2 } };
    expect(withoutSharedParsers(other)).toBe(other);
    const parsing = { parsers: { [types.TIMESTAMPTZ]: (value: string) => new Date(value) } };
    expect(withoutSharedParsers(parsing)).toBe(parsing);
    expect(withoutSharedParsers(undefined)).toBeUndefined();
  });

  it.runIf(process.env.DATABASE_URL === undefined)(
    'gives drizzle the same values, in and out of transactions, and others PGlite’s own',
    async () => {
      if (!client) throw new Error('an embedded database was expected');
      const at = new Date('2026-03-04T05:06:07.890Z');
      const read = async (db: Database['db']) =>
        rowsOf<{ at: unknown; n: unknown }>(
          await db.execute(sql`select ${at.toISOString()}::timestamptz as at, 41 + 1 as n`),
        );
      // What drizzle's PGlite driver expects back: timestamps as text, which it converts itself.
      for (const rows of [await read(database.db), await database.db.transaction((tx) => read(tx as never))]) {
        expect(rows).toHaveLength(1);
        expect(typeof rows[0]?.at).toBe('string');
        expect(new Date(String(rows[0]?.at)).getTime()).toBe(at.getTime());
        expect(rows[0]?.n).toBe(42);
      }
      // A caller's own parser is still applied; pg-boss, through pgliteOwnParsers, gets Dates.
      const doubled = await client.query<{ n: number }>('select 21 as n', [], {
        parsers: { [types.INT4]: (value: string) => Number(value) * 2 },
      });
      expect(doubled.rows[0]?.n).toBe(42);
      const own = await client.query<{ at: unknown }>('select $1::timestamptz as at', [at.toISOString()], {
        parsers: pgliteOwnParsers(client),
      });
      expect(own.rows[0]?.at).toEqual(at);
      const ownExec = await client.exec(`select '${at.toISOString()}'::timestamptz as at`, {
        parsers: pgliteOwnParsers(client),
      });
      expect(ownExec[0]?.rows[0]).toEqual({ at });
    },
  );
});
