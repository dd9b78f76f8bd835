import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { DirectoryEntry, Nomination } from '../../../../common/schemas/directory.ts';
import type { SessionInfo } from '../../../../common/schemas/session.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { documentUrl, getEntry, getNomination } from '../../api/directory.ts';
import { useResource } from '../../api/use-resource.ts';
import { useStates } from '../../api/use-states.ts';
import { CalendarDate, DateTimeUtc } from '../../components/DateTime.tsx';
import { nominationStatusClass, nominationStatusKey, nominationTypeKey } from '../../components/directory-labels.ts';
import { ActorName } from '../../components/ActorName.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FlashMessages } from '../../components/FlashMessages.tsx';
import { stateName } from '../../components/labels.ts';
import { NavLink } from '../../components/NavLink.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { DetailsComparison } from './DetailsComparison.tsx';
import { DocumentUpload } from './DocumentUpload.tsx';
import { NominationActions } from './NominationActions.tsx';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** One nomination: what it proposes beside the current entry, its note verbale, and the next step. */
export function NominationDetailPage({ id, session }: { id: string; session: SessionInfo }) {
  const t = useT();
  const locale = useLocale();
  const { states } = useStates();
  const load = useCallback(() => getNomination(id), [id]);
  const { data: nomination, error, setData } = useResource(load);
  const [current, setCurrent] = useState<DirectoryEntry | null>(null);
  const [currentError, setCurrentError] = useState<ApiError | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const targetId = nomination?.targetEntryId ?? null;

  useEffect(() => {
    if (!targetId) return;
    let live = true;
    getEntry(targetId).then(
      (found) => live && setCurrent(found.entry),
      (caught: unknown) => live && setCurrentError(toApiError(caught)),
    );
    return () => {
      live = false;
    };
  }, [targetId]);

  function changed(updated: Nomination, notice: string) {
    setData(updated);
    setAnnouncement(notice);
  }

  const person = nomination?.details ?? current;
  const title = nomination
    ? t('nomination.detail.title', {
        type: t(nominationTypeKey(nomination.type)),
        name: person ? person.nameNative : '',
      })
    : t('nomination.detail.loading');
  const isManager = session.abilities['nominations.verify'] === true;

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p>
        <NavLink to="/nominations">{t(isManager ? 'nomination.detail.backQueue' : 'nomination.detail.back')}</NavLink>
      </p>
      <FlashMessages />
      <div role="status" className="live-region">
        {announcement && <p className="alert alert-success">{announcement}</p>}
      </div>
      <ErrorAlert error={error ?? currentError} />
      {!nomination && !error && <p className="result-count">{t('app.loading')}</p>}
      {nomination && (
        <>
          <section className="card section" aria-labelledby="nomination-facts">
            <h2 id="nomination-facts">{t('nomination.detail.facts')}</h2>
            <dl className="facts facts-columns">
              <Fact label={t('entry.state')}>{stateName(states, nomination.stateM49, locale)}</Fact>
              <Fact label={t('nomination.field.type')}>{t(nominationTypeKey(nomination.type))}</Fact>
              <Fact label={t('nomination.column.status')}>
                <span className={nominationStatusClass(nomination.status)}>
                  {t(nominationStatusKey(nomination.status))}
                </span>
              </Fact>
              <Fact label={t('nomination.detail.submitted')}>
                <DateTimeUtc iso={nomination.submittedAt} />
                <span className="subline">
                  <ActorName label={nomination.submittedBy} />
                </span>
              </Fact>
              <Fact label={t('field.noteVerbaleRef')}>
                <bdi>{nomination.noteVerbaleRef}</bdi>
              </Fact>
              <Fact label={t('field.noteVerbaleDate')}>
                <CalendarDate date={nomination.noteVerbaleDate} />
              </Fact>
              <Fact label={t('field.document')}>
                {nomination.document ? (
                  <a href={documentUrl(nomination.id)} target="_blank" rel="noopener">
                    <bdi>{nomination.document.fileName}</bdi>
                  </a>
                ) : (
                  <span className="muted">{t('nomination.document.none')}</span>
                )}
                {nomination.abilities.withdraw && <DocumentUpload nominationId={nomination.id} onUploaded={setData} />}
              </Fact>
              {nomination.reason && (
                <Fact label={t(nomination.type === 'removal' ? 'field.reason' : 'nomination.field.remarks')}>
                  <span className="preserve-lines" dir="auto">
                    {nomination.reason}
                  </span>
                </Fact>
              )}
              {nomination.decidedAt && (
                <Fact label={t('nomination.detail.decided')}>
                  <DateTimeUtc iso={nomination.decidedAt} />
                  {nomination.decidedBy && (
                    <span className="subline">
                      <ActorName label={nomination.decidedBy} />
                    </span>
                  )}
                </Fact>
              )}
              {nomination.rejectionReason && (
                <Fact label={t('nomination.detail.rejectionReason')}>
                  <span className="preserve-lines" dir="auto">
                    {nomination.rejectionReason}
                  </span>
                </Fact>
              )}
              {nomination.status === 'awaiting_acceptance' && nomination.acceptanceExpiresAt && (
                <Fact label={t('nomination.detail.acceptanceExpires')}>
                  <DateTimeUtc iso={nomination.acceptanceExpiresAt} />
                </Fact>
              )}
              {nomination.resultingEntryId && (
                <Fact label={t('nomination.detail.entry')}>
                  <NavLink to={`/directory/entries/${nomination.resultingEntryId}`}>
                    {t('nomination.detail.openEntry')}
                  </NavLink>
                </Fact>
              )}
            </dl>
          </section>
          {nomination.status === 'awaiting_acceptance' && <p className="notice">{t('nomination.awaitingNotice')}</p>}
          <NominationActions nomination={nomination} onChanged={changed} />
          <section className="section" aria-labelledby="nomination-details">
            <h2 id="nomination-details">{t('nomination.detail.details')}</h2>
            {(nomination.details || current) && (!targetId || current || currentError) && (
              <DetailsComparison current={targetId ? current : null} proposed={nomination.details} />
            )}
          </section>
        </>
      )}
    </>
  );
}
