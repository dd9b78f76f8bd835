import type { ApiToken } from '../../../common/schemas/api-tokens.ts';
import type { TokenScope } from '../../../common/permissions.ts';
import type { ApiTokenRow } from './api-tokens.repository.ts';

export function presentApiToken(row: ApiTokenRow, now: Date): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes as TokenScope[],
    status: row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'active',
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    lastUsedAddress: row.lastUsedAddress,
    useCount: row.useCount,
  };
}
