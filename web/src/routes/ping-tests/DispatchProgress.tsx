import type { PingProgress } from '../../../../common/schemas/ping-tests.ts';
import { useT } from '../../i18n/use-t.ts';

/** Checks out of the door: mails accepted or rejected when the campaign e-mails, else checks written. */
export function sentChecks(progress: PingProgress): number {
  return progress.mailsTotal > 0 ? progress.mailsSent + progress.mailsFailed : progress.notified;
}

/** How far the sending has gone: "120 of 400 checks sent", as a bar and as text. */
export function DispatchProgress({ progress, compact = false }: { progress: PingProgress; compact?: boolean }) {
  const t = useT();
  const sent = sentChecks(progress);
  const label = t('ping.ui.progress.label', { sent, total: progress.targets });
  return (
    <div className={compact ? 'ping-progress ping-progress-compact' : 'ping-progress'}>
      <progress className="ping-progress-bar" value={sent} max={Math.max(progress.targets, 1)} aria-label={label} />
      <span className="ping-progress-text" aria-hidden="true">
        {label}
      </span>
      {!compact && progress.mailsFailed > 0 && (
        <span className="ping-progress-text">{t('ping.ui.progress.failed', { count: progress.mailsFailed })}</span>
      )}
    </div>
  );
}
