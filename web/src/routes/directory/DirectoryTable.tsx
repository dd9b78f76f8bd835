import type { DirectoryEntry } from '../../../../common/schemas/directory.ts';
import { DateOnly } from '../../components/DateTime.tsx';
import { Badge247, EntryStatusBadge } from '../../components/EntryBadges.tsx';
import { EntryKindCell, EntryNameCell } from '../../components/EntryCells.tsx';
import { groupKey } from '../../components/labels.ts';
import { useT } from '../../i18n/use-t.ts';
import type { GroupEntries } from './directory-query.ts';

/** The entries found, one table per regional group and one row group per State. */
export function DirectoryTable({ groups }: { groups: readonly GroupEntries[] }) {
  const t = useT();
  return (
    <>
      {groups.map(({ group, states }) => (
        <section key={group} className="section" aria-labelledby={`directory-group-${group}`}>
          <h2 id={`directory-group-${group}`}>{t(groupKey(group))}</h2>
          <div className="table-wrap" role="region" aria-labelledby={`directory-group-${group}`} tabIndex={0}>
            <table className="directory-table">
              <thead>
                <tr>
                  <th scope="col">{t('directory.column.name')}</th>
                  <th scope="col">{t('directory.column.kind')}</th>
                  <th scope="col">{t('directory.column.organisation')}</th>
                  <th scope="col">{t('directory.column.availability')}</th>
                  <th scope="col">{t('directory.column.lastVerified')}</th>
                  <th scope="col">{t('directory.column.status')}</th>
                </tr>
              </thead>
              {states.map((state) => (
                <tbody key={state.m49}>
                  <tr className="rowgroup-heading">
                    <th scope="rowgroup" colSpan={6}>
                      {state.name}
                    </th>
                  </tr>
                  {state.entries.map((entry) => (
                    <EntryRow key={entry.id} entry={entry} />
                  ))}
                </tbody>
              ))}
            </table>
          </div>
        </section>
      ))}
    </>
  );
}

function EntryRow({ entry }: { entry: DirectoryEntry }) {
  return (
    <tr>
      <EntryNameCell entry={entry} />
      <EntryKindCell entry={entry} />
      <td>
        <bdi dir="auto">{entry.organisation}</bdi>
        <span className="subline muted">
          <bdi dir="auto">{entry.function}</bdi>
        </span>
      </td>
      <td>{entry.available247 ? <Badge247 /> : <bdi dir="auto">{entry.availabilityHours || '—'}</bdi>}</td>
      <td>
        <DateOnly iso={entry.lastVerifiedAt} />
      </td>
      <td>
        <EntryStatusBadge entry={entry} />
      </td>
    </tr>
  );
}
