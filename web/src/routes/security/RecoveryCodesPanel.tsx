import { useState } from 'react';
import { toApiError, type ApiError } from '../../api/client.ts';
import { regenerateRecoveryCodes } from '../../api/security.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/use-t.ts';

/** Below this many unused codes, the reader is told to make new ones before they run out. */
const FEW_CODES = 3;

interface RecoveryCodesPanelProps {
  remaining: number;
  /** Recovery codes exist only alongside an authenticator app or a security key. */
  hasSecondFactor: boolean;
  onNewCodes: (codes: string[]) => void;
}

/** How many recovery codes are left, and new ones (the old ones stop working) after a confirmation. */
export function RecoveryCodesPanel({ remaining, hasSecondFactor, onNewCodes }: RecoveryCodesPanelProps) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function regenerate() {
    setBusy(true);
    setError(null);
    try {
      const { recoveryCodes } = await regenerateRecoveryCodes();
      onNewCodes(recoveryCodes);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <section className="security-panel" aria-labelledby="recovery-heading">
      <h3 id="recovery-heading">{t('security.recovery.title')}</h3>
      <p className="muted">{t('security.recovery.explain')}</p>
      <ErrorAlert error={error} />
      {hasSecondFactor ? (
        <>
          <p id="recovery-remaining">{t('security.recovery.remaining', { count: remaining })}</p>
          {remaining < FEW_CODES && <p className="notice">{t('security.recovery.few')}</p>}
          <div className="toolbar">
            <button type="button" id="recovery-regenerate" className="button" onClick={() => setConfirming(true)}>
              {t('security.recovery.generate')}
            </button>
          </div>
        </>
      ) : (
        <p>{t('security.recovery.noneYet')}</p>
      )}
      <ConfirmDialog
        open={confirming}
        busy={busy}
        title={t('security.recovery.generateTitle')}
        message={t('security.recovery.generateMessage')}
        confirmLabel={t('security.recovery.generate')}
        onConfirm={() => void regenerate()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
