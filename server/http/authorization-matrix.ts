import type { ErrorCode } from '../../common/errors.ts';
import type { Role } from '../../common/roles.ts';
import { sendRequest } from '../test-support/communication-factories.ts';
import { nominationRequest } from '../test-support/directory-factories.ts';
import { TEST_PASSWORD } from '../test-support/factories.ts';
import {
  accountRequest,
  FORWARD_STATE,
  MINIMAL_PDF,
  pingTestRequest,
  RECIPIENT_STATE,
  type MatrixFixtures,
} from '../test-support/matrix-fixtures.ts';
import { exampleNominationCsv } from '../modules/directory/directory-import.ts';

/**
 * The authorization matrix: for every /api/v1 route, the status each kind of caller gets when it
 * calls the route on a fixture belonging to one State. `authorization-matrix.test.ts` calls every
 * route of the app's route table as every caller and fails on a route missing here.
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

const everyone = (status: number): Expectations => ({
  anon: status,
  aud: status,
  mgr: status,
  naOther: status,
  pocOther: status,
  pocOwn: status,
  naOwn: status,
});
const signedIn = (status: number): Expectations => ({ ...everyone(status), anon: 401 });

/** Anonymous callers get 401 and signed-in ones 403 (a role without the permission), except those listed. */
const only = (outcomes: Partial<Expectations>): Expectations => ({ ...signedIn(403), ...outcomes });

// Reused rows of the matrix.
/** The directory: every role but the auditor reads every State's entries. */
const DIRECTORY_READ = only({ mgr: 200, naOther: 200, pocOther: 200, pocOwn: 200, naOwn: 200 });
/** Accounts and nominations: the manager, and the State's own national authority; another State's gets 404. */
const MANAGER_AND_OWN_AUTHORITY = only({ mgr: 200, naOther: 404, naOwn: 200 });
/** A national authority's step on its own State's records. */
const OWN_AUTHORITY_ONLY = only({ naOther: 404, naOwn: 200 });
const MANAGER_ONLY = only({ mgr: 200 });
/** A communication's parties only; the manager and the auditor never read or send. */
const PARTIES = only({ naOther: 404, pocOther: 404, pocOwn: 200, naOwn: 200 });
const PARTIES_CREATE = { ...PARTIES, pocOwn: 201, naOwn: 201 };
/** Any State's point of contact or national authority, on its own State's traffic. */
const ANY_PARTY = only({ naOther: 200, pocOther: 200, pocOwn: 200, naOwn: 200 });
/** Ping tests: the manager and every national authority (which sees its own State's figures only). */
const PING_READ = only({ mgr: 200, naOther: 200, naOwn: 200 });

const json = (payload: object) => ({ payload });
/** Every signed-in caller gets this status and code (the route's rule is about the session, not the role). */
const withCode = (status: number, code: ErrorCode): Expectations => ({
  anon: [status, code],
  aud: [status, code],
  mgr: [status, code],
  naOther: [status, code],
  pocOther: [status, code],
  pocOwn: [status, code],
  naOwn: [status, code],
});
/** The roles that hold an authenticator app (TOTP_REQUIRED_ROLES) get this; set the others beside it. */
const TOTP_HOLDERS = (status: number, code: ErrorCode) => ({
  anon: 401,
  mgr: [status, code] as const,
  naOther: [status, code] as const,
  naOwn: [status, code] as const,
});
/** A syntactically valid WebAuthn answer that no authenticator made. */
const FORGED_WEBAUTHN = {
  id: 'AAAA',
  rawId: 'AAAA',
  type: 'public-key',
  response: { clientDataJSON: 'e30', attestationObject: 'oA', authenticatorData: 'AA', signature: 'AA' },
  clientExtensionResults: {},
};

