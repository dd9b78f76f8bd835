import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import { buildAccount, signIn } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

interface Listed {
  sessions: { id: string; current: boolean; clientAddress: string | null; secondFactorMethod: string | null }[];
}

describe("an account's sessions", () => {
  it('lists the live sessions with the current one marked; revokes one, then all the others', async () => {
    const account = await buildAccount(h.database.db, { role: 'national_authority' });
    const laptop = await signIn(h.app, account);
    const phone = await signIn(h.app, account);
    const tablet = await signIn(h.app, account);

    const listed = await h.app.inject({ method: 'GET', url: '/api/v1/session/sessions', headers: laptop.headers });
    expect(listed.statusCode).toBe(200);
    const { sessions } = listed.json<Listed>();
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions.every((s) => s.secondFactorMethod !== null && s.clientAddress !== null)).toBe(true);
    expect(listed.body).not.toMatch(/[0-9a-f]{64}/); // no token hashes

    const phoneId = (await h.app.inject({ method: 'GET', url: '/api/v1/session/sessions', headers: phone.headers }))
      .json<Listed>()
      .sessions.find((s) => s.current)!.id;
    const revoked = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/session/sessions/${phoneId}`,
      headers: laptop.writeHeaders,
    });
    expect(revoked.json()).toEqual({ revoked: 1 });
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: phone.headers })).statusCode).toBe(
      401,
    );

    const others = await h.app.inject({
      method: 'DELETE',
      url: '/api/v1/session/sessions',
      headers: laptop.writeHeaders,
    });
    expect(others.json()).toEqual({ revoked: 1 });
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: tablet.headers })).statusCode).toBe(
      401,
    );
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: laptop.headers })).statusCode).toBe(
      200,
    );
  });

  it("cannot see or revoke another account's session", async () => {
    const mine = await signIn(h.app, await buildAccount(h.database.db, { role: 'point_of_contact' }));
    const theirs = await signIn(h.app, await buildAccount(h.database.db, { role: 'point_of_contact' }));
    const theirId = (
      await h.app.inject({ method: 'GET', url: '/api/v1/session/sessions', headers: theirs.headers })
    ).json<Listed>().sessions[0]!.id;
    const attempt = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/session/sessions/${theirId}`,
      headers: mine.writeHeaders,
    });
    expect(attempt.statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: theirs.headers })).statusCode).toBe(
      200,
    );
  });
});

describe('session expiry', () => {
  const sessionOf = async (signed: { headers: Record<string, string> }) =>
    (await h.app.inject({ method: 'GET', url: '/api/v1/session/sessions', headers: signed.headers }))
      .json<Listed>()
      .sessions.find((s) => s.current)!.id;
  const status = async (signed: { headers: Record<string, string> }) =>
    (await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: signed.headers })).statusCode;

  it('ends a session idle for longer than SESSION_IDLE_MINUTES, however young', async () => {
    const signed = await signIn(h.app, await buildAccount(h.database.db, { role: 'point_of_contact' }));
    const id = await sessionOf(signed);
    const idle = h.config.SESSION_IDLE_MINUTES;
    await h.database.db.execute(
      sql`update sessions set last_seen_at = now() - make_interval(mins => ${idle - 1}) where id = ${id}`,
    );
    expect(await status(signed)).toBe(200);
    await h.database.db.execute(
      sql`update sessions set last_seen_at = now() - make_interval(mins => ${idle + 1}) where id = ${id}`,
    );
    expect(await status(signed)).toBe(401);
  });

  it('ends a session SESSION_MAX_HOURS after sign-in, however busy', async () => {
    const account = await buildAccount(h.database.db, { role: 'national_authority' });
    const signed = await signIn(h.app, account);
    const id = await sessionOf(signed);
    const [row] = rowsOf<{ seconds: number }>(
      await h.database.db.execute(
        sql`select extract(epoch from expires_at - created_at)::int as seconds from sessions where id = ${id}`,
      ),
    );
    // Full lifetime from the second factor on (a pending session lives 10 minutes).
    const seconds = row?.seconds;
    expect(Math.abs((seconds ?? 0) - h.config.SESSION_MAX_HOURS * 3600)).toBeLessThan(60);
    await h.database.db.execute(sql`update sessions set expires_at = now() - interval '1 second' where id = ${id}`);
    expect(await status(signed)).toBe(401);
  });
});
