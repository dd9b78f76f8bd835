import { useState, type FormEvent } from 'react';
import type { Nomination } from '../../../../common/schemas/directory.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { approveNomination, rejectNomination, resendNomination, withdrawNomination } from '../../api/directory.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FormField } from '../../components/FormField.tsx';
import { reasonKey } from '../../components/field-reason.ts';
import { useT } from '../../i18n/use-t.ts';

type Action = 'approve' | 'withdraw' | 'resend';

interface NominationActionsProps {
  nomination: Nomination;
  onChanged: (nomination: Nomination, notice: string) => void;
}

/** The manager's approve / reject, the national authority's withdraw / resend: whatever the server allows now. */
export function NominationActions({ nomination, onChanged }: NominationActionsProps) {
  const t = useT();
  const { abilities } = nomination;
  const [pending, setPending] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [reason, setReason] = useState('');

  if (!abilities.approve && !abilities.reject && !abilities.withdraw && !abilities.resend) return null;

  async function run(action: Action) {
    setBusy(true);
    setError(null);
    try {
      const calls = { approve: approveNomination, withdraw: withdrawNomination, resend: resendNomination };
      const notices = {
        approve: t('nomination.approved'),
        withdraw: t('nomination.withdrawn'),
        resend: t('nomination.resent'),
      };
      onChanged(await calls[action](nomination.id), notices[action]);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
      setPending(null);
    }
  }

  async function reject(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onChanged(await rejectNomination(nomination.id, reason.trim()), t('nomination.rejected'));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  const reasonProblem = error?.fieldReasons().reason;
  return (
    <section className="section card" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('nomination.actions.title')}</h2>
      <ErrorAlert error={error} />
      <div className="toolbar">
        {abilities.approve && (
          <button type="button" className="button button-primary" disabled={busy} onClick={() => setPending('approve')}>
            {t('nomination.action.approve')}
          </button>
        )}
        {abilities.resend && (
          <button type="button" className="button" disabled={busy} onClick={() => void run('resend')}>
            {t('nomination.action.resend')}
          </button>
        )}
        {abilities.withdraw && (
          <button type="button" className="button" disabled={busy} onClick={() => setPending('withdraw')}>
            {t('nomination.action.withdraw')}
          </button>
        )}
      </div>
      {abilities.reject && (
        <form className="form reject-form" onSubmit={(event) => void reject(event)} noValidate>
          <FormField
            id="reject-reason"
            label={t('nomination.reject.reason')}
            hint={t('nomination.reject.hint')}
            error={reasonProblem ? t(reasonKey(reasonProblem)) : undefined}
          >
            {(control) => (
              <textarea
                {...control}
                rows={3}
                maxLength={1000}
                dir="auto"
                required
                aria-required
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
            )}
          </FormField>
          <div className="form-actions">
            <button type="submit" className="button button-danger" disabled={busy}>
              {t('nomination.action.reject')}
            </button>
          </div>
        </form>
      )}
      <ConfirmDialog
        open={pending !== null}
        busy={busy}
        title={t(pending === 'withdraw' ? 'nomination.withdraw.title' : 'nomination.approve.title')}
        message={t(pending === 'withdraw' ? 'nomination.withdraw.confirm' : 'nomination.approve.confirm')}
        confirmLabel={t(pending === 'withdraw' ? 'nomination.action.withdraw' : 'nomination.action.approve')}
        onConfirm={() => pending && void run(pending)}
        onCancel={() => setPending(null)}
      />
    </section>
  );
}
