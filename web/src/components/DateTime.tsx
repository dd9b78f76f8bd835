import { useIntl } from 'react-intl';

/** "2026-11-24T09:04:18.444Z" → "2026-11-24 09:04 UTC": exact and the same for every reader. */
export function utcLabel(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A day in the reader's language ("24 Nov 2026"). */
export function DateOnly({ iso }: { iso: string }) {
  const intl = useIntl();
  return <time dateTime={iso}>{intl.formatDate(iso, { dateStyle: 'medium' })}</time>;
}

/** A calendar date without time ("2026-11-20" on a note verbale), never shifted by the reader's zone. */
export function CalendarDate({ date }: { date: string }) {
  const intl = useIntl();
  return <time dateTime={date}>{intl.formatDate(`${date}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' })}</time>;
}

/**
 * A moment in the reader's language and time zone, with UTC beneath: POCs in different zones
 * quote the UTC line to each other.
 */
export function DateTimeUtc({ iso }: { iso: string }) {
  const intl = useIntl();
  return (
    <span className="date-time">
      <time dateTime={iso} className="time-local-main">
        {intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' })}
      </time>
      <span className="time-local">{utcLabel(iso)}</span>
    </span>
  );
}
