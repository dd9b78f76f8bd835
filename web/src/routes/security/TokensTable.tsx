import type { ApiToken } from '../../../../common/schemas/api-tokens.ts';
import { DateOnly, DateTimeUtc } from '../../components/DateTime.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useT } from '../../i18n/use-t.ts';
import { scopeKey } from './token-scopes.ts';

const STATUS: Record<ApiToken['status'], { key: MessageKey; badge: string }> = {
  active: { key: 'security.tokens.status.active', badge: 'badge badge-active' },
  expired: { key: 'security.tokens.status.expired', badge: 'badge badge-disabled' },
  revoked: { key: 'security.tokens.status.revoked', badge: 'badge badge-disabled' },
};

interface TokensTableProps {
  tokens: readonly ApiToken[];
  onRevoke: (token: ApiToken) => void;
}

/** The account's API tokens: what each may do, until when, and when and from where it was last used. */
export function TokensTable({ tokens, onRevoke }: TokensTableProps) {
  const t = useT();
  return (
    <div className="table-wrap" role="region" aria-labelledby="tokens-caption" tabIndex={0}>
      <table id="tokens-table">
        <caption id="tokens-caption" className="visually-hidden">
          {t('security.tokens.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('security.tokens.name')}</th>
            <th scope="col">{t('security.tokens.scopes')}</th>
            <th scope="col">{t('security.tokens.status')}</th>
            <th scope="col">{t('security.tokens.expires')}</th>
            <th scope="col">{t('security.tokens.lastUsed')}</th>
            <th scope="col">{t('security.tokens.uses')}</th>
            <th scope="col">{t('security.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} className={token.status === 'active' ? undefined : 'row-disabled'}>
              <th scope="row" className="cell-break">
                <bdi>{token.name}</bdi>
              </th>
              <td>
                <ul className="plain-list">
                  {token.scopes.map((scope) => (
                    <li key={scope}>{t(scopeKey(scope))}</li>
                  ))}
                </ul>
              </td>
              <td>
                <span className={STATUS[token.status].badge}>{t(STATUS[token.status].key)}</span>
              </td>
              <td>
                <DateOnly iso={token.expiresAt} />
              </td>
              <td>
                {token.lastUsedAt ? (
                  <>
                    <DateTimeUtc iso={token.lastUsedAt} />
                    {token.lastUsedAddress && (
                      <span className="token-address">
                        <bdi dir="ltr">{token.lastUsedAddress}</bdi>
                      </span>
                    )}
                  </>
                ) : (
                  <span className="muted">{t('security.tokens.neverUsed')}</span>
                )}
              </td>
              <td className="cell-number">{token.useCount}</td>
              <td>
                {token.status === 'active' && (
                  <button type="button" className="button button-small" onClick={() => onRevoke(token)}>
                    {t('security.tokens.revoke')}
                    <span className="visually-hidden">
                      {' '}
                      <bdi>{token.name}</bdi>
                    </span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
