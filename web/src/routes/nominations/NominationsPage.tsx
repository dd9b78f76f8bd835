import { useCallback, useMemo, useState } from 'react';
import { NOMINATION_STATUSES, type NominationStatus } from '../../../../common/directory.ts';
import type { Nomination } from '../../../../common/schemas/directory.ts';
import type { SessionInfo } from '../../../../common/schemas/session.ts';
import { listEntries, listNominations } from '../../api/directory.ts';
import { useResource } from '../../api/use-resource.ts';
import { useStates } from '../../api/use-states.ts';
import { nominationStatusKey } from '../../components/directory-labels.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { stateName } from '../../components/labels.ts';
import { NavLink } from '../../components/NavLink.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { NominationsTable } from './NominationsTable.tsx';
import { OwnNominations } from './OwnNominations.tsx';

type StatusFilter = NominationStatus | 'open' | 'all';
const FILTERS: readonly StatusFilter[] = ['open', ...NOMINATION_STATUSES, 'all'];

function queryOf(filter: StatusFilter, stateM49: string) {
  return {
    ...(filter === 'open' ? { open: true } : filter === 'all' ? {} : { status: filter }),
    ...(stateM49 ? { stateM49 } : {}),
  };
}

/**
 * The directory manager's verification queue (submitted nominations of every State first), or a
 * national authority's own State's nominations with withdraw and resend.
 */
export function NominationsPage({ session }: { session: SessionInfo }) {
  const t = useT();
  const locale = useLocale();
  const { states } = useStates();
  const isManager = session.abilities['nominations.verify'] === true;
  const ownState = session.account.stateM49;
  const [status, setStatus] = useState<StatusFilter>(isManager ? 'submitted' : 'all');
  const [stateM49, setStateM49] = useState('');
  const load = useCallback(
    () => listNominations(queryOf(status, isManager ? stateM49 : '')),
    [status, stateM49, isManager],
  );
  const { data, error, setData } = useResource(load);
  const loadEntries = useCallback(
    () => (ownState ? listEntries({ stateM49: ownState, includeRetired: true, limit: 500 }) : Promise.resolve(null)),
    [ownState],
  );
  const { data: entries } = useResource(loadEntries);
  const entryNames = useMemo(
    () => new Map((entries?.items ?? []).map((entry) => [entry.id, entry.nameNative])),
    [entries],
  );
  const sortedStates = useMemo(() => {
    const collator = new Intl.Collator(locale);
    return [...(states ?? [])].sort((a, b) => collator.compare(a.names[locale], b.names[locale]));
  }, [states, locale]);

  const title = isManager
    ? t('nomination.queue.title')
    : t('nomination.own.title', { state: stateName(states, ownState, locale) });
  const replace = (updated: Nomination) =>
    data && setData({ items: data.items.map((item) => (item.id === updated.id ? updated : item)) });

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p className="lead">{t(isManager ? 'nomination.queue.intro' : 'nomination.own.intro')}</p>
      {session.abilities['nominations.submit'] && (
        <p>
          <NavLink to="/nominations/new" className="button button-primary">
            {t('directory.nominate')}
          </NavLink>
        </p>
      )}
      <form className="filters" aria-label={t('nomination.filters')} onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="nominations-status">{t('nomination.column.status')}</label>
          <select
            id="nominations-status"
            value={status}
            onChange={(event) => setStatus(FILTERS.find((f) => f === event.target.value) ?? 'all')}
          >
            {FILTERS.map((filter) => (
              <option key={filter} value={filter}>
                {filter === 'open'
                  ? t('nomination.filter.open')
                  : filter === 'all'
                    ? t('nomination.filter.all')
                    : t(nominationStatusKey(filter))}
              </option>
            ))}
          </select>
        </div>
        {isManager && (
          <div className="field">
            <label htmlFor="nominations-state">{t('directory.filter.state')}</label>
            <select id="nominations-state" value={stateM49} onChange={(event) => setStateM49(event.target.value)}>
              <option value="">{t('directory.filter.allStates')}</option>
              {sortedStates.map((state) => (
                <option key={state.m49} value={state.m49}>
                  {state.names[locale]}
                </option>
              ))}
            </select>
          </div>
        )}
      </form>
      <ErrorAlert error={error} />
      <p role="status" className="result-count">
        {data === null ? t('app.loading') : t('nomination.count', { count: data.items.length })}
      </p>
      {data &&
        data.items.length > 0 &&
        (isManager ? (
          <NominationsTable caption={title} nominations={data.items} states={states} locale={locale} showState />
        ) : (
          <OwnNominations
            caption={title}
            nominations={data.items}
            states={states}
            locale={locale}
            entryNames={entryNames}
            onChanged={replace}
          />
        ))}
    </>
  );
}
