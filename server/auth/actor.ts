import type { Locale } from '../../common/locales.ts';
import type { Role } from '../../common/roles.ts';

/** Who is acting: a signed-in account, or the operator's CLI / the system itself. */
export type Actor = AccountActor | SystemActor;

export interface AccountActor {
  kind: 'account';
  accountId: string;
  email: string;
  displayName: string;
  role: Role;
  stateM49: string | null;
  locale: Locale;
  sessionTokenHash: string;
  csrfToken: string;
  sessionExpiresAt: Date;
  mustChangePassword: boolean;
}

/** The operator at the machine (CLI) or the server's own work (seeding). Not subject to roles. */
export interface SystemActor {
  kind: 'system';
  label: 'cli' | 'system' | 'demo-seed' | 'nominee' | 'acknowledgement-link';
}

export const CLI_ACTOR: SystemActor = { kind: 'system', label: 'cli' };
export const SYSTEM_ACTOR: SystemActor = { kind: 'system', label: 'system' };

export function actorLabel(actor: Actor): string {
  return actor.kind === 'account' ? actor.email : actor.label;
}

export function actorAccountId(actor: Actor): string | null {
  return actor.kind === 'account' ? actor.accountId : null;
}
