import { useCallback, useState } from 'react';
import { useIntl } from 'react-intl';
import { PING_RESULTS, type PingResult } from '../../../../common/ping-tests.ts';
import type { PingContactRow } from '../../../../common/schemas/ping-tests.ts';
import type { State } from '../../../../common/schemas/states.ts';
import { listPingContacts } from '../../api/ping-tests.ts';
import { useResource } from '../../api/use-resource.ts';
import { DateTimeUtc } from '../../components/DateTime.tsx';
import { kindKey, slotKey } from '../../components/directory-labels.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { stateName } from '../../components/labels.ts';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { formatDuration, resultKey } from './ping-labels.ts';
import { RESULT_FILL, Swatch } from './ResultPatterns.tsx';

const PAGE_SIZE = 100;

interface ContactResultsProps {
  campaignId: string;
  /** The States of the campaign, for the State filter. */
  stateM49s: readonly string[];
  states: readonly State[] | null;
  /** Changes when the figures may have moved (sending finished, "refresh"), to fetch again. */
  refresh: number;
}

function ResultCell({ row }: { row: PingContactRow }) {
  const t = useT();
  return (
    <>
      <span className="ping-result">
        <Swatch fill={RESULT_FILL[row.result]} />
        {t(resultKey(row.result))}
      </span>
      {row.keyProblem && <span className="subline">{t(`ping.ui.keyProblem.${row.keyProblem}`)}</span>}
      {row.bounce && (
        <span className="subline ping-bounce">
          <span className="subline-label">{t('ping.ui.contacts.bounce')}</span> <code dir="ltr">{row.bounce}</code>
        </span>
      )}
    </>
  );
}

/** Every contact of the campaign with its result, filtered by result and State, a hundred a page. */
export function ContactResultsTable({ campaignId, stateM49s, states, refresh }: ContactResultsProps) {
  const t = useT();
  const intl = useIntl();
  const locale = useLocale();
  const [result, setResult] = useState<PingResult | ''>('');
  const [stateM49, setStateM49] = useState('');
  const [offset, setOffset] = useState(0);
  const load = useCallback(
    () =>
      listPingContacts(campaignId, {
        result: result || undefined,
        stateM49: stateM49 || undefined,
        limit: PAGE_SIZE,
        offset,
      }),
    // `refresh` is a dependency on purpose: a new value fetches the same page again.
    [campaignId, result, stateM49, offset, refresh],
  );
  const { data, error } = useResource(load);
  const name = (m49: string) => stateName(states, m49, locale);
  const collator = new Intl.Collator(locale);
  const choices = [...stateM49s].sort((a, b) => collator.compare(name(a), name(b)));

  return (
    <>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="ping-filter-result">{t('ping.ui.contacts.filterResult')}</label>
          <select
            id="ping-filter-result"
            value={result}
            onChange={(event) => {
              setResult(PING_RESULTS.find((r) => r === event.target.value) ?? '');
              setOffset(0);
            }}
          >
            <option value="">{t('ping.ui.contacts.allResults')}</option>
            {PING_RESULTS.map((r) => (
              <option key={r} value={r}>
                {t(resultKey(r))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ping-filter-state">{t('ping.ui.contacts.filterState')}</label>
          <select
            id="ping-filter-state"
            value={stateM49}
            onChange={(event) => {
              setStateM49(event.target.value);
              setOffset(0);
            }}
          >
            <option value="">{t('ping.ui.contacts.allStates')}</option>
            {choices.map((m49) => (
              <option key={m49} value={m49}>
                {name(m49)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ErrorAlert error={error} />
      {data && (
        <p className="result-count" id="ping-contacts-count" role="status">
          {data.total === 0
            ? t('ping.ui.contacts.none')
            : t('ping.ui.contacts.range', {
                from: offset + 1,
                to: Math.min(offset + data.items.length, data.total),
                total: data.total,
              })}
        </p>
      )}
      {!data && !error && <p className="result-count">{t('app.loading')}</p>}
      {data && data.items.length > 0 && (
        <div className="table-wrap" role="region" aria-labelledby="ping-contacts-title" tabIndex={0}>
          <table className="ping-contacts-table" aria-describedby="ping-contacts-count">
            <thead>
              <tr>
                <th scope="col">{t('ping.ui.column.contact')}</th>
                <th scope="col">{t('ping.report.state')}</th>
                <th scope="col">{t('ping.ui.column.email')}</th>
                <th scope="col">{t('ping.ui.column.dueAt')}</th>
                <th scope="col">{t('ping.ui.column.acknowledgedAt')}</th>
                <th scope="col">{t('ping.ui.column.timeToAcknowledge')}</th>
                <th scope="col">{t('ping.report.stateResult')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((row) => (
                <tr key={row.targetId} data-result={row.result}>
                  <th scope="row">
                    <bdi dir="auto">{row.name}</bdi>
                    <span className="subline">
                      {t(kindKey(row.kind))} · {t(slotKey(row.slotRole))}
                    </span>
                  </th>
                  <td>{name(row.stateM49)}</td>
                  <td className="email">
                    <bdi dir="ltr">{row.email}</bdi>
                  </td>
                  <td>
                    <DateTimeUtc iso={row.dueAt} />
                  </td>
                  <td>
                    {row.acknowledgedAt ? (
                      <>
                        <DateTimeUtc iso={row.acknowledgedAt} />
                        {row.acknowledgedVia && (
                          <span className="subline">{t(`ping.ui.via.${row.acknowledgedVia}`)}</span>
                        )}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="cell-number">
                    <bdi dir="ltr">{formatDuration(row.secondsToAcknowledge)}</bdi>
                  </td>
                  <td>
                    <ResultCell row={row} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.total > PAGE_SIZE && (
        <div className="toolbar ping-pager">
          <button
            type="button"
            className="button button-small"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            {t('ping.ui.contacts.previous')}
          </button>
          <span className="muted">
            {t('ping.ui.contacts.page', {
              page: intl.formatNumber(offset / PAGE_SIZE + 1),
              pages: intl.formatNumber(Math.ceil(data.total / PAGE_SIZE)),
            })}
          </span>
          <button
            type="button"
            className="button button-small"
            disabled={offset + PAGE_SIZE >= data.total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            {t('ping.ui.contacts.next')}
          </button>
        </div>
      )}
    </>
  );
}
