import { useT } from '../../i18n/use-t.ts';

/** "EXERCISE" beside a campaign's reference in a list. */
export function ExerciseBadge() {
  const t = useT();
  return <span className="badge ping-exercise-badge">{t('ping.exercise')}</span>;
}

/** Across the top of an exercise's page, so nobody takes its figures for a real campaign's. */
export function ExerciseBanner({ text }: { text: string }) {
  const t = useT();
  return (
    <div className="ping-exercise-banner" role="note">
      <strong className="ping-exercise-word">{t('ping.exercise')}</strong>
      <span>{text}</span>
    </div>
  );
}
