import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, signedIn, signIn, STATE_A, STATE_B, type SignedIn } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';

let h: Harness;
let manager: SignedIn;
let authorityA: SignedIn;
let authorityB: SignedIn;
let pocA: SignedIn;
let auditor: SignedIn;

beforeAll(async () => {
  h = await createHarness();
  const db = h.database.db;
  manager = await signedIn(h.app, db, 'directory_manager');
  authorityA = await signedIn(h.app, db, 'national_authority', STATE_A);
  authorityB = await signedIn(h.app, db, 'national_authority', STATE_B);
  pocA = await signedIn(h.app, db, 'point_of_contact', STATE_A);
  auditor = await signedIn(h.app, db, 'auditor');
});
afterAll(() => h.close());

const unique = (prefix: string) => `${prefix}.${Math.random().toString(36).slice(2, 10)}@test.pocdir.example`;

function create(session: SignedIn | undefined, payload: Record<string, unknown>) {
  return h.app.inject({
    method: 'POST',
    url: '/api/v1/accounts',
    headers: session ? session.writeHeaders : {},
    payload,
  });
}

describe('POST /api/v1/accounts', () => {
  it('401 without a session', async () => {
    expect((await create(undefined, { email: unique('x'), displayName: 'X', role: 'auditor' })).statusCode).toBe(401);
  });

  it('403 for a point of contact and for an auditor', async () => {
    for (const session of [pocA, auditor]) {
      const response = await create(session, { email: unique('x'), displayName: 'X', role: 'point_of_contact' });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
  });

  it('the directory manager creates a national authority whose one-time password must be changed', async () => {
    const email = unique('na');
    const response = await create(manager, {
      email,
      displayName: 'Nana Owusu',
      role: 'national_authority',
      stateM49: STATE_A,
    });
    expect(response.statusCode).toBe(201);
    const { account, initialPassword } = response.json();
    expect(account).toMatchObject({
      email,
      role: 'national_authority',
      stateM49: STATE_A,
      mustChangePassword: true,
      disabled: false,
    });
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email, password: initialPassword },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().account.mustChangePassword).toBe(true);
  });

  it('the directory manager creates an auditor but not a point of contact', async () => {
    expect((await create(manager, { email: unique('aud'), displayName: 'A', role: 'auditor' })).statusCode).toBe(201);
    const poc = await create(manager, {
      email: unique('p'),
      displayName: 'P',
      role: 'point_of_contact',
      stateM49: STATE_A,
    });
    expect(poc.statusCode).toBe(403);
    expect(poc.json().error.code).toBe('ROLE_NOT_ASSIGNABLE');
  });

  it('a national authority creates accounts of its own State, defaulting to it', async () => {
    const response = await create(authorityA, { email: unique('poc'), displayName: 'Kwame', role: 'point_of_contact' });
    expect(response.statusCode).toBe(201);
    expect(response.json().account.stateM49).toBe(STATE_A);
  });

  it('a national authority cannot create in another State (404) nor create a directory manager (403)', async () => {
    const other = await create(authorityA, {
      email: unique('p'),
      displayName: 'P',
      role: 'point_of_contact',
      stateM49: STATE_B,
    });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('NOT_FOUND');
    const manager = await create(authorityA, { email: unique('m'), displayName: 'M', role: 'directory_manager' });
    expect(manager.json().error.code).toBe('ROLE_NOT_ASSIGNABLE');
  });

  it('400 per invalid field, with its code', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ displayName: 'X', role: 'auditor' }, '/email', 'required'],
      [{ email: 'nope', displayName: 'X', role: 'auditor' }, '/email', 'format'],
      [{ email: unique('x'), displayName: '', role: 'auditor' }, '/displayName', 'minLength'],
      [{ email: unique('x'), displayName: 'X', role: 'king' }, '/role', 'enum'],
      [{ email: unique('x'), displayName: 'X', role: 'auditor', stateM49: '12' }, '/stateM49', 'pattern'],
      [{ email: unique('x'), displayName: 'X', role: 'auditor', extra: 1 }, '/extra', 'additionalProperties'],
    ];
    for (const [payload, field, reason] of cases) {
      const response = await create(manager, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(response.json().error.details).toContainEqual({ field, reason });
    }
  });

  it('business rule errors carry their own codes', async () => {
    const noState = await create(manager, { email: unique('x'), displayName: 'X', role: 'national_authority' });
    expect(noState.json().error.code).toBe('STATE_REQUIRED');
    const stateOnAuditor = await create(manager, {
      email: unique('x'),
      displayName: 'X',
      role: 'auditor',
      stateM49: STATE_A,
    });
    expect(stateOnAuditor.json().error.code).toBe('STATE_NOT_ALLOWED');
    const unknownState = await create(manager, {
      email: unique('x'),
      displayName: 'X',
      role: 'national_authority',
      stateM49: '999',
    });
    expect(unknownState.json().error.code).toBe('UNKNOWN_STATE');
    const email = unique('dup');
    expect((await create(manager, { email, displayName: 'X', role: 'auditor' })).statusCode).toBe(201);
    const duplicate = await create(manager, { email: email.toUpperCase(), displayName: 'Y', role: 'auditor' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('EMAIL_TAKEN');
  });
});

