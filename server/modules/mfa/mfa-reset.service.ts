import { CREATABLE_ROLES } from '../../../common/permissions.ts';
import { requireAccess } from '../../auth/access.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { unsafeFindAccountById } from '../accounts/accounts.repository.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { revokeAccountSessions } from '../session/session.repository.ts';
import * as repo from './mfa.repository.ts';

/**
 * For a holder who lost their phone, keys and recovery codes: removes every second factor of the
 * account and ends its sessions. Its next sign-in (password still needed) sets up an authenticator
 * again when the role requires one. The same people who may disable the account may do this.
 */
export async function resetSecondFactors(db: Db, actor: Actor, accountId: string, requestId: string | null) {
  const row = await unsafeFindAccountById(db, accountId);
  if (!row) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'accounts.disable', [row.stateM49]);
  if (actor.kind === 'account') {
    if (actor.accountId === row.id) throw new AppError('CANNOT_DISABLE_SELF');
    if (!CREATABLE_ROLES[actor.role].includes(row.role)) throw new AppError('FORBIDDEN');
  }
  return db.transaction(async (tx) => {
    const removed = await repo.removeAllFactors(tx, accountId);
    const revokedSessions = await revokeAccountSessions(tx, accountId, new Date());
    await recordAudit(tx, actor, requestId, {
      action: 'mfa.reset',
      targetType: 'account',
      targetId: accountId,
      stateM49: row.stateM49,
      after: { ...removed, revokedSessions },
    });
    return { ...removed, revokedSessions };
  });
}
