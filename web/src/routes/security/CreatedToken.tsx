import type { ApiTokenCreated } from '../../../../common/schemas/api-tokens.ts';
import { isolate } from '../../components/labels.ts';
import { useT } from '../../i18n/use-t.ts';
import { useShownOnce } from '../../components/use-shown-once.ts';

/**
 * A new API token, shown once: it lives only in this component's state (the server keeps its hash).
 * Focus moves here so keyboard and screen-reader users land on it.
 */
export function CreatedToken({ created, onDone }: { created: ApiTokenCreated; onDone: () => void }) {
  const t = useT();
  const { ref, copied, copy } = useShownOnce(created.token);

  return (
    <section
      ref={ref}
      id="created-token"
      className="section card card-highlight"
      aria-labelledby="created-token-heading"
      tabIndex={-1}
    >
      <h3 id="created-token-heading">{t('security.tokens.created.title', { name: isolate(created.apiToken.name) })}</h3>
      <p className="notice">{t('security.tokens.created.warning')}</p>
      <p className="secret-row">
        <code id="api-token-value" className="secret secret-long" translate="no">
          {created.token}
        </code>
        <button type="button" id="api-token-copy" className="button" onClick={() => void copy()}>
          {t('security.tokens.created.copy')}
        </button>
      </p>
      <p role="status" className="live-region">
        {copied === 'yes' && t('security.tokens.created.copied')}
        {copied === 'no' && t('security.copyFailed')}
      </p>
      <p>
        {t('security.tokens.created.usage')}{' '}
        <code className="code-ltr" translate="no">
          Authorization: Bearer …
        </code>
      </p>
      <button type="button" id="api-token-done" className="button button-primary" onClick={onDone}>
        {t('security.tokens.created.done')}
      </button>
    </section>
  );
}