export const AUTHORIZATION_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/v1/health': { request: async () => ({}), expect: everyone(200) },

  // Session
  'POST /api/v1/session': { request: async (fx, s) => json(await fx.credentials(s)), expect: everyone(200) },
  'GET /api/v1/session': { request: async () => ({}), expect: signedIn(200) },
  'DELETE /api/v1/session': { request: async () => ({}), ownSession: true, expect: signedIn(204) },
  'PUT /api/v1/session/password': {
    request: async () => json({ currentPassword: TEST_PASSWORD, newPassword: 'matrix pass phrase 42' }),
    ownSession: true,
    expect: signedIn(204),
  },
  'PUT /api/v1/session/preferences': { request: async () => json({ locale: 'en' }), expect: signedIn(204) },
  'GET /api/v1/session/sessions': { request: async () => ({}), expect: signedIn(200) },
  // Sessions are the caller's own: someone else's id (here an unknown one) is never found.
  'DELETE /api/v1/session/sessions/:id': {
    request: async () => ({ params: { id: '00000000-0000-4000-8000-000000000000' } }),
    expect: signedIn(404),
  },
  'DELETE /api/v1/session/sessions': { request: async () => ({}), ownSession: true, expect: signedIn(200) },

  // The second-factor step answers only a session that waits for it.
  'POST /api/v1/session/second-factor/totp': {
    request: async () => json({ code: '000000' }),
    expect: { ...withCode(409, 'SECOND_FACTOR_NOT_PENDING'), anon: 401 },
  },
  'POST /api/v1/session/second-factor/recovery': {
    request: async () => json({ code: 'aaaaa-aaaaa-aaaaa-aaaaa' }),
    expect: { ...withCode(409, 'SECOND_FACTOR_NOT_PENDING'), anon: 401 },
  },
  'POST /api/v1/session/second-factor/webauthn/options': {
    request: async () => ({}),
    expect: { ...withCode(409, 'SECOND_FACTOR_NOT_PENDING'), anon: 401 },
  },
  'POST /api/v1/session/second-factor/webauthn': {
    request: async () => json({ response: FORGED_WEBAUTHN }),
    expect: { ...withCode(409, 'SECOND_FACTOR_NOT_PENDING'), anon: 401 },
  },

  // Second factors are the caller's own; managers and national authorities must keep TOTP.
  'GET /api/v1/mfa': { request: async () => ({}), expect: signedIn(200) },
  'POST /api/v1/mfa/totp': {
    request: async () => json({}),
    ownSession: true,
    expect: {
      ...TOTP_HOLDERS(401, 'SECOND_FACTOR_INVALID'),
      aud: 200,
      pocOther: 200,
      pocOwn: 200,
    },
  },
  'POST /api/v1/mfa/totp/confirm': {
    request: async () => json({ code: '000000' }),
    ownSession: true,
    expect: { ...withCode(409, 'TOTP_NOT_STARTED'), anon: 401 },
  },
  'DELETE /api/v1/mfa/totp': {
    request: async () => json({ code: '000000' }),
    ownSession: true,
    expect: {
      ...TOTP_HOLDERS(409, 'TOTP_REQUIRED_FOR_ROLE'),
      aud: [401, 'SECOND_FACTOR_INVALID'],
      pocOther: [401, 'SECOND_FACTOR_INVALID'],
      pocOwn: [401, 'SECOND_FACTOR_INVALID'],
    },
  },
  'POST /api/v1/mfa/recovery-codes': { request: async () => ({}), ownSession: true, expect: signedIn(200) },
  'POST /api/v1/mfa/webauthn/options': { request: async () => ({}), expect: signedIn(200) },
  'POST /api/v1/mfa/webauthn': {
    request: async () => json({ name: 'key', response: FORGED_WEBAUTHN }),
    ownSession: true,
    expect: { ...withCode(400, 'WEBAUTHN_FAILED'), anon: 401 },
  },
  'DELETE /api/v1/mfa/webauthn/:id': { request: async () => ({ params: { id: 'AAAA' } }), expect: signedIn(404) },

  // API tokens: the caller's own; every role may make one within its own permissions.
  'GET /api/v1/api-tokens': { request: async () => ({}), expect: signedIn(200) },
  'POST /api/v1/api-tokens': {
    request: async () => json({ name: 'matrix', scopes: ['states.read'], expiresInDays: 1 }),
    expect: signedIn(201),
  },
  'DELETE /api/v1/api-tokens/:id': {
    request: async () => ({ params: { id: '00000000-0000-4000-8000-000000000000' } }),
    expect: signedIn(404),
  },

  // States
  'GET /api/v1/states': { request: async () => ({}), expect: signedIn(200) },
  'GET /api/v1/states/:m49': { request: async (_fx, s) => ({ params: { m49: s } }), expect: signedIn(200) },

  // Pseudonymising a retired contact: the State's own national authority only.
  'POST /api/v1/directory/entries/:id/pseudonymise': {
    request: async (fx, s) => ({ params: { id: await fx.newRetiredEntry(s) }, payload: {} }),
    fresh: true,
    expect: OWN_AUTHORITY_ONLY,
  },

  // Accounts
  'GET /api/v1/accounts': {
    request: async (_fx, s) => ({ query: { stateM49: s } }),
    expect: MANAGER_AND_OWN_AUTHORITY,
  },
  'POST /api/v1/accounts': {
    request: async (_fx, s) => json(accountRequest(s)),
    fresh: true,
    expect: { ...MANAGER_AND_OWN_AUTHORITY, mgr: 201, naOwn: 201 },
  },
  'GET /api/v1/accounts/:id': {
    request: async (fx, s) => ({ params: { id: await fx.account(s) } }),
    expect: MANAGER_AND_OWN_AUTHORITY,
  },
  'POST /api/v1/accounts/:id/disable': {
    request: async (fx, s) => ({ params: { id: await fx.account(s) } }),
    expect: MANAGER_AND_OWN_AUTHORITY,
  },
  'POST /api/v1/accounts/:id/enable': {
    request: async (fx, s) => ({ params: { id: await fx.account(s) } }),
    expect: MANAGER_AND_OWN_AUTHORITY,
  },
  // Lost device: the same people who may disable the account.
  'POST /api/v1/accounts/:id/reset-second-factor': {
    request: async (fx, s) => ({ params: { id: await fx.account(s) } }),
    expect: MANAGER_AND_OWN_AUTHORITY,
  },

  // Audit: the auditor only.
  'GET /api/v1/audit': { request: async () => ({ query: { limit: '5' } }), expect: only({ aud: 200 }) },
  'GET /api/v1/audit/verification': { request: async () => ({}), expect: only({ aud: 200 }) },

  // Directory
  // Every State's entries are readable; restricted phones only by the State itself (and the manager).
  'GET /api/v1/directory/entries': {
    request: async (fx, s) => ({ query: { stateM49: s }, ownStateOnly: (await fx.entry(s)).restrictedPhone }),
    expect: DIRECTORY_READ,
  },
  'GET /api/v1/directory/entries/:id': {
    request: async (fx, s) => {
      const { id, restrictedPhone } = await fx.entry(s);
      return { params: { id }, ownStateOnly: restrictedPhone };
    },
    expect: DIRECTORY_READ,
  },
  'POST /api/v1/directory/entries/:id/confirm': {
    request: async (fx, s) => ({ params: { id: (await fx.entry(s)).id } }),
    expect: OWN_AUTHORITY_ONLY,
  },
  'GET /api/v1/directory/entries/:id/vcard': {
    request: async (fx, s) => {
      const { id, restrictedPhone } = await fx.entry(s);
      return { params: { id }, ownStateOnly: restrictedPhone };
    },
    expect: DIRECTORY_READ,
  },
  'GET /api/v1/directory/export': {
    request: async (fx, s) => ({
      query: { format: 'csv', stateM49: s },
      ownStateOnly: (await fx.entry(s)).restrictedPhone,
    }),
    expect: DIRECTORY_READ,
  },
  'GET /api/v1/directory/coverage': { request: async () => ({}), expect: MANAGER_ONLY },

  // Nominations: national authorities submit for their own State, the manager verifies.
  'GET /api/v1/nominations': {
    request: async (_fx, s) => ({ query: { stateM49: s } }),
    expect: MANAGER_AND_OWN_AUTHORITY,
  },
  'POST /api/v1/nominations': {
    request: async (_fx, s) => json(nominationRequest({ stateM49: s })),
    // Naming another State is refused outright: there is no record whose existence could leak.
    expect: { ...OWN_AUTHORITY_ONLY, naOther: 403, naOwn: 201 },
  },
  'GET /api/v1/nominations/import-template': {
    request: async () => ({}),
    expect: { ...OWN_AUTHORITY_ONLY, naOther: 200 },
  },
  'POST /api/v1/nominations/import': {
    request: async (_fx, s) => ({
      query: { stateM49: s },
      payload: exampleNominationCsv(),
      headers: { 'content-type': 'text/csv' },
    }),
    expect: { ...OWN_AUTHORITY_ONLY, naOwn: 201 },
  },
  'PUT /api/v1/nominations/:id/document': {
    request: async (fx, s) => ({
      params: { id: await fx.nomination(s) },
      payload: MINIMAL_PDF,
      headers: { 'content-type': 'application/pdf', 'x-file-name': 'note.pdf' },
    }),
    expect: OWN_AUTHORITY_ONLY,
  },
  'GET /api/v1/nominations/:id': {
    request: async (fx, s) => ({ params: { id: await fx.nomination(s) } }),
    expect: MANAGER_AND_OWN_AUTHORITY,
  },
  'GET /api/v1/nominations/:id/document': {
    request: async (fx, s) => ({ params: { id: await fx.nominationWithDocument(s) } }),
    expect: MANAGER_AND_OWN_AUTHORITY,
  },
  'POST /api/v1/nominations/:id/approve': {
    request: async (fx, s) => ({ params: { id: await fx.newNomination(s) } }),
    fresh: true,
    expect: MANAGER_ONLY,
  },
  'POST /api/v1/nominations/:id/reject': {
    request: async (fx, s) => ({ params: { id: await fx.newNomination(s) }, payload: { reason: 'Incomplete note.' } }),
    fresh: true,
    expect: MANAGER_ONLY,
  },
  'POST /api/v1/nominations/:id/withdraw': {
    request: async (fx, s) => ({ params: { id: await fx.newNomination(s) } }),
    fresh: true,
    expect: OWN_AUTHORITY_ONLY,
  },
  'POST /api/v1/nominations/:id/resend': {
    request: async (fx, s) => ({ params: { id: await fx.awaitingNomination(s) } }),
    expect: OWN_AUTHORITY_ONLY,
  },
  // The nominee's single-use link: the token is the credential, whoever holds it.
  'POST /api/v1/acceptance/preview': {
    request: async (fx, s) => json({ token: await fx.acceptanceToken(s) }),
    expect: everyone(200),
  },
  'POST /api/v1/acceptance': {
    request: async (fx, s) => json({ token: await fx.newAcceptanceToken(s) }),
    fresh: true,
    expect: everyone(200),
  },

  // Communications: the sender's and recipients' States only; never the manager or the auditor.
  'GET /api/v1/communications': {
    request: async (fx, s) => ({ query: { limit: '200' }, ownStateOnly: await fx.communicationFrom(s) }),
    expect: ANY_PARTY,
  },
  'POST /api/v1/communications': {
    request: async (fx) => {
      await fx.entry(RECIPIENT_STATE);
      return json(sendRequest(RECIPIENT_STATE));
    },
    fresh: true,
    expect: { ...ANY_PARTY, naOther: 201, pocOther: 201, pocOwn: 201, naOwn: 201 },
  },
  'GET /api/v1/communications/stats': { request: async () => ({}), expect: MANAGER_ONLY },
  'GET /api/v1/communications/events': { request: async () => ({}), stream: true, expect: ANY_PARTY },
  'GET /api/v1/communications/:id': {
    request: async (fx, s) => ({ params: { id: await fx.communicationFrom(s) } }),
    expect: PARTIES,
  },
  'GET /api/v1/communications/:id/export': {
    request: async (fx, s) => ({ params: { id: await fx.communicationFrom(s) }, query: { format: 'json' } }),
    expect: PARTIES,
  },
  'POST /api/v1/communications/:id/replies': {
    request: async (fx, s) => ({
      params: { id: await fx.communicationFrom(s) },
      payload: { type: 'acknowledgement', language: 'en', content: { summary: 'Received.' } },
    }),
    expect: PARTIES_CREATE,
  },
  'POST /api/v1/communications/:id/status': {
    request: async (fx, s) => ({ params: { id: await fx.newCommunicationTo(s) }, payload: { action: 'acknowledge' } }),
    fresh: true,
    expect: PARTIES,
  },
  'POST /api/v1/communications/:id/close': {
    request: async (fx, s) => ({ params: { id: await fx.newCommunicationFrom(s) }, payload: { outcome: 'resolved' } }),
    fresh: true,
    expect: PARTIES,
  },
  'POST /api/v1/communications/:id/forward': {
    request: async (fx, s) => {
      await fx.entry(FORWARD_STATE);
      const id = await fx.greenCommunicationFrom(s);
      return { params: { id }, payload: { recipients: [{ stateM49: FORWARD_STATE, kind: 'technical' }] } };
    },
    expect: PARTIES,
  },
  'POST /api/v1/communications/:id/attachments': {
    request: async (fx, s) => ({
      params: { id: await fx.communicationFrom(s) },
      payload: 'hash 9f86d081884c7d659a2feaa0c55ad015\n',
      headers: { 'content-type': 'text/plain', 'x-file-name': 'indicators.txt' },
    }),
    expect: PARTIES_CREATE,
  },
  'GET /api/v1/communications/:id/attachments/:attachmentId': {
    request: async (fx, s) => {
      const { communicationId, attachmentId } = await fx.attachment(s);
      return { params: { id: communicationId, attachmentId } };
    },
    expect: PARTIES,
  },
  // The notice's single-use link: the token is the credential, whoever holds it.
  'POST /api/v1/communications/acknowledge': {
    request: async (fx, s) => json({ token: await fx.newNoticeToken(s) }),
    fresh: true,
    expect: everyone(200),
  },

  // Ping tests: the manager runs them; national authorities follow; contacts acknowledge their own checks.
  'GET /api/v1/ping-tests': { request: async () => ({}), expect: PING_READ },
  'POST /api/v1/ping-tests': {
    request: async (fx, s) => {
      await fx.entry(s);
      return json(pingTestRequest(s));
    },
    fresh: true,
    expect: { ...MANAGER_ONLY, mgr: 201 },
  },
  'GET /api/v1/ping-tests/trend': { request: async () => ({}), expect: PING_READ },
  'GET /api/v1/ping-tests/mine': { request: async () => ({}), expect: ANY_PARTY },
  'POST /api/v1/ping-tests/checks/:targetId/acknowledge': {
    // Addressed to the own point of contact's e-mail: even its own State's authority may not answer for it.
    request: async (fx, s) => ({ params: { targetId: await fx.pingCheckForContactOf(s) } }),
    expect: { ...PARTIES, naOwn: 404 },
  },
  'POST /api/v1/ping-tests/acknowledge': {
    request: async (fx, s) => json({ token: await fx.newPingToken(s) }),
    fresh: true,
    expect: everyone(200),
  },
  'GET /api/v1/ping-tests/:id': {
    request: async (fx, s) => ({ params: { id: await fx.campaign(s) } }),
    expect: PING_READ,
  },
  'GET /api/v1/ping-tests/:id/results': {
    request: async (fx, s) => ({ params: { id: await fx.campaign(s) } }),
    expect: PING_READ,
  },
  // Another State's authority follows the campaign but never sees this State's contacts.
  'GET /api/v1/ping-tests/:id/contacts': {
    request: async (fx, s) => ({
      params: { id: await fx.campaign(s) },
      query: { stateM49: s },
      ownStateOnly: (await fx.entry(s)).email,
    }),
    expect: PING_READ,
  },
  'GET /api/v1/ping-tests/:id/export': {
    request: async (fx, s) => ({
      params: { id: await fx.campaign(s) },
      query: { format: 'csv' },
      ownStateOnly: (await fx.entry(s)).email,
    }),
    expect: PING_READ,
  },
};
