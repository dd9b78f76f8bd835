import type { ReactNode } from 'react';
import type { Locale } from '../../../common/locales.ts';
import type { SessionInfo } from '../../../common/schemas/session.ts';
import { useStates } from '../api/use-states.ts';
import { useT } from '../i18n/use-t.ts';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { MainNav } from './MainNav.tsx';
import { roleKey, stateName } from './labels.ts';

interface AppShellProps {
  session: SessionInfo | null;
  locale: Locale;
  path: string;
  onLocaleChange: (locale: Locale) => void;
  onSignOut: () => void;
  children: ReactNode;
}

/** Skip link, header (product, person, language, sign-out), navigation and the main landmark. */
export function AppShell({ session, locale, path, onLocaleChange, onSignOut, children }: AppShellProps) {
  const t = useT();
  const showNav = session !== null && !session.account.mustChangePassword;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-name" lang="en" translate="no">
            pocdir
          </span>
          <span className="brand-subtitle">{t('app.subtitle')}</span>
        </div>
        <div className="header-tools">
          {session && <SignedInPerson session={session} locale={locale} />}
          <LanguageSwitcher locale={locale} onChange={onLocaleChange} />
          {session && (
            <button type="button" className="button button-quiet" onClick={onSignOut}>
              {t('app.signOut')}
            </button>
          )}
        </div>
      </header>
      {showNav && <MainNav abilities={session.abilities} path={path} />}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function SignedInPerson({ session, locale }: { session: SessionInfo; locale: Locale }) {
  const t = useT();
  const { account } = session;
  return (
    <p className="signed-in">
      <span className="visually-hidden">{t('app.signedInAs')} </span>
      <bdi className="signed-in-name">{account.displayName}</bdi>
      <span className="signed-in-role">
        {t(roleKey(account.role))}
        {account.stateM49 && !account.mustChangePassword && (
          <>
            {' · '}
            <StateLabel m49={account.stateM49} locale={locale} />
          </>
        )}
      </span>
    </p>
  );
}

function StateLabel({ m49, locale }: { m49: string; locale: Locale }) {
  const { states } = useStates();
  return <>{stateName(states, m49, locale)}</>;
}
