import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountActorOf, CLI_ACTOR, type AccountActor } from '../server/auth/actor.ts';
import { prepareDatabase } from '../server/boot.ts';
import type { Config } from '../server/config.ts';
import { openDatabase, rowsOf, type Db } from '../server/db/client.ts';
import { getAccountByRef } from '../server/modules/accounts/accounts.service.ts';
import { hashEntry } from '../server/modules/audit/audit.hash.ts';
import { verifyAuditChain } from '../server/modules/audit/audit.service.ts';
import { confirmEntry } from '../server/modules/directory/directory.service.ts';
import { approveNomination, submitNomination } from '../server/modules/directory/nominations.service.ts';
import { buildEntry, nominationRequest } from '../server/test-support/directory-factories.ts';
import { buildAccount, STATE_A, STATE_B } from '../server/test-support/factories.ts';
import { isolatedDatabase, type Isolated } from '../server/test-support/isolated.ts';
import { copyPostgresDatabase } from '../server/test-support/postgres-copy.ts';
import { runCli } from '../server/test-support/run-cli.ts';

/**
 * The attacker here is an insider with database rights: the append-only trigger stops the
 * application's own mistakes, not a superuser, who disables it first exactly as below. Every case
 * tampers with a fresh copy of one database full of real activity, then runs the real binary.
 */

interface Copy {
  config: Config;
  env: Record<string, string>;
  dispose(): Promise<void>;
}

let base: Isolated;
/** How many entries the real activity wrote. */
let total = 0;

/** Accounts, nominations, acceptances, confirmations and a removal, all through the services. */
async function produceActivity(deps: { db: Db; config: Config }): Promise<void> {
  const authorityOf = async (stateM49: string): Promise<AccountActor> => {
    const built = await buildAccount(deps.db, { role: 'national_authority', stateM49 });
    return accountActorOf(await getAccountByRef(deps.db, CLI_ACTOR, built.id), null);
  };
  const authorityA = await authorityOf(STATE_A);
  const authorityB = await authorityOf(STATE_B);
  const manager = accountActorOf(
    await getAccountByRef(deps.db, CLI_ACTOR, (await buildAccount(deps.db, { role: 'directory_manager' })).id),
    null,
  );
  await buildAccount(deps.db, { role: 'auditor' });
  await buildAccount(deps.db, { role: 'point_of_contact', stateM49: STATE_A });
  const entryIds: string[] = [];
  for (const stateM49 of [STATE_A, STATE_A, STATE_A, STATE_B, STATE_B, STATE_B]) {
    entryIds.push((await buildEntry(deps, stateM49)).entryId);
  }
  const [first, , , fourth] = entryIds;
  if (first === undefined || fourth === undefined) throw new Error('entries missing');
  await confirmEntry(deps, authorityA, first, 'req-confirm-a');
  await confirmEntry(deps, authorityB, fourth, 'req-confirm-b');
  const removal = await submitNomination(
    deps,
    authorityA,
    nominationRequest({ type: 'removal', details: undefined, targetEntryId: first }),
    'req-removal',
  );
  await approveNomination(deps, manager, removal.id, 'req-approve');
}

