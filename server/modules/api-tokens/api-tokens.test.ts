import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import { sendRequest } from '../../test-support/communication-factories.ts';
import { buildEntry } from '../../test-support/directory-factories.ts';
import { buildAccount, signedIn, signIn, STATE_A, STATE_B, type SignedIn } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ LOGIN_MAX_FAILURES: 2, LOGIN_LOCK_MINUTES: 15 });
  const deps = { db: h.database.db, config: h.config };
  await buildEntry(deps, STATE_B);
});
afterAll(() => h.close());

async function createToken(session: SignedIn, body: object) {
  return h.app.inject({ method: 'POST', url: '/api/v1/api-tokens', headers: session.writeHeaders, payload: body });
}

function bearer(token: string, address = '203.0.113.1') {
  return { headers: { authorization: `Bearer ${token}` }, remoteAddress: address };
}

describe('API tokens for national systems', () => {
  it('is shown once, stored hashed, reads the directory without a cookie or CSRF, and records its last use', async () => {
    const session = await signedIn(h.app, h.database.db, 'point_of_contact', STATE_A);
    const created = await createToken(session, {
      name: 'CERT ticketing',
      scopes: ['directory.read'],
      expiresInDays: 30,
    });
    expect(created.statusCode).toBe(201);
    const { token, apiToken } = created.json<{ token: string; apiToken: { id: string; status: string } }>();
    expect(token).toMatch(/^pocdir_[A-Za-z0-9_-]{43}$/);
    expect(apiToken.status).toBe('active');

    const stored = rowsOf<{ token_hash: string }>(
      await h.database.db.execute(sql`select token_hash from api_tokens where id = ${apiToken.id}`),
    );
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token.slice(7));

    const read = await h.app.inject({
      method: 'GET',
      url: '/api/v1/directory/entries',
      ...bearer(token, '203.0.113.9'),
    });
    expect(read.statusCode).toBe(200);
    const listed = await h.app.inject({ method: 'GET', url: '/api/v1/api-tokens', headers: session.headers });
    const mine = listed.json<{ tokens: Record<string, unknown>[] }>().tokens.find((t) => t.id === apiToken.id)!;
    expect(mine).toMatchObject({ useCount: 1, lastUsedAddress: '203.0.113.9', scopes: ['directory.read'] });
    expect(mine.lastUsedAt).toEqual(expect.any(String));
    expect(JSON.stringify(listed.json())).not.toContain(token);
  });

  it('reaches only its scopes, and never session, MFA or token management', async () => {
    const session = await signedIn(h.app, h.database.db, 'point_of_contact', STATE_A);
    const { token } = (
      await createToken(session, { name: 'reader', scopes: ['directory.read'], expiresInDays: 1 })
    ).json();
    const send = await h.app.inject({
      method: 'POST',
      url: '/api/v1/communications',
      ...bearer(token),
      payload: sendRequest(STATE_B),
    });
    expect(send.statusCode).toBe(403);
    expect(send.json().error.code).toBe('TOKEN_SCOPE_MISSING');
    for (const [method, url] of [
      ['GET', '/api/v1/api-tokens'],
      ['POST', '/api/v1/api-tokens'],
      ['GET', '/api/v1/session/sessions'],
      ['GET', '/api/v1/mfa'],
      ['PUT', '/api/v1/session/password'],
    ] as const) {
      const response = await h.app.inject({
        method,
        url,
        ...bearer(token),
        payload: method === 'GET' ? undefined : {},
      });
      expect(response.json().error.code, `${method} ${url}`).toBe('TOKEN_SCOPE_MISSING');
    }
  });

  it('sends a communication with the communications.send scope, as the account and its State', async () => {
    const session = await signedIn(h.app, h.database.db, 'point_of_contact', STATE_A);
    const { token } = (
      await createToken(session, {
        name: 'ticketing',
        scopes: ['communications.send', 'communications.read'],
        expiresInDays: 90,
      })
    ).json();
    const sent = await h.app.inject({
      method: 'POST',
      url: '/api/v1/communications',
      ...bearer(token),
      payload: sendRequest(STATE_B),
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json().senderStateM49).toBe(STATE_A);
    const inbox = await h.app.inject({ method: 'GET', url: '/api/v1/communications?direction=out', ...bearer(token) });
    expect(inbox.statusCode).toBe(200);
  });

  it('refuses scopes the role does not have', async () => {
    const session = await signedIn(h.app, h.database.db, 'point_of_contact', STATE_A);
    const response = await createToken(session, { name: 'x', scopes: ['nominations.read'], expiresInDays: 1 });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('TOKEN_SCOPE_NOT_ALLOWED');
    const unknown = await createToken(session, { name: 'x', scopes: ['accounts.create'], expiresInDays: 1 });
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('stops working when revoked, expired, or its account is disabled', async () => {
    const session = await signedIn(h.app, h.database.db, 'point_of_contact', STATE_A);
    const make = async () =>
      (await createToken(session, { name: 'n', scopes: ['states.read'], expiresInDays: 1 })).json<{
        token: string;
        apiToken: { id: string };
      }>();
    const read = (token: string) =>
      h.app.inject({ method: 'GET', url: '/api/v1/states', ...bearer(token, '203.0.113.50') });

    const revoked = await make();
    expect((await read(revoked.token)).statusCode).toBe(200);
    const revoke = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-tokens/${revoked.apiToken.id}`,
      headers: session.writeHeaders,
    });
    expect(revoke.json().status).toBe('revoked');
    expect((await read(revoked.token)).json().error.code).toBe('API_TOKEN_INVALID');

    const expired = await make();
    await h.database.db.execute(
      sql`update api_tokens set expires_at = now() - interval '1 second' where id = ${expired.apiToken.id}`,
    );
    expect((await read(expired.token)).statusCode).toBe(401);

    const nationalAuthority = await signedIn(h.app, h.database.db, 'national_authority', STATE_A);
    const disabledOwner = await buildAccount(h.database.db, { role: 'point_of_contact', stateM49: STATE_A });
    const ownerSession = await signIn(h.app, disabledOwner);
    const ownerToken = (
      await createToken(ownerSession, { name: 'n', scopes: ['states.read'], expiresInDays: 1 })
    ).json<{ token: string }>().token;
    await h.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${disabledOwner.id}/disable`,
      headers: nationalAuthority.writeHeaders,
    });
    expect((await read(ownerToken)).json().error.code).toBe('API_TOKEN_INVALID');
  });

  it('another account cannot revoke or see a token; a guessing address is locked out', async () => {
    const owner = await signedIn(h.app, h.database.db, 'point_of_contact', STATE_A);
    const other = await signedIn(h.app, h.database.db, 'point_of_contact', STATE_A);
    const { apiToken, token } = (
      await createToken(owner, { name: 'n', scopes: ['states.read'], expiresInDays: 1 })
    ).json<{ token: string; apiToken: { id: string } }>();
    const foreign = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-tokens/${apiToken.id}`,
      headers: other.writeHeaders,
    });
    expect(foreign.statusCode).toBe(404);
    // LOGIN_MAX_FAILURES (2) × 4 wrong tokens from one address, then even a valid token is refused there.
    for (let i = 0; i < 8; i++) {
      const guess = await h.app.inject({
        method: 'GET',
        url: '/api/v1/states',
        ...bearer(`pocdir_guess${i}`, '203.0.113.77'),
      });
      expect(guess.json().error.code).toBe('API_TOKEN_INVALID');
    }
    const locked = await h.app.inject({ method: 'GET', url: '/api/v1/states', ...bearer(token, '203.0.113.77') });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/v1/states', ...bearer(token, '203.0.113.78') })).statusCode,
    ).toBe(200);
  });

  it("a national authority's token keeps its State scope: another State's nominations are not found", async () => {
    const authority = await signedIn(h.app, h.database.db, 'national_authority', STATE_A);
    const { token } = (
      await createToken(authority, { name: 'n', scopes: ['nominations.read'], expiresInDays: 1 })
    ).json<{ token: string }>();
    const own = await h.app.inject({ method: 'GET', url: `/api/v1/nominations?stateM49=${STATE_A}`, ...bearer(token) });
    expect(own.statusCode).toBe(200);
    const other = await h.app.inject({
      method: 'GET',
      url: `/api/v1/nominations?stateM49=${STATE_B}`,
      ...bearer(token),
    });
    expect(other.statusCode).toBe(404);
  });
});
