import type { ErrorCode } from '../../common/errors.ts';
import type { Role } from '../../common/roles.ts';
import type { MatrixFixtures } from '../test-support/matrix-fixtures.ts';

/**
 * The callers and the shorthand of the authorization matrix (authorization-matrix.ts).
 *
 * Callers, in the order they call (a success that changes the fixture comes last):
 * anon (no session), aud (auditor), mgr (directory manager), naOther / pocOther (a national
 * authority / point of contact of another State), pocOwn / naOwn (of the fixture's State).
 */
export const CALLERS = ['anon', 'aud', 'mgr', 'naOther', 'pocOther', 'pocOwn', 'naOwn'] as const;
export type Caller = (typeof CALLERS)[number];

export const CALLER_KINDS: Record<Caller, { role: Role | null; state: 'own' | 'other' | null; label: string }> = {
  anon: { role: null, state: null, label: 'anonymous' },
  aud: { role: 'auditor', state: null, label: 'auditor' },
  mgr: { role: 'directory_manager', state: null, label: 'directory_manager' },
  naOther: { role: 'national_authority', state: 'other', label: 'national_authority of another State' },
  pocOther: { role: 'point_of_contact', state: 'other', label: 'point_of_contact of another State' },
  pocOwn: { role: 'point_of_contact', state: 'own', label: "point_of_contact of the fixture's State" },
  naOwn: { role: 'national_authority', state: 'own', label: "national_authority of the fixture's State" },
};

/** A status; 401, 403 and 404 imply AUTH_REQUIRED, FORBIDDEN and NOT_FOUND, any other 4xx names its code. */
export type Outcome = number | readonly [number, ErrorCode];
export type Expectations = Record<Caller, Outcome>;

export interface MatrixRequest {
  /** Values for the route's `:params`. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  payload?: object | string | Buffer;
  headers?: Record<string, string>;
  /**
   * Something of the fixture's State that a caller of another State must never see, even in a
   * successful answer; the State's own callers do see it when they succeed (so the check can fail).
   */
  ownStateOnly?: string;
}

export interface MatrixEntry {
  /** A valid request on a fixture of `stateM49`; the call's outcome then depends on the caller alone. */
  request: (fx: MatrixFixtures, stateM49: string) => Promise<MatrixRequest>;
  /** Build the request anew for every caller: a success consumes the fixture. */
  fresh?: true;
  /** Call with a session of its own, made for this call: a success ends or changes the session. */
  ownSession?: true;
  /** A Server-Sent Events stream: called over a real connection and closed after the headers. */
  stream?: true;
  expect: Expectations;
}

export const everyone = (status: number): Expectations => ({
  anon: status,
  aud: status,
  mgr: status,
  naOther: status,
  pocOther: status,
  pocOwn: status,
  naOwn: status,
});
export const signedIn = (status: number): Expectations => ({ ...everyone(status), anon: 401 });

/** Anonymous callers get 401 and signed-in ones 403 (a role without the permission), except those listed. */
export const only = (outcomes: Partial<Expectations>): Expectations => ({ ...signedIn(403), ...outcomes });

// Reused rows of the matrix.
/** The directory: every role but the auditor reads every State's entries. */
export const DIRECTORY_READ = only({ mgr: 200, naOther: 200, pocOther: 200, pocOwn: 200, naOwn: 200 });
/** Accounts and nominations: the manager, and the State's own national authority; another State's gets 404. */
export const MANAGER_AND_OWN_AUTHORITY = only({ mgr: 200, naOther: 404, naOwn: 200 });
/** A national authority's step on its own State's records. */
export const OWN_AUTHORITY_ONLY = only({ naOther: 404, naOwn: 200 });
export const MANAGER_ONLY = only({ mgr: 200 });
/** A communication's parties only; the manager and the auditor never read or send. */
export const PARTIES = only({ naOther: 404, pocOther: 404, pocOwn: 200, naOwn: 200 });
export const PARTIES_CREATE = { ...PARTIES, pocOwn: 201, naOwn: 201 };
/** Any State's point of contact or national authority, on its own State's traffic. */
export const ANY_PARTY = only({ naOther: 200, pocOther: 200, pocOwn: 200, naOwn: 200 });
/** Ping tests: the manager and every national authority (which sees its own State's figures only). */
export const PING_READ = only({ mgr: 200, naOther: 200, naOwn: 200 });

export const json = (payload: object) => ({ payload });
/** Every signed-in caller gets this status and code (the route's rule is about the session, not the role). */
export const withCode = (status: number, code: ErrorCode): Expectations => ({
  anon: [status, code],
  aud: [status, code],
  mgr: [status, code],
  naOther: [status, code],
  pocOther: [status, code],
  pocOwn: [status, code],
  naOwn: [status, code],
});
/** The roles that hold an authenticator app (TOTP_REQUIRED_ROLES) get this; set the others beside it. */
export const TOTP_HOLDERS = (status: number, code: ErrorCode) => ({
  anon: 401,
  mgr: [status, code] as const,
  naOther: [status, code] as const,
  naOwn: [status, code] as const,
});
/** A syntactically valid WebAuthn answer that no authenticator made. */
export const FORGED_WEBAUTHN = {
  id: 'AAAA',
  rawId: 'AAAA',
  type: 'public-key',
  response: { clientDataJSON: 'e30', attestationObject: 'oA', authenticatorData: 'AA', signature: 'AA' },
  clientExtensionResults: {},
};
