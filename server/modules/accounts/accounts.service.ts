import { CREATABLE_ROLES } from '../../../common/permissions.ts';
import { isStateBound } from '../../../common/roles.ts';
import type { AccountListQuery, CreateAccountRequest } from '../../../common/schemas/accounts.ts';
import { requireAccess, visibleStates } from '../../auth/access.ts';
import type { Actor } from '../../auth/actor.ts';
import { assertAcceptablePassword, generateInitialPassword, hashPassword } from '../../auth/passwords.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { revokeAccountSessions } from '../session/session.repository.ts';
import { unsafeStatesExist } from '../states/states.service.ts';
import { presentAccount } from './accounts.presenter.ts';
import * as repo from './accounts.repository.ts';

/** Accounts the caller may see: all for the directory manager, their own State's for a national authority. */
export async function listAccounts(db: Db, actor: Actor, query: AccountListQuery) {
  const states = visibleStates(actor, 'accounts.read');
  if (query.stateM49 !== undefined) requireAccess(actor, 'accounts.read', [query.stateM49]);
  const rows = await repo.listAccounts(db, {
    states,
    stateM49: query.stateM49,
    role: query.role,
    includeDisabled: query.includeDisabled ?? true,
  });
  return rows.map(presentAccount);
}

export async function getAccount(db: Db, actor: Actor, id: string) {
  const row = await repo.unsafeFindAccountById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'accounts.read', [row.stateM49]);
  return presentAccount(row);
}

/**
 * Creates a login account with a one-time password that its holder must change at first
 * sign-in. The directory manager creates national authorities (any State) and auditors; a
 * national authority creates accounts of its own State only. The CLI may create any role.
 */
export async function createAccount(
  db: Db,
  actor: Actor,
  input: CreateAccountRequest,
  requestId: string | null,
  options: { password?: string } = {},
) {
  requireAccess(actor, 'accounts.create');
  if (actor.kind === 'account' && !CREATABLE_ROLES[actor.role].includes(input.role)) {
    throw new AppError('ROLE_NOT_ASSIGNABLE', { details: [{ field: '/role', reason: 'not_assignable' }] });
  }
  // A national authority creating without a State means its own State.
  const stateM49 =
    input.stateM49 ??
    (actor.kind === 'account' && actor.role === 'national_authority' && isStateBound(input.role)
      ? (actor.stateM49 ?? undefined)
      : undefined);
  if (isStateBound(input.role) && stateM49 === undefined) {
    throw new AppError('STATE_REQUIRED', { details: [{ field: '/stateM49', reason: 'required' }] });
  }
  if (!isStateBound(input.role) && stateM49 !== undefined) {
    throw new AppError('STATE_NOT_ALLOWED', { details: [{ field: '/stateM49', reason: 'not_allowed' }] });
  }
  if (stateM49 !== undefined && !(await unsafeStatesExist(db, [stateM49]))) {
    throw new AppError('UNKNOWN_STATE', { details: [{ field: '/stateM49', reason: 'unknown' }] });
  }
  requireAccess(actor, 'accounts.create', [stateM49 ?? null]);
  // Only the operator (CLI, demo seed) may choose the password; it then need not be changed.
  const chosenPassword = actor.kind === 'system' ? options.password : undefined;
  if (chosenPassword !== undefined) assertAcceptablePassword(chosenPassword, input.email);
  const initialPassword = chosenPassword ?? generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  const account = await db.transaction(async (tx) => {
    if (await repo.emailExists(tx, input.email)) {
      throw new AppError('EMAIL_TAKEN', { details: [{ field: '/email', reason: 'taken' }] });
    }
    const row = await repo.insertAccount(tx, {
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      stateM49: stateM49 ?? null,
      passwordHash,
      mustChangePassword: chosenPassword === undefined,
      locale: input.locale ?? 'en',
      createdBy: actor.kind === 'account' ? actor.accountId : null,
    });
    // No e-mail or name in the trail: it can never be edited, so personal data there could never be
    // pseudonymised. The auditor's view shows the account's current e-mail through its id.
    await recordAudit(tx, actor, requestId, {
      action: 'account.create',
      targetType: 'account',
      targetId: row.id,
      stateM49: row.stateM49,
      after: { role: row.role, stateM49: row.stateM49, locale: row.locale, mustChangePassword: row.mustChangePassword },
    });
    return presentAccount(row);
  });
  return { account, initialPassword };
}

/** Disables or re-enables an account. Disabling ends all its sessions at once. */
export async function setAccountDisabled(
  db: Db,
  actor: Actor,
  id: string,
  disabled: boolean,
  requestId: string | null,
) {
  const row = await repo.unsafeFindAccountById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'accounts.disable', [row.stateM49]);
  if (actor.kind === 'account') {
    if (actor.accountId === row.id) throw new AppError('CANNOT_DISABLE_SELF');
    // A manager may read every account but only manage the roles it could have created.
    if (!CREATABLE_ROLES[actor.role].includes(row.role)) throw new AppError('FORBIDDEN');
  }
  if ((row.disabledAt !== null) === disabled) return presentAccount(row);
  // Its e-mail and name are pseudonyms now: whoever it was, a new account is the honest way back.
  if (!disabled && row.pseudonymisedAt !== null) throw new AppError('ACCOUNT_PSEUDONYMISED');
  return db.transaction(async (tx) => {
    const now = new Date();
    const updated = await repo.setDisabled(tx, id, disabled ? now : null);
    const revokedSessions = disabled ? await revokeAccountSessions(tx, id, now) : 0;
    await recordAudit(tx, actor, requestId, {
      action: disabled ? 'account.disable' : 'account.enable',
      targetType: 'account',
      targetId: id,
      stateM49: row.stateM49,
      before: { disabled: row.disabledAt !== null },
      after: { disabled, revokedSessions },
    });
    return presentAccount(updated);
  });
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Finds an account by id or e-mail (the CLI accepts either), with the same access rule as getAccount. */
export async function getAccountByRef(db: Db, actor: Actor, ref: string) {
  const row = UUID_PATTERN.test(ref)
    ? await repo.unsafeFindAccountById(db, ref)
    : await repo.unsafeFindAccountByEmail(db, ref);
  if (!row) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'accounts.read', [row.stateM49]);
  return presentAccount(row);
}
