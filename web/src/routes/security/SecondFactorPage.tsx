import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../../common/schemas/session.ts';
import type { ApiError } from '../../api/client.ts';
import { answerWithKey, answerWithRecoveryCode, answerWithTotp, signInKeyOptions } from '../../api/security.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FormField } from '../../components/FormField.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useT } from '../../i18n/use-t.ts';
import { CodeField } from './CodeField.tsx';
import { getKeyAssertion, keyError } from './webauthn-browser.ts';

type Mode = 'totp' | 'recovery' | 'key';

interface SecondFactorPageProps {
  session: SessionInfo;
  onVerified: (session: SessionInfo) => void;
  /** Cancelling signs the half-open session out. */
  onCancel: () => void;
}

function initialMode(methods: SessionInfo['secondFactorMethods']): Mode {
  if (methods.includes('totp')) return 'totp';
  return methods.includes('webauthn') ? 'key' : 'recovery';
}

/** The sign-in's second step: a code from the authenticator app, a security key, or a recovery code. */
export function SecondFactorPage({ session, onVerified, onCancel }: SecondFactorPageProps) {
  const t = useT();
  const methods = session.secondFactorMethods;
  const [mode, setMode] = useState<Mode>(() => initialMode(methods));
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function attempt(answer: () => Promise<SessionInfo>) {
    setBusy(true);
    setError(null);
    try {
      onVerified(await answer());
    } catch (caught) {
      setError(
        keyError(caught, {
          alreadyRegistered: t('security.key.notCompleted'),
          notCompleted: t('security.key.notCompleted'),
          unsupported: t('security.key.unsupported'),
        }),
      );
      setCode('');
      setBusy(false);
      // Back in the emptied field, ready for the next code; the alert above says what went wrong.
      document.getElementById(mode === 'recovery' ? 'signin-recovery-code' : 'signin-code')?.focus();
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = code.trim();
    void attempt(() => (mode === 'recovery' ? answerWithRecoveryCode(typed) : answerWithTotp(typed)));
  }

  function useKey() {
    void attempt(async () => answerWithKey(await getKeyAssertion(await signInKeyOptions())));
  }

  function switchTo(next: Mode) {
    setMode(next);
    setCode('');
    setError(null);
  }

  return (
    <div id="second-factor-step" className="narrow">
      <PageHeading>{t('signin.second.title')}</PageHeading>
      <p className="lead">{t('signin.second.intro')}</p>
      {mode === 'key' ? (
        <div className="form card">
          <ErrorAlert error={error} />
          <p className="no-margin">{t('signin.second.keyIntro')}</p>
          <button type="button" className="button button-primary" disabled={busy} onClick={useKey}>
            {t('signin.second.useKey')}
          </button>
        </div>
      ) : (
        <form key={mode} className="form card" onSubmit={submit} noValidate>
          <ErrorAlert error={error} />
          {mode === 'totp' ? (
            <CodeField
              id="signin-code"
              label={t('signin.second.codeLabel')}
              hint={t('signin.second.codeHint')}
              value={code}
              onChange={setCode}
              autoFocus
            />
          ) : (
            <FormField
              id="signin-recovery-code"
              label={t('signin.second.recoveryLabel')}
              hint={t('signin.second.recoveryHint')}
            >
              {(control) => (
                <input
                  {...control}
                  type="text"
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  required
                  className="input-recovery"
                  autoFocus
                  value={code}
                  onChange={(event) => setCode(event.target.value)}
                />
              )}
            </FormField>
          )}
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('signin.submitting') : t('signin.second.verify')}
          </button>
        </form>
      )}
      <div className="second-factor-alternatives">
        {methods.includes('webauthn') && mode !== 'key' && (
          <button type="button" id="use-security-key" className="button" disabled={busy} onClick={useKey}>
            {t('signin.second.useKey')}
          </button>
        )}
        {methods.includes('totp') && mode !== 'totp' && (
          <button type="button" id="use-totp-code" className="button-link" onClick={() => switchTo('totp')}>
            {t('signin.second.useTotp')}
          </button>
        )}
        {methods.includes('recovery') && mode !== 'recovery' && (
          <button type="button" id="use-recovery-code" className="button-link" onClick={() => switchTo('recovery')}>
            {t('signin.second.useRecovery')}
          </button>
        )}
        <button type="button" id="second-factor-cancel" className="button-link" onClick={onCancel}>
          {t('signin.second.cancel')}
        </button>
      </div>
    </div>
  );
}
