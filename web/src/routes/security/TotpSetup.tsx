import { useState, type FormEvent } from 'react';
import type { TotpStart } from '../../../../common/schemas/mfa.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { confirmTotp, type TotpConfirmed } from '../../api/security.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/use-t.ts';
import { CodeField } from './CodeField.tsx';
import { groupInFours, svgDataUrl } from './secret-format.ts';

interface TotpSetupProps {
  started: TotpStart;
  onConfirmed: (result: TotpConfirmed) => void;
  onCancel?: (() => void) | undefined;
}

/**
 * Pairs an authenticator app: the QR code to scan, the same secret grouped in fours for typing,
 * then a code from the app proves the pairing worked before the server switches to it.
 */
export function TotpSetup({ started, onConfirmed, onCancel }: TotpSetupProps) {
  const t = useT();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onConfirmed(await confirmTotp(code.trim()));
    } catch (caught) {
      setError(toApiError(caught));
      setCode('');
      setBusy(false);
      document.getElementById('totp-confirm-code')?.focus();
    }
  }

  return (
    <div className="totp-setup">
      <ol className="totp-steps">
        <li>
          <p>{t('security.totp.scan')}</p>
          <img className="totp-qr" src={svgDataUrl(started.qrSvg)} alt={t('security.totp.qrAlt')} />
        </li>
        <li>
          <p id="totp-secret-label">{t('security.totp.typeSecret')}</p>
          <code id="totp-secret" className="secret secret-long" translate="no" aria-labelledby="totp-secret-label">
            {groupInFours(started.secret)}
          </code>
        </li>
        <li>
          <form className="form" onSubmit={(event) => void submit(event)} noValidate>
            <ErrorAlert error={error} />
            <CodeField id="totp-confirm-code" label={t('security.totp.confirmLabel')} value={code} onChange={setCode} />
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {t('security.totp.confirm')}
              </button>
              {onCancel && (
                <button type="button" className="button" onClick={onCancel}>
                  {t('app.cancel')}
                </button>
              )}
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}
