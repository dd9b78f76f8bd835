import crypto from 'node:crypto';
import { asc, between, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, SYSTEM_ACTOR } from '../../auth/actor.ts';
import type { Database } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';
import { openTestDatabase } from '../../test-support/harness.ts';
import { parseChainPage, type ChainRow } from './audit.chain.ts';
import { threadChainChecker } from './audit.chain-thread.ts';
import { canonicalJson, hashEntry, type ChainedFields } from './audit.hash.ts';
import { chainPageAfter } from './audit.repository.ts';
import { recordAudit, verifyAuditChain } from './audit.service.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const sample: ChainedFields = {
  position: 42,
  at: new Date('2026-03-04T05:06:07.089Z'),
  actorAccountId: '7fca19c3-e1f4-40f7-a71c-aa6f041bafd1',
  actorLabel: 'account:7fca19c3-e1f4-40f7-a71c-aa6f041bafd1',
  action: 'directory.entry.confirm',
  targetType: 'directory_entry',
  targetId: 'e-1',
  stateM49: '288',
  before: { b: [1, { z: null, y: 'é😀' }], a: 1.5 },
  after: { 'quote"key': '\n', a: [] },
  requestId: null,
  prevHash: 'ab'.repeat(32),
};

describe('hashEntry', () => {
  // Trails written by earlier versions must keep verifying: these hashes come from the first
  // implementation (createHash().update().digest()); any change to the material breaks them.
  it('gives the hashes earlier versions wrote', () => {
    expect(hashEntry(sample)).toBe('775c6daafe0af80c7699371a65bb5642aef9edae4cb1b8e4f7b6cb7d6ab596cf');
    expect(hashEntry({ ...sample, before: undefined, after: null, actorAccountId: null, stateM49: null })).toBe(
      '6fbb92f6d059b8a59cacd9177fdb33a2f7c8b175c685188b70df1849df2d40b0',
    );
  });

  it('is SHA-256 over the canonical JSON of the fields, for any fields', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.string({ unit: 'grapheme' }), (before, after, label) => {
        const fields = { ...sample, before, after, actorLabel: label };
        const material = canonicalJson([
          fields.position,
          fields.at.toISOString(),
          fields.actorAccountId,
          fields.actorLabel,
          fields.action,
          fields.targetType,
          fields.targetId,
          fields.stateM49,
          fields.before,
          fields.after,
          fields.requestId,
          fields.prevHash,
        ]);
        expect(hashEntry(fields)).toBe(crypto.createHash('sha256').update(material).digest('hex'));
      }),
    );
  });
});

// PostgreSQL text holds neither NUL nor lone surrogates (jsonb refuses \u0000 too).
const storable = (s: string) => !s.includes('\u0000') && !/\p{Cs}/u.test(s);
const text = fc.string({ unit: 'grapheme', maxLength: 40 }).filter(storable);
const json = fc.jsonValue().filter((v) => storable(JSON.stringify(v)));
const jsonColumn = fc.option(json, { nil: undefined }); // undefined: SQL NULL; null: the JSON null
const storedRow = fc.record({
  at: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }),
  microseconds: fc.integer({ min: 0, max: 999 }),
  actorAccountId: fc.option(fc.uuid()),
  actorLabel: text,
  action: text,
  targetType: text,
  targetId: text,
  // char(3): shorter values come back padded with spaces, and the hash covers them.
  stateM49: fc.option(fc.string({ maxLength: 3 }).filter(storable)),
  before: jsonColumn,
  after: jsonColumn,
  requestId: fc.option(text),
  prevHash: text,
  hash: text,
});

const parseStored = (text: string | null | undefined): unknown => (text == null ? null : JSON.parse(text));
const jsonbParam = (value: unknown) => (value === undefined ? sql`null` : sql`${JSON.stringify(value)}::jsonb`);

