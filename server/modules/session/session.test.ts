import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, signIn, TEST_PASSWORD } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ LOGIN_MAX_FAILURES: 3, LOGIN_LOCK_MINUTES: 15 });
});
afterAll(() => h.close());

function login(email: string, password: string, address = '192.0.2.10', lang = 'en') {
  return h.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { email, password },
    remoteAddress: address,
    headers: { 'accept-language': lang },
  });
}

describe('POST /api/v1/session (sign in)', () => {
  it('signs in, sets an HttpOnly SameSite=Strict cookie (not Secure over http) and returns abilities', async () => {
    const account = await buildAccount(h.database.db, { role: 'national_authority' });
    const response = await login(account.email.toUpperCase(), TEST_PASSWORD, '192.0.2.1');
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'pocdir_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(cookie?.secure).toBeFalsy();
    const body = response.json();
    expect(body.account.role).toBe('national_authority');
    expect(body.abilities['accounts.create']).toBe(true);
    expect(body.abilities['audit.read']).toBe(false);
    expect(body.creatableRoles).toEqual(['national_authority', 'point_of_contact']);
    expect(JSON.stringify(body)).not.toContain('passwordHash');
  });

  it('marks the cookie Secure when pocdir is served over TLS', async () => {
    const tls = await createHarness({ PUBLIC_URL: 'https://pocdir.example.org' });
    try {
      const account = await buildAccount(tls.database.db);
      const response = await tls.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: account.email, password: TEST_PASSWORD },
      });
      expect(response.cookies.find((c) => c.name === 'pocdir_session')?.secure).toBe(true);
      expect(response.headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await tls.close();
    }
  });

  it('answers a wrong password and an unknown e-mail alike, in the caller language', async () => {
    const account = await buildAccount(h.database.db);
    const wrong = await login(account.email, 'not the password', '192.0.2.2', 'fr');
    const unknown = await login('nobody@test.pocdir.example', 'whatever', '192.0.2.2', 'fr');
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('INVALID_CREDENTIALS');
      expect(response.json().error.message).toContain('mot de passe');
    }
  });

  it('refuses a disabled account with INVALID_CREDENTIALS', async () => {
    const manager = await signIn(h.app, await buildAccount(h.database.db, { role: 'directory_manager' }));
    const target = await buildAccount(h.database.db, { role: 'national_authority' });
    const disabled = await h.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${target.id}/disable`,
      headers: manager.writeHeaders,
    });
    expect(disabled.statusCode).toBe(200);
    const response = await login(target.email, TEST_PASSWORD, '192.0.2.3');
    expect(response.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('throttles an account after LOGIN_MAX_FAILURES failures, even with the right password, with Retry-After', async () => {
    const account = await buildAccount(h.database.db);
    for (let i = 0; i < 3; i++) expect((await login(account.email, 'wrong', `198.51.100.${i}`)).statusCode).toBe(401);
    const locked = await login(account.email, TEST_PASSWORD, '198.51.100.99', 'ar');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('LOGIN_THROTTLED');
    expect(locked.json().error.message).toMatch(/دقيقة/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
  });

  it('throttles a client address that tries many accounts', async () => {
    const address = '203.0.113.77';
    for (let i = 0; i < 12; i++) await login(`spray${i}@test.pocdir.example`, 'guess', address);
    const account = await buildAccount(h.database.db);
    expect((await login(account.email, TEST_PASSWORD, address)).json().error.code).toBe('LOGIN_THROTTLED');
    expect((await login(account.email, TEST_PASSWORD, '203.0.113.78')).statusCode).toBe(200);
  });

  it('rejects invalid bodies with VALIDATION_FAILED per field', async () => {
    const response = await h.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'not-an-email' } });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details).toEqual(
      expect.arrayContaining([
        { field: '/email', reason: 'format' },
        { field: '/password', reason: 'required' },
      ]),
    );
  });

  it('rejects malformed JSON and wrong content types with catalogue codes', async () => {
    const malformed = await h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(malformed.json().error.code).toBe('MALFORMED_JSON');
    const wrongType = await h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('session lifecycle', () => {
  it('GET /api/v1/session needs a session (401)', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/v1/session' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('sign-out revokes the session on the server: the same cookie stops working', async () => {
    const session = await signIn(h.app, await buildAccount(h.database.db));
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: session.headers })).statusCode).toBe(
      200,
    );
    const out = await h.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: session.writeHeaders });
    expect(out.statusCode).toBe(204);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: session.headers })).statusCode).toBe(
      401,
    );
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const session = await signIn(h.app, await buildAccount(h.database.db));
    const missing = await h.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: session.headers });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await h.app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { ...session.headers, 'x-csrf-token': 'x'.repeat(session.csrf.length) },
    });
    expect(wrong.json().error.code).toBe('CSRF_TOKEN_INVALID');
  });

  it('changes the password, ends the other sessions and keeps this one', async () => {
    const account = await buildAccount(h.database.db);
    const first = await signIn(h.app, account);
    const second = await signIn(h.app, account);
    const weak = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/session/password',
      headers: first.writeHeaders,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'aaaaaaaaaaaaaaaa' },
    });
    expect(weak.json().error.code).toBe('PASSWORD_TOO_WEAK');
    const wrongCurrent = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/session/password',
      headers: first.writeHeaders,
      payload: { currentPassword: 'not it', newPassword: 'a much better passphrase' },
    });
    expect(wrongCurrent.json().error.code).toBe('CURRENT_PASSWORD_INCORRECT');
    const changed = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/session/password',
      headers: first.writeHeaders,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a much better passphrase' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: first.headers })).statusCode).toBe(
      200,
    );
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: second.headers })).statusCode).toBe(
      401,
    );
    expect((await login(account.email, 'a much better passphrase', '192.0.2.50')).statusCode).toBe(200);
  });

  it('an account with a one-time password can only change it until it does', async () => {
    const account = await buildAccount(h.database.db, { role: 'national_authority', mustChangePassword: true });
    const session = await signIn(h.app, account);
    const blocked = await h.app.inject({ method: 'GET', url: '/api/v1/states', headers: session.headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/session/password',
      headers: session.writeHeaders,
      payload: { currentPassword: account.password, newPassword: 'my own long passphrase' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/states', headers: session.headers })).statusCode).toBe(
      200,
    );
  });

  it('remembers the language per account', async () => {
    const account = await buildAccount(h.database.db);
    const session = await signIn(h.app, account);
    const bad = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/session/preferences',
      headers: session.writeHeaders,
      payload: { locale: 'de' },
    });
    expect(bad.json().error.details[0].field).toBe('/locale');
    const ok = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/session/preferences',
      headers: session.writeHeaders,
      payload: { locale: 'ar' },
    });
    expect(ok.statusCode).toBe(204);
    const again = await signIn(h.app, account);
    const info = await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: again.headers });
    expect(info.json().account.locale).toBe('ar');
    // Without Accept-Language, errors come in the account's language.
    const denied = await h.app.inject({ method: 'GET', url: '/api/v1/audit', headers: again.headers });
    expect(denied.json().error.message).toBe('دورك لا يسمح بهذا الإجراء.');
  });
});
