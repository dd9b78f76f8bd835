import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../common/schemas/session.ts';
import { ApiError } from '../api/client.ts';
import { signIn } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { FormField } from '../components/FormField.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { useT } from '../i18n/use-t.ts';

export function SignInPage({ onSignedIn }: { onSignedIn: (session: SessionInfo) => void }) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn({ email: email.trim(), password }));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'NETWORK_ERROR', '', null));
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <PageHeading>{t('signin.title')}</PageHeading>
      <p className="lead">{t('signin.intro')}</p>
      <form className="form card" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorAlert error={error} />
        <FormField id="signin-email" label={t('signin.email')}>
          {(control) => (
            <input
              {...control}
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </FormField>
        <FormField id="signin-password" label={t('signin.password')}>
          {(control) => (
            <input
              {...control}
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </FormField>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('signin.submitting') : t('signin.submit')}
        </button>
      </form>
      <p className="note">{t('signin.restricted')}</p>
    </div>
  );
}
