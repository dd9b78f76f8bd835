import type { Account } from '../../../common/schemas/accounts.ts';
import type { AccountRow } from './accounts.repository.ts';

/** The API shape of an account. Never includes the password hash. */
export function presentAccount(row: AccountRow): Account {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    stateM49: row.stateM49,
    locale: row.locale,
    disabled: row.disabledAt !== null,
    mustChangePassword: row.mustChangePassword,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}