describe('GET /api/v1/accounts', () => {
  it('the manager sees every State; a national authority only its own', async () => {
    const inB = await buildAccount(h.database.db, { role: 'point_of_contact', stateM49: STATE_B });
    const all = await h.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: manager.headers });
    expect(all.json().items.map((a: { id: string }) => a.id)).toEqual(
      expect.arrayContaining([inB.id, authorityA.account.id]),
    );
    const own = await h.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: authorityA.headers });
    const states = new Set(own.json().items.map((a: { stateM49: string }) => a.stateM49));
    expect([...states]).toEqual([STATE_A]);
  });

  it("404 for another State's list or account, 403 for roles without the permission", async () => {
    const list = await h.app.inject({
      method: 'GET',
      url: `/api/v1/accounts?stateM49=${STATE_B}`,
      headers: authorityA.headers,
    });
    expect(list.statusCode).toBe(404);
    const one = await h.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${authorityB.account.id}`,
      headers: authorityA.headers,
    });
    expect(one.statusCode).toBe(404);
    const missing = await h.app.inject({
      method: 'GET',
      url: '/api/v1/accounts/00000000-0000-4000-8000-000000000000',
      headers: authorityA.headers,
    });
    // The same answer for "exists elsewhere" and "does not exist": nothing leaks.
    expect(missing.json().error.code).toBe(one.json().error.code);
    for (const session of [pocA, auditor]) {
      expect(
        (await h.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: session.headers })).statusCode,
      ).toBe(403);
    }
    const badId = await h.app.inject({ method: 'GET', url: '/api/v1/accounts/not-a-uuid', headers: manager.headers });
    expect(badId.json().error.details).toContainEqual({ field: 'params:/id', reason: 'format' });
  });
});

describe('disable and enable', () => {
  it('a national authority disables an account of its own State and its sessions end at once', async () => {
    const poc = await signedIn(h.app, h.database.db, 'point_of_contact', STATE_A);
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${poc.account.id}/disable`,
      headers: authorityA.writeHeaders,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().disabled).toBe(true);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: poc.headers })).statusCode).toBe(401);
    const enabled = await h.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${poc.account.id}/enable`,
      headers: authorityA.writeHeaders,
    });
    expect(enabled.json().disabled).toBe(false);
    expect((await signIn(h.app, poc.account)).cookie).toBeTruthy();
  });

  it("404 on another State's account; 409 on oneself; 403 for the manager on a directory manager", async () => {
    const otherState = await h.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${authorityB.account.id}/disable`,
      headers: authorityA.writeHeaders,
    });
    expect(otherState.statusCode).toBe(404);
    const self = await h.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${authorityA.account.id}/disable`,
      headers: authorityA.writeHeaders,
    });
    expect(self.json().error.code).toBe('CANNOT_DISABLE_SELF');
    const otherManager = await buildAccount(h.database.db, { role: 'directory_manager' });
    const managerOnManager = await h.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${otherManager.id}/disable`,
      headers: manager.writeHeaders,
    });
    expect(managerOnManager.statusCode).toBe(403);
  });
});

describe('audit of account writes', () => {
  it('records creation and disabling with actor, target, before and after, and never the password', async () => {
    const email = unique('audited');
    const created = await create(authorityA, { email, displayName: 'Audited', role: 'point_of_contact' });
    const id = created.json().account.id as string;
    await h.app.inject({ method: 'POST', url: `/api/v1/accounts/${id}/disable`, headers: authorityA.writeHeaders });
    const trail = await h.app.inject({ method: 'GET', url: '/api/v1/audit?limit=500', headers: auditor.headers });
    const entries = trail.json().items.filter((e: { targetId: string }) => e.targetId === id);
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['account.disable', 'account.create']);
    const [disable, creation] = entries;
    expect(creation).toMatchObject({ actorLabel: authorityA.account.email, stateM49: STATE_A, before: null });
    expect(creation.after).toMatchObject({ role: 'point_of_contact', stateM49: STATE_A });
    // The trail holds no personal data (it can never be pseudonymised): the id, never the e-mail or name.
    expect(JSON.stringify(creation.after)).not.toContain(email);
    expect(JSON.stringify(creation.after)).not.toContain('Audited');
    expect(disable.before).toEqual({ disabled: false });
    expect(disable.after).toMatchObject({ disabled: true });
    expect(JSON.stringify(trail.json())).not.toMatch(/argon2|initialPassword|passwordHash/);
  });
});
