import { useCallback, useEffect, useRef, useState } from 'react';
import type { PingTest } from '../../../../common/schemas/ping-tests.ts';
import { getPingResults, getPingTest } from '../../api/ping-tests.ts';
import { useResource } from '../../api/use-resource.ts';
import { useStates } from '../../api/use-states.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FlashMessages } from '../../components/FlashMessages.tsx';
import { NavLink } from '../../components/NavLink.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useT } from '../../i18n/use-t.ts';
import { CampaignFacts, SummaryFigures } from './CampaignSummary.tsx';
import { ContactResultsTable } from './ContactResultsTable.tsx';
import { DispatchProgress } from './DispatchProgress.tsx';
import { ExerciseBanner } from './ExerciseBanner.tsx';
import { GroupBars } from './GroupBars.tsx';
import { isDispatching, statusKey } from './ping-labels.ts';
import { PingExport } from './PingExport.tsx';
import { ResultsMap } from './ResultsMap.tsx';
import { StateResultsTable } from './StateResultsTable.tsx';

/** While the checks go out, the progress is asked for at this pace. */
const POLL_MS = 2_000;

/**
 * Follows a campaign while it is being sent: asks for its progress every two seconds and stops
 * when everything is out, then says so (the figures are worth fetching again).
 */
function useDispatchProgress(id: string, loaded: PingTest | null, onFinished: () => void): PingTest | null {
  const [polled, setPolled] = useState<PingTest | null>(null);
  const [tick, setTick] = useState(0);
  const campaign = polled ?? loaded;
  const sending = campaign !== null && isDispatching(campaign);
  const wasSending = useRef(false);

  // A fresh load of the results carries the newest campaign: it replaces what polling brought.
  useEffect(() => setPolled(null), [loaded]);

  useEffect(() => {
    if (!sending) return;
    let live = true;
    const timer = setTimeout(() => {
      getPingTest(id).then(
        (next) => live && setPolled(next),
        () => live && setTick((n) => n + 1),
      );
    }, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [id, sending, campaign, tick]);

  useEffect(() => {
    if (wasSending.current && !sending) onFinished();
    wasSending.current = sending;
  }, [sending, onFinished]);

  return campaign;
}

/** One campaign: its progress while sending, its figures, charts, map and every contact's result. */
export function PingTestPage({ id }: { id: string }) {
  const t = useT();
  const { states } = useStates();
  const load = useCallback(() => getPingResults(id), [id]);
  const results = useResource(load);
  const [refresh, setRefresh] = useState(0);
  const { reload } = results;
  const refetch = useCallback(() => {
    reload();
    setRefresh((n) => n + 1);
  }, [reload]);
  const campaign = useDispatchProgress(id, results.data?.campaign ?? null, refetch);
  const data = results.data;

  return (
    <>
      {campaign?.exercise && <ExerciseBanner text={t('ping.ui.exerciseBanner')} />}
      <PageHeading>{campaign ? campaign.reference : t('ping.ui.campaign.title')}</PageHeading>
      <p>
        <NavLink to="/ping-tests">{t('ping.ui.back')}</NavLink>
      </p>
      <FlashMessages />
      <ErrorAlert error={results.error} />
      {!campaign && !results.error && <p className="result-count">{t('app.loading')}</p>}
      {campaign && (
        <>
          <div className="ping-campaign-head">
            {campaign.title && (
              <p className="lead">
                <bdi dir="auto">{campaign.title}</bdi>
              </p>
            )}
            <span className={`badge ping-status ping-status-${campaign.status}`} id="ping-status">
              {t(statusKey(campaign.status))}
            </span>
            <button type="button" className="button button-small" onClick={refetch}>
              {t('ping.ui.campaign.refresh')}
            </button>
          </div>
          {isDispatching(campaign) && <DispatchProgress progress={campaign.progress} />}
          <CampaignFacts campaign={campaign} />
          <SummaryFigures campaign={campaign} />
          <PingExport campaignId={campaign.id} />
        </>
      )}
      {data && (
        <>
          <section className="section" aria-labelledby="ping-groups-title">
            <h2 id="ping-groups-title">{t('ping.report.byGroup')}</h2>
            <GroupBars rows={data.groups} />
          </section>
          <section className="section" aria-labelledby="ping-map-title">
            <h2 id="ping-map-title">{t('ping.ui.map.title')}</h2>
            <ResultsMap rows={data.states} states={states} />
          </section>
          <section className="section" aria-labelledby="ping-states-title">
            <h2 id="ping-states-title">{t('ping.report.byState')}</h2>
            <StateResultsTable rows={data.states} states={states} />
          </section>
          <section className="section" aria-labelledby="ping-contacts-title">
            <h2 id="ping-contacts-title">{t('ping.ui.contacts.title')}</h2>
            <ContactResultsTable
              campaignId={id}
              stateM49s={data.states.map((row) => row.stateM49)}
              states={states}
              refresh={refresh}
            />
          </section>
        </>
      )}
    </>
  );
}
