import { useIntl } from 'react-intl';
import { getCoverage } from '../../api/directory.ts';
import { useResource } from '../../api/use-resource.ts';
import { useStates } from '../../api/use-states.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { GapsTable, GroupsTable, PendingTable, StaleTable } from './CoverageTables.tsx';

/** The directory manager's overview: participation by regional group, gaps, stale entries, pending nominations. */
export function CoveragePage() {
  const t = useT();
  const intl = useIntl();
  const locale = useLocale();
  const { states } = useStates();
  const { data, error } = useResource(getCoverage);
  const totals = data?.totals;
  const figures = totals
    ? [
        {
          label: t('coverage.total.participating'),
          value: t('coverage.total.ofStates', { count: totals.participating, states: totals.states }),
        },
        { label: t('coverage.total.activeEntries'), value: intl.formatNumber(totals.activeEntries) },
        { label: t('coverage.total.staleEntries'), value: intl.formatNumber(totals.staleEntries) },
        { label: t('coverage.total.pending'), value: intl.formatNumber(totals.pendingNominations) },
      ]
    : [];

  return (
    <>
      <PageHeading>{t('coverage.title')}</PageHeading>
      <p className="lead">{t('coverage.intro')}</p>
      <ErrorAlert error={error} />
      {!data && !error && <p className="result-count">{t('app.loading')}</p>}
      {data && (
        <>
          <dl className="figures">
            {figures.map((figure) => (
              <div key={figure.label} className="figure">
                <dt>{figure.label}</dt>
                <dd>{figure.value}</dd>
              </div>
            ))}
          </dl>
          <GroupsTable rows={data.byGroup} />
          <GapsTable gaps={data.gaps} states={states} locale={locale} />
          <StaleTable stale={data.stale} states={states} locale={locale} />
          <PendingTable pending={data.pending} states={states} locale={locale} />
        </>
      )}
    </>
  );
}