/** A fresh copy of the base database: a copied data directory, or CREATE DATABASE … TEMPLATE. */
async function freshCopy(): Promise<Copy> {
  if (base.config.DATABASE_URL) {
    const copy = await copyPostgresDatabase(base.config.DATABASE_URL);
    return {
      config: { ...base.config, DATABASE_URL: copy.url },
      env: { DATABASE_URL: copy.url },
      dispose: () => copy.drop(),
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pocdir-tamper-'));
  fs.cpSync(base.config.DATA_DIR, dir, { recursive: true });
  return {
    config: { ...base.config, DATA_DIR: dir },
    env: { DATA_DIR: dir, DATABASE_URL: '' },
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs statements as the insider would: trigger off, change, trigger back on. */
async function asInsider(db: Db, ...statements: ReturnType<typeof sql>[]): Promise<void> {
  await db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
  for (const statement of statements) await db.execute(statement);
  await db.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
}

interface Verdict {
  code: number | null;
  text: string;
  json: { ok: boolean; checked: number; firstBadPosition: number | null; problem: string | null };
  /** The same verification in process, to compare the binary with the service. */
  inProcess: Awaited<ReturnType<typeof verifyAuditChain>>;
}

/** Tampers with a fresh copy, then runs `pocdir audit verify` and `--json` against it. */
async function verifyAfter(tamper: (db: Db) => Promise<void>): Promise<Verdict> {
  const copy = await freshCopy();
  try {
    const database = await openDatabase(copy.config, { holder: 'audit tamper test' });
    let inProcess;
    try {
      await tamper(database.db);
      inProcess = await verifyAuditChain(database.db, CLI_ACTOR);
    } finally {
      await database.close();
    }
    const plain = await runCli(['audit', 'verify'], copy.env);
    const json = await runCli(['audit', 'verify', '--json'], copy.env);
    expect(json.code).toBe(plain.code);
    return {
      code: plain.code,
      text: plain.stdout + plain.stderr,
      json: JSON.parse(json.stdout) as Verdict['json'],
      inProcess,
    };
  } finally {
    await copy.dispose();
  }
}

/** A position in the middle of the trail whose entry has an `after` payload. */
async function middleWithPayload(db: Db): Promise<number> {
  const rows = rowsOf<{ position: number }>(
    await db.execute(
      sql`select min(position)::int as position from audit_log where position >= ${Math.floor(total / 2)} and after is not null`,
    ),
  );
  const position = rows[0]?.position;
  if (position === undefined || position === null) throw new Error('no entry with a payload');
  return position;
}

beforeAll(async () => {
  base = await isolatedDatabase();
  const database = await prepareDatabase(base.config, 'audit tamper test');
  try {
    await produceActivity({ db: database.db, config: base.config });
    const counted = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from audit_log`));
    total = counted[0]?.n ?? 0;
  } finally {
    await database.close();
  }
}, 180_000);
afterAll(() => base.dispose());

describe('pocdir audit verify on a real trail tampered with in the database', () => {
  it('has enough real activity to tamper with', () => {
    expect(total).toBeGreaterThanOrEqual(30);
  });

  it('(f) an untouched chain: exit 0', async () => {
    const verdict = await verifyAfter(async () => {});
    expect(verdict.code).toBe(0);
    expect(verdict.text).toContain(`Audit trail intact: ${total} entries verified.`);
    expect(verdict.json).toEqual({ ok: true, checked: total, firstBadPosition: null, problem: null });
  }, 60_000);

  it.each([
    [
      'after',
      (k: number) => sql`update audit_log set after = jsonb_set(after, '{forged}', 'true') where position = ${k}`,
    ],
    ['actor_label', (k: number) => sql`update audit_log set actor_label = 'someone else' where position = ${k}`],
    ['at', (k: number) => sql`update audit_log set at = at - interval '3 days' where position = ${k}`],
    ['state_m49', (k: number) => sql`update audit_log set state_m49 = '004' where position = ${k}`],
  ])(
    '(a) one field (%s) of entry k edited: names k, "edited"',
    async (_field, statement) => {
      let k = 0;
      const verdict = await verifyAfter(async (db) => {
        k = await middleWithPayload(db);
        await asInsider(db, statement(k));
      });
      expect(verdict.code).toBe(1);
      expect(verdict.text).toContain(`entry ${k} was edited`);
      expect(verdict.json).toEqual({ ok: false, checked: k - 1, firstBadPosition: k, problem: 'edited' });
      expect(verdict.inProcess).toEqual(verdict.json);
    },
    60_000,
  );

  // The verifier walks positions 1, 2, 3, … and expects each entry's prev_hash to be the hash before
  // it. With k deleted, entry k+1 arrives where k was expected: the first position that fails is k,
  // the missing one, so that is what it names (not k+1, which is intact but out of place).
  it('(b) entry k deleted: names k, the missing position', async () => {
    let k = 0;
    const verdict = await verifyAfter(async (db) => {
      k = await middleWithPayload(db);
      await asInsider(db, sql`delete from audit_log where position = ${k}`);
    });
    expect(verdict.code).toBe(1);
    expect(verdict.text).toContain(`entry ${k} breaks the chain`);
    expect(verdict.json).toEqual({ ok: false, checked: k - 1, firstBadPosition: k, problem: 'deleted_or_reordered' });
  }, 60_000);

  it('(c) entries k and k+1 swapped (positions kept): names k', async () => {
    let k = 0;
    const verdict = await verifyAfter(async (db) => {
      k = await middleWithPayload(db);
      // One statement reads both rows before writing either, so this swaps everything but the position.
      await asInsider(
        db,
        sql`update audit_log t set at = s.at, actor_account_id = s.actor_account_id, actor_label = s.actor_label,
              action = s.action, target_type = s.target_type, target_id = s.target_id, state_m49 = s.state_m49,
              before = s.before, after = s.after, request_id = s.request_id, prev_hash = s.prev_hash, hash = s.hash
            from audit_log s
            where (t.position = ${k} and s.position = ${k + 1}) or (t.position = ${k + 1} and s.position = ${k})`,
      );
    });
    expect(verdict.code).toBe(1);
    // Entry k now carries k+1's link to the hash of k, which is not the hash before it.
    expect(verdict.text).toContain(`entry ${k} breaks the chain`);
    expect(verdict.json).toEqual({ ok: false, checked: k - 1, firstBadPosition: k, problem: 'deleted_or_reordered' });
  }, 60_000);

  it('(c) only the payloads of k and k+1 swapped, hashes left in place: names k as edited', async () => {
    let k = 0;
    const verdict = await verifyAfter(async (db) => {
      k = await middleWithPayload(db);
      await asInsider(
        db,
        sql`update audit_log t set action = s.action, target_type = s.target_type, target_id = s.target_id,
              before = s.before, after = s.after
            from audit_log s
            where (t.position = ${k} and s.position = ${k + 1}) or (t.position = ${k + 1} and s.position = ${k})`,
      );
    });
    expect(verdict.code).toBe(1);
    expect(verdict.json).toEqual({ ok: false, checked: k - 1, firstBadPosition: k, problem: 'edited' });
  }, 60_000);

  it('(d) the last entries deleted: the chain head names the first one missing', async () => {
    const verdict = await verifyAfter((db) => asInsider(db, sql`delete from audit_log where position > ${total - 3}`));
    expect(verdict.code).toBe(1);
    expect(verdict.text).toContain(`entry ${total - 2} and those after it were deleted`);
    expect(verdict.json).toEqual({
      ok: false,
      checked: total - 3,
      firstBadPosition: total - 2,
      problem: 'tail_truncated',
    });
  }, 60_000);

  // Rewriting k with a recomputed hash makes k consistent with itself and with k-1. What no longer
  // holds is the link from k+1 (its prev_hash is k's original hash), so the first failing position is
  // k+1. Without an anchor outside the database the chain cannot say which side of that link was
  // forged; it names the first link that breaks, and k is the entry just before it.
  it('(e) entry k edited and its hash recomputed: the chain breaks at k+1', async () => {
    let k = 0;
    const verdict = await verifyAfter(async (db) => {
      k = await middleWithPayload(db);
      await rewriteWithValidHashes(db, k, k);
    });
    expect(verdict.code).toBe(1);
    expect(verdict.text).toContain(`entry ${k + 1} breaks the chain`);
    expect(verdict.json).toEqual({ ok: false, checked: k, firstBadPosition: k + 1, problem: 'deleted_or_reordered' });
  }, 60_000);

  it('(e) entry k edited and every later hash recomputed, head left alone: the head mismatches', async () => {
    const verdict = await verifyAfter(async (db) => {
      await rewriteWithValidHashes(db, await middleWithPayload(db), total);
    });
    expect(verdict.code).toBe(1);
    expect(verdict.text).toContain(`entry ${total} does not match the recorded chain head`);
    expect(verdict.json).toEqual({ ok: false, checked: total, firstBadPosition: total, problem: 'head_mismatch' });
  }, 60_000);
});

/**
 * The attacker who knows the algorithm: forges `after` of entry `from` and recomputes the hashes
 * (and prev_hash links) of entries `from`..`to`, leaving audit_head as it is.
 */
async function rewriteWithValidHashes(db: Db, from: number, to: number): Promise<void> {
  interface Raw {
    position: number;
    at: string | Date;
    actor_account_id: string | null;
    actor_label: string;
    action: string;
    target_type: string;
    target_id: string;
    state_m49: string | null;
    before: unknown;
    after: unknown;
    request_id: string | null;
    prev_hash: string;
  }
  const rows = rowsOf<Raw>(
    await db.execute(
      sql`select position::int as position, at, actor_account_id, actor_label, action, target_type, target_id,
            state_m49, before, after, request_id, prev_hash
          from audit_log where position between ${from} and ${to} order by position`,
    ),
  );
  const statements: ReturnType<typeof sql>[] = [];
  let previousHash: string | undefined;
  for (const row of rows) {
    const after = row.position === from ? { ...(row.after as object), forged: true } : row.after;
    const fields = {
      position: row.position,
      at: new Date(row.at),
      actorAccountId: row.actor_account_id,
      actorLabel: row.actor_label,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      stateM49: row.state_m49,
      before: row.before,
      after,
      requestId: row.request_id,
      prevHash: previousHash ?? row.prev_hash,
    };
    const hash = hashEntry(fields);
    statements.push(
      row.position === from
        ? sql`update audit_log set after = ${JSON.stringify(after)}::jsonb, hash = ${hash} where position = ${from}`
        : sql`update audit_log set prev_hash = ${fields.prevHash}, hash = ${hash} where position = ${row.position}`,
    );
    previousHash = hash;
  }
  await asInsider(db, ...statements);
}
