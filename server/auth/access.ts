import { scopeOf, type Permission } from '../../common/permissions.ts';
import { AppError } from '../errors.ts';
import type { Actor } from './actor.ts';

/**
 * The one authorization check. Set-based: pass every State id the operation touches
 * (null for records that belong to no State). A role without the permission gets FORBIDDEN;
 * a State outside the caller's reach gets NOT_FOUND, so another State's records are never
 * confirmed to exist.
 */
export function requireAccess(actor: Actor, permission: Permission, stateIds: Iterable<string | null> = []): void {
  if (actor.kind === 'system') return;
  const scope = scopeOf(actor.role, permission);
  if (scope === undefined) throw new AppError('FORBIDDEN', { internal: `${actor.role} lacks ${permission}` });
  if (scope === 'global') return;
  for (const stateId of stateIds) {
    if (stateId === null || stateId !== actor.stateM49) {
      throw new AppError('NOT_FOUND', { internal: `${permission} outside own State (${String(stateId)})` });
    }
  }
}

/** The States whose records the caller may see under `permission`: every State, or a list. */
export function visibleStates(actor: Actor, permission: Permission): 'all' | string[] {
  if (actor.kind === 'system') return 'all';
  const scope = scopeOf(actor.role, permission);
  if (scope === undefined) throw new AppError('FORBIDDEN', { internal: `${actor.role} lacks ${permission}` });
  if (scope === 'global') return 'all';
  return actor.stateM49 === null ? [] : [actor.stateM49];
}
