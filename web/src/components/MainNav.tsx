import type { SessionInfo } from '../../../common/schemas/session.ts';
import { useUnreadCount } from '../api/communications.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useT } from '../i18n/use-t.ts';
import type { AppPath } from '../router.ts';
import { NavLink } from './NavLink.tsx';

interface NavEntry {
  path: AppPath;
  label: MessageKey;
  /** The ability the server must grant (any of them); the UI never works it out from the role. */
  ability?: string | readonly string[];
}

const ENTRIES: NavEntry[] = [
  { path: '/communications', label: 'nav.communications', ability: 'communications.read' },
  { path: '/directory', label: 'nav.directory', ability: 'directory.read' },
  { path: '/my-state', label: 'nav.myState', ability: 'nominations.submit' },
  { path: '/nominations', label: 'nav.nominations', ability: 'nominations.read' },
  { path: '/coverage', label: 'nav.coverage', ability: 'directory.coverage' },
  { path: '/ping-tests', label: 'nav.pingTests', ability: ['pingTests.read', 'pingTests.acknowledge'] },
  { path: '/states', label: 'nav.states', ability: 'states.read' },
  { path: '/accounts', label: 'nav.accounts', ability: 'accounts.read' },
  { path: '/audit', label: 'nav.audit', ability: 'audit.read' },
  { path: '/security', label: 'nav.security' },
  { path: '/password', label: 'nav.password' },
];

/** An entry page belongs to the directory, a nomination's page to the nominations. */
function isCurrent(entryPath: AppPath, path: string): boolean {
  return path === entryPath || path.startsWith(`${entryPath}/`);
}

export function MainNav({ abilities, path }: { abilities: SessionInfo['abilities']; path: string }) {
  const t = useT();
  const visible = ENTRIES.filter(
    (entry) =>
      entry.ability === undefined ||
      (typeof entry.ability === 'string' ? [entry.ability] : entry.ability).some((a) => abilities[a] === true),
  );
  // The live inbox's count, kept current over Server-Sent Events while signed in.
  const unread = useUnreadCount(abilities['communications.read'] === true);
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul>
        {visible.map((entry) => (
          <li key={entry.path}>
            <NavLink to={entry.path} current={isCurrent(entry.path, path)}>
              {t(entry.label)}
              {entry.path === '/communications' && unread !== null && unread > 0 && (
                <span className="nav-badge" id="nav-unread">
                  <span aria-hidden="true">{unread}</span>
                  <span className="visually-hidden">{` ${t('nav.communicationsUnread', { count: unread })}`}</span>
                </span>
              )}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
