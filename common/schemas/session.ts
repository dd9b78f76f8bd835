import { Type, type Static } from 'typebox';
import { ZLocale, ZM49, ZRole, ZTimestamp, ZUuid } from './shared.ts';

import { PASSWORD_MIN_LENGTH } from '../passwords.ts';

export const ZLoginRequest = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof ZLoginRequest>;

export const ZAbilities = Type.Record(Type.String(), Type.Boolean(), {
  description: 'What the caller may do, by permission, so clients never re-implement the rules',
});

export const ZSessionAccount = Type.Object({
  id: ZUuid,
  email: Type.String(),
  displayName: Type.String(),
  role: ZRole,
  stateM49: Type.Union([ZM49, Type.Null()]),
  locale: ZLocale,
  mustChangePassword: Type.Boolean(),
});

export const ZSessionInfo = Type.Object({
  account: ZSessionAccount,
  csrfToken: Type.String({ description: 'Send as X-CSRF-Token on every cookie-authenticated write' }),
  abilities: ZAbilities,
  creatableRoles: Type.Array(ZRole),
  expiresAt: Type.String({ format: 'date-time' }),
  secondFactor: Type.Enum(['verified', 'pending', 'enrol'], {
    description:
      "'pending': the password was right, give a second factor; 'enrol': set up an authenticator app first (the role requires one)",
  }),
  secondFactorMethods: Type.Array(Type.Enum(['totp', 'webauthn', 'recovery']), {
    description: 'While pending: the second factors this account can use',
  }),
});
export type SessionInfo = Static<typeof ZSessionInfo>;

export const ZPasswordChangeRequest = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type PasswordChangeRequest = Static<typeof ZPasswordChangeRequest>;

export const ZPreferencesRequest = Type.Object({ locale: ZLocale }, { additionalProperties: false });
export type PreferencesRequest = Static<typeof ZPreferencesRequest>;

export const ZSessionListItem = Type.Object({
  id: ZUuid,
  current: Type.Boolean({ description: 'The session this request uses' }),
  createdAt: ZTimestamp,
  lastSeenAt: ZTimestamp,
  expiresAt: ZTimestamp,
  clientAddress: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  secondFactorMethod: Type.Union([Type.Enum(['totp', 'webauthn', 'recovery']), Type.Null()]),
});
export type SessionListItem = Static<typeof ZSessionListItem>;

export const ZSessionList = Type.Object({ sessions: Type.Array(ZSessionListItem) });
export type SessionList = Static<typeof ZSessionList>;

export const ZRevokedCount = Type.Object({ revoked: Type.Integer({ minimum: 0 }) });
