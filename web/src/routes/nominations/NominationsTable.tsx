import type { Nomination } from '../../../../common/schemas/directory.ts';
import type { State } from '../../../../common/schemas/states.ts';
import type { Locale } from '../../../../common/locales.ts';
import { CalendarDate, DateTimeUtc } from '../../components/DateTime.tsx';
import {
  kindKey,
  nominationStatusClass,
  nominationStatusKey,
  nominationTypeKey,
} from '../../components/directory-labels.ts';
import { stateName } from '../../components/labels.ts';
import { NavLink } from '../../components/NavLink.tsx';
import { useT } from '../../i18n/use-t.ts';

interface NominationsTableProps {
  caption: string;
  nominations: readonly Nomination[];
  states: readonly State[] | null;
  locale: Locale;
  showState: boolean;
  /** Names of the State's entries, for removals (which carry no details). */
  entryNames?: ReadonlyMap<string, string>;
  onWithdraw?: (nomination: Nomination) => void;
  onResend?: (nomination: Nomination) => void;
  busy?: boolean;
}

export function NominationsTable({
  caption,
  nominations,
  states,
  locale,
  showState,
  entryNames,
  onWithdraw,
  onResend,
  busy = false,
}: NominationsTableProps) {
  const t = useT();
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('nomination.column.contact')}</th>
            {showState && <th scope="col">{t('entry.state')}</th>}
            <th scope="col">{t('nomination.field.type')}</th>
            <th scope="col">{t('nomination.column.noteVerbale')}</th>
            <th scope="col">{t('nomination.detail.submitted')}</th>
            <th scope="col">{t('nomination.column.status')}</th>
            {(onWithdraw || onResend) && <th scope="col">{t('nomination.column.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {nominations.map((nomination) => {
            const name =
              nomination.details?.nameNative ??
              (nomination.targetEntryId ? entryNames?.get(nomination.targetEntryId) : undefined) ??
              t('nomination.column.unnamed');
            return (
              <tr key={nomination.id}>
                <th scope="row">
                  <NavLink to={`/nominations/${nomination.id}`}>
                    <bdi dir="auto">{name}</bdi>
                  </NavLink>
                  {nomination.details && (
                    <span className="subline muted">
                      {nomination.details.nameLatin !== nomination.details.nameNative && (
                        <>
                          <bdi>{nomination.details.nameLatin}</bdi> ·{' '}
                        </>
                      )}
                      {t(kindKey(nomination.details.kind))}
                    </span>
                  )}
                </th>
                {showState && <td>{stateName(states, nomination.stateM49, locale)}</td>}
                <td>{t(nominationTypeKey(nomination.type))}</td>
                <td>
                  <bdi>{nomination.noteVerbaleRef}</bdi>
                  <span className="subline muted">
                    <CalendarDate date={nomination.noteVerbaleDate} />
                  </span>
                </td>
                <td>
                  <DateTimeUtc iso={nomination.submittedAt} />
                </td>
                <td>
                  <span className={nominationStatusClass(nomination.status)}>
                    {t(nominationStatusKey(nomination.status))}
                  </span>
                </td>
                {(onWithdraw || onResend) && (
                  <td>
                    <div className="cell-actions">
                      {onResend && nomination.abilities.resend && (
                        <button
                          type="button"
                          className="button button-small"
                          disabled={busy}
                          onClick={() => onResend(nomination)}
                        >
                          {t('nomination.action.resend')}
                          <span className="visually-hidden"> {name}</span>
                        </button>
                      )}
                      {onWithdraw && nomination.abilities.withdraw && (
                        <button
                          type="button"
                          className="button button-small"
                          disabled={busy}
                          onClick={() => onWithdraw(nomination)}
                        >
                          {t('nomination.action.withdraw')}
                          <span className="visually-hidden"> {name}</span>
                        </button>
                      )}
                    </div>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
