import { useState } from 'react';
import type { Locale } from '../../../../common/locales.ts';
import type { Nomination } from '../../../../common/schemas/directory.ts';
import type { State } from '../../../../common/schemas/states.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { resendNomination, withdrawNomination } from '../../api/directory.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/use-t.ts';
import { NominationsTable } from './NominationsTable.tsx';

interface OwnNominationsProps {
  caption: string;
  nominations: readonly Nomination[];
  states: readonly State[] | null;
  locale: Locale;
  entryNames: ReadonlyMap<string, string>;
  onChanged: (nomination: Nomination) => void;
}

/** A national authority's nominations, with withdraw (after confirmation) and resend of the acceptance link. */
export function OwnNominations({ caption, nominations, states, locale, entryNames, onChanged }: OwnNominationsProps) {
  const t = useT();
  const [pending, setPending] = useState<Nomination | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [announcement, setAnnouncement] = useState('');

  async function act(nomination: Nomination, action: 'withdraw' | 'resend') {
    setBusy(true);
    setError(null);
    setAnnouncement('');
    try {
      const updated =
        action === 'withdraw' ? await withdrawNomination(nomination.id) : await resendNomination(nomination.id);
      onChanged(updated);
      setAnnouncement(t(action === 'withdraw' ? 'nomination.withdrawn' : 'nomination.resent'));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
      setPending(null);
    }
  }

  return (
    <>
      <ErrorAlert error={error} />
      <div role="status" className="live-region">
        {announcement && <p className="alert alert-success">{announcement}</p>}
      </div>
      <NominationsTable
        caption={caption}
        nominations={nominations}
        states={states}
        locale={locale}
        showState={false}
        entryNames={entryNames}
        busy={busy}
        onWithdraw={setPending}
        onResend={(nomination) => void act(nomination, 'resend')}
      />
      <ConfirmDialog
        open={pending !== null}
        busy={busy}
        title={t('nomination.withdraw.title')}
        message={t('nomination.withdraw.confirm')}
        confirmLabel={t('nomination.action.withdraw')}
        onConfirm={() => pending && void act(pending, 'withdraw')}
        onCancel={() => setPending(null)}
      />
    </>
  );
}
