import crypto from 'node:crypto';
import type { Locale } from '../../../common/locales.ts';
import { TOTP_REQUIRED_ROLES } from '../../../common/permissions.ts';
import type { LoginRequest, PasswordChangeRequest, SessionListItem } from '../../../common/schemas/session.ts';
import { accountActorOf, type AccountActor, type SecondFactorState } from '../../auth/actor.ts';
import { hashToken } from '../../auth/token-hash.ts';
import { assertAcceptablePassword, hashPassword, verifyPassword } from '../../auth/passwords.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as accounts from '../accounts/accounts.repository.ts';
import { factorsOf } from '../mfa/mfa.repository.ts';
import * as repo from './session.repository.ts';
import { assertNotThrottled, recordFailedLogin, throttleKeys } from './login-throttle.ts';

export interface ClientMeta {
  address: string;
  userAgent: string | undefined;
  requestId: string;
}

// A session waiting for its second factor (or for a required authenticator) lives this long.
const SECOND_FACTOR_MINUTES = 10;

export type SecondFactorMethods = ('totp' | 'webauthn' | 'recovery')[];

/**
 * Signs in with e-mail and password. Throttled per account and per client address; a wrong
 * password, an unknown e-mail and a disabled account all give the same INVALID_CREDENTIALS.
 * An account with a second factor gets a 'pending' session that can only finish signing in; a
 * role that must have an authenticator app and has none gets an 'enrol' session that can only
 * set one up. Returns the session token for the cookie (never stored in clear) and its actor.
 */
export async function signIn(
  db: Db,
  config: Config,
  input: LoginRequest,
  client: ClientMeta,
): Promise<{ token: string; actor: AccountActor; methods: SecondFactorMethods }> {
  const now = new Date();
  const keys = throttleKeys(input.email, client.address);
  await assertNotThrottled(db, keys, now);
  const account = await accounts.unsafeFindAccountByEmail(db, input.email);
  const passwordOk = await verifyPassword(account?.passwordHash, input.password);
  if (!account || !passwordOk || account.disabledAt !== null) {
    await recordFailedLogin(db, config, keys, now);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const factors = await factorsOf(db, account.id);
  const methods: SecondFactorMethods = [
    ...(factors.totp ? (['totp'] as const) : []),
    ...(factors.webauthn > 0 ? (['webauthn'] as const) : []),
    ...(factors.recovery > 0 && (factors.totp || factors.webauthn > 0) ? (['recovery'] as const) : []),
  ];
  const secondFactor: SecondFactorState =
    factors.totp || factors.webauthn > 0
      ? 'pending'
      : TOTP_REQUIRED_ROLES.includes(account.role)
        ? 'enrol'
        : 'verified';
  const token = crypto.randomBytes(32).toString('base64url');
  const tokenHash = hashToken(token);
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const lifetimeMs = secondFactor === 'verified' ? config.SESSION_MAX_HOURS * 3600_000 : SECOND_FACTOR_MINUTES * 60_000;
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  const id = crypto.randomUUID();
  const actor: AccountActor = accountActorOf(account, { tokenHash, csrfToken, expiresAt, id, secondFactor });
  await db.transaction(async (tx) => {
    await repo.insertSession(tx, {
      id,
      tokenHash,
      accountId: account.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      clientAddress: client.address,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      secondFactor,
    });
    await accounts.updateAccount(tx, account.id, { lastLoginAt: now });
    await repo.clearThrottle(tx, keys.account);
    await recordAudit(tx, actor, client.requestId, {
      action: 'session.sign_in',
      targetType: 'account',
      targetId: account.id,
      stateM49: account.stateM49,
      // The address stays with the session (its owner's sessions list); the append-only trail keeps
      // no personal data that a pseudonymisation could not erase.
      after: { secondFactor },
    });
  });
  return { token, actor, methods: secondFactor === 'pending' ? methods : [] };
}

// lastSeenAt is refreshed at most this often, so reads do not each cost a write.
const TOUCH_INTERVAL_MS = 60_000;

/** The actor behind a session cookie, or null when the session is unknown, expired, idle or revoked. */
export async function resolveSession(db: Db, config: Config, token: string): Promise<AccountActor | null> {
  const now = new Date();
  const idleSince = new Date(now.getTime() - config.SESSION_IDLE_MINUTES * 60_000);
  const tokenHash = hashToken(token);
  const found = await repo.findLiveSession(db, tokenHash, now, idleSince);
  if (!found) return null;
  if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await repo.touchSession(db, tokenHash, now);
  }
  const { account, session } = found;
  return accountActorOf(account, {
    tokenHash,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    id: session.id,
    secondFactor: session.secondFactor,
  });
}

