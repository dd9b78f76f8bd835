import { useMemo, useState, type FormEvent } from 'react';
import { LOCALES, LOCALE_NATIVE_NAMES, isLocale, type Locale } from '../../../common/locales.ts';
import { isStateBound, type Role } from '../../../common/roles.ts';
import type { CreatedAccount } from '../../../common/schemas/accounts.ts';
import type { SessionInfo } from '../../../common/schemas/session.ts';
import type { State } from '../../../common/schemas/states.ts';
import { ApiError } from '../api/client.ts';
import { createAccount } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { FormField } from '../components/FormField.tsx';
import { reasonKey } from '../components/field-reason.ts';
import { roleKey } from '../components/labels.ts';
import { useT } from '../i18n/use-t.ts';

interface CreateAccountFormProps {
  session: SessionInfo;
  states: readonly State[] | null;
  locale: Locale;
  onCreated: (created: CreatedAccount) => void;
  onCancel: () => void;
}

/** Errors the server reports for one field by code rather than in details. */
const CODE_FIELDS: Partial<Record<string, string>> = {
  EMAIL_TAKEN: 'email',
  STATE_REQUIRED: 'stateM49',
  UNKNOWN_STATE: 'stateM49',
  STATE_NOT_ALLOWED: 'stateM49',
  ROLE_NOT_ASSIGNABLE: 'role',
};

export function CreateAccountForm({ session, states, locale, onCreated, onCancel }: CreateAccountFormProps) {
  const t = useT();
  const roles = session.creatableRoles;
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role | undefined>(roles[0]);
  const [stateM49, setStateM49] = useState('');
  const [accountLocale, setAccountLocale] = useState<Locale>(locale);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  // A national authority's accounts belong to its own State; only a caller without a State picks one.
  const needsState = role !== undefined && isStateBound(role) && session.account.stateM49 === null;
  const sortedStates = useMemo(() => {
    const collator = new Intl.Collator(locale);
    return [...(states ?? [])].sort((a, b) => collator.compare(a.names[locale], b.names[locale]));
  }, [states, locale]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!role) return;
    setBusy(true);
    setError(null);
    try {
      onCreated(
        await createAccount({
          email: email.trim(),
          displayName: displayName.trim(),
          role,
          locale: accountLocale,
          ...(needsState && stateM49 ? { stateM49 } : {}),
        }),
      );
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'NETWORK_ERROR', '', null));
      setBusy(false);
    }
  }

  const reasons = error?.fieldReasons() ?? {};
  const codeField = error ? CODE_FIELDS[error.code] : undefined;
  const fieldError = (name: string): string | undefined => {
    if (codeField === name && error) return error.message;
    const reason = reasons[name];
    return reason ? t(reasonKey(reason)) : undefined;
  };

  return (
    <form className="form card" onSubmit={(event) => void submit(event)} noValidate>
      <ErrorAlert error={error} />
      <FormField id="new-email" label={t('accounts.field.email')} error={fieldError('email')}>
        {(control) => (
          <input
            {...control}
            type="email"
            autoComplete="off"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </FormField>
      <FormField id="new-name" label={t('accounts.field.name')} error={fieldError('displayName')}>
        {(control) => (
          <input
            {...control}
            type="text"
            autoComplete="off"
            required
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
          />
        )}
      </FormField>
      <FormField id="new-role" label={t('accounts.field.role')} error={fieldError('role')}>
        {(control) => (
          <select {...control} value={role ?? ''} onChange={(e) => setRole(roles.find((r) => r === e.target.value))}>
            {roles.map((code) => (
              <option key={code} value={code}>
                {t(roleKey(code))}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {needsState && (
        <FormField id="new-state" label={t('accounts.field.state')} error={fieldError('stateM49')}>
          {(control) => (
            <select {...control} required value={stateM49} onChange={(e) => setStateM49(e.target.value)}>
              <option value="">{t('accounts.field.statePlaceholder')}</option>
              {sortedStates.map((state) => (
                <option key={state.m49} value={state.m49}>
                  {state.names[locale]}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
      <FormField
        id="new-locale"
        label={t('accounts.field.language')}
        hint={t('accounts.field.languageHint')}
        error={fieldError('locale')}
      >
        {(control) => (
          <select
            {...control}
            value={accountLocale}
            onChange={(e) => isLocale(e.target.value) && setAccountLocale(e.target.value)}
          >
            {LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LOCALE_NATIVE_NAMES[code]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('accounts.create.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
