import crypto from 'node:crypto';
import type { Locale } from '../../../common/locales.ts';
import type { LoginRequest, PasswordChangeRequest } from '../../../common/schemas/session.ts';
import { accountActorOf, type AccountActor } from '../../auth/actor.ts';
import { hashToken } from '../../auth/token-hash.ts';
import { assertAcceptablePassword, hashPassword, verifyPassword } from '../../auth/passwords.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as accounts from '../accounts/accounts.repository.ts';
import * as repo from './session.repository.ts';
import { assertNotThrottled, recordFailedLogin, throttleKeys } from './login-throttle.ts';

export interface ClientMeta {
  address: string;
  userAgent: string | undefined;
  requestId: string;
}

/**
 * Signs in with e-mail and password. Throttled per account and per client address; a wrong
 * password, an unknown e-mail and a disabled account all give the same INVALID_CREDENTIALS.
 * Returns the session token for the cookie (never stored in clear) and the actor it opens.
 */
export async function signIn(
  db: Db,
  config: Config,
  input: LoginRequest,
  client: ClientMeta,
): Promise<{ token: string; actor: AccountActor }> {
  const now = new Date();
  const keys = throttleKeys(input.email, client.address);
  await assertNotThrottled(db, keys, now);
  const account = await accounts.unsafeFindAccountByEmail(db, input.email);
  const passwordOk = await verifyPassword(account?.passwordHash, input.password);
  if (!account || !passwordOk || account.disabledAt !== null) {
    await recordFailedLogin(db, config, keys, now);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const token = crypto.randomBytes(32).toString('base64url');
  const tokenHash = hashToken(token);
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + config.SESSION_MAX_HOURS * 3600_000);
  const actor: AccountActor = accountActorOf(account, { tokenHash, csrfToken, expiresAt });
  await db.transaction(async (tx) => {
    await repo.insertSession(tx, {
      tokenHash,
      accountId: account.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      clientAddress: client.address,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    await accounts.updateAccount(tx, account.id, { lastLoginAt: now });
    await repo.clearThrottle(tx, keys.account);
    await recordAudit(tx, actor, client.requestId, {
      action: 'session.sign_in',
      targetType: 'account',
      targetId: account.id,
      stateM49: account.stateM49,
      after: { clientAddress: client.address },
    });
  });
  return { token, actor };
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
  return accountActorOf(account, { tokenHash, csrfToken: session.csrfToken, expiresAt: session.expiresAt });
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
