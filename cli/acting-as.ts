import { accountActorOf, CLI_ACTOR, type AccountActor } from '../server/auth/actor.ts';
import type { Db } from '../server/db/client.ts';
import { AppError, isAppError } from '../server/errors.ts';
import { getAccountByRef } from '../server/modules/accounts/accounts.service.ts';

/**
 * `--as EMAIL`: the account to act as, with the same actor a session of it would have, so the
 * services apply that account's permissions. A clear hint for an unknown or disabled account.
 */
export async function actingAs(db: Db, ref: string): Promise<AccountActor> {
  let account;
  try {
    account = await getAccountByRef(db, CLI_ACTOR, ref);
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') {
      throw new AppError('NOT_FOUND', { hint: `No account has the e-mail ${ref} (see pocdir user list).` });
    }
    throw error;
  }
  if (account.disabled) {
    throw new AppError('FORBIDDEN', {
      internal: 'account disabled',
      hint: `The account ${account.email} is disabled (pocdir user enable ${account.email}).`,
    });
  }
  return accountActorOf(account, null);
}
