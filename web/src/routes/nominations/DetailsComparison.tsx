import type { DirectoryEntry, EntryDetails } from '../../../../common/schemas/directory.ts';
import { changedFields, detailsValues, ENTRY_FIELDS, entryValues, fieldKey } from '../../components/entry-fields.ts';
import { useLocale, useT } from '../../i18n/use-t.ts';

interface DetailsComparisonProps {
  /** The entry as the directory holds it now (update, replacement, removal). */
  current: DirectoryEntry | null;
  /** What the nomination proposes (absent for a removal). */
  proposed: EntryDetails | null;
}

/** The proposal beside the current entry, field by field, with changed rows marked (not by colour alone). */
export function DetailsComparison({ current, proposed }: DetailsComparisonProps) {
  const t = useT();
  const locale = useLocale();
  const now = current ? entryValues(current, t, locale) : null;
  const next = proposed ? detailsValues(proposed, t, locale) : null;
  const changed = new Set(now && next ? changedFields(now, next) : []);
  return (
    <div className="table-wrap" role="region" aria-labelledby="comparison-caption" tabIndex={0}>
      <table className="comparison">
        <caption id="comparison-caption">
          {now && next ? t('nomination.compare.caption') : t('nomination.compare.captionSingle')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('nomination.compare.field')}</th>
            {now && <th scope="col">{t('nomination.compare.current')}</th>}
            {next && <th scope="col">{t('nomination.compare.proposed')}</th>}
          </tr>
        </thead>
        <tbody>
          {ENTRY_FIELDS.map((field) => (
            <tr key={field} className={changed.has(field) ? 'row-changed' : undefined}>
              <th scope="row">
                {t(fieldKey(field))}
                {changed.has(field) && (
                  <span className="badge badge-pending change-mark">{t('nomination.compare.changed')}</span>
                )}
              </th>
              {now && (
                <td className="cell-break preserve-lines">
                  <bdi dir="auto">{now[field] || '—'}</bdi>
                </td>
              )}
              {next && (
                <td className="cell-break preserve-lines">
                  <bdi dir="auto">{next[field] || '—'}</bdi>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
