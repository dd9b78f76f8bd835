import { Type, type Static } from 'typebox';
import { TOKEN_SCOPES } from '../permissions.ts';
import { ZTimestamp, ZUuid } from './shared.ts';

export const ZTokenScope = Type.Enum(TOKEN_SCOPES);

export const ZApiTokenCreateRequest = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\p{Cc}]+$', description: 'e.g. "CERT ticketing"' }),
    scopes: Type.Array(ZTokenScope, { minItems: 1, maxItems: TOKEN_SCOPES.length, uniqueItems: true }),
    expiresInDays: Type.Integer({ minimum: 1, maximum: 365 }),
  },
  { additionalProperties: false },
);
export type ApiTokenCreateRequest = Static<typeof ZApiTokenCreateRequest>;

export const ZApiToken = Type.Object({
  id: ZUuid,
  name: Type.String(),
  scopes: Type.Array(ZTokenScope),
  status: Type.Enum(['active', 'expired', 'revoked']),
  createdAt: ZTimestamp,
  expiresAt: ZTimestamp,
  revokedAt: Type.Union([ZTimestamp, Type.Null()]),
  lastUsedAt: Type.Union([ZTimestamp, Type.Null()]),
  lastUsedAddress: Type.Union([Type.String(), Type.Null()]),
  useCount: Type.Integer({ minimum: 0 }),
});
export type ApiToken = Static<typeof ZApiToken>;

export const ZApiTokenList = Type.Object({ tokens: Type.Array(ZApiToken) });

export const ZApiTokenCreated = Type.Object({
  token: Type.String({ description: 'Shown once: send as "Authorization: Bearer <token>". Only its SHA-256 is kept.' }),
  apiToken: ZApiToken,
});
export type ApiTokenCreated = Static<typeof ZApiTokenCreated>;
