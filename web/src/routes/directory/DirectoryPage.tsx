import { useEffect, useMemo, useState } from 'react';
import type { DirectoryEntry } from '../../../../common/schemas/directory.ts';
import type { SessionInfo } from '../../../../common/schemas/session.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { listEntries } from '../../api/directory.ts';
import { useStates } from '../../api/use-states.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButtons } from '../../components/ExportButtons.tsx';
import { stateName } from '../../components/labels.ts';
import { NavLink } from '../../components/NavLink.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useDebounced } from '../../components/use-debounced.ts';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { navigate, useSearch } from '../../router.ts';
import { filterFromSearch, groupEntries, queryOf, searchOf, type DirectoryFilter } from './directory-query.ts';
import { DirectoryFilters } from './DirectoryFilters.tsx';
import { DirectoryTable } from './DirectoryTable.tsx';

const PAGE_SIZE = 200;

interface Found {
  items: DirectoryEntry[];
  total: number;
}

/** Browse the directory by regional group and State, search it, and export what is shown. */
export function DirectoryPage({ session }: { session: SessionInfo }) {
  const t = useT();
  const locale = useLocale();
  const search = useSearch();
  const filter = useMemo(() => filterFromSearch(search), [search]);
  const settled = useDebounced(filter, 250);
  const { states, error: statesError } = useStates();
  const [found, setFound] = useState<Found | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setBusy(true);
    setError(null);
    listEntries(queryOf(settled, { limit: PAGE_SIZE, offset: 0 }))
      .then(
        (page) => live && setFound(page),
        (caught: unknown) => live && setError(toApiError(caught)),
      )
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [settled]);

  async function loadMore() {
    if (!found) return;
    setBusy(true);
    try {
      const page = await listEntries(queryOf(settled, { limit: PAGE_SIZE, offset: found.items.length }));
      setFound({ items: [...found.items, ...page.items], total: page.total });
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  const groups = useMemo(
    () => (found && states ? groupEntries(found.items, states, locale) : []),
    [found, states, locale],
  );

  function changeFilter(next: DirectoryFilter) {
    navigate(`/directory${searchOf(next)}`, { replace: true });
  }

  return (
    <>
      <PageHeading>{t('directory.title')}</PageHeading>
      <p className="lead">{t('directory.intro')}</p>
      {session.abilities['nominations.submit'] && (
        <p>
          <NavLink to="/nominations/new">{t('directory.nominate')}</NavLink>
        </p>
      )}
      <DirectoryFilters filter={filter} states={states} locale={locale} onChange={changeFilter} />
      <ExportButtons
        stateM49={filter.stateM49 || undefined}
        stateLabel={stateName(states, filter.stateM49 || null, locale)}
      />
      <ErrorAlert error={error ?? statesError} />
      <p role="status" className="result-count">
        {found === null || states === null
          ? t('app.loading')
          : t('directory.results', { shown: found.items.length, total: found.total })}
      </p>
      {groups.length > 0 && <DirectoryTable groups={groups} />}
      {found && found.items.length < found.total && (
        <button type="button" className="button load-more" disabled={busy} onClick={() => void loadMore()}>
          {busy ? t('app.loading') : t('directory.loadMore')}
        </button>
      )}
    </>
  );
}
