import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, SYSTEM_ACTOR } from '../../auth/actor.ts';
import { prepareDatabase } from '../../boot.ts';
import type { Database, Db } from '../../db/client.ts';
import { accounts, auditLog } from '../../db/schema.ts';
import { buildAccount, signedIn, type SignedIn } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { isolatedDatabase, type Isolated } from '../../test-support/isolated.ts';
import { runCli } from '../../test-support/run-cli.ts';
import { canonicalJson } from './audit.hash.ts';
import { recordAudit, verifyAuditChain } from './audit.service.ts';

let h: Harness;
let auditor: SignedIn;
beforeAll(async () => {
  h = await createHarness();
  auditor = await signedIn(h.app, h.database.db, 'auditor');
});
afterAll(() => h.close());

describe('GET /api/v1/audit', () => {
  it('only the auditor reads the trail: 401 without a session, 403 for every other role', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
    for (const role of ['directory_manager', 'national_authority', 'point_of_contact'] as const) {
      const session = await signedIn(h.app, h.database.db, role);
      const response = await h.app.inject({ method: 'GET', url: '/api/v1/audit', headers: session.headers });
      expect(response.statusCode).toBe(403);
    }
    const ok = await h.app.inject({ method: 'GET', url: '/api/v1/audit', headers: auditor.headers });
    expect(ok.statusCode).toBe(200);
  });

  it('pages newest first by position, without gaps', async () => {
    const first = (
      await h.app.inject({ method: 'GET', url: '/api/v1/audit?limit=2', headers: auditor.headers })
    ).json();
    expect(first.items).toHaveLength(2);
    expect(first.items[0].position).toBe(first.items[1].position + 1);
    const next = (
      await h.app.inject({
        method: 'GET',
        url: `/api/v1/audit?limit=2&before=${first.nextBefore}`,
        headers: auditor.headers,
      })
    ).json();
    expect(next.items[0].position).toBe(first.items[1].position - 1);
    expect(next.items[0].hash).toBe(first.items[1].prevHash);
  });

  it('has no route that changes the trail', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const response = await h.app.inject({ method, url: '/api/v1/audit', headers: auditor.writeHeaders });
      expect(response.statusCode).toBe(404);
    }
    expect(
      h.app.routeTable.filter((r) => r.url.startsWith('/api/v1/audit') && r.method !== 'GET' && r.method !== 'HEAD'),
    ).toEqual([]);
  });

  it('the database itself refuses UPDATE and DELETE on the trail', async () => {
    await expect(h.database.db.execute(sql`update audit_log set action = 'forged'`)).rejects.toThrow();
    await expect(h.database.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });

  it('stores an account as its id, never its e-mail, and shows the auditor the current e-mail', async () => {
    const authority = await signedIn(h.app, h.database.db, 'national_authority');
    const [stored] = await h.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorAccountId, authority.account.id), eq(auditLog.action, 'session.sign_in')));
    expect(stored?.actorLabel).toBe(`account:${authority.account.id}`);
    const shown = async () =>
      (
        await h.app.inject({
          method: 'GET',
          url: '/api/v1/audit?action=session.sign_in&limit=500',
          headers: auditor.headers,
        })
      )
        .json<{ items: { position: number; actorLabel: string }[] }>()
        .items.find((e) => e.position === stored?.position)?.actorLabel;
    expect(await shown()).toBe(authority.account.email);
    // A pseudonymised account shows its pseudonym, and the chain, which never held the e-mail, verifies.
    await h.database.db
      .update(accounts)
      .set({ email: 'former-0000@pseudonymised.invalid' })
      .where(eq(accounts.id, authority.account.id));
    expect(await shown()).toBe('former-0000@pseudonymised.invalid');
    expect(await verifyAuditChain(h.database.db, CLI_ACTOR)).toMatchObject({ ok: true });
  });

  it('the auditor verifies the chain over HTTP', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/v1/audit/verification', headers: auditor.headers });
    expect(response.json()).toMatchObject({ ok: true, firstBadPosition: null, problem: null });
    expect(response.json().checked).toBeGreaterThan(0);
  });
});

