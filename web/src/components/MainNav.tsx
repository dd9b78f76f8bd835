import type { SessionInfo } from '../../../common/schemas/session.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useT } from '../i18n/use-t.ts';
import type { AppPath } from '../router.ts';
import { NavLink } from './NavLink.tsx';

interface NavEntry {
  path: AppPath;
  label: MessageKey;
  /** The ability the server must grant; the UI never works it out from the role. */
  ability?: string;
}

const ENTRIES: NavEntry[] = [
  { path: '/states', label: 'nav.states', ability: 'states.read' },
  { path: '/accounts', label: 'nav.accounts', ability: 'accounts.read' },
  { path: '/audit', label: 'nav.audit', ability: 'audit.read' },
  { path: '/password', label: 'nav.password' },
];

export function MainNav({ abilities, path }: { abilities: SessionInfo['abilities']; path: string }) {
  const t = useT();
  const visible = ENTRIES.filter((entry) => !entry.ability || abilities[entry.ability] === true);
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul>
        {visible.map((entry) => (
          <li key={entry.path}>
            <NavLink to={entry.path} current={path === entry.path}>
              {t(entry.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
