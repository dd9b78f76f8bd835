import crypto from 'node:crypto';
import { TOTP_REQUIRED_ROLES } from '../../common/permissions.ts';
import type { Role } from '../../common/roles.ts';
import { accountActorOf, SYSTEM_ACTOR } from '../auth/actor.ts';
import { totpCodeAt } from '../auth/totp.ts';
import { testConfig } from '../config.ts';
import type { Db } from '../db/client.ts';
import { createAccount } from '../modules/accounts/accounts.service.ts';
import { confirmTotp, startTotp } from '../modules/mfa/mfa.service.ts';
import type { TestApp } from './harness.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

// States used by tests; accounts are unique per test, so files can share these safely.
export const STATE_A = '288'; // Ghana
export const STATE_B = '250'; // France

export interface TestAccount {
  id: string;
  email: string;
  password: string;
  role: Role;
  stateM49: string | null;
  /** The authenticator app's secret (base32), when the account has one. */
  totpSecret?: string;
  /** Unused recovery codes, when the account has them. */
  recoveryCodes?: string[];
  /** The newest TOTP time step used, so each sign-in uses a fresh code as a person would. */
  lastTotpStep?: number;
}

const TOTP_PERIOD_MS = 30_000;

/** Creates an account with a unique e-mail through the real service (argon2id, audit entry). */
export async function buildAccount(
  db: Db,
  overrides: {
    role?: Role;
    stateM49?: string;
    locale?: 'ar' | 'zh' | 'en' | 'fr' | 'ru' | 'es';
    mustChangePassword?: boolean;
    /** Roles that must have an authenticator get one unless this is false (to test enrolment). */
    totp?: boolean;
  } = {},
): Promise<TestAccount> {
  const role = overrides.role ?? 'point_of_contact';
  const stateBound = role === 'national_authority' || role === 'point_of_contact';
  const email = `${role}.${crypto.randomUUID().slice(0, 8)}@test.pocdir.example`;
  const { account, initialPassword } = await createAccount(
    db,
    SYSTEM_ACTOR,
    {
      email,
      displayName: `Test ${role}`,
      role,
      ...(stateBound ? { stateM49: overrides.stateM49 ?? STATE_A } : {}),
      locale: overrides.locale ?? 'en',
    },
    null,
    overrides.mustChangePassword ? {} : { password: TEST_PASSWORD },
  );
  const built: TestAccount = {
    id: account.id,
    email,
    password: overrides.mustChangePassword ? initialPassword : TEST_PASSWORD,
    role,
    stateM49: account.stateM49,
  };
  if (overrides.totp ?? TOTP_REQUIRED_ROLES.includes(role)) await setUpTotp(db, built);
  return built;
}

/** Sets up an authenticator app through the real MFA service, as the account holder would. */
export async function setUpTotp(db: Db, account: TestAccount): Promise<void> {
  const deps = { db, config: testConfig() };
  const actor = accountActorOf(
    { ...account, displayName: account.email, locale: 'en', mustChangePassword: false },
    null,
  );
  const { secret } = await startTotp(deps, actor, {});
  // Confirm with the previous step's code, leaving the current and next steps for sign-ins.
  const step = Math.floor(Date.now() / TOTP_PERIOD_MS) - 1;
  const { recoveryCodes } = await confirmTotp(
    deps,
    actor,
    totpCodeAt(secret, new Date(step * TOTP_PERIOD_MS)),
    'factory',
  );
  account.totpSecret = secret;
  account.recoveryCodes = recoveryCodes;
  account.lastTotpStep = step;
}

/**
 * A code the server will accept now: a step within its ±1 window newer than the last one used;
 * when three sign-ins within 30 s have used them all, a recovery code instead.
 */
