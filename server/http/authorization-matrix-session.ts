import { TEST_PASSWORD } from '../test-support/factories.ts';
import {
  everyone,
  FORGED_WEBAUTHN,
  json,
  signedIn,
  TOTP_HOLDERS,
  withCode,
  type MatrixEntry,
} from './authorization-matrix-rules.ts';

/** The session, second-factor and API-token routes: all about the caller's own account. */
export const SESSION_MATRIX: Record<string, MatrixEntry> = {
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
};
