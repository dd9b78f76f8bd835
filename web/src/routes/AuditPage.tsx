import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry } from '../../../common/schemas/audit.ts';
import { ApiError } from '../api/client.ts';
import { listAudit } from '../api/endpoints.ts';
import { useStates } from '../api/use-states.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { useLocale, useT } from '../i18n/use-t.ts';
import { AuditTable } from './AuditTable.tsx';
import { VerifyChain } from './VerifyChain.tsx';

const PAGE_SIZE = 50;

/** The audit trail, newest first, paged by position, with a check of the hash chain. */
export function AuditPage() {
  const t = useT();
  const locale = useLocale();
  const { states } = useStates();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async (before: number | undefined) => {
    setBusy(true);
    setError(null);
    try {
      const page = await listAudit({ before, limit: PAGE_SIZE });
      setEntries((current) => (before === undefined ? page.items : [...(current ?? []), ...page.items]));
      setNextBefore(page.nextBefore);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'NETWORK_ERROR', '', null));
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    void load(undefined);
  }, [load]);

  return (
    <>
      <PageHeading>{t('audit.title')}</PageHeading>
      <p className="lead">{t('audit.intro')}</p>
      <VerifyChain />
      <section className="section" aria-labelledby="audit-list-heading">
        <h2 id="audit-list-heading">{t('audit.list.title')}</h2>
        <ErrorAlert error={error} />
        <p role="status" className="result-count">
          {entries === null ? t('app.loading') : t('audit.shown', { count: entries.length })}
        </p>
        {entries && entries.length > 0 && <AuditTable entries={entries} states={states} locale={locale} />}
        {nextBefore !== null && (
          <button type="button" className="button load-more" disabled={busy} onClick={() => void load(nextBefore)}>
            {busy ? t('app.loading') : t('audit.loadMore')}
          </button>
        )}
      </section>
    </>
  );
}
