import { useState } from 'react';
import type { AuditVerification } from '../../../common/schemas/audit.ts';
import { ApiError } from '../api/client.ts';
import { verifyAudit } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useT } from '../i18n/use-t.ts';

type Problem = NonNullable<AuditVerification['problem']>;
const problemKey = (problem: Problem) => `audit.problem.${problem}` as const;

/** Recomputes the hash chain on the server and says whether the trail is intact. */
export function VerifyChain() {
  const t = useT();
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function verify() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await verifyAudit());
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'NETWORK_ERROR', '', null));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section card" aria-labelledby="verify-heading">
      <h2 id="verify-heading">{t('audit.verify.title')}</h2>
      <p>{t('audit.verify.intro')}</p>
      <button type="button" className="button button-primary" disabled={busy} onClick={() => void verify()}>
        {busy ? t('audit.verify.running') : t('audit.verify.action')}
      </button>
      <ErrorAlert error={error} />
      <div role="status" className="live-region">
        {result?.ok === true && (
          <p className="alert alert-success">{t('audit.verify.ok', { count: result.checked })}</p>
        )}
        {result?.ok === false && (
          <p className="alert alert-error">
            {t('audit.verify.bad', { position: result.firstBadPosition ?? 0 })}{' '}
            {result.problem && t(problemKey(result.problem))}
          </p>
        )}
      </div>
    </section>
  );
}
