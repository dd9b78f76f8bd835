import type { ErrorCode } from '../../../common/errors.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import * as repo from './session.repository.ts';

/**
 * Failure budgets in `login_throttle` (shared by every server process on PostgreSQL): each key
 * ("account:<email>", "address:<ip>", "mfa:<account id>", "token-address:<ip>", "link-address:<ip>")
 * may fail a number of times within LOGIN_LOCK_MINUTES; at the budget it is locked that long.
 */
export interface Budget {
  key: string;
  /** Failures allowed within the window. */
  limit: number;
}

/** Refuses with `code` (429, with Retry-After) while any of the keys is locked. */
export async function assertWithinBudget(db: Db, keys: string[], now: Date, code: ErrorCode): Promise<void> {
  const rows = await repo.readThrottle(db, keys);
  const lockedUntil = rows
    .map((row) => row.lockedUntil?.getTime() ?? 0)
    .filter((t) => t > now.getTime())
    .sort((a, b) => b - a)[0];
  if (lockedUntil !== undefined) {
    const seconds = Math.ceil((lockedUntil - now.getTime()) / 1000);
    throw new AppError(code, { retryAfterSeconds: seconds, values: { minutes: Math.max(1, Math.ceil(seconds / 60)) } });
  }
}

/** Counts one failure against each budget, locking a key once it reaches its limit. */
export async function recordFailure(db: Db, config: Config, budgets: Budget[], now: Date): Promise<void> {
  const windowMs = config.LOGIN_LOCK_MINUTES * 60_000;
  const rows = await repo.readThrottle(
    db,
    budgets.map((b) => b.key),
  );
  for (const { key, limit } of budgets) {
    const row = rows.find((r) => r.key === key);
    const inWindow = row && now.getTime() - row.windowStartedAt.getTime() < windowMs;
    const failures = inWindow ? row.failures + 1 : 1;
    await repo.upsertThrottle(db, {
      key,
      failures,
      windowStartedAt: inWindow ? row.windowStartedAt : now,
      lockedUntil: failures >= limit ? new Date(now.getTime() + windowMs) : null,
    });
  }
}

export async function clearBudget(db: Db, key: string): Promise<void> {
  await repo.clearThrottle(db, key);
}
