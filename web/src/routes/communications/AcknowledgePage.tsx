import { useEffect, useRef, useState } from 'react';
import { RECIPIENT_STATUSES, type RecipientStatus } from '../../../../common/communications.ts';
import type { Locale } from '../../../../common/locales.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { acknowledgeByLink, type AcknowledgeResult } from '../../api/communications.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { recipientStatusKey } from './comm-labels.ts';
import { TlpBanner } from './Tlp.tsx';
import { tokenFromHash } from '../../router.ts';

type StateNames = ReadonlyMap<string, Record<Locale, string>>;

/** The recipient may have no account: the UN names come with this page's code (as on the acceptance page). */
async function loadStateNames(): Promise<StateNames> {
  const module = await import('../../../../data/states.json');
  return new Map(module.default.map((state) => [state.m49, state.names]));
}

type Phase =
  | { kind: 'working' }
  | { kind: 'invalid' }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'done'; result: AcknowledgeResult };

function isLinkProblem(error: ApiError): boolean {
  return error.code === 'ACKNOWLEDGEMENT_LINK_INVALID' || error.code === 'VALIDATION_FAILED';
}

/** One request per token, even when React runs the effect twice (StrictMode): the link is single-use. */
const requests = new Map<string, Promise<AcknowledgeResult>>();
function acknowledgeOnce(token: string): Promise<AcknowledgeResult> {
  let pending = requests.get(token);
  if (!pending) {
    pending = acknowledgeByLink(token);
    requests.set(token, pending);
    // A failure for another reason than the link may be retried.
    pending.catch(() => requests.delete(token));
  }
  return pending;
}

function isStatus(value: string): value is RecipientStatus {
  return (RECIPIENT_STATUSES as readonly string[]).includes(value);
}

/** Public page behind the link in a notice: one visit records that the State received the message. */
export function AcknowledgePage() {
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
      (acknowledged) => live && setPhase({ kind: 'done', result: acknowledged }),
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

  const stateLabel = (m49: string) => names?.get(m49)?.[locale] ?? m49;

  return (
    <div className="narrow-wide">
      {phase.kind === 'done' && <TlpBanner tlp={phase.result.tlp} />}
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
        <section className="card" aria-labelledby="ack-what">
          <h2 id="ack-what">{t('acknowledge.what')}</h2>
          <dl className="facts">
            <div className="fact">
              <dt>{t('acknowledge.reference')}</dt>
              <dd>
                <bdi dir="ltr">{phase.result.reference}</bdi>
              </dd>
            </div>
            <div className="fact">
              <dt>{t('acknowledge.state')}</dt>
              <dd>{stateLabel(phase.result.stateM49)}</dd>
            </div>
            <div className="fact">
              <dt>{t('acknowledge.status')}</dt>
              <dd>
                {isStatus(phase.result.status) ? t(recipientStatusKey(phase.result.status)) : phase.result.status}
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