describe('chainPageAfter', () => {
  // Verification reads pages as JSON the database writes (audit.repository.ts): the rows must be
  // exactly what Drizzle returns, or a trail that verifies through one would not through the other.
  it('reads every stored entry as Drizzle does (jsonb parsed once), so with the same hash', async () => {
    let nextPosition = 1;
    await fc.assert(
      fc.asyncProperty(fc.array(storedRow, { minLength: 1, maxLength: 8 }), fc.boolean(), async (rows, far) => {
        // Positions beyond 32 bits too: bigint on both paths.
        const first = (far ? 2 ** 40 : 0) + nextPosition;
        nextPosition += rows.length;
        const db = database.db;
        // The append-only trigger allows inserts; raw SQL, to store microseconds a Date cannot carry.
        for (const [i, row] of rows.entries()) {
          const at = `${row.at.toISOString().slice(0, -1)}${String(row.microseconds).padStart(3, '0')}Z`;
          await db.execute(sql`insert into audit_log (position, at, actor_account_id, actor_label, action, target_type,
              target_id, state_m49, before, after, request_id, prev_hash, hash)
            values (${first + i}, ${at}::timestamptz, ${row.actorAccountId}, ${row.actorLabel}, ${row.action},
              ${row.targetType}, ${row.targetId}, ${row.stateM49}, ${jsonbParam(row.before)}, ${jsonbParam(row.after)},
              ${row.requestId}, ${row.prevHash}, ${row.hash})`);
        }
        const inRange = between(auditLog.position, first, first + rows.length - 1);
        const throughDrizzle: ChainRow[] = await db
          .select()
          .from(auditLog)
          .where(inRange)
          .orderBy(asc(auditLog.position));
        // Drizzle parses a jsonb value a second time when it is a JSON string ("0" comes back as 0), so
        // for before/after the reference is the stored text, parsed once.
        const storedJson = await db
          .select({
            before: sql<string | null>`${auditLog.before}::text`,
            after: sql<string | null>`${auditLog.after}::text`,
          })
          .from(auditLog)
          .where(inRange)
          .orderBy(asc(auditLog.position));
        const expected = throughDrizzle.map((row, i) => ({
          ...row,
          before: parseStored(storedJson[i]?.before),
          after: parseStored(storedJson[i]?.after),
        }));
        const page = await chainPageAfter(db, first - 1, rows.length);
        const throughJson = parseChainPage(page.json);
        expect(page).toMatchObject({ count: rows.length, lastPosition: first + rows.length - 1 });
        expect(throughJson).toEqual(expected);
        expect(throughJson.map(hashEntry)).toEqual(expected.map(hashEntry));
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('an empty page: no entries, the position it started after', async () => {
    expect(await chainPageAfter(database.db, 2 ** 50, 10)).toEqual({ count: 0, lastPosition: 2 ** 50, json: '[]' });
  });
});

describe('verifyAuditChain', () => {
  // Drizzle reads a jsonb JSON string that looks like JSON as the value it spells ("0" as 0), so a
  // verifier reading through Drizzle reported such entries as edited; the pages are parsed once.
  it('verifies entries whose before or after is a JSON string that looks like JSON', async () => {
    const own = await openTestDatabase();
    try {
      for (const after of ['0', '{"a":1}', 'true', 'null']) {
        await own.db.transaction((tx) =>
          recordAudit(tx, SYSTEM_ACTOR, null, { action: 'test.event', targetType: 'test', targetId: after, after }),
        );
      }
      expect(await verifyAuditChain(own.db, CLI_ACTOR)).toEqual({
        ok: true,
        checked: 4,
        firstBadPosition: null,
        problem: null,
      });
    } finally {
      await own.close();
    }
  });
});

describe('threadChainChecker', () => {
  it('rejects, rather than waits forever, when the worker cannot read a page', async () => {
    const checker = threadChainChecker();
    try {
      await expect(checker.check('not json')).rejects.toThrow();
      await expect(checker.check('[]')).rejects.toThrow();
    } finally {
      await checker.close();
    }
  });
});
