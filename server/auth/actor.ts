import type { Locale } from '../../common/locales.ts';
import type { Permission } from '../../common/permissions.ts';
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
  /** The session's public id (sessions list), '' without a session. */
  sessionId: string;
  /** 'pending' until the second factor is given; 'enrol' while a required TOTP is not set up. */
  secondFactor: SecondFactorState;
  /** How the request is authenticated: a browser session, an API token, or the operator's CLI. */
  via: 'session' | 'token' | 'cli';
  /** An API token's scopes (null for sessions and the CLI, which reach all of the role's permissions). */
  tokenScopes: readonly Permission[] | null;
}

export type SecondFactorState = 'verified' | 'pending' | 'enrol';

/** The operator at the machine (CLI) or the server's own work (seeding). Not subject to roles. */
export interface SystemActor {
  kind: 'system';
  label: 'cli' | 'system' | 'demo-seed' | 'nominee' | 'acknowledgement-link';
}

/** What an actor takes from its account: an accounts row and the presented Account both have these. */
export interface ActingAccount {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  stateM49: string | null;
  locale: Locale;
  mustChangePassword: boolean;
}

/** The session an account acts through. */
export interface ActingSession {
  tokenHash: string;
  csrfToken: string;
  expiresAt: Date;
  id: string;
  secondFactor: SecondFactorState;
}

/**
 * The actor of an account: through a session (HTTP), or with `null` for the operator at the
 * machine acting as that account (`pocdir communications --as`), which has no session, cookie
 * or CSRF token. Roles and scopes apply exactly as for a session; checking that the account is
 * enabled is the caller's job (a session of a disabled account is never resolved).
 */
export function accountActorOf(account: ActingAccount, session: ActingSession | null): AccountActor {
  return {
    kind: 'account',
    accountId: account.id,
    email: account.email,
    displayName: account.displayName,
    role: account.role,
    stateM49: account.stateM49,
    locale: account.locale,
    sessionTokenHash: session?.tokenHash ?? '',
    csrfToken: session?.csrfToken ?? '',
    sessionExpiresAt: session?.expiresAt ?? new Date(0),
    mustChangePassword: account.mustChangePassword,
    sessionId: session?.id ?? '',
    secondFactor: session?.secondFactor ?? 'verified',
    via: session ? 'session' : 'cli',
    tokenScopes: null,
  };
}

/** The actor of an account through an API token: its scopes limit what the role allows. */
export function tokenActorOf(account: ActingAccount, scopes: readonly Permission[]): AccountActor {
  return { ...accountActorOf(account, null), via: 'token', tokenScopes: scopes };
}

export const CLI_ACTOR: SystemActor = { kind: 'system', label: 'cli' };
export const SYSTEM_ACTOR: SystemActor = { kind: 'system', label: 'system' };

export function actorLabel(actor: Actor): string {
  return actor.kind === 'account' ? actor.email : actor.label;
}

export function actorAccountId(actor: Actor): string | null {
  return actor.kind === 'account' ? actor.accountId : null;
}
