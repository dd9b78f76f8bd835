import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import * as repo from './session.repository.ts';

// One client address may serve a whole delegation behind NAT: it gets this many times the per-account budget.
const ADDRESS_BUDGET_FACTOR = 4;

export interface ThrottleKeys {
  account: string;
  address: string;
}

export function throttleKeys(email: string, address: string): ThrottleKeys {
  return { account: `account:${email.toLowerCase()}`, address: `address:${address}` };
}

/** Refuses with LOGIN_THROTTLED (and a retry delay) while either key is locked. */
export async function assertNotThrottled(db: Db, keys: ThrottleKeys, now: Date): Promise<void> {
  const rows = await repo.readThrottle(db, [keys.account, keys.address]);
  const lockedUntil = rows
    .map((row) => row.lockedUntil?.getTime() ?? 0)
    .filter((t) => t > now.getTime())
    .sort((a, b) => b - a)[0];
  if (lockedUntil !== undefined) {
    const seconds = Math.ceil((lockedUntil - now.getTime()) / 1000);
    throw new AppError('LOGIN_THROTTLED', {
      retryAfterSeconds: seconds,
      values: { minutes: Math.max(1, Math.ceil(seconds / 60)) },
    });
  }
}

/** Counts a failure against both keys, locking a key once it reaches its budget. */
export async function recordFailedLogin(db: Db, config: Config, keys: ThrottleKeys, now: Date): Promise<void> {
  const windowMs = config.LOGIN_LOCK_MINUTES * 60_000;
  const rows = await repo.readThrottle(db, [keys.account, keys.address]);
  for (const [key, budget] of [
    [keys.account, config.LOGIN_MAX_FAILURES],
    [keys.address, config.LOGIN_MAX_FAILURES * ADDRESS_BUDGET_FACTOR],
  ] as const) {
    const row = rows.find((r) => r.key === key);
    const inWindow = row && now.getTime() - row.windowStartedAt.getTime() < windowMs;
    const failures = inWindow ? row.failures + 1 : 1;
    await repo.upsertThrottle(db, {
      key,
      failures,
      windowStartedAt: inWindow ? row.windowStartedAt : now,
      lockedUntil: failures >= budget ? new Date(now.getTime() + windowMs) : null,
    });
  }
}
