import { useIntl } from 'react-intl';
import { directionOf } from '../../../../common/locales.ts';
import { PING_RESULTS } from '../../../../common/ping-tests.ts';
import type { PingGroupRow } from '../../../../common/schemas/ping-tests.ts';
import { groupKey } from '../../components/labels.ts';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { formatRate, resultKey } from './ping-labels.ts';
import { fillOf, PatternDefs, RESULT_FILL, Swatch, usePatternPrefix } from './ResultPatterns.tsx';

const BAR_WIDTH = 600;
const BAR_HEIGHT = 24;

/** One group's contacts as a bar split by result, from the reading start (left, or right in Arabic). */
function StackedBar({ row }: { row: PingGroupRow }) {
  const t = useT();
  const rtl = directionOf(useLocale()) === 'rtl';
  const prefix = usePatternPrefix();
  let start = 0;
  const segments = PING_RESULTS.flatMap((result) => {
    const count = row.byResult[result] ?? 0;
    if (count === 0 || row.contacts === 0) return [];
    const width = (count / row.contacts) * BAR_WIDTH;
    const x = rtl ? BAR_WIDTH - start - width : start;
    start += width;
    return [{ result, count, x, width }];
  });
  return (
    <svg
      className="ping-bar"
      viewBox={`0 0 ${BAR_WIDTH} ${BAR_HEIGHT}`}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <PatternDefs prefix={prefix} size={8} />
      <rect className="ping-bar-track" x={0} y={0} width={BAR_WIDTH} height={BAR_HEIGHT} />
      {segments.map((segment) => (
        <rect
          key={segment.result}
          x={segment.x}
          y={0}
          width={segment.width}
          height={BAR_HEIGHT}
          fill={fillOf(prefix, RESULT_FILL[segment.result])}
        >
          <title>{`${t(resultKey(segment.result))}: ${segment.count}`}</title>
        </rect>
      ))}
    </svg>
  );
}

/** The legend shared by the bars: every result with its fill and its name. */
export function ResultLegend() {
  const t = useT();
  return (
    <ul className="ping-legend" aria-label={t('ping.ui.chart.legend')}>
      {PING_RESULTS.map((result) => (
        <li key={result}>
          <Swatch fill={RESULT_FILL[result]} />
          {t(resultKey(result))}
        </li>
      ))}
    </ul>
  );
}

/** Each regional group's contacts by result, as bars with the figures written beside them. */
export function GroupBars({ rows }: { rows: readonly PingGroupRow[] }) {
  const t = useT();
  const intl = useIntl();
  if (rows.length === 0) return <p className="muted">{t('ping.ui.results.none')}</p>;
  return (
    <figure className="ping-group-chart">
      <figcaption className="visually-hidden">{t('ping.report.byGroup')}</figcaption>
      <ResultLegend />
      <ul className="ping-bars">
        {rows.map((row) => (
          <li key={row.group} className="ping-bar-row">
            <span className="ping-bar-label">{t(groupKey(row.group))}</span>
            <StackedBar row={row} />
            <span className="ping-bar-figures">
              {t('ping.ui.groupSummary', {
                rate: formatRate(intl, row.acknowledgedRate),
                reached: row.statesReached,
                states: row.states,
              })}
            </span>
            <span className="ping-bar-counts">
              {PING_RESULTS.filter((result) => (row.byResult[result] ?? 0) > 0)
                .map((result) => `${t(resultKey(result))}: ${intl.formatNumber(row.byResult[result] ?? 0)}`)
                .join(' · ')}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
