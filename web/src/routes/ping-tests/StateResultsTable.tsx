import { useIntl } from 'react-intl';
import { PING_RESULTS } from '../../../../common/ping-tests.ts';
import type { PingStateRow } from '../../../../common/schemas/ping-tests.ts';
import type { State } from '../../../../common/schemas/states.ts';
import { stateName } from '../../components/labels.ts';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { formatDuration, resultKey, stateResultKey } from './ping-labels.ts';
import { MAP_FILL, Swatch } from './ResultPatterns.tsx';

/** One row per targeted State: its result, and its contacts counted by result. */
export function StateResultsTable({
  rows,
  states,
}: {
  rows: readonly PingStateRow[];
  states: readonly State[] | null;
}) {
  const t = useT();
  const intl = useIntl();
  const locale = useLocale();
  const collator = new Intl.Collator(locale);
  const sorted = rows
    .map((row) => ({ row, name: stateName(states, row.stateM49, locale) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  if (rows.length === 0) return <p className="muted">{t('ping.ui.results.none')}</p>;
  return (
    <div className="table-wrap" role="region" aria-labelledby="ping-states-title" tabIndex={0}>
      <table className="ping-states-table">
        <thead>
          <tr>
            <th scope="col">{t('ping.report.state')}</th>
            <th scope="col">{t('ping.report.stateResult')}</th>
            <th scope="col">{t('ping.ui.column.contacts')}</th>
            {PING_RESULTS.map((result) => (
              <th scope="col" key={result}>
                {t(resultKey(result))}
              </th>
            ))}
            <th scope="col">{t('ping.ui.column.firstAcknowledged')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map(({ row, name }) => (
            <tr key={row.stateM49} data-m49={row.stateM49}>
              <th scope="row">{name}</th>
              <td>
                <span className="ping-result">
                  <Swatch fill={MAP_FILL[row.result]} />
                  {t(stateResultKey(row.result))}
                </span>
              </td>
              <td className="cell-number">{intl.formatNumber(row.contacts)}</td>
              {PING_RESULTS.map((result) => (
                <td className="cell-number" key={result}>
                  {intl.formatNumber(row.byResult[result] ?? 0)}
                </td>
              ))}
              <td className="cell-number">
                <bdi dir="ltr">{formatDuration(row.firstAcknowledgedSeconds)}</bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
