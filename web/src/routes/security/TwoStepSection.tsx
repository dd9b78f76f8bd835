import { useState } from 'react';
import { useResource } from '../../api/use-resource.ts';
import { getMfaStatus } from '../../api/security.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/use-t.ts';
import { AuthenticatorApp } from './AuthenticatorApp.tsx';
import { RecoveryCodesOnce } from './RecoveryCodesOnce.tsx';
import { RecoveryCodesPanel } from './RecoveryCodesPanel.tsx';
import { SecurityKeys } from './SecurityKeys.tsx';

/**
 * Two-step sign-in: the authenticator app, security keys and recovery codes. New recovery codes
 * take the section over until the reader has stored them.
 */
export function TwoStepSection({ email }: { email: string }) {
  const t = useT();
  const status = useResource(getMfaStatus);
  const [newCodes, setNewCodes] = useState<string[] | null>(null);
  const [announcement, setAnnouncement] = useState('');

  function changed(message: string) {
    setAnnouncement(message);
    status.reload();
  }

  function codesStored() {
    setNewCodes(null);
    setAnnouncement(t('security.recovery.saved'));
    status.reload();
  }

  const data = status.data;
  return (
    <section className="section" aria-labelledby="two-step-heading">
      <h2 id="two-step-heading">{t('security.twoStep.title')}</h2>
      <p className="lead">{t('security.twoStep.intro')}</p>
      <ErrorAlert error={status.error} />
      <div role="status" className="live-region">
        {announcement && <p className="alert alert-success">{announcement}</p>}
      </div>
      {newCodes ? (
        <RecoveryCodesOnce codes={newCodes} email={email} headingLevel={3} onDone={codesStored} />
      ) : data ? (
        <div className="security-panels">
          <AuthenticatorApp status={data} onChanged={changed} onNewCodes={setNewCodes} />
          <SecurityKeys keys={data.webauthn} onChanged={changed} onNewCodes={setNewCodes} />
          <RecoveryCodesPanel
            remaining={data.recoveryCodesRemaining}
            hasSecondFactor={data.totp.enabled || data.webauthn.length > 0}
            onNewCodes={setNewCodes}
          />
        </div>
      ) : (
        status.loading && <p>{t('app.loading')}</p>
      )}
    </section>
  );
}
