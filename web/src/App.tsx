import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { IntlProvider } from 'react-intl';
import type { Locale } from '../../common/locales.ts';
import type { SessionInfo } from '../../common/schemas/session.ts';
import { configureClient } from './api/client.ts';
import { getSession, savePreferences, signOut } from './api/endpoints.ts';
import { AppShell } from './components/AppShell.tsx';
import {
  applyDocumentLocale,
  initialLocale,
  intlTagOf,
  loadMessages,
  hasChosenLocale,
  rememberLocale,
  type Messages,
} from './i18n/messages.ts';
import { AcceptPage, AcknowledgePage, PingAcknowledgePage, TotpEnrolmentPage } from './routes/lazy-pages.ts';
import { Loading } from './routes/Loading.tsx';
import { Redirect } from './routes/Redirect.tsx';
import { SignedInRoutes } from './routes/SignedInRoutes.tsx';
import { SecondFactorPage } from './routes/security/SecondFactorPage.tsx';
import { SignInPage } from './routes/SignInPage.tsx';
import { deferHeadingFocus, navigate, usePath, type AppPath } from './router.ts';

/** Pages a signed-out visitor is brought back to after signing in. */
const RETURN_PATH =
  /^\/(states|accounts|audit|password|security|directory(\/entries\/[0-9a-f-]{36})?|nominations(\/[0-9a-z-]+)?|coverage|my-state|communications(\/[0-9a-z-]+)?|ping-tests(\/[0-9a-z-]+)?)$/;

/**
 * undefined while the first GET /session is in flight; null when signed out. A session whose
 * secondFactor is 'pending' or 'enrol' has passed the password only: it stays on /signin.
 */
type SessionState = SessionInfo | null | undefined;

/** The session once both sign-in steps are done, else null. */
function fullySignedIn(session: SessionState): SessionInfo | null {
  return session?.secondFactor === 'verified' ? session : null;
}

export function App() {
  const path = usePath();
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [catalogue, setCatalogue] = useState<{ locale: Locale; messages: Messages } | null>(null);
  const [session, setSession] = useState<SessionState>(undefined);
  const returnTo = useRef<AppPath | null>(null);

  useEffect(() => {
    let live = true;
    configureClient({ locale });
    loadMessages(locale).then(
      (messages) => {
        if (!live) return;
        setCatalogue({ locale, messages });
        applyDocumentLocale(locale);
      },
      (error: unknown) => console.error(error),
    );
    return () => {
      live = false;
    };
  }, [locale]);

  const adoptSession = useCallback((info: SessionInfo) => {
    configureClient({ csrfToken: info.csrfToken });
    setSession(info);
    // The account remembers its language: it becomes the UI language on every device.
    setLocale(info.account.locale);
    rememberLocale(info.account.locale);
  }, []);

  useEffect(() => {
    configureClient({
      onUnauthorized: () => {
        configureClient({ csrfToken: null });
        setSession(null);
      },
      onPasswordChangeRequired: () =>
        setSession((s) => (s ? { ...s, account: { ...s.account, mustChangePassword: true } } : s)),
    });
    getSession().then(adoptSession, () => setSession(null));
  }, [adoptSession]);

  // After client-side navigation, focus the new page's heading so screen readers announce it.
  const firstPath = useRef(path);
  useEffect(() => {
    if (path === firstPath.current) return;
    firstPath.current = '';
    // While a page's code loads, Suspense keeps the previous page in the DOM, hidden: its heading
    // cannot take focus, so the arriving page's heading takes it when it mounts.
    const heading = document.getElementById('page-title');
    heading?.focus();
    if (!heading || document.activeElement !== heading) deferHeadingFocus();
  }, [path, catalogue]);

  function changeLocale(next: Locale) {
    setLocale(next);
    rememberLocale(next);
    const signedIn = fullySignedIn(session);
    if (signedIn && !signedIn.account.mustChangePassword) {
      setSession({ ...signedIn, account: { ...signedIn.account, locale: next } });
      savePreferences(next).catch((error: unknown) => console.warn('language not saved', error));
    }
  }

  function handleSignOut() {
    void signOut()
      .catch(() => undefined)
      .finally(() => {
        configureClient({ csrfToken: null });
        setSession(null);
        navigate('/signin');
      });
  }

  /**
   * After the password, and again after the second factor. The gates come in this order: second
   * factor (or the authenticator set-up the role requires), then the one-time password's change.
   */
  function handleSignedIn(info: SessionInfo) {
    adoptSession(info);
    if (info.secondFactor !== 'verified') return; // the next step shows on /signin
    navigate(info.account.mustChangePassword ? '/password' : (returnTo.current ?? '/states'));
    returnTo.current = null;
  }

  function handlePasswordChanged() {
    getSession().then(
      (info) => {
        const wasForced = session?.account.mustChangePassword === true;
        adoptSession(info);
        if (wasForced) navigate('/states');
      },
      () => setSession(null),
    );
  }

  if (!catalogue || session === undefined) return <p className="booting">pocdir</p>;

  if (!fullySignedIn(session) && RETURN_PATH.test(path)) {
    returnTo.current = `${path}${window.location.search}` as AppPath;
  }

  const signedIn = fullySignedIn(session);
  let content;
  // The nominee's acceptance link works without an account, and with any account signed in.
  if (path === '/accept') {
    // The nominee reads the page in the language of their e-mail unless they chose one here.
    content = <AcceptPage onLanguageHint={(hint) => hasChosenLocale() || setLocale(hint)} />;
  } else if (path === '/acknowledge') {
    // The link in a communication's notice acknowledges receipt with or without a session.
    content = <AcknowledgePage />;
  } else if (path === '/ping') {
    // The link in a ping test's mail acknowledges the check with or without a session.
    content = <PingAcknowledgePage />;
  } else if (signedIn) {
    content = <SignedInRoutes path={path} session={signedIn} onPasswordChanged={handlePasswordChanged} />;
  } else if (path !== '/signin') content = <Redirect to="/signin" />;
  else if (session === null) content = <SignInPage onSignedIn={handleSignedIn} />;
  else if (session.secondFactor === 'pending') {
    content = <SecondFactorPage session={session} onVerified={handleSignedIn} onCancel={handleSignOut} />;
  } else content = <TotpEnrolmentPage session={session} onEnrolled={handleSignedIn} onSignOut={handleSignOut} />;

  return (
    <IntlProvider locale={intlTagOf(catalogue.locale)} messages={catalogue.messages} defaultLocale="en">
      <AppShell session={signedIn} locale={locale} path={path} onLocaleChange={changeLocale} onSignOut={handleSignOut}>
        <Suspense fallback={<Loading />}>{content}</Suspense>
      </AppShell>
    </IntlProvider>
  );
}
