import { TOKEN_SCOPES, type TokenScope } from '../../../../common/permissions.ts';
import type { SessionInfo } from '../../../../common/schemas/session.ts';

/** The message key of a scope's plain-words name ("Read the directory"). */
export const scopeKey = (scope: TokenScope) => `security.scope.${scope}` as const;

/** The scopes a token of this account may carry: those of TOKEN_SCOPES the session's abilities grant. */
export function grantableScopes(abilities: SessionInfo['abilities']): TokenScope[] {
  return TOKEN_SCOPES.filter((scope) => abilities[scope] === true);
}
