import { useCallback, useEffect, useState } from 'react';
import { ROLES, type Role } from '../../../common/roles.ts';
import type { Account, CreatedAccount } from '../../../common/schemas/accounts.ts';
import type { SessionInfo } from '../../../common/schemas/session.ts';
import { toApiError, type ApiError } from '../api/client.ts';
import { listAccounts } from '../api/endpoints.ts';
import { useStates } from '../api/use-states.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { roleKey } from '../components/labels.ts';
import { useLocale, useT } from '../i18n/use-t.ts';
import { AccountsTable } from './AccountsTable.tsx';
import { CreateAccountForm } from './CreateAccountForm.tsx';
import { OneTimePassword } from './OneTimePassword.tsx';
import { useAccountAction } from './use-account-action.ts';

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Login accounts the caller may see, with creation, disable/enable and second-factor reset as the
 * session allows.
 */
export function AccountsPage({ session }: { session: SessionInfo }) {
  const t = useT();
  const locale = useLocale();
  const { states } = useStates();
  const [role, setRole] = useState<Role | ''>('');
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedAccount | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const canCreate = session.abilities['accounts.create'] === true && session.creatableRoles.length > 0;
  const canDisable = session.abilities['accounts.disable'] === true;

  const reload = useCallback(async () => {
    try {
      const list = await listAccounts({ role: role || undefined });
      setAccounts(list.items);
    } catch (caught) {
      setError(toApiError(caught));
    }
  }, [role]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const action = useAccountAction({
    onUpdated: (updated) =>
      setAccounts((list) => list?.map((item) => (item.id === updated.id ? updated : item)) ?? null),
    setNotice: setAnnouncement,
    setError,
  });

  function onCreated(result: CreatedAccount) {
    setCreated(result);
    setCreating(false);
    void reload();
  }

  return (
    <>
      <PageHeading>{t('accounts.title')}</PageHeading>
      <p className="lead">{t('accounts.intro')}</p>
      <ErrorAlert error={error} />
      <div role="status" className="live-region">
        {announcement && <p className="alert alert-success">{announcement}</p>}
      </div>
      {created && <OneTimePassword created={created} onDone={() => setCreated(null)} />}
      {canCreate && !created && (
        <section className="section" aria-labelledby="create-account-heading">
          <h2 id="create-account-heading">{t('accounts.create.title')}</h2>
          {creating ? (
            <CreateAccountForm
              session={session}
              states={states}
              locale={locale}
              onCreated={onCreated}
              onCancel={() => setCreating(false)}
            />
          ) : (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              {t('accounts.create.open')}
            </button>
          )}
        </section>
      )}
      <section className="section" aria-labelledby="accounts-list-heading">
        <h2 id="accounts-list-heading">{t('accounts.list.title')}</h2>
        <form className="filters" onSubmit={(event) => event.preventDefault()}>
          <div className="field">
            <label htmlFor="accounts-role">{t('accounts.filter.role')}</label>
            <select
              id="accounts-role"
              value={role}
              onChange={(event) => setRole(isRole(event.target.value) ? event.target.value : '')}
            >
              <option value="">{t('accounts.filter.allRoles')}</option>
              {ROLES.map((code) => (
                <option key={code} value={code}>
                  {t(roleKey(code))}
                </option>
              ))}
            </select>
          </div>
        </form>
        <p role="status" className="result-count">
          {accounts === null ? t('app.loading') : t('accounts.count', { count: accounts.length })}
        </p>
        {accounts && accounts.length > 0 && (
          <AccountsTable
            accounts={accounts}
            states={states}
            locale={locale}
            selfId={session.account.id}
            canDisable={canDisable}
            onAction={action.ask}
          />
        )}
      </section>
      <ConfirmDialog {...action.dialog} />
    </>
  );
}
