import { useIntl } from 'react-intl';
import type { PingTrendPoint } from '../../api/ping-tests.ts';
import { useT } from '../../i18n/use-t.ts';
import { LineChart, type LinePoint } from './LineChart.tsx';
import { formatDuration, formatRate } from './ping-labels.ts';

const HOUR = 3600;
/** Steps for the time axis, in hours: the smallest that fits four steps over the slowest campaign. */
const HOUR_STEPS = [0.25, 0.5, 1, 2, 3, 6, 12, 24, 48, 72, 168, 336];

function timeAxis(points: readonly PingTrendPoint[]) {
  const slowest = Math.max(0, ...points.map((p) => p.p90Seconds ?? 0)) / HOUR;
  const step = HOUR_STEPS.find((s) => s * 4 >= slowest) ?? Math.ceil(slowest / 4);
  // Under an hour, the ticks say minutes ("15 min"), never fractions of an hour.
  const label = (hours: number) => (hours > 0 && hours < 1 ? `${Math.round(hours * 60)} min` : `${hours} h`);
  return {
    max: step * 4 * HOUR,
    ticks: [0, 1, 2, 3, 4].map((n) => ({ value: n * step * HOUR, label: label(n * step) })),
  };
}

/** How real campaigns went over time: the share acknowledged in time, and how long the slowest tenth took. */
export function TrendCharts({ points }: { points: readonly PingTrendPoint[] }) {
  const t = useT();
  const intl = useIntl();
  if (points.length === 0) return <p>{t('ping.ui.trend.empty')}</p>;

  const month = (iso: string) => intl.formatDate(iso, { month: 'short', year: 'numeric' });
  const rates: LinePoint[] = points.map((p) => ({
    key: p.id,
    label: month(p.startsAt),
    value: p.acknowledgedRate,
    text: formatRate(intl, p.acknowledgedRate),
  }));
  const times: LinePoint[] = points.map((p) => ({
    key: p.id,
    label: month(p.startsAt),
    value: p.p90Seconds,
    text: formatDuration(p.p90Seconds),
  }));
  const axis = timeAxis(points);
  const percent = (share: number) => intl.formatNumber(share, { style: 'percent' });

  return (
    <>
      <div className="ping-charts">
        <LineChart
          title={t('ping.report.acknowledgedRate')}
          description={t('ping.ui.trend.rateDescription', { count: points.length })}
          points={rates}
          max={1}
          ticks={[0, 0.25, 0.5, 0.75, 1].map((value) => ({ value, label: percent(value) }))}
          variant="rate"
        />
        <LineChart
          title={t('ping.ui.trend.p90Title')}
          description={t('ping.ui.trend.p90Description', { count: points.length })}
          points={times}
          max={axis.max}
          ticks={axis.ticks}
          variant="time"
        />
      </div>
      <details className="ping-chart-data">
        <summary>{t('ping.ui.chart.asTable')}</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('ping.ui.column.reference')}</th>
                <th scope="col">{t('ping.report.started')}</th>
                <th scope="col">{t('ping.report.acknowledgedRate')}</th>
                <th scope="col">{t('ping.report.median')}</th>
                <th scope="col">{t('ping.report.p90')}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <bdi dir="ltr">{p.reference}</bdi>
                  </th>
                  <td>{intl.formatDate(p.startsAt, { dateStyle: 'medium' })}</td>
                  <td className="cell-number">{formatRate(intl, p.acknowledgedRate)}</td>
                  <td className="cell-number">
                    <bdi dir="ltr">{formatDuration(p.medianSeconds)}</bdi>
                  </td>
                  <td className="cell-number">
                    <bdi dir="ltr">{formatDuration(p.p90Seconds)}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
