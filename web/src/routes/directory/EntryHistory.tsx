import type { EntryVersion } from '../../../../common/schemas/directory.ts';
import { DateTimeUtc } from '../../components/DateTime.tsx';
import { changeKey } from '../../components/directory-labels.ts';
import { ActorName } from '../../components/ActorName.tsx';
import { changedFields, entryValues, fieldKey, shorten } from '../../components/entry-fields.ts';
import { isolate } from '../../components/labels.ts';
import { NavLink } from '../../components/NavLink.tsx';
import { useLocale, useT } from '../../i18n/use-t.ts';

/** Every version of the entry, newest first: who changed it, when, through which nomination, and what. */
export function EntryHistory({
  history,
  linkNominations,
}: {
  history: readonly EntryVersion[];
  linkNominations: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const ordered = [...history].sort((a, b) => b.version - a.version);
  return (
    <section className="section" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('entry.history.title')}</h2>
      <ol className="history">
        {ordered.map((version, index) => {
          const previous = ordered[index + 1];
          const after = entryValues(version.entry, t, locale);
          const changes = previous ? changedFields(entryValues(previous.entry, t, locale), after) : [];
          const before = previous ? entryValues(previous.entry, t, locale) : null;
          return (
            <li key={version.version} className="history-item">
              <h3>
                {t('entry.history.version', { version: version.version })} — {t(changeKey(version.change))}
              </h3>
              <p className="history-meta">
                <DateTimeUtc iso={version.changedAt} />
                <span>
                  {t('entry.history.by')} <ActorName label={version.changedBy} />
                </span>
                {linkNominations && version.nominationId && (
                  <NavLink to={`/nominations/${version.nominationId}`}>{t('entry.history.nomination')}</NavLink>
                )}
              </p>
              {before && changes.length > 0 && (
                <ul className="changes">
                  {changes.map((field) => (
                    <li key={field}>
                      <span className="change-field">{t(fieldKey(field))}</span>{' '}
                      {t('entry.history.fromTo', {
                        before: isolate(shorten(before[field]) || '—'),
                        after: isolate(shorten(after[field]) || '—'),
                      })}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
