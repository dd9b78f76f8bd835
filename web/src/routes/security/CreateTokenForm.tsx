import { useState, type FormEvent } from 'react';
import type { TokenScope } from '../../../../common/permissions.ts';
import type { ApiTokenCreated } from '../../../../common/schemas/api-tokens.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { createApiToken } from '../../api/security.ts';
import { Check } from '../../components/Check.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FormField } from '../../components/FormField.tsx';
import { NumberField } from '../../components/NumberField.tsx';
import { reasonKey } from '../../components/field-reason.ts';
import { useT } from '../../i18n/use-t.ts';
import { scopeKey } from './token-scopes.ts';

const DEFAULT_DAYS = '90';

interface CreateTokenFormProps {
  scopes: readonly TokenScope[];
  onCreated: (created: ApiTokenCreated) => void;
  onCancel: () => void;
}

/** Name, scopes (only those the account has) and lifetime of a new API token. */
export function CreateTokenForm({ scopes, onCreated, onCancel }: CreateTokenFormProps) {
  const t = useT();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<TokenScope[]>([]);
  const [days, setDays] = useState(DEFAULT_DAYS);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  function toggle(scope: TokenScope, on: boolean) {
    // Kept in the offered order, so the request and the table list scopes the same way.
    setChosen((current) => scopes.filter((s) => (s === scope ? on : current.includes(s))));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(await createApiToken({ name: name.trim(), scopes: chosen, expiresInDays: Number(days) }));
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  }

  const reasons = error?.fieldReasons() ?? {};
  const fieldError = (field: string) => {
    const reason = reasons[field];
    return reason ? t(reasonKey(reason)) : undefined;
  };
  const scopesError = error?.code === 'TOKEN_SCOPE_NOT_ALLOWED' ? error.message : fieldError('scopes');

  return (
    <form className="form form-wide" onSubmit={(event) => void submit(event)} noValidate>
      <ErrorAlert error={error} />
      <FormField
        id="token-name"
        label={t('security.tokens.name')}
        hint={t('security.tokens.nameHint')}
        error={fieldError('name')}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            autoComplete="off"
            required
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </FormField>
      <fieldset
        className={scopesError ? 'fieldset field-invalid' : 'fieldset'}
        aria-describedby={scopesError ? 'token-scopes-hint token-scopes-error' : 'token-scopes-hint'}
      >
        <legend>{t('security.tokens.scopes')}</legend>
        <p id="token-scopes-hint" className="field-hint">
          {t('security.tokens.scopesHint')}
        </p>
        {scopes.map((scope) => (
          <Check
            key={scope}
            id={`token-scope-${scope.replace('.', '-')}`}
            label={t(scopeKey(scope))}
            checked={chosen.includes(scope)}
            onChange={(on) => toggle(scope, on)}
          />
        ))}
        {scopesError && (
          <p id="token-scopes-error" className="field-error">
            {scopesError}
          </p>
        )}
      </fieldset>
      <NumberField
        id="token-days"
        label={t('security.tokens.days')}
        hint={t('security.tokens.daysHint')}
        error={fieldError('expiresInDays')}
        min={1}
        max={365}
        value={days}
        onChange={setDays}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('security.tokens.create')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
