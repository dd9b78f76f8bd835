import { useCallback, useEffect, useRef, useState } from 'react';
import type { TotpStart } from '../../../../common/schemas/mfa.ts';
import type { SessionInfo } from '../../../../common/schemas/session.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { startTotp, type TotpConfirmed } from '../../api/security.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useT } from '../../i18n/use-t.ts';
import { RecoveryCodesOnce } from './RecoveryCodesOnce.tsx';
import { TotpSetup } from './TotpSetup.tsx';

interface TotpEnrolmentPageProps {
  session: SessionInfo;
  /** The confirmation's fully signed-in session, once the recovery codes are stored. */
  onEnrolled: (session: SessionInfo) => void;
  onSignOut: () => void;
}

/**
 * The set-up a directory manager or national authority must finish before anything else: their
 * role requires an authenticator app. Confirming it signs the session in fully (new cookie).
 */
export function TotpEnrolmentPage({ session, onEnrolled, onSignOut }: TotpEnrolmentPageProps) {
  const t = useT();
  const [started, setStarted] = useState<TotpStart | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirmed, setConfirmed] = useState<TotpConfirmed | null>(null);
  // Each start makes a new pending secret: start once, even when React runs the effect twice.
  const requested = useRef(false);

  const begin = useCallback(() => {
    setError(null);
    startTotp().then(setStarted, (caught: unknown) => setError(toApiError(caught)));
  }, []);

  useEffect(() => {
    if (requested.current) return;
    requested.current = true;
    begin();
  }, [begin]);

  function onConfirmed(result: TotpConfirmed) {
    if (result.recoveryCodes.length === 0) onEnrolled(result.session);
    else setConfirmed(result);
  }

  return (
    <div id="totp-enrolment" className="security-step">
      <PageHeading>{t('security.enrol.title')}</PageHeading>
      <p className="lead">{t('security.enrol.why')}</p>
      <ErrorAlert error={error} />
      {confirmed ? (
        <RecoveryCodesOnce
          codes={confirmed.recoveryCodes}
          email={session.account.email}
          onDone={() => onEnrolled(confirmed.session)}
        />
      ) : started ? (
        <TotpSetup started={started} onConfirmed={onConfirmed} />
      ) : error ? (
        <button type="button" className="button" onClick={begin}>
          {t('security.tryAgain')}
        </button>
      ) : (
        <p role="status">{t('app.loading')}</p>
      )}
      <p className="security-step-leave">
        <button type="button" className="button-link" onClick={onSignOut}>
          {t('security.enrol.signOut')}
        </button>
      </p>
    </div>
  );
}
