import type { ApiError } from '../api/client.ts';
import { useT } from '../i18n/use-t.ts';

/**
 * A live region that stays in the DOM, so screen readers announce an error when it appears.
 * The server's message is already in the UI language; INTERNAL_ERROR adds the request reference.
 */
export function ErrorAlert({ error }: { error: ApiError | null }) {
  const t = useT();
  return (
    <div role="alert" className="live-region">
      {error && (
        <p className="alert alert-error">
          <span className="alert-label">{t('app.error.label')}</span>{' '}
          {error.code === 'NETWORK_ERROR' ? t('app.error.network') : error.message}
          {(error.code === 'INTERNAL_ERROR' || error.code === 'NETWORK_ERROR') && error.requestId && (
            <> {t('app.error.reference', { requestId: error.requestId })}</>
          )}
        </p>
      )}
    </div>
  );
}
