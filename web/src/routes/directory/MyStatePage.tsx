import { useCallback, useMemo } from 'react';
import type { DirectoryEntry, Nomination } from '../../../../common/schemas/directory.ts';
import type { SessionInfo } from '../../../../common/schemas/session.ts';
import { listEntries, listNominations } from '../../api/directory.ts';
import { useResource } from '../../api/use-resource.ts';
import { useStates } from '../../api/use-states.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButtons } from '../../components/ExportButtons.tsx';
import { stateName } from '../../components/labels.ts';
import { NavLink } from '../../components/NavLink.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { OwnNominations } from '../nominations/OwnNominations.tsx';
import { CsvImport } from './CsvImport.tsx';
import { compareEntries } from './directory-query.ts';
import { OwnEntriesTable } from './OwnEntriesTable.tsx';

/** The national authority's desk: its State's entries and their freshness, open nominations, import, export. */
export function MyStatePage({ session, stateM49 }: { session: SessionInfo; stateM49: string }) {
  const t = useT();
  const locale = useLocale();
  const { states } = useStates();
  const loadEntries = useCallback(() => listEntries({ stateM49, limit: 500 }), [stateM49]);
  const entries = useResource(loadEntries);
  const loadNominations = useCallback(() => listNominations({ stateM49, open: true }), [stateM49]);
  const nominations = useResource(loadNominations);
  const state = stateName(states, stateM49, locale);

  const active = useMemo(
    () => [...(entries.data?.items ?? [])].filter((e) => e.status === 'active').sort(compareEntries),
    [entries.data],
  );
  const staleCount = active.filter((entry) => entry.stale).length;
  const entryNames = useMemo(() => new Map(active.map((entry) => [entry.id, entry.nameNative])), [active]);

  function replaceEntry(updated: DirectoryEntry) {
    if (!entries.data) return;
    entries.setData({ ...entries.data, items: entries.data.items.map((e) => (e.id === updated.id ? updated : e)) });
  }

  function replaceNomination(updated: Nomination) {
    if (!nominations.data) return;
    nominations.setData({
      items: nominations.data.items
        .map((item) => (item.id === updated.id ? updated : item))
        .filter((item) => item.status === 'submitted' || item.status === 'awaiting_acceptance'),
    });
  }

  return (
    <>
      <PageHeading>{t('myState.title', { state })}</PageHeading>
      <p className="lead">{t('myState.intro')}</p>
      <p>
        <NavLink to="/nominations/new" className="button button-primary">
          {t('directory.nominate')}
        </NavLink>
      </p>
      <section className="section" aria-labelledby="my-entries">
        <h2 id="my-entries">{t('myState.entries.title')}</h2>
        <ErrorAlert error={entries.error} />
        {staleCount > 0 && <p className="notice">{t('myState.staleWarning', { count: staleCount })}</p>}
        {entries.data === null && !entries.error && <p className="result-count">{t('app.loading')}</p>}
        {entries.data && active.length === 0 && <p className="muted">{t('myState.entries.none')}</p>}
        {active.length > 0 && (
          <OwnEntriesTable entries={active} caption={t('myState.entries.title')} onConfirmed={replaceEntry} />
        )}
      </section>
      <section className="section" aria-labelledby="my-nominations">
        <h2 id="my-nominations">{t('myState.nominations.title')}</h2>
        <ErrorAlert error={nominations.error} />
        {nominations.data && nominations.data.items.length === 0 && (
          <p className="muted">{t('myState.nominations.none')}</p>
        )}
        {nominations.data && nominations.data.items.length > 0 && (
          <OwnNominations
            caption={t('myState.nominations.title')}
            nominations={nominations.data.items}
            states={states}
            locale={locale}
            entryNames={entryNames}
            onChanged={replaceNomination}
          />
        )}
        <p>
          <NavLink to="/nominations">{t('myState.nominations.all')}</NavLink>
        </p>
      </section>
      {session.abilities['nominations.submit'] && <CsvImport onImported={nominations.reload} />}
      <section className="section" aria-labelledby="my-export">
        <h2 id="my-export">{t('myState.export.title')}</h2>
        <ExportButtons stateM49={stateM49} stateLabel={state} />
      </section>
    </>
  );
}
