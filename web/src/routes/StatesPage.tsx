import { useMemo, useState } from 'react';
import { REGIONAL_GROUPS, type RegionalGroup } from '../../../common/regional-groups.ts';
import { useStates } from '../api/use-states.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { groupKey } from '../components/labels.ts';
import { useLocale, useT } from '../i18n/use-t.ts';
import { filterStates } from './state-search.ts';
import { StatesTable } from './StatesTable.tsx';

function isGroup(value: string): value is RegionalGroup {
  return (REGIONAL_GROUPS as readonly string[]).includes(value);
}

/** The participating States, searchable in the UI language and filterable by regional group. */
export function StatesPage() {
  const t = useT();
  const locale = useLocale();
  const { states, error } = useStates();
  const [query, setQuery] = useState('');
  const [group, setGroup] = useState<RegionalGroup | ''>('');
  const shown = useMemo(() => filterStates(states ?? [], { query, group }, locale), [states, query, group, locale]);

  return (
    <>
      <PageHeading>{t('states.title')}</PageHeading>
      <ErrorAlert error={error} />
      {states && <p className="lead">{t('states.count', { count: states.length })}</p>}
      <form
        role="search"
        className="filters"
        aria-label={t('states.filters')}
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="field">
          <label htmlFor="states-search">{t('states.search.label')}</label>
          <input
            id="states-search"
            type="search"
            value={query}
            placeholder={t('states.search.placeholder')}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="states-group">{t('states.group.label')}</label>
          <select
            id="states-group"
            value={group}
            onChange={(event) => setGroup(isGroup(event.target.value) ? event.target.value : '')}
          >
            <option value="">{t('states.group.all')}</option>
            {REGIONAL_GROUPS.map((code) => (
              <option key={code} value={code}>
                {t(groupKey(code))}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p role="status" className="result-count">
        {states === null && !error
          ? t('app.loading')
          : t('states.results', { shown: shown.length, total: states?.length ?? 0 })}
      </p>
      {states && <StatesTable states={shown} locale={locale} />}
    </>
  );
}
