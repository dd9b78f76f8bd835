import type { Role } from './roles.ts';

/**
 * How far a role's permission reaches: every State, or only the caller's own State.
 * Services turn "own_state" into a set check over the State ids a request touches.
 */
export type Scope = 'global' | 'own_state';

/**
 * The one permission table. A route declares one permission (or 'public' / 'authenticated');
 * the HTTP layer rejects roles that are absent here (403) and services check the scope per State.
 */
export const PERMISSIONS = {
  'states.read': {
    directory_manager: 'global',
    national_authority: 'global',
    point_of_contact: 'global',
    auditor: 'global',
  },
  'accounts.read': { directory_manager: 'global', national_authority: 'own_state' },
  'accounts.create': { directory_manager: 'global', national_authority: 'own_state' },
  'accounts.disable': { directory_manager: 'global', national_authority: 'own_state' },
  'audit.read': { auditor: 'global' },
  'directory.read': { directory_manager: 'global', national_authority: 'global', point_of_contact: 'global' },
  'directory.coverage': { directory_manager: 'global' },
  'directory.confirm': { national_authority: 'own_state' },
  // A retired contact's personal data is replaced by pseudonyms at its own State's request.
  'directory.pseudonymise': { national_authority: 'own_state' },
  'nominations.read': { directory_manager: 'global', national_authority: 'own_state' },
  'nominations.submit': { national_authority: 'own_state' },
  'nominations.verify': { directory_manager: 'global' },
  // The manager and the auditor have no way to the content of State-to-State communications.
  'communications.read': { national_authority: 'own_state', point_of_contact: 'own_state' },
  'communications.send': { national_authority: 'own_state', point_of_contact: 'own_state' },
  'communications.stats': { directory_manager: 'global' },
  // Ping tests: the manager runs them; a national authority follows its own State's results.
  'pingTests.manage': { directory_manager: 'global' },
  'pingTests.read': { directory_manager: 'global', national_authority: 'own_state' },
  'pingTests.acknowledge': { national_authority: 'own_state', point_of_contact: 'own_state' },
} as const satisfies Record<string, Partial<Record<Role, Scope>>>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * What a route requires: a permission; any fully signed-in account ('authenticated'); any
 * session, even one still waiting for its second factor ('any-session': the session itself and
 * the second-factor step); a session that is fully signed in or must first set up TOTP
 * ('enrolment': the authenticator and security-key set-up); or nothing ('public').
 */
export type RouteAccess = Permission | 'authenticated' | 'any-session' | 'enrolment' | 'public';

/** The roles that must sign in with a second factor and keep an authenticator app (TOTP). */
export const TOTP_REQUIRED_ROLES: readonly Role[] = ['directory_manager', 'national_authority'];

/**
 * What an API token may be given: reading the directory, sending and receiving communications,
 * following and acknowledging ping tests. Never account, session or token management.
 */
export const TOKEN_SCOPES = [
  'states.read',
  'directory.read',
  'nominations.read',
  'communications.read',
  'communications.send',
  'pingTests.read',
  'pingTests.acknowledge',
] as const satisfies readonly Permission[];
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export function scopeOf(role: Role, permission: Permission): Scope | undefined {
  const grants: Partial<Record<Role, Scope>> = PERMISSIONS[permission];
  return grants[role];
}

/** Which roles each role may give to the accounts it creates. */
export const CREATABLE_ROLES: Record<Role, readonly Role[]> = {
  directory_manager: ['national_authority', 'auditor'],
  national_authority: ['national_authority', 'point_of_contact'],
  point_of_contact: [],
  auditor: [],
};

/** The caller's abilities, sent with the session so the UI never re-implements the rules. */
export function abilitiesOf(role: Role): Record<Permission, boolean> {
  const entries = (Object.keys(PERMISSIONS) as Permission[]).map((p) => [p, scopeOf(role, p) !== undefined]);
  return Object.fromEntries(entries) as Record<Permission, boolean>;
}
