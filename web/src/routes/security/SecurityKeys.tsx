import { useState, type FormEvent } from 'react';
import type { MfaStatus } from '../../../../common/schemas/mfa.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { keyRegistrationOptions, registerKey, removeKey } from '../../api/security.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DateTimeUtc } from '../../components/DateTime.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FormField } from '../../components/FormField.tsx';
import { isolate } from '../../components/labels.ts';
import { reasonKey } from '../../components/field-reason.ts';
import { useT } from '../../i18n/use-t.ts';
import { browserSupportsKeys, createKeyCredential, keyError } from './webauthn-browser.ts';

type Key = MfaStatus['webauthn'][number];

interface SecurityKeysProps {
  keys: readonly Key[];
  onChanged: (announcement: string) => void;
  onNewCodes: (codes: string[]) => void;
}

/** Security keys and passkeys: the list, adding one through the browser, removing one. */
export function SecurityKeys({ keys, onChanged, onNewCodes }: SecurityKeysProps) {
  const t = useT();
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [removing, setRemoving] = useState<Key | null>(null);
  const [nameMissing, setNameMissing] = useState(false);
  const supported = browserSupportsKeys();

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const keyName = name.trim();
    // Checked here so nobody touches their key only to hear the name was missing.
    setNameMissing(keyName === '');
    if (keyName === '') return;
    setBusy(true);
    setError(null);
    try {
      const response = await createKeyCredential(await keyRegistrationOptions());
      const { recoveryCodes } = await registerKey(keyName, response);
      setAdding(false);
      setName('');
      if (recoveryCodes.length > 0) onNewCodes(recoveryCodes);
      onChanged(t('security.key.added', { name: isolate(keyName) }));
    } catch (caught) {
      setError(
        keyError(caught, {
          alreadyRegistered: t('security.key.alreadyRegistered'),
          notCompleted: t('security.key.notCompleted'),
          unsupported: t('security.key.unsupported'),
        }),
      );
    } finally {
      setBusy(false);
    }
  }

  async function remove(key: Key) {
    setBusy(true);
    setError(null);
    try {
      await removeKey(key.id);
      onChanged(t('security.key.removed', { name: isolate(key.name) }));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
      setRemoving(null);
    }
  }

  const nameReason = nameMissing ? 'required' : error?.fieldReasons().name;

  return (
    <section className="security-panel" aria-labelledby="keys-heading">
      <h3 id="keys-heading">{t('security.key.title')}</h3>
      <p className="muted">{t('security.key.explain')}</p>
      {!adding && <ErrorAlert error={error} />}
      {keys.length === 0 ? (
        <p>{t('security.key.none')}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="keys-caption" tabIndex={0}>
          <table>
            <caption id="keys-caption" className="visually-hidden">
              {t('security.key.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('security.key.name')}</th>
                <th scope="col">{t('security.key.addedOn')}</th>
                <th scope="col">{t('security.key.lastUsed')}</th>
                <th scope="col">{t('security.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id}>
                  <th scope="row" className="cell-break">
                    <bdi>{key.name}</bdi>
                  </th>
                  <td>
                    <DateTimeUtc iso={key.createdAt} />
                  </td>
                  <td>
                    {key.lastUsedAt ? (
                      <DateTimeUtc iso={key.lastUsedAt} />
                    ) : (
                      <span className="muted">{t('security.never')}</span>
                    )}
                  </td>
                  <td>
                    <button type="button" className="button button-small" onClick={() => setRemoving(key)}>
                      {t('security.key.remove')}
                      <span className="visually-hidden">
                        {' '}
                        <bdi>{key.name}</bdi>
                      </span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!supported && <p className="notice">{t('security.key.unsupported')}</p>}
      {supported && adding && (
        <form className="form" onSubmit={(event) => void add(event)} noValidate>
          <ErrorAlert error={error} />
          <FormField
            id="webauthn-name"
            label={t('security.key.nameLabel')}
            hint={t('security.key.nameHint')}
            error={nameReason ? t(reasonKey(nameReason)) : undefined}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                autoComplete="off"
                required
                maxLength={80}
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            )}
          </FormField>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('security.key.register')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setAdding(false);
                setError(null);
              }}
            >
              {t('app.cancel')}
            </button>
          </div>
        </form>
      )}
      {supported && !adding && (
        <div className="toolbar">
          <button type="button" id="webauthn-add" className="button" onClick={() => setAdding(true)}>
            {t('security.key.add')}
          </button>
        </div>
      )}
      <ConfirmDialog
        open={removing !== null}
        busy={busy}
        title={t('security.key.removeTitle')}
        message={t('security.key.removeMessage', { name: isolate(removing?.name ?? '') })}
        confirmLabel={t('security.key.removeConfirm')}
        onConfirm={() => removing && void remove(removing)}
        onCancel={() => setRemoving(null)}
      />
    </section>
  );
}
