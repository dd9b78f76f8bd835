import { useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import type { MfaStatus, TotpStart } from '../../../../common/schemas/mfa.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { removeTotp, startTotp, type TotpConfirmed } from '../../api/security.ts';
import { DateOnly } from '../../components/DateTime.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/use-t.ts';
import { CodeField } from './CodeField.tsx';
import { TotpSetup } from './TotpSetup.tsx';

type Mode =
  | { kind: 'idle' }
  /** Replacing or removing a working authenticator needs a current code from it. */
  | { kind: 'askCode'; purpose: 'replace' | 'remove' }
  | { kind: 'setup'; started: TotpStart };

interface AuthenticatorAppProps {
  status: MfaStatus;
  onChanged: (announcement: string) => void;
  onNewCodes: (codes: string[]) => void;
}

/** The authenticator app: its state, and set up, replace or (when the role allows) remove. */
export function AuthenticatorApp({ status, onChanged, onNewCodes }: AuthenticatorAppProps) {
  const t = useT();
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { enabled, confirmedAt } = status.totp;

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
      setCode('');
    }
  }

  const begin = (currentCode?: string) =>
    run(async () => setMode({ kind: 'setup', started: await startTotp(currentCode) }));

  function submitCode(event: FormEvent<HTMLFormElement>, purpose: 'replace' | 'remove') {
    event.preventDefault();
    const typed = code.trim();
    if (purpose === 'replace') void begin(typed);
    else {
      void run(async () => {
        await removeTotp(typed);
        setMode({ kind: 'idle' });
        onChanged(t('security.totp.removed'));
      });
    }
  }

  function confirmed(result: TotpConfirmed) {
    setMode({ kind: 'idle' });
    if (result.recoveryCodes.length > 0) onNewCodes(result.recoveryCodes);
    onChanged(t(enabled ? 'security.totp.replaced' : 'security.totp.ready'));
  }

  function cancel() {
    setMode({ kind: 'idle' });
    setError(null);
    setCode('');
  }

  return (
    <section className="security-panel" aria-labelledby="totp-heading">
      <h3 id="totp-heading">{t('security.totp.title')}</h3>
      <p className="security-state">
        {enabled ? (
          <span className="badge badge-active">{t('security.totp.on')}</span>
        ) : (
          <span className="badge badge-disabled">{t('security.totp.off')}</span>
        )}
        {enabled && confirmedAt && (
          <span>
            <FormattedMessage id="security.totp.since" values={{ date: <DateOnly iso={confirmedAt} /> }} />
          </span>
        )}
      </p>
      <p className="muted">{t('security.totp.explain')}</p>
      {status.totpRequired && <p className="notice">{t('security.totp.required')}</p>}
      {mode.kind !== 'setup' && <ErrorAlert error={error} />}
      {mode.kind === 'setup' && <TotpSetup started={mode.started} onConfirmed={confirmed} onCancel={cancel} />}
      {mode.kind === 'askCode' && (
        <form className="form" onSubmit={(event) => submitCode(event, mode.purpose)} noValidate>
          <CodeField
            id="totp-current-code"
            label={t('security.totp.currentCode')}
            hint={t(mode.purpose === 'replace' ? 'security.totp.replaceHint' : 'security.totp.removeHint')}
            value={code}
            onChange={setCode}
          />
          <div className="form-actions">
            <button
              type="submit"
              className={mode.purpose === 'remove' ? 'button button-danger' : 'button button-primary'}
              disabled={busy}
            >
              {t(mode.purpose === 'remove' ? 'security.totp.removeConfirm' : 'security.totp.replaceContinue')}
            </button>
            <button type="button" className="button" onClick={cancel}>
              {t('app.cancel')}
            </button>
          </div>
        </form>
      )}
      {mode.kind === 'idle' && (
        <div className="toolbar">
          {enabled ? (
            <>
              <button
                type="button"
                id="totp-replace"
                className="button"
                onClick={() => setMode({ kind: 'askCode', purpose: 'replace' })}
              >
                {t('security.totp.replace')}
              </button>
              {!status.totpRequired && (
                <button
                  type="button"
                  id="totp-remove"
                  className="button"
                  onClick={() => setMode({ kind: 'askCode', purpose: 'remove' })}
                >
                  {t('security.totp.remove')}
                </button>
              )}
            </>
          ) : (
            <button
              type="button"
              id="totp-set-up"
              className="button button-primary"
              disabled={busy}
              onClick={() => void begin()}
            >
              {t('security.totp.setUp')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