/** The second factors a pending session may finish with. */
export async function secondFactorMethods(db: Db, actor: AccountActor): Promise<SecondFactorMethods> {
  if (actor.secondFactor !== 'pending') return [];
  const factors = await factorsOf(db, actor.accountId);
  return [
    ...(factors.totp ? (['totp'] as const) : []),
    ...(factors.webauthn > 0 ? (['webauthn'] as const) : []),
    ...(factors.recovery > 0 ? (['recovery'] as const) : []),
  ];
}

/** The caller's live sessions (this one marked), newest first. */
export async function listSessions(db: Db, config: Config, actor: AccountActor): Promise<SessionListItem[]> {
  const now = new Date();
  const idleSince = new Date(now.getTime() - config.SESSION_IDLE_MINUTES * 60_000);
  const rows = await repo.listLiveSessions(db, actor.accountId, now, idleSince);
  return rows.map((row) => ({
    id: row.id,
    current: row.id === actor.sessionId,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    clientAddress: row.clientAddress,
    userAgent: row.userAgent,
    secondFactorMethod: (row.secondFactorMethod as SessionListItem['secondFactorMethod']) ?? null,
  }));
}

/** Ends one of the caller's sessions (another device), or all the others when `id` is 'others'. */
export async function revokeOwnSessions(
  db: Db,
  actor: AccountActor,
  which: { id: string } | 'others',
  requestId: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const revoked =
      which === 'others'
        ? await repo.revokeAccountSessions(tx, actor.accountId, now, actor.sessionTokenHash)
        : await repo.revokeSessionById(tx, actor.accountId, which.id, now);
    if (which !== 'others' && revoked === 0) throw new AppError('NOT_FOUND');
    if (revoked > 0) {
      await recordAudit(tx, actor, requestId, {
        action: 'session.revoke',
        targetType: 'account',
        targetId: actor.accountId,
        stateM49: actor.stateM49,
        after: which === 'others' ? { others: revoked } : { sessionId: which.id },
      });
    }
    return revoked;
  });
}

/** Ends the caller's session (server-side: the token stops working everywhere at once). */
export async function signOut(db: Db, actor: AccountActor, requestId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const revoked = await repo.revokeSession(tx, actor.sessionTokenHash, new Date());
    if (!revoked) return;
    await recordAudit(tx, actor, requestId, {
      action: 'session.sign_out',
      targetType: 'account',
      targetId: actor.accountId,
      stateM49: actor.stateM49,
    });
  });
}

/** Changes the caller's password and ends all their other sessions. */
export async function changePassword(
  db: Db,
  actor: AccountActor,
  input: PasswordChangeRequest,
  requestId: string,
): Promise<void> {
  const account = await accounts.unsafeFindAccountById(db, actor.accountId);
  if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw new AppError('CURRENT_PASSWORD_INCORRECT', { details: [{ field: '/currentPassword', reason: 'incorrect' }] });
  }
  assertAcceptablePassword(input.newPassword, actor.email);
  if (input.newPassword === input.currentPassword) {
    throw new AppError('PASSWORD_TOO_WEAK', { details: [{ field: '/newPassword', reason: 'unchanged' }] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await accounts.updateAccount(tx, actor.accountId, { passwordHash, mustChangePassword: false });
    const revoked = await repo.revokeAccountSessions(tx, actor.accountId, new Date(), actor.sessionTokenHash);
    await recordAudit(tx, actor, requestId, {
      action: 'account.password_change',
      targetType: 'account',
      targetId: actor.accountId,
      stateM49: actor.stateM49,
      after: { otherSessionsRevoked: revoked },
    });
  });
}

/** Remembers the caller's language. */
export async function setLocale(db: Db, actor: AccountActor, locale: Locale, requestId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await accounts.updateAccount(tx, actor.accountId, { locale });
    await recordAudit(tx, actor, requestId, {
      action: 'account.set_locale',
      targetType: 'account',
      targetId: actor.accountId,
      stateM49: actor.stateM49,
      before: { locale: actor.locale },
      after: { locale },
    });
  });
}
