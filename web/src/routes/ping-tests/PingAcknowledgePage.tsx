import { useEffect, useRef, useState } from 'react';
import type { Locale } from '../../../../common/locales.ts';
import type { PingAcknowledgement } from '../../../../common/schemas/ping-tests.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { acknowledgePingByLink } from '../../api/ping-tests.ts';
import { DateTimeUtc } from '../../components/DateTime.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { NavLink } from '../../components/NavLink.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { tokenFromHash } from '../../router.ts';
import { ExerciseBanner } from './ExerciseBanner.tsx';

type StateNames = ReadonlyMap<string, Record<Locale, string>>;

/** The contact may have no account: the UN names come with this page's code (as on the acceptance page). */
async function loadStateNames(): Promise<StateNames> {
  const module = await import('../../../../data/states.json');
  return new Map(module.default.map((state) => [state.m49, state.names]));
}

type Phase =
  | { kind: 'working' }
  | { kind: 'invalid' }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'done'; answer: PingAcknowledgement };

function isLinkProblem(error: ApiError): boolean {
  return error.code === 'ACKNOWLEDGEMENT_LINK_INVALID' || error.code === 'VALIDATION_FAILED';
}

/** One request per token, even when React runs the effect twice (StrictMode): the link is single-use. */
const requests = new Map<string, Promise<PingAcknowledgement>>();
function acknowledgeOnce(token: string): Promise<PingAcknowledgement> {
  let pending = requests.get(token);
  if (!pending) {
    pending = acknowledgePingByLink(token);
    requests.set(token, pending);
    // A failure for another reason than the link may be retried.
    pending.catch(() => requests.delete(token));
  }
  return pending;
}

function DoneMessage({ answer }: { answer: PingAcknowledgement }) {
  const t = useT();
  if (answer.alreadyAcknowledged) {
    return (
      <>
        <p className="alert-label">{t('ping.ui.ack.alreadyTitle')}</p>
        <p>{t('ping.ui.ack.alreadyBody')}</p>
      </>
    );
  }
  return (
    <>
      <p className="alert-label">{t('ping.ui.ack.doneTitle')}</p>
      <p>{t(answer.late ? 'ping.ui.ack.lateBody' : 'ping.ui.ack.doneBody')}</p>
      {answer.exercise && <p>{t('ping.ui.ack.exerciseBody')}</p>}
    </>
  );
}

/** Public page behind the link in a ping test's mail: one visit acknowledges the check. */
export function PingAcknowledgePage() {
  const t = useT();
  const locale = useLocale();
  const [token] = useState(tokenFromHash);
  const [phase, setPhase] = useState<Phase>(token ? { kind: 'working' } : { kind: 'invalid' });
  const [round, setRound] = useState(0);
  const [names, setNames] = useState<StateNames | null>(null);
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!token) return;
    let live = true;
    acknowledgeOnce(token).then(
      (answer) => live && setPhase({ kind: 'done', answer }),
      (caught: unknown) => {
        if (!live) return;
        const error = toApiError(caught);
        setPhase(isLinkProblem(error) ? { kind: 'invalid' } : { kind: 'failed', error });
      },
    );
    loadStateNames().then(
      (loaded) => live && setNames(loaded),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [token, round]);

  useEffect(() => {
    if (phase.kind === 'done' || phase.kind === 'invalid') result.current?.focus();
  }, [phase.kind]);

  return (
    <div className="narrow-wide">
      {phase.kind === 'done' && phase.answer.exercise && <ExerciseBanner text={t('ping.ui.exerciseBanner')} />}
      <PageHeading>{t('ping.ui.ack.title')}</PageHeading>
      {phase.kind === 'working' && <p className="result-count">{t('ping.ui.ack.working')}</p>}
      {phase.kind === 'invalid' && (
        <div ref={result} tabIndex={-1} className="alert alert-error" role="alert">
          <p className="alert-label">{t('ping.ui.ack.invalidTitle')}</p>
          <p>{t('error.ACKNOWLEDGEMENT_LINK_INVALID')}</p>
          <p>
            <NavLink to="/ping-tests">{t('ping.ui.ack.signIn')}</NavLink>
          </p>
        </div>
      )}
      {phase.kind === 'failed' && (
        <>
          <ErrorAlert error={phase.error} />
          <p>
            <button
              type="button"
              className="button"
              onClick={() => {
                setPhase({ kind: 'working' });
                setRound((n) => n + 1);
              }}
            >
              {t('acknowledge.retry')}
            </button>
          </p>
        </>
      )}
      {phase.kind === 'done' && (
        <section className="card" aria-labelledby="ping-ack-what">
          <h2 id="ping-ack-what">{t('ping.ui.ack.what')}</h2>
          <dl className="facts">
            <div className="fact">
              <dt>{t('ping.ui.column.reference')}</dt>
              <dd>
                <bdi dir="ltr">{phase.answer.reference}</bdi>
              </dd>
            </div>
            <div className="fact">
              <dt>{t('ping.report.state')}</dt>
              <dd>{names?.get(phase.answer.stateM49)?.[locale] ?? phase.answer.stateM49}</dd>
            </div>
            <div className="fact">
              <dt>{t('ping.ui.column.dueAt')}</dt>
              <dd>
                <DateTimeUtc iso={phase.answer.dueAt} />
              </dd>
            </div>
            <div className="fact">
              <dt>{t('ping.ui.column.acknowledgedAt')}</dt>
              <dd>
                <DateTimeUtc iso={phase.answer.acknowledgedAt} />
                {phase.answer.late && <span className="badge badge-overdue">{t('ping.result.late')}</span>}
              </dd>
            </div>
          </dl>
          <div
            ref={result}
            tabIndex={-1}
            className={`alert ping-ack-result ${phase.answer.late ? 'ping-alert-late' : 'alert-success'}`}
            role="status"
            id="ping-ack-result"
          >
            <DoneMessage answer={phase.answer} />
          </div>
        </section>
      )}
    </div>
  );
}
