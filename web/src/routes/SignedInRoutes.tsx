import type { SessionInfo } from '../../../common/schemas/session.ts';
import { AccountsPage } from './AccountsPage.tsx';
import { AuditPage } from './AuditPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { PasswordPage } from './PasswordPage.tsx';
import { Redirect } from './Redirect.tsx';
import { StatesPage } from './StatesPage.tsx';

interface SignedInRoutesProps {
  path: string;
  session: SessionInfo;
  onPasswordChanged: () => void;
}

/** Picks the page for the path; pages the session's abilities do not allow are simply not found. */
export function SignedInRoutes({ path, session, onPasswordChanged }: SignedInRoutesProps) {
  const { abilities, account } = session;
  if (account.mustChangePassword) {
    return path === '/password' ? (
      <PasswordPage email={account.email} forced onChanged={onPasswordChanged} />
    ) : (
      <Redirect to="/password" />
    );
  }
  switch (path) {
    case '/':
    case '/signin':
      return <Redirect to="/states" />;
    case '/password':
      return <PasswordPage email={account.email} forced={false} onChanged={onPasswordChanged} />;
    case '/states':
      if (abilities['states.read']) return <StatesPage />;
      break;
    case '/accounts':
      if (abilities['accounts.read']) return <AccountsPage session={session} />;
      break;
    case '/audit':
      if (abilities['audit.read']) return <AuditPage />;
      break;
  }
  return <NotFoundPage />;
}
