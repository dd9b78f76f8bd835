import { execFileSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import { buildAccount, signIn, TEST_PASSWORD, type TestAccount } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ LOGIN_MAX_FAILURES: 3, LOGIN_LOCK_MINUTES: 15 });
});
afterAll(() => h.close());

/** A TOTP code from Debian's oathtool, an implementation independent of ours (RFC 6238 interop). */
function oathtool(secret: string, at: Date): string {
  return execFileSync('oathtool', ['--totp', '-b', '--now', `@${Math.floor(at.getTime() / 1000)}`, secret], {
    encoding: 'utf8',
  }).trim();
}

const STEP = 30_000;
let address = 0;

async function passwordStep(account: TestAccount) {
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { email: account.email, password: TEST_PASSWORD },
    remoteAddress: `198.51.100.${++address}`,
  });
  expect(response.statusCode).toBe(200);
  const cookie = response.cookies.find((c) => c.name === 'pocdir_session')!.value;
  const body = response.json<{ csrfToken: string; secondFactor: string; secondFactorMethods: string[] }>();
  return { body, headers: { cookie: `pocdir_session=${cookie}`, 'x-csrf-token': body.csrfToken } };
}

function post(url: string, headers: Record<string, string>, payload: object = {}) {
  return h.app.inject({ method: 'POST', url, headers, payload });
}

function cookieOf(response: { cookies: { name: string; value: string }[] }): string {
  return `pocdir_session=${response.cookies.find((c) => c.name === 'pocdir_session')!.value}`;
}

