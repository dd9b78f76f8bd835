import { useState } from 'react';
import type { DirectoryEntry } from '../../../../common/schemas/directory.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { confirmEntry } from '../../api/directory.ts';
import { DateOnly } from '../../components/DateTime.tsx';
import { EntryStatusBadge } from '../../components/EntryBadges.tsx';
import { EntryKindCell, EntryNameCell } from '../../components/EntryCells.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/use-t.ts';

interface OwnEntriesTableProps {
  entries: readonly DirectoryEntry[];
  caption: string;
  onConfirmed: (entry: DirectoryEntry) => void;
}

/** A State's active entries with their re-confirmation dates and a "still valid" button on each. */
export function OwnEntriesTable({ entries, caption, onConfirmed }: OwnEntriesTableProps) {
  const t = useT();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [announcement, setAnnouncement] = useState('');

  async function confirm(entry: DirectoryEntry) {
    setBusy(entry.id);
    setError(null);
    setAnnouncement('');
    try {
      onConfirmed(await confirmEntry(entry.id));
      setAnnouncement(t('myState.confirmedOne', { name: entry.nameLatin }));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <ErrorAlert error={error} />
      <div role="status" className="live-region">
        {announcement && <p className="alert alert-success">{announcement}</p>}
      </div>
      <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('directory.column.name')}</th>
              <th scope="col">{t('directory.column.kind')}</th>
              <th scope="col">{t('entry.lastConfirmed')}</th>
              <th scope="col">{t('entry.confirmationDue')}</th>
              <th scope="col">{t('directory.column.status')}</th>
              <th scope="col">{t('nomination.column.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} className={entry.stale ? 'row-stale' : undefined}>
                <EntryNameCell entry={entry} />
                <EntryKindCell entry={entry} />
                <td>
                  <DateOnly iso={entry.lastConfirmedAt} />
                </td>
                <td>
                  <DateOnly iso={entry.confirmationDueAt} />
                </td>
                <td>
                  <EntryStatusBadge entry={entry} />
                </td>
                <td>
                  {entry.abilities.confirm && (
                    <button
                      type="button"
                      className="button button-small"
                      disabled={busy !== null}
                      onClick={() => void confirm(entry)}
                    >
                      {t('entry.action.confirm')}
                      <span className="visually-hidden"> {entry.nameLatin}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
