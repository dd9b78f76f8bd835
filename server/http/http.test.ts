import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../common/permissions.ts';
import { buildApp } from '../app.ts';
import { testConfig } from '../config.ts';
import { buildAccount, signIn, signedIn, TEST_PASSWORD } from '../test-support/factories.ts';
import { createHarness, openTestDatabase, type Harness } from '../test-support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('route table', () => {
  it('every API route declares its access, and each declared permission exists in the permission table', () => {
    const api = h.app.routeTable.filter((r) => r.url.startsWith('/api/v1'));
    expect(api.length).toBeGreaterThanOrEqual(12);
    for (const route of api) {
      const known =
        ['public', 'authenticated', 'any-session', 'enrolment'].includes(route.access) || route.access in PERMISSIONS;
      expect(known, `${route.method} ${route.url} → ${route.access}`).toBe(true);
    }
    // Only these are open without a session.
    const publicApi = api.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(publicApi.sort()).toEqual([
      'GET /api/v1/health',
      'HEAD /api/v1/health',
      // The nominee's single-use link: the token in the body is the credential.
      'POST /api/v1/acceptance',
      'POST /api/v1/acceptance/preview',
      // The acknowledgement link in a communication notice: the token in the body is the credential.
      'POST /api/v1/communications/acknowledge',
      // The ping test link from a check's mail: the token in the body is the credential.
      'POST /api/v1/ping-tests/acknowledge',
      'POST /api/v1/session',
    ]);
  });

  it('refuses to build an app with an API route that declares no access', async () => {
    const database = await openTestDatabase();
    try {
      const app = await buildApp({ config: testConfig(), database, logger: false });
      expect(() => app.get('/api/v1/forgotten', async () => 'open')).toThrow(/declares no access/);
      await app.close();
    } finally {
      await database.close();
    }
  });

  it('every non-public API route answers 401 without a session', async () => {
    const guarded = h.app.routeTable.filter(
      (r) => r.url.startsWith('/api/v1') && r.access !== 'public' && r.method !== 'HEAD',
    );
    for (const route of guarded) {
      const url = route.url.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':m49', '288');
      const response = await h.app.inject({
        method: route.method as 'GET',
        url,
        payload: route.method === 'GET' ? undefined : {},
      });
      expect(response.statusCode, `${route.method} ${url}`).toBe(401);
      expect(response.json().error.code).toBe('AUTH_REQUIRED');
    }
  });
});

describe('errors', () => {
  it('an unexpected error is a 500 with a request id and no internals, logged with its stack', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const database = await openTestDatabase();
    const app = await buildApp({ config: testConfig(), database, logger: { level: 'info', stream: sink } });
    app.get('/api/v1/explode', { config: { access: 'public' } }, async () => {
      throw new Error('secret connection string postgres://admin:hunter2@db');
    });
    try {
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/explode',
        headers: { 'accept-language': 'zh' },
      });
      expect(response.statusCode).toBe(500);
      const body = response.json();
      expect(body.error.code).toBe('INTERNAL_ERROR');
      expect(body.error.message).toContain('请重试');
      expect(body.error.requestId).toBe(response.headers['x-request-id']);
      expect(response.body).not.toContain('hunter2');
      expect(response.body).not.toContain('stack');
      expect(lines.join('')).toContain(body.error.requestId);
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('an unknown API route is ROUTE_NOT_FOUND', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('a body over the limit is PAYLOAD_TOO_LARGE', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.example', password: 'x'.repeat(2_000_000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('headers and OpenAPI', () => {
  it('sends strict security headers and no-store on API responses', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(response.json()).toMatchObject({ status: 'ok' });
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('adds HSTS when TLS is seen through a trusted proxy', async () => {
    const proxied = await createHarness({ TRUST_PROXY: true });
    try {
      const tls = await proxied.app.inject({
        method: 'GET',
        url: '/api/v1/health',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(tls.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
      const plain = await proxied.app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
      // Without TRUST_PROXY, a client's own X-Forwarded-Proto is ignored.
      const spoofed = await h.app.inject({
        method: 'GET',
        url: '/api/v1/health',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await proxied.close();
    }
  });

  it('serves the OpenAPI document and a browsable page', async () => {
    const spec = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec.json().paths['/api/v1/accounts'].post.description).toContain('accounts.create');
    const page = await h.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
  });
});

describe('logs', () => {
  it('never contain passwords, session tokens or CSRF tokens', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const database = await openTestDatabase();
    const app = await buildApp({ config: testConfig(), database, logger: { level: 'trace', stream: sink } });
    try {
      const manager = await signIn(app, await buildAccount(database.db, { role: 'directory_manager' }));
      await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: manager.account.email, password: 'wrong password!' },
      });
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/accounts',
        headers: manager.writeHeaders,
        payload: { email: 'logcheck@test.pocdir.example', displayName: 'L', role: 'auditor' },
      });
      const initialPassword = created.json().initialPassword as string;
      await app.inject({
        method: 'PUT',
        url: '/api/v1/session/password',
        headers: manager.writeHeaders,
        payload: { currentPassword: TEST_PASSWORD, newPassword: 'another long passphrase' },
      });
      const text = lines.join('');
      expect(text.length).toBeGreaterThan(0);
      expect(text).toContain('"reqId"');
      for (const secret of [
        TEST_PASSWORD,
        'wrong password!',
        'another long passphrase',
        initialPassword,
        manager.cookie.split('=')[1]!,
        manager.csrf,
      ]) {
        expect(text).not.toContain(secret);
      }
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe('session roles reach only their permissions', () => {
  it('each role sees exactly its abilities from the permission table', async () => {
    const auditor = await signedIn(h.app, h.database.db, 'auditor');
    const info = await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: auditor.headers });
    expect(info.json().abilities).toEqual({
      'states.read': true,
      'accounts.read': false,
      'accounts.create': false,
      'accounts.disable': false,
      'audit.read': true,
      // The auditor checks the trail, not the register.
      'directory.read': false,
      'directory.coverage': false,
      'directory.confirm': false,
      'directory.pseudonymise': false,
      'nominations.read': false,
      'nominations.submit': false,
      'nominations.verify': false,
      'communications.read': false,
      'communications.send': false,
      'communications.stats': false,
      'pingTests.manage': false,
      'pingTests.read': false,
      'pingTests.acknowledge': false,
    });
  });
});
