import type { SessionInfo } from '../../../common/schemas/session.ts';
import { AccountsPage } from './AccountsPage.tsx';
import { AuditPage } from './AuditPage.tsx';
import {
  ComposePage,
  CoveragePage,
  DirectoryPage,
  EntryPage,
  InboxPage,
  MyStatePage,
  NominationDetailPage,
  NominationFormPage,
  NominationsPage,
  NewPingTestPage,
  PingTestPage,
  PingTestsPage,
  SecurityPage,
  ThreadPage,
} from './lazy-pages.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import { PasswordPage } from './PasswordPage.tsx';
import { Redirect } from './Redirect.tsx';
import { StatesPage } from './StatesPage.tsx';

const ENTRY_PATH = /^\/directory\/entries\/([0-9a-f-]{36})$/i;
const NOMINATION_PATH = /^\/nominations\/([0-9a-f-]{36})$/i;
const COMMUNICATION_PATH = /^\/communications\/([0-9a-f-]{36})$/i;
const PING_TEST_PATH = /^\/ping-tests\/([0-9a-f-]{36})$/i;

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
  const entryId = ENTRY_PATH.exec(path)?.[1];
  if (entryId)
    return abilities['directory.read'] ? <EntryPage key={entryId} id={entryId} session={session} /> : <NotFoundPage />;
  const nominationId = NOMINATION_PATH.exec(path)?.[1];
  if (nominationId) {
    return abilities['nominations.read'] ? (
      <NominationDetailPage key={nominationId} id={nominationId} session={session} />
    ) : (
      <NotFoundPage />
    );
  }
  const communicationId = COMMUNICATION_PATH.exec(path)?.[1];
  if (communicationId) {
    return abilities['communications.read'] ? (
      <ThreadPage key={communicationId} id={communicationId} session={session} />
    ) : (
      <NotFoundPage />
    );
  }
  const pingTestId = PING_TEST_PATH.exec(path)?.[1];
  if (pingTestId) {
    return abilities['pingTests.read'] ? <PingTestPage key={pingTestId} id={pingTestId} /> : <NotFoundPage />;
  }
  switch (path) {
    case '/':
    case '/signin':
      return <Redirect to="/states" />;
    case '/password':
      return <PasswordPage email={account.email} forced={false} onChanged={onPasswordChanged} />;
    case '/security':
      return <SecurityPage session={session} />;
    case '/states':
      if (abilities['states.read']) return <StatesPage />;
      break;
    case '/accounts':
      if (abilities['accounts.read']) return <AccountsPage session={session} />;
      break;
    case '/audit':
      if (abilities['audit.read']) return <AuditPage />;
      break;
    case '/directory':
      if (abilities['directory.read']) return <DirectoryPage session={session} />;
      break;
    case '/coverage':
      if (abilities['directory.coverage']) return <CoveragePage />;
      break;
    case '/nominations':
      if (abilities['nominations.read']) return <NominationsPage session={session} />;
      break;
    case '/nominations/new':
      if (abilities['nominations.submit'] && account.stateM49) {
        return <NominationFormPage stateM49={account.stateM49} />;
      }
      break;
    case '/communications':
      if (abilities['communications.read']) return <InboxPage session={session} />;
      break;
    case '/communications/new':
      if (abilities['communications.send'] && account.stateM49) return <ComposePage stateM49={account.stateM49} />;
      break;
    case '/ping-tests':
      if (abilities['pingTests.read'] || abilities['pingTests.acknowledge']) return <PingTestsPage session={session} />;
      break;
    case '/ping-tests/new':
      if (abilities['pingTests.manage']) return <NewPingTestPage />;
      break;
    case '/my-state':
      if (abilities['nominations.submit'] && account.stateM49) {
        return <MyStatePage session={session} stateM49={account.stateM49} />;
      }
      break;
  }
  return <NotFoundPage />;
}
