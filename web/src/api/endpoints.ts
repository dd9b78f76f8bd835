import type { Account, CreateAccountRequest, CreatedAccount } from '../../../common/schemas/accounts.ts';
import type { AuditEntry, AuditVerification } from '../../../common/schemas/audit.ts';
import type { LoginRequest, PasswordChangeRequest, SessionInfo } from '../../../common/schemas/session.ts';
import type { StateList } from '../../../common/schemas/states.ts';
import type { Locale } from '../../../common/locales.ts';
import type { Role } from '../../../common/roles.ts';
import { request } from './client.ts';

export const getSession = () => request<SessionInfo>('GET', '/session');
export const signIn = (body: LoginRequest) => request<SessionInfo>('POST', '/session', { body });
export const signOut = () => request<void>('DELETE', '/session');
export const changePassword = (body: PasswordChangeRequest) => request<void>('PUT', '/session/password', { body });
// keepalive: a reload or navigation right after switching language must not cancel the save.
export const savePreferences = (locale: Locale) =>
  request<void>('PUT', '/session/preferences', { body: { locale }, keepalive: true });

export const listStates = () => request<StateList>('GET', '/states');

export const listAccounts = (filter: { role?: Role | undefined }) =>
  request<{ items: Account[] }>('GET', '/accounts', { query: { role: filter.role } });
export const createAccount = (body: CreateAccountRequest) => request<CreatedAccount>('POST', '/accounts', { body });
export const disableAccount = (id: string) => request<Account>('POST', `/accounts/${encodeURIComponent(id)}/disable`);
export const enableAccount = (id: string) => request<Account>('POST', `/accounts/${encodeURIComponent(id)}/enable`);
/** What a second-factor reset removed (the route's inline response schema in server/modules/mfa/mfa.routes.ts). */
export interface SecondFactorReset {
  totp: boolean;
  securityKeys: number;
  revokedSessions: number;
}
export const resetSecondFactor = (id: string) =>
  request<SecondFactorReset>('POST', `/accounts/${encodeURIComponent(id)}/reset-second-factor`);

export const listAudit = (page: { before?: number | undefined; limit?: number }) =>
  request<{ items: AuditEntry[]; nextBefore: number | null }>('GET', '/audit', {
    query: { before: page.before, limit: page.limit },
  });
export const verifyAudit = () => request<AuditVerification>('GET', '/audit/verification');
