import { PING_CHANNELS, type PingChannel, type PingDeadlineMode } from '../../../../common/ping-tests.ts';
import { Check } from '../../components/Check.tsx';
import { utcLabel } from '../../components/DateTime.tsx';
import { NumberField } from '../../components/NumberField.tsx';
import { FormField } from '../../components/FormField.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useT } from '../../i18n/use-t.ts';
import { Fieldset, type FieldErrors } from '../nominations/FormControls.tsx';
import { fieldIdOf } from '../nominations/nomination-errors.ts';
import { deadlineInstant, type PingDraft } from './ping-form-model.ts';

const CHANNEL_LABELS: Record<PingChannel, MessageKey> = {
  email: 'ping.ui.channel.email',
  in_app: 'ping.ui.channel.in_app',
};

const DEADLINE_MODES: readonly { mode: PingDeadlineMode; label: MessageKey }[] = [
  { mode: 'business_hours', label: 'ping.ui.form.deadline.business_hours' },
  { mode: 'absolute', label: 'ping.ui.form.deadline.absolute' },
];

interface ScheduleProps {
  draft: PingDraft;
  errors: FieldErrors;
  onChange: (patch: Partial<PingDraft>) => void;
}

/** By which channels the checks go out. */
export function ChannelsFieldset({ draft, errors, onChange }: ScheduleProps) {
  const t = useT();
  return (
    <Fieldset legend={t('ping.ui.form.channels')} name="channels" errors={errors}>
      <div className="check-grid">
        {PING_CHANNELS.map((channel) => (
          <Check
            key={channel}
            id={`ping-channel-${channel}`}
            label={t(CHANNEL_LABELS[channel])}
            checked={draft.channels.includes(channel)}
            onChange={(on) =>
              onChange({
                channels: on
                  ? [...draft.channels.filter((c) => c !== channel), channel]
                  : draft.channels.filter((c) => c !== channel),
              })
            }
          />
        ))}
      </div>
    </Fieldset>
  );
}

/** The reader's IANA zone, named so the manager knows which clock the date and time are read on. */
function readerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** When each contact must have acknowledged: one moment for all, or business hours on each one's clock. */
export function DeadlineFieldset({ draft, errors, onChange }: ScheduleProps) {
  const t = useT();
  const instant = deadlineInstant(draft.deadlineLocal);
  return (
    <Fieldset legend={t('ping.ui.form.deadline')} name="deadlineMode" errors={errors}>
      <div className="radios">
        {DEADLINE_MODES.map(({ mode, label }) => (
          <div className="radio" key={mode}>
            <input
              id={`ping-deadline-${mode}`}
              type="radio"
              name="deadlineMode"
              value={mode}
              checked={draft.deadlineMode === mode}
              onChange={() => onChange({ deadlineMode: mode })}
            />
            <label htmlFor={`ping-deadline-${mode}`}>{t(label)}</label>
          </div>
        ))}
      </div>
      {draft.deadlineMode === 'business_hours' ? (
        <NumberField
          id={fieldIdOf('businessHours')}
          label={t('ping.ui.form.businessHours')}
          hint={t('ping.ui.form.businessHoursHint')}
          error={errors.get('businessHours')}
          min={1}
          max={400}
          value={draft.businessHours}
          onChange={(businessHours) => onChange({ businessHours })}
        />
      ) : (
        <FormField
          id={fieldIdOf('deadlineAt')}
          label={t('ping.ui.form.deadlineAt')}
          hint={t('ping.ui.form.deadlineAtHint', {
            zone: readerTimeZone(),
            utc: instant ? utcLabel(instant) : '—',
          })}
          error={errors.get('deadlineAt')}
        >
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              className="input-datetime"
              value={draft.deadlineLocal}
              onChange={(event) => onChange({ deadlineLocal: event.target.value })}
            />
          )}
        </FormField>
      )}
    </Fieldset>
  );
}

/** Reminders before the deadline, and whether the campaign runs again every few months. */
export function FollowUpFieldset({ draft, errors, onChange }: ScheduleProps) {
  const t = useT();
  return (
    <Fieldset legend={t('ping.ui.form.followUp')}>
      <FormField
        id={fieldIdOf('reminderHours')}
        label={t('ping.ui.form.reminders')}
        hint={t('ping.ui.form.remindersHint')}
        error={errors.get('reminderHours')}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            inputMode="numeric"
            dir="ltr"
            autoComplete="off"
            className="input-short"
            value={draft.reminders}
            onChange={(event) => onChange({ reminders: event.target.value })}
          />
        )}
      </FormField>
      <fieldset className="subfieldset">
        <legend>{t('ping.ui.form.recurrence')}</legend>
        <div className="radios">
          <div className="radio">
            <input
              id="ping-recurrence-once"
              type="radio"
              name="recurrence"
              checked={!draft.repeats}
              onChange={() => onChange({ repeats: false })}
            />
            <label htmlFor="ping-recurrence-once">{t('ping.ui.form.recurrence.once')}</label>
          </div>
          <div className="radio">
            <input
              id="ping-recurrence-repeat"
              type="radio"
              name="recurrence"
              checked={draft.repeats}
              onChange={() => onChange({ repeats: true })}
            />
            <label htmlFor="ping-recurrence-repeat">{t('ping.ui.form.recurrence.repeat')}</label>
          </div>
        </div>
        {draft.repeats && (
          <NumberField
            id={fieldIdOf('recurrenceMonths')}
            label={t('ping.ui.form.recurrenceMonths')}
            hint={t('ping.ui.form.recurrenceHint')}
            error={errors.get('recurrenceMonths')}
            min={1}
            max={24}
            value={draft.recurrenceMonths}
            onChange={(recurrenceMonths) => onChange({ recurrenceMonths })}
          />
        )}
      </fieldset>
    </Fieldset>
  );
}
