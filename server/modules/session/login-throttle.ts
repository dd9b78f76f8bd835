import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { assertWithinBudget, recordFailure } from './failure-budget.ts';

// One client address may serve a whole delegation behind NAT: it gets this many times the per-account budget.
export const ADDRESS_BUDGET_FACTOR = 4;

export interface ThrottleKeys {
  account: string;
  address: string;
}

export function throttleKeys(email: string, address: string): ThrottleKeys {
  return { account: `account:${email.toLowerCase()}`, address: `address:${address}` };
}

/** Refuses with LOGIN_THROTTLED (and a retry delay) while either key is locked. */
export async function assertNotThrottled(db: Db, keys: ThrottleKeys, now: Date): Promise<void> {
  await assertWithinBudget(db, [keys.account, keys.address], now, 'LOGIN_THROTTLED');
}

/** Counts a failure against both keys, locking a key once it reaches its budget. */
export async function recordFailedLogin(db: Db, config: Config, keys: ThrottleKeys, now: Date): Promise<void> {
  await recordFailure(
    db,
    config,
    [
      { key: keys.account, limit: config.LOGIN_MAX_FAILURES },
      { key: keys.address, limit: config.LOGIN_MAX_FAILURES * ADDRESS_BUDGET_FACTOR },
    ],
    now,
  );
}
