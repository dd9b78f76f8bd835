import type { DirectoryEntry } from '../../../common/schemas/directory.ts';
import { useT } from '../i18n/use-t.ts';
import { slotKey } from './directory-labels.ts';

/** Retired, stale (past its re-confirmation date) or current. */
export function EntryStatusBadge({ entry }: { entry: Pick<DirectoryEntry, 'status' | 'stale'> }) {
  const t = useT();
  if (entry.status === 'retired') return <span className="badge badge-disabled">{t('directory.status.retired')}</span>;
  if (entry.stale) return <span className="badge badge-stale">{t('directory.status.stale')}</span>;
  return <span className="badge badge-active">{t('directory.status.current')}</span>;
}

export function SlotBadge({ slotRole }: { slotRole: DirectoryEntry['slotRole'] }) {
  const t = useT();
  return (
    <span className={slotRole === 'primary' ? 'badge badge-primary' : 'badge badge-alternate'}>
      {t(slotKey(slotRole))}
    </span>
  );
}

export function Badge247() {
  const t = useT();
  return <span className="badge badge-247">{t('directory.available247')}</span>;
}
