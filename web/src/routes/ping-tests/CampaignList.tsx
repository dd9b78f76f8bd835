import { useEffect } from 'react';
import { useIntl } from 'react-intl';
import { getPingTrend, listPingTests } from '../../api/ping-tests.ts';
import { useResource } from '../../api/use-resource.ts';
import { DateTimeUtc } from '../../components/DateTime.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { NavLink } from '../../components/NavLink.tsx';
import { useT } from '../../i18n/use-t.ts';
import { DispatchProgress } from './DispatchProgress.tsx';
import { ExerciseBadge } from './ExerciseBanner.tsx';
import { formatRate, isDispatching, statusKey } from './ping-labels.ts';
import { TrendCharts } from './TrendCharts.tsx';

/** While a campaign is being sent, the list refreshes at this pace to move its progress bar. */
const REFRESH_MS = 5_000;

/** Every campaign the caller may read, newest first, and the trend of the real ones. */
export function CampaignList() {
  const t = useT();
  const intl = useIntl();
  const { data, error, reload } = useResource(listPingTests);
  const trend = useResource(getPingTrend);
  const sending = data?.items.some(isDispatching) === true;

  useEffect(() => {
    if (!sending) return;
    const timer = setTimeout(reload, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [sending, data, reload]);

  return (
    <>
      <section className="section" aria-labelledby="ping-campaigns-title">
        <h2 id="ping-campaigns-title">{t('ping.ui.campaigns.title')}</h2>
        <ErrorAlert error={error} />
        {!data && !error && <p className="result-count">{t('app.loading')}</p>}
        {data?.items.length === 0 && <p>{t('ping.ui.campaigns.empty')}</p>}
        {data && data.items.length > 0 && (
          <div className="table-wrap" role="region" aria-labelledby="ping-campaigns-title" tabIndex={0}>
            <table className="ping-campaigns-table">
              <thead>
                <tr>
                  <th scope="col">{t('ping.ui.column.reference')}</th>
                  <th scope="col">{t('ping.report.started')}</th>
                  <th scope="col">{t('ping.ui.column.status')}</th>
                  <th scope="col">{t('ping.report.acknowledgedRate')}</th>
                  <th scope="col">{t('ping.report.statesReached')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((campaign) => (
                  <tr key={campaign.id}>
                    <th scope="row">
                      <NavLink to={`/ping-tests/${campaign.id}`}>
                        <bdi dir="ltr" className="ping-reference">
                          {campaign.reference}
                        </bdi>
                      </NavLink>
                      {campaign.exercise && <ExerciseBadge />}
                      {campaign.title && (
                        <span className="subline">
                          <bdi dir="auto">{campaign.title}</bdi>
                        </span>
                      )}
                    </th>
                    <td>
                      <DateTimeUtc iso={campaign.startsAt} />
                    </td>
                    <td>
                      <span className={`badge ping-status ping-status-${campaign.status}`}>
                        {t(statusKey(campaign.status))}
                      </span>
                      {isDispatching(campaign) && <DispatchProgress progress={campaign.progress} compact />}
                    </td>
                    <td className="cell-number">{formatRate(intl, campaign.figures.acknowledgedRate)}</td>
                    <td className="cell-number">
                      {t('ping.ui.ofStates', {
                        reached: campaign.figures.statesReached,
                        states: campaign.figures.states,
                      })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="section" aria-labelledby="ping-trend-title">
        <h2 id="ping-trend-title">{t('ping.ui.trend.title')}</h2>
        <p className="muted">{t('ping.ui.trend.lead')}</p>
        <ErrorAlert error={trend.error} />
        {trend.data && <TrendCharts points={trend.data.items} />}
      </section>
    </>
  );
}