export function nextSecondFactor(account: TestAccount): { kind: 'totp' | 'recovery'; code: string } {
  const now = Math.floor(Date.now() / TOTP_PERIOD_MS);
  const step = Math.max(now - 1, (account.lastTotpStep ?? -Infinity) + 1);
  if (account.totpSecret && step <= now + 1) {
    account.lastTotpStep = step;
    return { kind: 'totp', code: totpCodeAt(account.totpSecret, new Date(step * TOTP_PERIOD_MS)) };
  }
  const code = account.recoveryCodes?.shift();
  if (!code) throw new Error(`no second factor left for ${account.email}`);
  return { kind: 'recovery', code };
}

export interface SignedIn {
  account: TestAccount;
  cookie: string;
  csrf: string;
  /** Headers for a cookie-authenticated write. */
  writeHeaders: Record<string, string>;
  headers: Record<string, string>;
}

/**
 * Signs in through the real routes, including the second factor: a code from the account's
 * authenticator (or a recovery code), or, for a role that must have one and has none yet, the
 * set-up of an authenticator app, as a person at the sign-in page would.
 */
export async function signIn(app: TestApp, account: TestAccount): Promise<SignedIn> {
  const remoteAddress = `10.${rand()}.${rand()}.${rand()}`;
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { email: account.email, password: account.password },
    remoteAddress,
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  let cookie = response.cookies.find((c) => c.name === 'pocdir_session');
  if (!cookie) throw new Error('no session cookie');
  const session = response.json<{ csrfToken: string; secondFactor: string }>();
  const csrf = session.csrfToken;
  const headersOf = (value: string) => ({ cookie: `pocdir_session=${value}`, 'x-csrf-token': csrf });
  if (session.secondFactor === 'pending') {
    const factor = nextSecondFactor(account);
    const step = await app.inject({
      method: 'POST',
      url: `/api/v1/session/second-factor/${factor.kind}`,
      headers: headersOf(cookie.value),
      payload: { code: factor.code },
      remoteAddress,
    });
    if (step.statusCode !== 200) throw new Error(`second factor failed: ${step.statusCode} ${step.body}`);
    cookie = step.cookies.find((c) => c.name === 'pocdir_session') ?? cookie;
  } else if (session.secondFactor === 'enrol') {
    cookie = await enrolOnSignIn(app, account, headersOf(cookie.value), remoteAddress);
  }
  const cookieHeader = `pocdir_session=${cookie.value}`;
  return {
    account,
    cookie: cookieHeader,
    csrf,
    headers: { cookie: cookieHeader },
    writeHeaders: { cookie: cookieHeader, 'x-csrf-token': csrf },
  };
}

async function enrolOnSignIn(
  app: TestApp,
  account: TestAccount,
  headers: Record<string, string>,
  remoteAddress: string,
): Promise<{ name: string; value: string }> {
  const started = await app.inject({ method: 'POST', url: '/api/v1/mfa/totp', headers, payload: {}, remoteAddress });
  if (started.statusCode !== 200) throw new Error(`TOTP set-up failed: ${started.statusCode} ${started.body}`);
  account.totpSecret = started.json<{ secret: string }>().secret;
  account.lastTotpStep = undefined;
  const { code } = nextSecondFactor(account);
  const confirmed = await app.inject({
    method: 'POST',
    url: '/api/v1/mfa/totp/confirm',
    headers,
    payload: { code },
    remoteAddress,
  });
  if (confirmed.statusCode !== 200) throw new Error(`TOTP confirm failed: ${confirmed.statusCode} ${confirmed.body}`);
  account.recoveryCodes = confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes;
  const cookie = confirmed.cookies.find((c) => c.name === 'pocdir_session');
  if (!cookie) throw new Error('no session cookie after TOTP set-up');
  return cookie;
}

function rand(): number {
  return crypto.randomInt(0, 255);
}

/** Builds an account of `role` and signs it in. */
export async function signedIn(app: TestApp, db: Db, role: Role, stateM49?: string): Promise<SignedIn> {
  return signIn(app, await buildAccount(db, { role, ...(stateM49 ? { stateM49 } : {}) }));
}
