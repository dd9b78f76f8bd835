/** Login roles. A login account is not a directory entry: see docs/ARCHITECTURE.md. */
export const ROLES = ['directory_manager', 'national_authority', 'point_of_contact', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose accounts belong to exactly one State. The others belong to none. */
export const STATE_BOUND_ROLES: readonly Role[] = ['national_authority', 'point_of_contact'];

export function isStateBound(role: Role): boolean {
  return STATE_BOUND_ROLES.includes(role);
}
