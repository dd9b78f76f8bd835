import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { toApiError, type ApiError } from '../../api/client.ts';
import { createPingTest } from '../../api/ping-tests.ts';
import { useStates } from '../../api/use-states.ts';
import { Check } from '../../components/Check.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { setFlash } from '../../components/flash.ts';
import { NavLink } from '../../components/NavLink.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useT } from '../../i18n/use-t.ts';
import { navigate } from '../../router.ts';
import { ErrorSummary } from '../nominations/ErrorSummary.tsx';
import { TextField } from '../nominations/FormControls.tsx';
import {
  NEW_PING_DRAFT,
  parseReminders,
  pingFieldErrors,
  pingFieldLabel,
  toPingRequest,
  type PingDraft,
} from './ping-form-model.ts';
import { ChannelsFieldset, DeadlineFieldset, FollowUpFieldset } from './ScheduleFieldsets.tsx';
import { TargetsFieldset } from './TargetsFieldset.tsx';

/** The directory manager starts a ping test; the server writes and sends the checks in the background. */
export function NewPingTestPage() {
  const t = useT();
  const { states, error: statesError } = useStates();
  const [draft, setDraft] = useState<PingDraft>(NEW_PING_DRAFT);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [localErrors, setLocalErrors] = useState<Map<string, string>>(new Map());
  const [attempt, setAttempt] = useState(0);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (attempt > 0) summary.current?.focus();
  }, [attempt]);

  const errors = useMemo(() => new Map([...pingFieldErrors(error, t), ...localErrors]), [error, localErrors, t]);
  const change = (patch: Partial<PingDraft>) => setDraft((d) => ({ ...d, ...patch }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const reminderHours = parseReminders(draft.reminders);
    if (reminderHours === null) {
      setLocalErrors(new Map([['reminderHours', t('ping.ui.reason.reminders')]]));
      setAttempt((n) => n + 1);
      return;
    }
    setLocalErrors(new Map());
    setBusy(true);
    try {
      const created = await createPingTest(toPingRequest(draft, reminderHours));
      setFlash({ kind: 'success', text: t('ping.ui.form.created', { reference: created.reference }) });
      navigate(`/ping-tests/${created.id}`);
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
      setAttempt((n) => n + 1);
    }
  }

  const summaryMessage =
    error === null
      ? t('nomination.errors.fix')
      : error.code === 'NETWORK_ERROR'
        ? t('app.error.network')
        : error.message;

  return (
    <>
      <PageHeading>{t('ping.ui.form.heading')}</PageHeading>
      <p>
        <NavLink to="/ping-tests">{t('ping.ui.back')}</NavLink>
      </p>
      <p className="lead">{t('ping.ui.form.lead')}</p>
      <ErrorAlert error={statesError} />
      <form className="form form-wide ping-form" onSubmit={(event) => void submit(event)} noValidate>
        {errors.size > 0 || error ? (
          <ErrorSummary
            ref={summary}
            errors={errors}
            message={summaryMessage}
            labelOf={(name) => pingFieldLabel(name, t)}
            title={t('ping.ui.form.errorsTitle', { count: errors.size })}
          />
        ) : null}
        <TextField
          name="title"
          label={t('ping.ui.form.title')}
          hint={t('ping.ui.form.titleHint')}
          maxLength={200}
          value={draft.title}
          errors={errors}
          onChange={(title) => change({ title })}
        />
        <div className={draft.exercise ? 'ping-exercise-choice ping-exercise-chosen' : 'ping-exercise-choice'}>
          <Check
            id="ping-exercise"
            label={<strong>{t('ping.ui.form.exercise')}</strong>}
            checked={draft.exercise}
            describedBy="ping-exercise-hint"
            onChange={(exercise) => change({ exercise })}
          />
          <p id="ping-exercise-hint" className="field-hint">
            {t('ping.ui.form.exerciseHint')}
          </p>
        </div>
        <TargetsFieldset draft={draft} states={states ?? []} errors={errors} onChange={change} />
        <ChannelsFieldset draft={draft} errors={errors} onChange={change} />
        <DeadlineFieldset draft={draft} errors={errors} onChange={change} />
        <FollowUpFieldset draft={draft} errors={errors} onChange={change} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('ping.ui.form.starting') : t('ping.ui.form.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
