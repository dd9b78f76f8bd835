import type { DirectoryEntry } from '../../../common/schemas/directory.ts';
import { useT } from '../i18n/use-t.ts';
import { kindKey } from './directory-labels.ts';
import { SlotBadge } from './EntryBadges.tsx';
import { NavLink } from './NavLink.tsx';

type Named = Pick<DirectoryEntry, 'id' | 'nameNative' | 'nameLatin'>;

/** The row header of an entry in any table: the name as written, linked, with the Latin form below. */
export function EntryNameCell({ entry }: { entry: Named }) {
  return (
    <th scope="row">
      <NavLink to={`/directory/entries/${entry.id}`}>
        <bdi dir="auto">{entry.nameNative}</bdi>
      </NavLink>
      {entry.nameLatin !== entry.nameNative && (
        <span className="subline">
          <bdi>{entry.nameLatin}</bdi>
        </span>
      )}
    </th>
  );
}

/** The kind of point of contact with its primary/alternate badge. */
export function EntryKindCell({ entry }: { entry: Pick<DirectoryEntry, 'kind' | 'slotRole'> }) {
  const t = useT();
  return (
    <td>
      {t(kindKey(entry.kind))}
      <span className="subline">
        <SlotBadge slotRole={entry.slotRole} />
      </span>
    </td>
  );
}