describe('canonicalJson', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
  });
});

/** A chain of `n` entries in a database of its own, for tampering. */
async function freshChain(n: number): Promise<{ iso: Isolated; database: Database }> {
  const iso = await isolatedDatabase();
  const database = await prepareDatabase(iso.config, 'audit tamper test');
  for (let i = 1; i <= n; i++) {
    await database.db.transaction((tx) =>
      recordAudit(tx, SYSTEM_ACTOR, null, {
        action: 'test.event',
        targetType: 'test',
        targetId: String(i),
        after: { i, nested: { b: 2, a: 1 } },
      }),
    );
  }
  return { iso, database };
}

/**
 * Runs `tamper` on a fresh chain of 5 entries and returns what verification reports, after checking
 * that every way of verifying says the same: in this thread or in the worker thread, in pages of 2
 * (so that breaks fall on page boundaries) or in one page.
 */
async function verifyAfter(tamper: (db: Db) => Promise<void>) {
  const { iso, database } = await freshChain(5);
  try {
    await tamper(database.db);
    const verdict = await verifyAuditChain(database.db, CLI_ACTOR);
    for (const tuning of [{ inThread: true }, { pageSize: 2 }, { pageSize: 2, inThread: true }]) {
      expect(await verifyAuditChain(database.db, CLI_ACTOR, undefined, tuning)).toEqual(verdict);
    }
    return verdict;
  } finally {
    await database.close();
    await iso.dispose();
  }
}

// An insider with database rights disables the trigger first.
async function asInsider(db: Db, statement: ReturnType<typeof sql>) {
  await db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
  await db.execute(statement);
  await db.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
}

describe('tampering is detected', () => {
  it('an edited entry is named', async () => {
    const result = await verifyAfter((db) =>
      asInsider(db, sql`update audit_log set after = '{"i": 99}' where position = 3`),
    );
    expect(result).toMatchObject({ ok: false, firstBadPosition: 3, problem: 'edited' });
  });

  it('a deleted entry is named', async () => {
    const result = await verifyAfter((db) => asInsider(db, sql`delete from audit_log where position = 2`));
    expect(result).toMatchObject({ ok: false, firstBadPosition: 2, problem: 'deleted_or_reordered' });
  });

  it('reordered entries are named', async () => {
    const result = await verifyAfter(async (db) => {
      await asInsider(db, sql`update audit_log set position = -1 where position = 3`);
      await asInsider(db, sql`update audit_log set position = 3 where position = 4`);
      await asInsider(db, sql`update audit_log set position = 4 where position = -1`);
    });
    expect(result).toMatchObject({ ok: false, firstBadPosition: 3 });
  });

  it('a cut-off tail is named', async () => {
    const result = await verifyAfter((db) => asInsider(db, sql`delete from audit_log where position >= 4`));
    expect(result).toMatchObject({ ok: false, firstBadPosition: 4, problem: 'tail_truncated' });
  });

  it('`pocdir audit verify` exits 0 on an intact chain and 1 naming the first bad entry', async () => {
    const { iso, database } = await freshChain(4);
    try {
      await buildAccount(database.db, { role: 'auditor' });
      await database.close();
      const intact = await runCli(['audit', 'verify'], iso.env);
      expect(intact.code).toBe(0);
      expect(intact.stdout).toContain('intact: 5 entries');
      const reopened = await prepareDatabase(iso.config, 'audit tamper test');
      await asInsider(reopened.db, sql`update audit_log set actor_label = 'someone else' where position = 2`);
      await reopened.close();
      const tampered = await runCli(['audit', 'verify'], iso.env);
      expect(tampered.code).toBe(1);
      expect(tampered.stderr).toContain('entry 2 was edited');
      const json = await runCli(['audit', 'verify', '--json'], iso.env);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBadPosition: 2, problem: 'edited', checked: 1 });
    } finally {
      await iso.dispose();
    }
  }, 120_000);
});
