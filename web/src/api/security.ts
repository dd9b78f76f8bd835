import type { ApiToken, ApiTokenCreated, ApiTokenCreateRequest } from '../../../common/schemas/api-tokens.ts';
import type { MfaStatus, RecoveryCodes, TotpStart } from '../../../common/schemas/mfa.ts';
import type { SessionInfo, SessionList } from '../../../common/schemas/session.ts';
import { request } from './client.ts';

/*
 * Second factors, sessions and API tokens. WebAuthn options and answers are passed through as the
 * JSON the browser library reads and writes; the server checks what is inside.
 */

// The sign-in step: each success replaces the session cookie and returns the fully signed-in session.
export const answerWithTotp = (code: string) =>
  request<SessionInfo>('POST', '/session/second-factor/totp', { body: { code } });
export const answerWithRecoveryCode = (code: string) =>
  request<SessionInfo>('POST', '/session/second-factor/recovery', { body: { code } });
export const signInKeyOptions = () => request<unknown>('POST', '/session/second-factor/webauthn/options');
export const answerWithKey = (response: unknown) =>
  request<SessionInfo>('POST', '/session/second-factor/webauthn', { body: { response } });

export interface TotpConfirmed {
  /** Empty when the account already had recovery codes. */
  recoveryCodes: string[];
  session: SessionInfo;
}

export const getMfaStatus = () => request<MfaStatus>('GET', '/mfa');
export const startTotp = (currentCode?: string) =>
  request<TotpStart>('POST', '/mfa/totp', { body: currentCode === undefined ? {} : { currentCode } });
export const confirmTotp = (code: string) => request<TotpConfirmed>('POST', '/mfa/totp/confirm', { body: { code } });
export const removeTotp = (code: string) => request<void>('DELETE', '/mfa/totp', { body: { code } });
export const regenerateRecoveryCodes = () => request<RecoveryCodes>('POST', '/mfa/recovery-codes');
export const keyRegistrationOptions = () => request<unknown>('POST', '/mfa/webauthn/options');
export const registerKey = (name: string, response: unknown) =>
  request<RecoveryCodes>('POST', '/mfa/webauthn', { body: { name, response } });
export const removeKey = (id: string) => request<void>('DELETE', `/mfa/webauthn/${encodeURIComponent(id)}`);

export const listSessions = () => request<SessionList>('GET', '/session/sessions');
export const revokeSession = (id: string) =>
  request<{ revoked: number }>('DELETE', `/session/sessions/${encodeURIComponent(id)}`);
export const revokeOtherSessions = () => request<{ revoked: number }>('DELETE', '/session/sessions');

export const listApiTokens = () => request<{ tokens: ApiToken[] }>('GET', '/api-tokens');
export const createApiToken = (body: ApiTokenCreateRequest) =>
  request<ApiTokenCreated>('POST', '/api-tokens', { body });
export const revokeApiToken = (id: string) => request<ApiToken>('DELETE', `/api-tokens/${encodeURIComponent(id)}`);
