import { useIntl } from 'react-intl';
import type { PingTest } from '../../../../common/schemas/ping-tests.ts';
import { DateTimeUtc } from '../../components/DateTime.tsx';
import { kindKey } from '../../components/directory-labels.ts';
import { groupKey } from '../../components/labels.ts';
import { useT } from '../../i18n/use-t.ts';
import { formatDuration, formatRate } from './ping-labels.ts';

/** The headline figures, as the PDF report gives them. */
export function SummaryFigures({ campaign }: { campaign: PingTest }) {
  const t = useT();
  const intl = useIntl();
  const f = campaign.figures;
  const figures = [
    { key: 'contacts', label: t('ping.report.contacts'), value: intl.formatNumber(f.contacts) },
    {
      key: 'states',
      label: t('ping.report.statesReached'),
      value: t('ping.ui.ofStates', { reached: f.statesReached, states: f.states }),
    },
    { key: 'rate', label: t('ping.report.acknowledgedRate'), value: formatRate(intl, f.acknowledgedRate) },
    { key: 'responded', label: t('ping.report.respondedRate'), value: formatRate(intl, f.respondedRate) },
    { key: 'median', label: t('ping.report.median'), value: formatDuration(f.medianSeconds), ltr: true },
    { key: 'p90', label: t('ping.report.p90'), value: formatDuration(f.p90Seconds), ltr: true },
  ];
  return (
    <dl className="figures ping-figures" id="ping-figures">
      {figures.map((figure) => (
        <div key={figure.key} className="figure">
          <dt>{figure.label}</dt>
          <dd>{figure.ltr ? <bdi dir="ltr">{figure.value}</bdi> : figure.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Whom the campaign checked, how, and until when. */
export function CampaignFacts({ campaign }: { campaign: PingTest }) {
  const t = useT();
  const intl = useIntl();
  const list = (items: string[]) => intl.formatList(items, { type: 'conjunction' });
  const { targets } = campaign;
  const scope = targets.allParticipating
    ? t('ping.ui.form.scope.all')
    : targets.groups.length > 0
      ? list(targets.groups.map((group) => t(groupKey(group))))
      : t('ping.ui.facts.namedStates', { count: targets.states.length });
  const kinds =
    targets.kinds.length > 0 ? list(targets.kinds.map((kind) => t(kindKey(kind)))) : t('ping.ui.facts.allKinds');
  return (
    <dl className="facts facts-columns ping-facts">
      <div className="fact">
        <dt>{t('ping.report.started')}</dt>
        <dd>
          <DateTimeUtc iso={campaign.startsAt} />
        </dd>
      </div>
      <div className="fact">
        <dt>{t('ping.ui.form.deadline')}</dt>
        <dd>
          {campaign.deadlineMode === 'business_hours' ? (
            t('ping.ui.facts.businessHours', { hours: campaign.businessHours ?? 0 })
          ) : campaign.deadlineAt ? (
            <DateTimeUtc iso={campaign.deadlineAt} />
          ) : (
            '—'
          )}
        </dd>
      </div>
      <div className="fact">
        <dt>{t('ping.ui.form.targets')}</dt>
        <dd>
          {scope} — {kinds}
        </dd>
      </div>
      <div className="fact">
        <dt>{t('ping.ui.form.channels')}</dt>
        <dd>{list(campaign.channels.map((channel) => t(`ping.ui.channel.${channel}`)))}</dd>
      </div>
      <div className="fact">
        <dt>{t('ping.ui.form.reminders')}</dt>
        <dd>
          {campaign.reminderHours.length > 0
            ? t('ping.ui.facts.reminders', { hours: list(campaign.reminderHours.map(String)) })
            : t('ping.ui.facts.noReminders')}
        </dd>
      </div>
      <div className="fact">
        <dt>{t('ping.ui.form.recurrence')}</dt>
        <dd>
          {campaign.recurrenceMonths
            ? t('ping.ui.facts.recurrence', { months: campaign.recurrenceMonths })
            : t('ping.ui.form.recurrence.once')}
          {campaign.nextRunAt && (
            <>
              <span className="subline">{t('ping.ui.facts.nextRun')}</span>
              <DateTimeUtc iso={campaign.nextRunAt} />
            </>
          )}
        </dd>
      </div>
    </dl>
  );
}
