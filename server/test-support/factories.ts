import crypto from 'node:crypto';
import type { Role } from '../../common/roles.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { createAccount } from '../modules/accounts/accounts.service.ts';
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
}

/** Creates an account with a unique e-mail through the real service (argon2id, audit entry). */
export async function buildAccount(
  db: Db,
  overrides: {
    role?: Role;
    stateM49?: string;
    locale?: 'ar' | 'zh' | 'en' | 'fr' | 'ru' | 'es';
    mustChangePassword?: boolean;
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
  return {
    id: account.id,
    email,
    password: overrides.mustChangePassword ? initialPassword : TEST_PASSWORD,
    role,
    stateM49: account.stateM49,
  };
}

export interface SignedIn {
  account: TestAccount;
  cookie: string;
  csrf: string;
  /** Headers for a cookie-authenticated write. */
  writeHeaders: Record<string, string>;
  headers: Record<string, string>;
}

export async function signIn(app: TestApp, account: TestAccount): Promise<SignedIn> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { email: account.email, password: account.password },
    remoteAddress: `10.${rand()}.${rand()}.${rand()}`,
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'pocdir_session');
  if (!cookie) throw new Error('no session cookie');
  const csrf = response.json<{ csrfToken: string }>().csrfToken;
  const cookieHeader = `pocdir_session=${cookie.value}`;
  return {
    account,
    cookie: cookieHeader,
    csrf,
    headers: { cookie: cookieHeader },
    writeHeaders: { cookie: cookieHeader, 'x-csrf-token': csrf },
  };
}

function rand(): number {
  return crypto.randomInt(0, 255);
}

/** Builds an account of `role` and signs it in. */
export async function signedIn(app: TestApp, db: Db, role: Role, stateM49?: string): Promise<SignedIn> {
  return signIn(app, await buildAccount(db, { role, ...(stateM49 ? { stateM49 } : {}) }));
}
