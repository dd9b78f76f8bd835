import { useIntl } from 'react-intl';
import type { Locale } from '../../../common/locales.ts';
import type { Account } from '../../../common/schemas/accounts.ts';
import type { State } from '../../../common/schemas/states.ts';
import { Email } from '../components/Email.tsx';
import { roleKey, stateName } from '../components/labels.ts';
import { useT } from '../i18n/use-t.ts';
import type { AccountAction } from './use-account-action.ts';

interface AccountsTableProps {
  accounts: readonly Account[];
  states: readonly State[] | null;
  locale: Locale;
  selfId: string;
  canDisable: boolean;
  onAction: (account: Account, action: AccountAction) => void;
}

export function AccountsTable({ accounts, states, locale, selfId, canDisable, onAction }: AccountsTableProps) {
  const t = useT();
  const intl = useIntl();
  return (
    <div className="table-wrap" role="region" aria-labelledby="accounts-caption" tabIndex={0}>
      <table>
        <caption id="accounts-caption" className="visually-hidden">
          {t('accounts.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('accounts.column.email')}</th>
            <th scope="col">{t('accounts.column.name')}</th>
            <th scope="col">{t('accounts.column.role')}</th>
            <th scope="col">{t('accounts.column.state')}</th>
            <th scope="col">{t('accounts.column.status')}</th>
            <th scope="col">{t('accounts.column.lastLogin')}</th>
            {canDisable && <th scope="col">{t('accounts.column.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.id} className={account.disabled ? 'row-disabled' : undefined}>
              <th scope="row">
                <Email address={account.email} />
              </th>
              <td>
                <bdi>{account.displayName}</bdi>
              </td>
              <td>{t(roleKey(account.role))}</td>
              <td>
                {stateName(states, account.stateM49, locale) || <span className="muted">{t('accounts.noState')}</span>}
              </td>
              <td>
                <span className={account.disabled ? 'badge badge-disabled' : 'badge badge-active'}>
                  {t(account.disabled ? 'accounts.status.disabled' : 'accounts.status.active')}
                </span>
                {account.mustChangePassword && !account.disabled && (
                  <span className="badge badge-pending">{t('accounts.status.mustChangePassword')}</span>
                )}
              </td>
              <td>
                {account.lastLoginAt ? (
                  <time dateTime={account.lastLoginAt}>
                    {intl.formatDate(account.lastLoginAt, { dateStyle: 'medium', timeStyle: 'short' })}
                  </time>
                ) : (
                  <span className="muted">{t('accounts.neverSignedIn')}</span>
                )}
              </td>
              {canDisable && (
                <td>
                  {account.id !== selfId && (
                    <div className="cell-actions">
                      <button type="button" className="button button-small" onClick={() => onAction(account, 'toggle')}>
                        {t(account.disabled ? 'accounts.enable.action' : 'accounts.disable.action')}
                        <span className="visually-hidden">
                          {' '}
                          <Email address={account.email} />
                        </span>
                      </button>
                      {/* A disabled account cannot sign in anyway; enabling it comes first. */}
                      {!account.disabled && (
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => onAction(account, 'resetSecondFactor')}
                        >
                          {t('accounts.resetSecondFactor.action')}
                          <span className="visually-hidden">
                            {' '}
                            <Email address={account.email} />
                          </span>
                        </button>
                      )}
                    </div>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
