import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import type { Locale } from '../../../../common/locales.ts';
import type { Coverage } from '../../../../common/schemas/directory.ts';
import type { State } from '../../../../common/schemas/states.ts';
import { DateOnly, DateTimeUtc } from '../../components/DateTime.tsx';
import {
  kindKey,
  nominationStatusClass,
  nominationStatusKey,
  nominationTypeKey,
} from '../../components/directory-labels.ts';
import { groupKey, stateName } from '../../components/labels.ts';
import { NavLink } from '../../components/NavLink.tsx';
import { useT } from '../../i18n/use-t.ts';

interface ListProps {
  states: readonly State[] | null;
  locale: Locale;
}

function Section({
  id,
  title,
  empty,
  count,
  children,
}: {
  id: string;
  title: string;
  empty: string;
  count: number;
  children: ReactNode;
}) {
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {count === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
          {children}
        </div>
      )}
    </section>
  );
}

/** Participation per regional group, as a count and a share of the group's States. */
export function GroupsTable({ rows }: { rows: Coverage['byGroup'] }) {
  const t = useT();
  const intl = useIntl();
  const share = (part: number, whole: number) =>
    intl.formatNumber(whole === 0 ? 0 : part / whole, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <Section id="coverage-groups" title={t('coverage.groups.title')} empty={t('coverage.empty')} count={rows.length}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('states.column.group')}</th>
            <th scope="col">{t('coverage.column.states')}</th>
            <th scope="col">{t('coverage.column.participating')}</th>
            <th scope="col">{t('coverage.column.share')}</th>
            <th scope="col">{t('coverage.column.withDiplomatic')}</th>
            <th scope="col">{t('coverage.column.withTechnical')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.group}>
              <th scope="row">{t(groupKey(row.group))}</th>
              <td className="cell-number">{intl.formatNumber(row.states)}</td>
              <td className="cell-number">{intl.formatNumber(row.participating)}</td>
              <td className="cell-number">
                <span className="meter-text">{share(row.participating, row.states)}</span>
                <meter
                  className="meter"
                  min={0}
                  max={row.states || 1}
                  value={row.participating}
                  aria-label={t('coverage.column.share')}
                />
              </td>
              <td className="cell-number">{intl.formatNumber(row.withDiplomatic)}</td>
              <td className="cell-number">{intl.formatNumber(row.withTechnical)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

/** Participating States that lack a diplomatic or a technical point of contact. */
export function GapsTable({ gaps, states, locale }: ListProps & { gaps: Coverage['gaps'] }) {
  const t = useT();
  const sorted = [...gaps].sort((a, b) =>
    stateName(states, a.stateM49, locale).localeCompare(stateName(states, b.stateM49, locale), locale),
  );
  return (
    <Section id="coverage-gaps" title={t('coverage.gaps.title')} empty={t('coverage.gaps.none')} count={gaps.length}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('entry.state')}</th>
            <th scope="col">{t('coverage.gaps.missing')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((gap) => (
            <tr key={gap.stateM49}>
              <th scope="row">
                <NavLink to={`/directory?state=${gap.stateM49}`}>{stateName(states, gap.stateM49, locale)}</NavLink>
              </th>
              <td>
                {gap.missingDiplomatic && <span className="badge badge-stale">{t(kindKey('diplomatic'))}</span>}
                {gap.missingTechnical && <span className="badge badge-stale">{t(kindKey('technical'))}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

/** Entries past their re-confirmation date, oldest first. */
export function StaleTable({ stale, states, locale }: ListProps & { stale: Coverage['stale'] }) {
  const t = useT();
  const sorted = [...stale].sort((a, b) => a.confirmationDueAt.localeCompare(b.confirmationDueAt));
  return (
    <Section
      id="coverage-stale"
      title={t('coverage.stale.title')}
      empty={t('coverage.stale.none')}
      count={stale.length}
    >
      <table>
        <thead>
          <tr>
            <th scope="col">{t('directory.column.name')}</th>
            <th scope="col">{t('entry.state')}</th>
            <th scope="col">{t('directory.column.kind')}</th>
            <th scope="col">{t('entry.lastConfirmed')}</th>
            <th scope="col">{t('entry.confirmationDue')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((entry) => (
            <tr key={entry.entryId}>
              <th scope="row">
                <NavLink to={`/directory/entries/${entry.entryId}`}>
                  <bdi>{entry.nameLatin}</bdi>
                </NavLink>
              </th>
              <td>{stateName(states, entry.stateM49, locale)}</td>
              <td>{t(kindKey(entry.kind))}</td>
              <td>
                <DateOnly iso={entry.lastConfirmedAt} />
              </td>
              <td>
                <DateOnly iso={entry.confirmationDueAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

/** Nominations waiting for the manager or for the nominee, oldest first. */
export function PendingTable({ pending, states, locale }: ListProps & { pending: Coverage['pending'] }) {
  const t = useT();
  const sorted = [...pending].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  return (
    <Section
      id="coverage-pending"
      title={t('coverage.pending.title')}
      empty={t('coverage.pending.none')}
      count={pending.length}
    >
      <table>
        <thead>
          <tr>
            <th scope="col">{t('entry.state')}</th>
            <th scope="col">{t('nomination.field.type')}</th>
            <th scope="col">{t('nomination.column.status')}</th>
            <th scope="col">{t('nomination.detail.submitted')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((item) => (
            <tr key={item.nominationId}>
              <th scope="row">
                <NavLink to={`/nominations/${item.nominationId}`}>{stateName(states, item.stateM49, locale)}</NavLink>
              </th>
              <td>{t(nominationTypeKey(item.type))}</td>
              <td>
                <span className={nominationStatusClass(item.status)}>{t(nominationStatusKey(item.status))}</span>
              </td>
              <td>
                <DateTimeUtc iso={item.submittedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
