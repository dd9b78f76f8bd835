import { useState } from 'react';
import type { SessionListItem } from '../../../../common/schemas/session.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { listSessions, revokeOtherSessions, revokeSession } from '../../api/security.ts';
import { useResource } from '../../api/use-resource.ts';
import { DateTimeUtc } from '../../components/DateTime.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useT } from '../../i18n/use-t.ts';
import { summariseUserAgent } from './user-agent.ts';

const METHOD_KEYS: Record<NonNullable<SessionListItem['secondFactorMethod']> | 'none', MessageKey> = {
  none: 'security.sessions.method.password',
  totp: 'security.sessions.method.totp',
  webauthn: 'security.sessions.method.webauthn',
  recovery: 'security.sessions.method.recovery',
};

/** Where the account is signed in, this device marked; any other session can be signed out at once. */
export function SessionsSection() {
  const t = useT();
  const sessions = useResource(listSessions);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [announcement, setAnnouncement] = useState('');

  function deviceOf(item: SessionListItem): string {
    const { browser, system } = summariseUserAgent(item.userAgent);
    if (browser && system) return t('security.sessions.browserOn', { browser, system });
    return browser ?? system ?? t('security.sessions.unknownDevice');
  }

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setError(null);
    try {
      setAnnouncement(await action());
      sessions.reload();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  const signOutOne = (item: SessionListItem) =>
    run(async () => {
      await revokeSession(item.id);
      return t('security.sessions.signedOutOne', { device: deviceOf(item) });
    });

  const signOutOthers = () =>
    run(async () => {
      const { revoked } = await revokeOtherSessions();
      return t('security.sessions.signedOutOthers', { count: revoked });
    });

  const list = sessions.data?.sessions ?? [];
  const others = list.filter((item) => !item.current).length;
  return (
    <section className="section" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t('security.sessions.title')}</h2>
      <p className="lead">{t('security.sessions.intro')}</p>
      <ErrorAlert error={error ?? sessions.error} />
      <div role="status" className="live-region">
        {announcement && <p className="alert alert-success">{announcement}</p>}
      </div>
      {list.length > 0 && (
        <div className="table-wrap" role="region" aria-labelledby="sessions-caption" tabIndex={0}>
          <table id="sessions-table">
            <caption id="sessions-caption" className="visually-hidden">
              {t('security.sessions.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('security.sessions.device')}</th>
                <th scope="col">{t('security.sessions.signedIn')}</th>
                <th scope="col">{t('security.sessions.lastActive')}</th>
                <th scope="col">{t('security.sessions.address')}</th>
                <th scope="col">{t('security.sessions.method')}</th>
                <th scope="col">{t('security.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((item) => (
                <tr key={item.id} className={item.current ? 'row-current' : undefined}>
                  <th scope="row">
                    {deviceOf(item)}
                    {item.current && (
                      <span className="badge badge-active badge-after">{t('security.sessions.current')}</span>
                    )}
                  </th>
                  <td>
                    <DateTimeUtc iso={item.createdAt} />
                  </td>
                  <td>
                    <DateTimeUtc iso={item.lastSeenAt} />
                  </td>
                  <td>
                    {item.clientAddress ? (
                      <bdi dir="ltr" className="cell-break">
                        {item.clientAddress}
                      </bdi>
                    ) : (
                      <span className="muted">{t('security.unknown')}</span>
                    )}
                  </td>
                  <td>{t(METHOD_KEYS[item.secondFactorMethod ?? 'none'])}</td>
                  <td>
                    {!item.current && (
                      <button
                        type="button"
                        className="button button-small"
                        disabled={busy}
                        onClick={() => void signOutOne(item)}
                      >
                        {t('security.sessions.signOut')}
                        <span className="visually-hidden"> {deviceOf(item)}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {others > 0 && (
        <div className="toolbar">
          <button
            type="button"
            id="sessions-sign-out-others"
            className="button"
            disabled={busy}
            onClick={() => void signOutOthers()}
          >
            {t('security.sessions.signOutOthers')}
          </button>
        </div>
      )}
    </section>
  );
}
