import { useState, type FormEvent } from 'react';
import { THREAD_OUTCOMES, type RecipientAction, type ThreadOutcome } from '../../../../common/communications.ts';
import type { Communication } from '../../../../common/schemas/communications.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { actOnCommunication, closeThread } from '../../api/communications.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/use-t.ts';
import { outcomeKey } from './comm-labels.ts';

interface ThreadActionsProps {
  message: Communication;
  /** The thread's first message: only it can be closed. */
  isRoot: boolean;
  onDone: (message: string) => void;
}

type WithReason = 'decline' | 'not_applicable';

/** What the caller's State may do with a message, straight from the server's abilities. */
export function ThreadActions({ message, isRoot, onDone }: ThreadActionsProps) {
  const t = useT();
  const { abilities } = message;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [reasonFor, setReasonFor] = useState<WithReason | null>(null);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<ThreadOutcome>('resolved');
  const [confirmClose, setConfirmClose] = useState(false);

  async function run(work: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    try {
      await work();
      setReasonFor(null);
      setReason('');
      setConfirmClose(false);
      onDone(done);
    } catch (caught) {
      setError(toApiError(caught));
      setConfirmClose(false);
    } finally {
      setBusy(false);
    }
  }

  const act = (action: RecipientAction, why?: string) =>
    run(() => actOnCommunication(message.id, action, why), t('communications.action.done'));

  function submitReason(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reasonFor && reason.trim()) void act(reasonFor, reason.trim());
  }

  const canClose = isRoot && abilities.close;
  if (!abilities.acknowledge && !abilities.start && !abilities.decline && !abilities.notApplicable && !canClose) {
    return null;
  }
  const reasonId = `reason-${message.id}`;
  return (
    <section className="thread-actions" aria-label={t('communications.action.label')}>
      <ErrorAlert error={error} />
      <div className="toolbar">
        {abilities.acknowledge && (
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => void act('acknowledge')}
          >
            {t('communications.action.acknowledge')}
          </button>
        )}
        {abilities.start && (
          <button type="button" className="button" disabled={busy} onClick={() => void act('start')}>
            {t('communications.action.start')}
          </button>
        )}
        {abilities.decline && (
          <button
            type="button"
            className="button"
            aria-expanded={reasonFor === 'decline'}
            onClick={() => setReasonFor(reasonFor === 'decline' ? null : 'decline')}
          >
            {t('communications.action.decline')}
          </button>
        )}
        {abilities.notApplicable && (
          <button
            type="button"
            className="button"
            aria-expanded={reasonFor === 'not_applicable'}
            onClick={() => setReasonFor(reasonFor === 'not_applicable' ? null : 'not_applicable')}
          >
            {t('communications.action.notApplicable')}
          </button>
        )}
      </div>
      {reasonFor && (
        <form className="inline-form" onSubmit={submitReason}>
          <div className="field field-grow">
            <label htmlFor={reasonId}>
              {t(
                reasonFor === 'decline'
                  ? 'communications.action.declineReason'
                  : 'communications.action.notApplicableReason',
              )}
            </label>
            <textarea
              id={reasonId}
              rows={2}
              dir="auto"
              required
              aria-required
              maxLength={1000}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
          <button type="submit" className="button button-danger" disabled={busy || !reason.trim()}>
            {t(reasonFor === 'decline' ? 'communications.action.decline' : 'communications.action.notApplicable')}
          </button>
        </form>
      )}
      {canClose && (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            setConfirmClose(true);
          }}
        >
          <div className="field">
            <label htmlFor={`outcome-${message.id}`}>{t('communications.close.outcome')}</label>
            <select
              id={`outcome-${message.id}`}
              value={outcome}
              onChange={(event) => {
                const chosen = THREAD_OUTCOMES.find((o) => o === event.target.value);
                if (chosen) setOutcome(chosen);
              }}
            >
              {THREAD_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(outcomeKey(o))}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t('communications.close.action')}
          </button>
        </form>
      )}
      <ConfirmDialog
        open={confirmClose}
        title={t('communications.close.confirmTitle')}
        message={t('communications.close.confirmBody', { outcome: t(outcomeKey(outcome)) })}
        confirmLabel={t('communications.close.action')}
        busy={busy}
        onConfirm={() => void run(() => closeThread(message.id, outcome), t('communications.close.done'))}
        onCancel={() => setConfirmClose(false)}
      />
    </section>
  );
}