describe('TOTP, mandatory for directory managers and national authorities', () => {
  it('a national authority without an authenticator must set one up first; codes from oathtool are accepted', async () => {
    const account = await buildAccount(h.database.db, { role: 'national_authority', totp: false });
    const first = await passwordStep(account);
    expect(first.body.secondFactor).toBe('enrol');
    // Nothing but the set-up works yet.
    const blocked = await h.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: first.headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('MFA_ENROLMENT_REQUIRED');

    const started = await post('/api/v1/mfa/totp', first.headers);
    expect(started.statusCode).toBe(200);
    const { secret, otpauthUri, qrSvg } = started.json<{ secret: string; otpauthUri: string; qrSvg: string }>();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(otpauthUri).toContain('issuer=pocdir');
    expect(qrSvg).toContain('<svg');

    const wrong = await post('/api/v1/mfa/totp/confirm', first.headers, { code: '000000' });
    expect(wrong.json().error.code).toBe('SECOND_FACTOR_INVALID');
    const confirmed = await post('/api/v1/mfa/totp/confirm', first.headers, { code: oathtool(secret, new Date()) });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes, session } = confirmed.json<{ recoveryCodes: string[]; session: { secondFactor: string } }>();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(session.secondFactor).toBe('verified');
    // The session continues under a new token; the one issued after the password alone is dead.
    const headers = { cookie: cookieOf(confirmed), 'x-csrf-token': first.headers['x-csrf-token'] };
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/accounts', headers })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: first.headers })).statusCode).toBe(
      401,
    );

    // The next sign-in asks for a code; oathtool's code for the next time step is accepted once.
    const second = await passwordStep(account);
    expect(second.body.secondFactor).toBe('pending');
    expect(second.body.secondFactorMethods).toEqual(['totp', 'recovery']);
    const pendingRead = await h.app.inject({
      method: 'GET',
      url: '/api/v1/directory/entries',
      headers: second.headers,
    });
    expect(pendingRead.statusCode).toBe(401);
    expect(pendingRead.json().error.code).toBe('SECOND_FACTOR_REQUIRED');
    const code = oathtool(secret, new Date(Date.now() + STEP));
    const done = await post('/api/v1/session/second-factor/totp', second.headers, { code });
    expect(done.statusCode).toBe(200);
    expect(done.json().secondFactor).toBe('verified');

    const third = await passwordStep(account);
    const replay = await post('/api/v1/session/second-factor/totp', third.headers, { code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('SECOND_FACTOR_INVALID');
  });

  it('stores the secret sealed, never in clear', async () => {
    const account = await buildAccount(h.database.db, { role: 'directory_manager' });
    const rows = rowsOf<{ secret_sealed: string }>(
      await h.database.db.execute(sql`select secret_sealed from totp_factors where account_id = ${account.id}`),
    );
    expect(rows[0]!.secret_sealed).toMatch(/^v1\./);
    expect(rows[0]!.secret_sealed).not.toContain(account.totpSecret!);
  });

  it('throttles wrong codes per account, then refuses even the right one, with Retry-After', async () => {
    const account = await buildAccount(h.database.db, { role: 'directory_manager' });
    const pending = await passwordStep(account);
    for (let i = 0; i < 3; i++) {
      const response = await post('/api/v1/session/second-factor/totp', pending.headers, { code: '123456' });
      expect(response.json().error.code).toBe('SECOND_FACTOR_INVALID');
    }
    const locked = await post('/api/v1/session/second-factor/totp', pending.headers, {
      code: oathtool(account.totpSecret!, new Date(Date.now() + STEP)),
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('SECOND_FACTOR_THROTTLED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a recovery code signs in once', async () => {
    const account = await buildAccount(h.database.db, { role: 'national_authority' });
    const code = account.recoveryCodes![0]!;
    const pending = await passwordStep(account);
    const used = await post('/api/v1/session/second-factor/recovery', pending.headers, { code: code.toUpperCase() });
    expect(used.statusCode).toBe(200);
    const status = await h.app.inject({
      method: 'GET',
      url: '/api/v1/mfa',
      headers: { cookie: cookieOf(used), 'x-csrf-token': pending.headers['x-csrf-token'] },
    });
    expect(status.json().recoveryCodesRemaining).toBe(9);
    const again = await passwordStep(account);
    const reused = await post('/api/v1/session/second-factor/recovery', again.headers, { code });
    expect(reused.json().error.code).toBe('SECOND_FACTOR_INVALID');
  });

  it('replacing an authenticator needs a code from the current one; managers cannot remove theirs', async () => {
    const account = await buildAccount(h.database.db, { role: 'directory_manager' });
    const session = await signIn(h.app, account);
    const noCode = await post('/api/v1/mfa/totp', session.writeHeaders);
    expect(noCode.json().error.code).toBe('SECOND_FACTOR_INVALID');
    const remove = await h.app.inject({
      method: 'DELETE',
      url: '/api/v1/mfa/totp',
      headers: session.writeHeaders,
      payload: { code: oathtool(account.totpSecret!, new Date(Date.now() + STEP)) },
    });
    expect(remove.json().error.code).toBe('TOTP_REQUIRED_FOR_ROLE');
    // An abandoned replacement leaves the working authenticator in place.
    const currentCode = oathtool(account.totpSecret!, new Date(Date.now() + STEP));
    const replaced = await post('/api/v1/mfa/totp', session.writeHeaders, { currentCode });
    expect(replaced.statusCode).toBe(200);
    const next = await passwordStep(account);
    expect(next.body.secondFactor).toBe('pending');
  });

  it('a point of contact signs in with a password alone until it opts in; then may remove it', async () => {
    const account = await buildAccount(h.database.db, { role: 'point_of_contact' });
    const plain = await passwordStep(account);
    expect(plain.body.secondFactor).toBe('verified');
    const started = await post('/api/v1/mfa/totp', plain.headers);
    const secret = started.json<{ secret: string }>().secret;
    const confirmed = await post('/api/v1/mfa/totp/confirm', plain.headers, { code: oathtool(secret, new Date()) });
    expect(confirmed.json().recoveryCodes).toHaveLength(10);
    const next = await passwordStep(account);
    expect(next.body.secondFactor).toBe('pending');
    const done = await post('/api/v1/session/second-factor/totp', next.headers, {
      code: oathtool(secret, new Date(Date.now() + STEP)),
    });
    const headers = { cookie: cookieOf(done), 'x-csrf-token': next.headers['x-csrf-token'] };
    const badRemove = await h.app.inject({
      method: 'DELETE',
      url: '/api/v1/mfa/totp',
      headers,
      payload: { code: '111111' },
    });
    expect(badRemove.json().error.code).toBe('SECOND_FACTOR_INVALID');
  });

  it('refuses a WebAuthn answer that was not made for this site and challenge', async () => {
    const session = await signIn(h.app, await buildAccount(h.database.db, { role: 'point_of_contact' }));
    const options = await post('/api/v1/mfa/webauthn/options', session.writeHeaders);
    expect(options.statusCode).toBe(200);
    expect(options.json().rp).toEqual({ name: 'pocdir', id: 'localhost' });
    const forged = await post('/api/v1/mfa/webauthn', session.writeHeaders, {
      name: 'forged',
      response: {
        id: 'AAAA',
        rawId: 'AAAA',
        type: 'public-key',
        response: { clientDataJSON: 'e30', attestationObject: 'oA' },
        clientExtensionResults: {},
      },
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('WEBAUTHN_FAILED');
  });
});

describe('a lost authenticator', () => {
  it("the State's national authority resets a colleague's second factors; the next sign-in sets one up again", async () => {
    const authority = await signIn(h.app, await buildAccount(h.database.db, { role: 'national_authority' }));
    const colleague = await buildAccount(h.database.db, { role: 'national_authority' });
    const colleagueSession = await signIn(h.app, colleague);
    const other = await signIn(
      h.app,
      await buildAccount(h.database.db, { role: 'national_authority', stateM49: '250' }),
    );
    const url = `/api/v1/accounts/${colleague.id}/reset-second-factor`;
    expect((await post(url, other.writeHeaders)).statusCode).toBe(404);
    const reset = await post(url, authority.writeHeaders);
    expect(reset.json()).toEqual({ totp: true, securityKeys: 0, revokedSessions: 1 });
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: colleagueSession.headers })).statusCode,
    ).toBe(401);
    const next = await passwordStep(colleague);
    expect(next.body.secondFactor).toBe('enrol');
  });
});
