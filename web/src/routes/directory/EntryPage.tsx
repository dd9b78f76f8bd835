import { useCallback, useState } from 'react';
import type { NominationType } from '../../../../common/directory.ts';
import type { SessionInfo } from '../../../../common/schemas/session.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { confirmEntry, downloadEntryVCard, getEntry } from '../../api/directory.ts';
import { useResource } from '../../api/use-resource.ts';
import { useStates } from '../../api/use-states.ts';
import { kindKey } from '../../components/directory-labels.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { stateName } from '../../components/labels.ts';
import { NavLink } from '../../components/NavLink.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { EntryFacts } from './EntryFacts.tsx';
import { EntryHistory } from './EntryHistory.tsx';
import { PseudonymiseDialog } from './PseudonymiseDialog.tsx';
import { pseudonymiseEntry } from './pseudonymise-entry.ts';

const CHANGES: {
  type: Exclude<NominationType, 'new'>;
  label: 'entry.action.update' | 'entry.action.replace' | 'entry.action.remove';
}[] = [
  { type: 'update', label: 'entry.action.update' },
  { type: 'replacement', label: 'entry.action.replace' },
  { type: 'removal', label: 'entry.action.remove' },
];

/** One point of contact: every field, its freshness, its history, and what the caller may do with it. */
export function EntryPage({ id, session }: { id: string; session: SessionInfo }) {
  const t = useT();
  const locale = useLocale();
  const { states } = useStates();
  const load = useCallback(() => getEntry(id), [id]);
  const { data, error, setData } = useResource(load);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [confirmingPseudonymise, setConfirmingPseudonymise] = useState(false);

  async function confirm() {
    if (!data) return;
    setBusy(true);
    setActionError(null);
    setAnnouncement('');
    try {
      const entry = await confirmEntry(id);
      setData({ ...data, entry });
      setAnnouncement(t('entry.confirmed'));
    } catch (caught) {
      setActionError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  async function pseudonymise(options: { pseudonymiseAccount: boolean }) {
    setBusy(true);
    setActionError(null);
    setAnnouncement('');
    try {
      await pseudonymiseEntry(id, options);
      // Every version changed too: read the entry and its history again.
      setData(await getEntry(id));
      setAnnouncement(t('entry.pseudonymised'));
    } catch (caught) {
      setActionError(toApiError(caught));
    } finally {
      setBusy(false);
      setConfirmingPseudonymise(false);
    }
  }

  async function vcard() {
    setActionError(null);
    try {
      await downloadEntryVCard(id);
    } catch (caught) {
      setActionError(toApiError(caught));
    }
  }

  const entry = data?.entry;
  const stateLabel = entry ? stateName(states, entry.stateM49, locale) : '';
  return (
    <>
      <PageHeading>{entry ? entry.nameNative : t('entry.title')}</PageHeading>
      {entry && (
        <p className="lead">
          {entry.nameLatin !== entry.nameNative && (
            <>
              <bdi>{entry.nameLatin}</bdi> ·{' '}
            </>
          )}
          {t(kindKey(entry.kind))} · {stateLabel}
        </p>
      )}
      <p>
        <NavLink to={entry ? `/directory?state=${entry.stateM49}` : '/directory'}>
          {entry ? t('entry.back', { state: stateLabel }) : t('entry.backAll')}
        </NavLink>
      </p>
      <ErrorAlert error={error ?? actionError} />
      <div role="status" className="live-region">
        {announcement && <p className="alert alert-success">{announcement}</p>}
      </div>
      {!data && !error && <p className="result-count">{t('app.loading')}</p>}
      {entry && (
        <>
          <div className="toolbar">
            {entry.abilities.confirm && (
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void confirm()}>
                {t('entry.action.confirm')}
              </button>
            )}
            <button type="button" className="button" onClick={() => void vcard()}>
              {t('entry.action.vcard')}
            </button>
            {entry.abilities.nominateChange &&
              CHANGES.map((change) => (
                <NavLink
                  key={change.type}
                  to={`/nominations/new?type=${change.type}&entry=${entry.id}`}
                  className="button"
                >
                  {t(change.label)}
                </NavLink>
              ))}
            {entry.abilities.pseudonymise && (
              <button
                type="button"
                className="button button-danger"
                disabled={busy}
                onClick={() => setConfirmingPseudonymise(true)}
              >
                {t('entry.action.pseudonymise')}
              </button>
            )}
          </div>
          {entry.stale && entry.status === 'active' && <p className="notice">{t('entry.staleNotice')}</p>}
          <EntryFacts entry={entry} stateLabel={stateLabel} />
          {data && (
            <EntryHistory history={data.history} linkNominations={session.abilities['nominations.read'] === true} />
          )}
          <PseudonymiseDialog
            open={confirmingPseudonymise}
            busy={busy}
            onConfirm={(options) => void pseudonymise(options)}
            onCancel={() => setConfirmingPseudonymise(false)}
          />
        </>
      )}
    </>
  );
}
