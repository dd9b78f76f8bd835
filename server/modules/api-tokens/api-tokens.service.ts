import crypto from 'node:crypto';
import { scopeOf, TOKEN_SCOPES, type Permission } from '../../../common/permissions.ts';
import type { ApiTokenCreateRequest } from '../../../common/schemas/api-tokens.ts';
import { tokenActorOf, type AccountActor } from '../../auth/actor.ts';
import { hashToken } from '../../auth/token-hash.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { ADDRESS_BUDGET_FACTOR } from '../session/login-throttle.ts';
import { assertWithinBudget, recordFailure } from '../session/failure-budget.ts';
import { presentApiToken } from './api-tokens.presenter.ts';
import * as repo from './api-tokens.repository.ts';

/** Tokens are recognisable in logs and secret scanners by this prefix; the rest is 256 random bits. */
export const API_TOKEN_PREFIX = 'pocdir_';

/**
 * Creates a token for the caller's own account. Its scopes must be permissions the role has and
 * that tokens may carry (TOKEN_SCOPES): a token never reaches further than its account.
 */
export async function createApiToken(db: Db, actor: AccountActor, input: ApiTokenCreateRequest, requestId: string) {
  const refused = input.scopes.filter(
    (scope) => !(TOKEN_SCOPES as readonly string[]).includes(scope) || scopeOf(actor.role, scope) === undefined,
  );
  if (refused.length > 0) {
    throw new AppError('TOKEN_SCOPE_NOT_ALLOWED', {
      details: refused.map((scope) => ({ field: '/scopes', reason: scope })),
    });
  }
  const token = API_TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
  const now = new Date();
  const row = await db.transaction(async (tx) => {
    const inserted = await repo.insertApiToken(tx, {
      accountId: actor.accountId,
      name: input.name,
      tokenHash: hashToken(token),
      scopes: input.scopes,
      createdAt: now,
      expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
    });
    await recordAudit(tx, actor, requestId, {
      action: 'api_token.create',
      targetType: 'api_token',
      targetId: inserted.id,
      stateM49: actor.stateM49,
      after: { scopes: inserted.scopes, expiresAt: inserted.expiresAt },
    });
    return inserted;
  });
  return { token, apiToken: presentApiToken(row, now) };
}

export async function listApiTokens(db: Db, actor: AccountActor) {
  const now = new Date();
  return (await repo.listAccountTokens(db, actor.accountId)).map((row) => presentApiToken(row, now));
}

/** Revokes one of the caller's tokens at once (the next request with it gets API_TOKEN_INVALID). */
export async function revokeApiToken(db: Db, actor: AccountActor, id: string, requestId: string) {
  const now = new Date();
  return db.transaction(async (tx) => {
    const revoked = await repo.revokeAccountToken(tx, actor.accountId, id, now);
    if (!revoked) {
      const existing = await repo.findAccountToken(tx, actor.accountId, id);
      if (!existing) throw new AppError('NOT_FOUND');
      return presentApiToken(existing, now);
    }
    await recordAudit(tx, actor, requestId, {
      action: 'api_token.revoke',
      targetType: 'api_token',
      targetId: id,
      stateM49: actor.stateM49,
    });
    return presentApiToken(revoked, now);
  });
}

/**
 * The actor behind `Authorization: Bearer <token>`. Failures are counted per client address, so
 * guessing tokens is refused with TOO_MANY_ATTEMPTS long before it could succeed.
 */
export async function resolveApiToken(db: Db, config: Config, token: string, address: string): Promise<AccountActor> {
  const now = new Date();
  const budgetKey = `token-address:${address}`;
  await assertWithinBudget(db, [budgetKey], now, 'TOO_MANY_ATTEMPTS');
  const found = token.startsWith(API_TOKEN_PREFIX)
    ? await repo.useLiveToken(db, hashToken(token), now, address)
    : undefined;
  if (!found) {
    await recordFailure(
      db,
      config,
      [{ key: budgetKey, limit: config.LOGIN_MAX_FAILURES * ADDRESS_BUDGET_FACTOR }],
      now,
    );
    throw new AppError('API_TOKEN_INVALID');
  }
  return tokenActorOf(found.account, found.token.scopes as Permission[]);
}
