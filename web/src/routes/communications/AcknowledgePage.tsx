import { RECIPIENT_STATUSES, type RecipientStatus } from '../../../../common/communications.ts';
import { acknowledgeByLink } from '../../api/communications.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { recipientStatusKey } from './comm-labels.ts';
import { TlpBanner } from './Tlp.tsx';
import { useSingleUseLink } from '../../components/use-single-use-link.ts';

function isStatus(value: string): value is RecipientStatus {
  return (RECIPIENT_STATUSES as readonly string[]).includes(value);
}

/** Public page behind the link in a notice: one visit records that the State received the message. */
export function AcknowledgePage() {
  const t = useT();
  const locale = useLocale();
  const { phase, names, resultRef: result, retry } = useSingleUseLink('communication', acknowledgeByLink);

  const stateLabel = (m49: string) => names?.get(m49)?.[locale] ?? m49;

  return (
    <div className="narrow-wide">
      {phase.kind === 'done' && <TlpBanner tlp={phase.answer.tlp} />}
      <PageHeading>{t('acknowledge.title')}</PageHeading>
      {phase.kind === 'working' && <p className="result-count">{t('acknowledge.working')}</p>}
      {phase.kind === 'invalid' && (
        <div ref={result} tabIndex={-1} className="alert alert-error" role="alert">
          <p className="alert-label">{t('acknowledge.invalid.title')}</p>
          <p>{t('acknowledge.invalid.body')}</p>
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
        <section className="card" aria-labelledby="ack-what">
          <h2 id="ack-what">{t('acknowledge.what')}</h2>
          <dl className="facts">
            <div className="fact">
              <dt>{t('acknowledge.reference')}</dt>
              <dd>
                <bdi dir="ltr">{phase.answer.reference}</bdi>
              </dd>
            </div>
            <div className="fact">
              <dt>{t('acknowledge.state')}</dt>
              <dd>{stateLabel(phase.answer.stateM49)}</dd>
            </div>
            <div className="fact">
              <dt>{t('acknowledge.status')}</dt>
              <dd>
                {isStatus(phase.answer.status) ? t(recipientStatusKey(phase.answer.status)) : phase.answer.status}
              </dd>
            </div>
          </dl>
          <div ref={result} tabIndex={-1} className="alert alert-success" role="status">
            <p className="alert-label">{t('acknowledge.done.title')}</p>
            <p>{t('acknowledge.done.body')}</p>
          </div>
        </section>
      )}
    </div>
  );
}
