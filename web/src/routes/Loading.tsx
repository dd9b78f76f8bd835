import { useT } from '../i18n/use-t.ts';

/** Shown while a page's code arrives (pages load on demand: the first screen stays small on slow links). */
export function Loading() {
  const t = useT();
  return (
    <p role="status" className="result-count">
      {t('app.loading')}
    </p>
  );
}
