import { abilitiesOf, CREATABLE_ROLES } from '../../../common/permissions.ts';
import type { SessionInfo } from '../../../common/schemas/session.ts';
import type { AccountActor } from '../../auth/actor.ts';

export function presentSession(
  actor: AccountActor,
  secondFactorMethods: SessionInfo['secondFactorMethods'] = [],
): SessionInfo {
  return {
    account: {
      id: actor.accountId,
      email: actor.email,
      displayName: actor.displayName,
      role: actor.role,
      stateM49: actor.stateM49,
      locale: actor.locale,
      mustChangePassword: actor.mustChangePassword,
    },
    csrfToken: actor.csrfToken,
    abilities: abilitiesOf(actor.role),
    creatableRoles: [...CREATABLE_ROLES[actor.role]],
    expiresAt: actor.sessionExpiresAt.toISOString(),
    secondFactor: actor.secondFactor,
    secondFactorMethods,
  };
}
