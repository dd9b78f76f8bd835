import { useState } from 'react';
import { toApiError, type ApiError } from '../../api/client.ts';
import { acknowledgePingCheck, listMyPingChecks, type MyPingCheck } from '../../api/ping-tests.ts';
import { useResource } from '../../api/use-resource.ts';
import { DateTimeUtc } from '../../components/DateTime.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/use-t.ts';
import { ExerciseBadge } from './ExerciseBanner.tsx';

const isLate = (check: MyPingCheck) =>
  check.acknowledgedAt !== null && new Date(check.acknowledgedAt).getTime() > new Date(check.dueAt).getTime();

/** The checks addressed to the signed-in contact's e-mail, each acknowledged with one button. */
export function MyChecks() {
  const t = useT();
  const { data, error, setData } = useResource(listMyPingChecks);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [announcement, setAnnouncement] = useState('');

  async function acknowledge(check: MyPingCheck) {
    setBusy(check.targetId);
    setFailure(null);
    try {
      const answer = await acknowledgePingCheck(check.targetId);
      if (data) {
        setData({
          items: data.items.map((item) =>
            item.targetId === check.targetId ? { ...item, acknowledgedAt: answer.acknowledgedAt } : item,
          ),
        });
      }
      setAnnouncement(t(answer.late ? 'ping.ui.mine.doneLate' : 'ping.ui.mine.done', { reference: answer.reference }));
    } catch (caught) {
      setFailure(toApiError(caught));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="section" aria-labelledby="ping-mine-title">
      <h2 id="ping-mine-title">{t('ping.ui.mine.title')}</h2>
      <p className="muted">{t('ping.ui.mine.lead')}</p>
      <ErrorAlert error={error ?? failure} />
      <div role="status" className="live-region">
        {announcement && <p className="alert alert-success">{announcement}</p>}
      </div>
      {!data && !error && <p className="result-count">{t('app.loading')}</p>}
      {data?.items.length === 0 && <p>{t('ping.ui.mine.empty')}</p>}
      {data && data.items.length > 0 && (
        <ul className="ping-checks">
          {data.items.map((check) => (
            <li key={check.targetId} className="ping-check">
              <p className="ping-check-head" id={`ping-check-${check.targetId}`}>
                <bdi dir="ltr" className="ping-reference">
                  {check.reference}
                </bdi>
                {check.exercise && <ExerciseBadge />}
                {check.title && (
                  <span className="subline">
                    <bdi dir="auto">{check.title}</bdi>
                  </span>
                )}
              </p>
              <dl className="ping-check-facts">
                <div>
                  <dt>{t('ping.ui.column.dueAt')}</dt>
                  <dd>
                    <DateTimeUtc iso={check.dueAt} />
                  </dd>
                </div>
                {check.acknowledgedAt && (
                  <div>
                    <dt>{t('ping.ui.mine.acknowledgedAt')}</dt>
                    <dd>
                      <DateTimeUtc iso={check.acknowledgedAt} />
                      {isLate(check) && <span className="badge badge-overdue">{t('ping.result.late')}</span>}
                    </dd>
                  </div>
                )}
              </dl>
              {!check.acknowledgedAt && (
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy !== null}
                  aria-describedby={`ping-check-${check.targetId}`}
                  onClick={() => void acknowledge(check)}
                >
                  {busy === check.targetId ? t('ping.ui.mine.working') : t('ping.ui.mine.acknowledge')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
