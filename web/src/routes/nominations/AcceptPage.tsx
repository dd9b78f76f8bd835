import { useEffect, useRef, useState } from 'react';
import type { Locale } from '../../../../common/locales.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import type { AcceptancePreview } from '../../api/directory-types.ts';
import { acceptNomination, previewAcceptance } from '../../api/directory.ts';
import { DateTimeUtc } from '../../components/DateTime.tsx';
import { kindKey, slotKey } from '../../components/directory-labels.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { tokenFromHash } from '../../router.ts';

type StateNames = ReadonlyMap<string, Record<Locale, string>>;

/**
 * The nominee may have no account, so the States list of the API is out of reach: the UN names
 * come with this page's code instead (about 12 KB compressed, loaded only here).
 */
async function loadStateNames(): Promise<StateNames> {
  const module = await import('../../../../data/states.json');
  return new Map(module.default.map((state) => [state.m49, state.names]));
}

type Phase =
  | { kind: 'loading' }
  | { kind: 'invalid' }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'preview'; preview: AcceptancePreview; busy: boolean; error: ApiError | null }
  | { kind: 'accepted'; preview: AcceptancePreview };

/** The link itself is bad (unknown, used, expired, mangled): no retry helps. */
function isLinkProblem(error: ApiError): boolean {
  return error.code === 'ACCEPTANCE_TOKEN_INVALID' || error.code === 'VALIDATION_FAILED';
}

function failedPhase(error: ApiError): Phase {
  return isLinkProblem(error) ? { kind: 'invalid' } : { kind: 'failed', error };
}

/** Public page behind the e-mailed link: the nominee sees what they are nominated for and accepts. */
export function AcceptPage({ onLanguageHint }: { onLanguageHint?: (locale: Locale) => void }) {
  const t = useT();
  const locale = useLocale();
  const [token] = useState(tokenFromHash);
  const [phase, setPhase] = useState<Phase>(token ? { kind: 'loading' } : { kind: 'invalid' });
  const [round, setRound] = useState(0);
  const [names, setNames] = useState<StateNames | null>(null);
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!token) return;
    let live = true;
    previewAcceptance(token).then(
      (preview) => {
        if (!live) return;
        setPhase({ kind: 'preview', preview, busy: false, error: null });
        onLanguageHint?.(preview.locale);
      },
      (caught: unknown) => live && setPhase(failedPhase(toApiError(caught))),
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
    if (phase.kind === 'accepted' || phase.kind === 'invalid') result.current?.focus();
  }, [phase.kind]);

  async function accept(preview: AcceptancePreview) {
    setPhase({ kind: 'preview', preview, busy: true, error: null });
    try {
      await acceptNomination(token);
      setPhase({ kind: 'accepted', preview });
    } catch (caught) {
      const error = toApiError(caught);
      setPhase(isLinkProblem(error) ? { kind: 'invalid' } : { kind: 'preview', preview, busy: false, error });
    }
  }

  const stateLabel = (m49: string) => names?.get(m49)?.[locale] ?? m49;

  return (
    <div className="narrow-wide">
      <PageHeading>{t('accept.title')}</PageHeading>
      {phase.kind === 'loading' && <p className="result-count">{t('app.loading')}</p>}
      {phase.kind === 'invalid' && (
        <div ref={result} tabIndex={-1} className="alert alert-error" role="alert">
          <p className="alert-label">{t('accept.invalid.title')}</p>
          <p>{t('accept.invalid.body')}</p>
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
                setPhase({ kind: 'loading' });
                setRound((n) => n + 1);
              }}
            >
              {t('accept.retry')}
            </button>
          </p>
        </>
      )}
      {(phase.kind === 'preview' || phase.kind === 'accepted') && (
        <section className="card" aria-labelledby="accept-what">
          <h2 id="accept-what">{t('accept.what')}</h2>
          <dl className="facts">
            <div className="fact">
              <dt>{t('field.nameNative')}</dt>
              <dd>
                <bdi dir="auto">{phase.preview.nameNative}</bdi>
                {phase.preview.nameLatin !== phase.preview.nameNative && (
                  <span className="subline">
                    <bdi>{phase.preview.nameLatin}</bdi>
                  </span>
                )}
              </dd>
            </div>
            <div className="fact">
              <dt>{t('entry.state')}</dt>
              <dd>{stateLabel(phase.preview.stateM49)}</dd>
            </div>
            <div className="fact">
              <dt>{t('field.kind')}</dt>
              <dd>
                {t(kindKey(phase.preview.kind))} · {t(slotKey(phase.preview.slotRole))}
              </dd>
            </div>
            <div className="fact">
              <dt>{t('field.organisation')}</dt>
              <dd>
                <bdi dir="auto">{phase.preview.organisation}</bdi>
              </dd>
            </div>
            {phase.kind === 'preview' && (
              <div className="fact">
                <dt>{t('accept.expires')}</dt>
                <dd>
                  <DateTimeUtc iso={phase.preview.expiresAt} />
                </dd>
              </div>
            )}
          </dl>
          {phase.kind === 'preview' && (
            <>
              <p>{t('accept.consent')}</p>
              {phase.error && (
                <p className="alert alert-error" role="alert">
                  {phase.error.code === 'NETWORK_ERROR' ? t('app.error.network') : phase.error.message}
                </p>
              )}
              <button
                type="button"
                className="button button-primary"
                disabled={phase.busy}
                onClick={() => void accept(phase.preview)}
              >
                {phase.busy ? t('accept.accepting') : t('accept.action')}
              </button>
            </>
          )}
          {phase.kind === 'accepted' && (
            <div ref={result} tabIndex={-1} className="alert alert-success" role="status">
              <p className="alert-label">{t('accept.done.title')}</p>
              <p>{t('accept.done.body', { state: stateLabel(phase.preview.stateM49) })}</p>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
