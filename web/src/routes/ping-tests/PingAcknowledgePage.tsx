import type { PingAcknowledgement } from '../../../../common/schemas/ping-tests.ts';
import { acknowledgePingByLink } from '../../api/ping-tests.ts';
import { DateTimeUtc } from '../../components/DateTime.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { NavLink } from '../../components/NavLink.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { useSingleUseLink } from '../../components/use-single-use-link.ts';
import { ExerciseBanner } from './ExerciseBanner.tsx';

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
  const { phase, names, resultRef: result, retry } = useSingleUseLink('ping', acknowledgePingByLink);

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
            <button type="button" className="button" onClick={retry}>
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
