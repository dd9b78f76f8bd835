import { useIntl } from 'react-intl';
import type { Locale } from '../../../common/locales.ts';
import type { AuditEntry } from '../../../common/schemas/audit.ts';
import type { State } from '../../../common/schemas/states.ts';
import { ActorName } from '../components/ActorName.tsx';
import { stateName } from '../components/labels.ts';
import { useT } from '../i18n/use-t.ts';

/** "2026-11-24T09:04:18.444Z" → "2026-11-24 09:04:18 UTC": exact, sortable, the same for every reader. */
function utcLabel(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

const LOCAL_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
};

interface AuditTableProps {
  entries: readonly AuditEntry[];
  states: readonly State[] | null;
  locale: Locale;
}

export function AuditTable({ entries, states, locale }: AuditTableProps) {
  const t = useT();
  const intl = useIntl();
  return (
    <div className="table-wrap" role="region" aria-labelledby="audit-caption" tabIndex={0}>
      <table className="audit-table">
        <caption id="audit-caption" className="visually-hidden">
          {t('audit.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.column.position')}</th>
            <th scope="col">{t('audit.column.time')}</th>
            <th scope="col">{t('audit.column.actor')}</th>
            <th scope="col">{t('audit.column.action')}</th>
            <th scope="col">{t('audit.column.target')}</th>
            <th scope="col">{t('audit.column.state')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.position}>
              <th scope="row" className="cell-number">
                {intl.formatNumber(entry.position)}
              </th>
              <td>
                <time dateTime={entry.at} className="time-utc">
                  {utcLabel(entry.at)}
                </time>
                <span className="time-local">{intl.formatDate(entry.at, LOCAL_TIME)}</span>
              </td>
              <td>
                <ActorName label={entry.actorLabel} />
              </td>
              <td>
                <code translate="no">{entry.action}</code>
              </td>
              <td className="cell-break">
                {entry.targetType} <code translate="no">{entry.targetId}</code>
              </td>
              <td>{stateName(states, entry.stateM49, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
