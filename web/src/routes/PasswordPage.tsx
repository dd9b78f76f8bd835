import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.ts';
import { changePassword } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PasswordField } from '../components/PasswordField.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { reasonKey } from '../components/field-reason.ts';
import { PASSWORD_MIN_LENGTH } from '../../../common/passwords.ts';
import { useT } from '../i18n/use-t.ts';

interface PasswordPageProps {
  /** The account's e-mail, given to password managers so they update the right entry. */
  email: string;
  forced: boolean;
  onChanged: () => void;
}

/** Change the caller's password; shown before anything else while the one-time password is in use. */
export function PasswordPage({ email, forced, onChanged }: PasswordPageProps) {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setDone(false);
    if (next !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    try {
      await changePassword({ currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
      onChanged();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'NETWORK_ERROR', '', null));
    } finally {
      setBusy(false);
    }
  }

  const reasons = error?.fieldReasons() ?? {};
  const currentError =
    error?.code === 'CURRENT_PASSWORD_INCORRECT'
      ? error.message
      : reasons.currentPassword && t(reasonKey(reasons.currentPassword));
  const nextError =
    error?.code === 'PASSWORD_TOO_WEAK' ? error.message : reasons.newPassword && t(reasonKey(reasons.newPassword));

  return (
    <div className="narrow">
      <PageHeading>{t('password.title')}</PageHeading>
      {forced && <p className="notice">{t('password.forced')}</p>}
      <form className="form card" onSubmit={(event) => void submit(event)} noValidate>
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <ErrorAlert error={error} />
        <div role="status" className="live-region">
          {done && <p className="alert alert-success">{t('password.changed')}</p>}
        </div>
        <PasswordField
          id="password-current"
          label={t('password.current')}
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          error={currentError || undefined}
        />
        <PasswordField
          id="password-new"
          label={t('password.new')}
          hint={t('password.hint', { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          value={next}
          onChange={setNext}
          error={nextError || undefined}
        />
        <PasswordField
          id="password-repeat"
          label={t('password.repeat')}
          autoComplete="new-password"
          value={repeat}
          onChange={setRepeat}
          error={mismatch ? t('password.mismatch') : undefined}
        />
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('password.submit')}
        </button>
      </form>
    </div>
  );
}
