import crypto from 'node:crypto';
import { accountActorOf, type AccountActor } from '../../auth/actor.ts';
import { secretBoxFor } from '../../auth/secret-box.ts';
import { hashToken } from '../../auth/token-hash.ts';
import { acceptTotp } from '../../auth/totp.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { unsafeFindAccountById } from '../accounts/accounts.repository.ts';
import { assertWithinBudget, clearBudget, recordFailure } from '../session/failure-budget.ts';
import * as repo from './mfa.repository.ts';
import { recoveryCodeHash } from './recovery-codes.ts';
import { authenticationOptions, verifyAuthentication } from './webauthn.ts';

export type SecondFactorMethod = 'totp' | 'webauthn' | 'recovery';

interface Deps {
  db: Db;
  config: Config;
}

/** A session that has just been fully signed in: its new cookie token and actor. */
export interface Elevated {
  token: string;
  actor: AccountActor;
}

/**
 * Runs one second-factor attempt under the account's failure budget (LOGIN_MAX_FAILURES wrong
 * answers per LOGIN_LOCK_MINUTES, then SECOND_FACTOR_THROTTLED), so codes cannot be guessed.
 */
export async function underBudget<T>(deps: Deps, actor: AccountActor, attempt: () => Promise<T | null>): Promise<T> {
  const key = `mfa:${actor.accountId}`;
  const now = new Date();
  await assertWithinBudget(deps.db, [key], now, 'SECOND_FACTOR_THROTTLED');
  let result: T | null;
  try {
    result = await attempt();
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'WEBAUTHN_FAILED') throw error;
    result = null;
  }
  if (result === null) {
    await recordFailure(deps.db, deps.config, [{ key, limit: deps.config.LOGIN_MAX_FAILURES }], now);
    throw new AppError('SECOND_FACTOR_INVALID');
  }
  await clearBudget(deps.db, key);
  return result;
}

/** Checks a code of the account's confirmed authenticator, once per time step. */
export async function checkTotpCode(deps: Deps, actor: AccountActor, code: string): Promise<void> {
  await underBudget(deps, actor, async () => {
    const row = await repo.findTotp(deps.db, actor.accountId);
    if (!row?.secretSealed) return null;
    const step = acceptTotp(secretBoxFor(deps.config).open(row.secretSealed), code, row.lastStep, new Date());
    if (step === null) return null;
    return (await repo.claimTotpStep(deps.db, actor.accountId, step)) ? true : null;
  });
}

function assertPending(actor: AccountActor): void {
  if (actor.secondFactor !== 'pending') throw new AppError('SECOND_FACTOR_NOT_PENDING');
}

export async function signInWithTotp(deps: Deps, actor: AccountActor, code: string, requestId: string) {
  assertPending(actor);
  await checkTotpCode(deps, actor, code);
  return deps.db.transaction((tx) => elevate(tx, deps.config, actor, 'totp', requestId));
}

export async function signInWithRecoveryCode(deps: Deps, actor: AccountActor, code: string, requestId: string) {
  assertPending(actor);
  await underBudget(deps, actor, async () =>
    (await repo.useRecoveryCode(deps.db, actor.accountId, recoveryCodeHash(code), new Date())) ? true : null,
  );
  return deps.db.transaction(async (tx) => {
    const remaining = await repo.countUnusedRecoveryCodes(tx, actor.accountId);
    return elevate(tx, deps.config, actor, 'recovery', requestId, { recoveryCodesRemaining: remaining });
  });
}

export async function webauthnSignInOptions(deps: Deps, actor: AccountActor) {
  assertPending(actor);
  const credentials = await repo.listWebauthn(deps.db, actor.accountId);
  if (credentials.length === 0) throw new AppError('WEBAUTHN_FAILED');
  const options = await authenticationOptions(deps.config, credentials);
  await repo.setWebauthnChallenge(deps.db, actor.sessionTokenHash, options.challenge);
  return options;
}

export async function signInWithWebauthn(deps: Deps, actor: AccountActor, response: { id: string }, requestId: string) {
  assertPending(actor);
  await underBudget(deps, actor, async () => {
    const challenge = await deps.db.transaction((tx) => repo.takeWebauthnChallenge(tx, actor.sessionTokenHash));
    const credential = (await repo.listWebauthn(deps.db, actor.accountId)).find((c) => c.id === response.id);
    if (!challenge || !credential) return null;
    const counter = await verifyAuthentication(deps.config, response, challenge, credential);
    await repo.recordWebauthnUse(deps.db, credential.id, counter, new Date());
    return true;
  });
  return deps.db.transaction((tx) => elevate(tx, deps.config, actor, 'webauthn', requestId));
}

/** Fully signs the session in: new token, full lifetime, audit entry. */
export async function elevate(
  tx: Db,
  config: Config,
  actor: AccountActor,
  method: SecondFactorMethod,
  requestId: string,
  extra: Record<string, unknown> = {},
): Promise<Elevated> {
  const now = new Date();
  const token = crypto.randomBytes(32).toString('base64url');
  const tokenHash = hashToken(token);
  const expiresAt = new Date(now.getTime() + config.SESSION_MAX_HOURS * 3600_000);
  if (!(await repo.elevateSession(tx, actor.sessionTokenHash, { tokenHash, method, expiresAt, at: now }))) {
    throw new AppError('AUTH_REQUIRED');
  }
  const account = await unsafeFindAccountById(tx, actor.accountId);
  if (!account) throw new AppError('AUTH_REQUIRED');
  await recordAudit(tx, actor, requestId, {
    action: 'session.second_factor',
    targetType: 'account',
    targetId: actor.accountId,
    stateM49: actor.stateM49,
    after: { method, ...extra },
  });
  return {
    token,
    actor: accountActorOf(account, {
      tokenHash,
      csrfToken: actor.csrfToken,
      expiresAt,
      id: actor.sessionId,
      secondFactor: 'verified',
    }),
  };
}
