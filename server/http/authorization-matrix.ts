import { sendRequest } from '../test-support/communication-factories.ts';
import { nominationRequest } from '../test-support/directory-factories.ts';
import {
  accountRequest,
  FORWARD_STATE,
  MINIMAL_PDF,
  pingTestRequest,
  RECIPIENT_STATE,
} from '../test-support/matrix-fixtures.ts';
import { exampleNominationCsv } from '../modules/directory/directory-import.ts';
import {
  ANY_PARTY,
  DIRECTORY_READ,
  everyone,
  json,
  MANAGER_AND_OWN_AUTHORITY,
  MANAGER_ONLY,
  only,
  OWN_AUTHORITY_ONLY,
  PARTIES,
  PARTIES_CREATE,
  PING_READ,
  signedIn,
  type MatrixEntry,
} from './authorization-matrix-rules.ts';
import { SESSION_MATRIX } from './authorization-matrix-session.ts';

export {
  CALLER_KINDS,
  CALLERS,
  type Caller,
  type MatrixEntry,
  type MatrixRequest,
  type Outcome,
} from './authorization-matrix-rules.ts';

/**
 * The authorization matrix: for every /api/v1 route, the status each kind of caller gets when it
 * calls the route on a fixture belonging to one State (callers and rules: authorization-matrix-rules.ts).
 * `authorization-matrix.test.ts` calls every route of the app's route table as every caller and
 * fails on a route missing here.
 */
export const AUTHORIZATION_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/v1/health': { request: async () => ({}), expect: everyone(200) },

  ...SESSION_MATRIX,

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
