import { useCallback, useRef, useState } from 'react';
import type { Communication, InboxQuery } from '../../../../common/schemas/communications.ts';
import type { SessionInfo } from '../../../../common/schemas/session.ts';
import { listCommunications, useInboxEvents, type InboxEvent } from '../../api/communications.ts';
import { useResource } from '../../api/use-resource.ts';
import { useStates } from '../../api/use-states.ts';
import { DateTimeUtc } from '../../components/DateTime.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FlashMessages } from '../../components/FlashMessages.tsx';
import { stateName } from '../../components/labels.ts';
import { NavLink } from '../../components/NavLink.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useDebounced } from '../../components/use-debounced.ts';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { recipientStatusKey, typeKey } from './comm-labels.ts';
import { TlpBadge } from './Tlp.tsx';

type Direction = 'all' | 'in' | 'out';

/** The caller's State's communications, received and sent, kept current by the live inbox. */
export function InboxPage({ session }: { session: SessionInfo }) {
  const t = useT();
  const locale = useLocale();
  const { states } = useStates();
  const own = session.account.stateM49;
  const [direction, setDirection] = useState<Direction>('all');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [announcement, setAnnouncement] = useState('');
  const known = useRef(new Set<string>());
  /** Set by a live event: the next load announces what it brings. */
  const live = useRef(false);

  const load = useCallback(async () => {
    const query: InboxQuery = { limit: 100 };
    if (q) query.q = q;
    if (direction !== 'all') query.direction = direction;
    const list = await listCommunications(query);
    // Announce what a live event brought (not what a filter or the first load shows).
    if (live.current) {
      live.current = false;
      const fresh = list.items.filter((item) => !known.current.has(item.id) && item.senderStateM49 !== own);
      if (fresh.length > 0) {
        setAnnouncement(
          t('communications.live.arrived', { count: fresh.length, reference: fresh[0]?.reference ?? '' }),
        );
      }
    }
    for (const item of list.items) known.current.add(item.id);
    return list;
  }, [q, direction, own, t]);
  const { data, error, reload } = useResource(load);

  const onEvent = useCallback(
    (event: InboxEvent) => {
      if (!event.communicationId) return;
      live.current = true;
      reload();
    },
    [reload],
  );
  useInboxEvents(true, onEvent);

  const name = (m49: string) => stateName(states, m49, locale);

  function otherStates(item: Communication): string {
    if (item.senderStateM49 !== own) return name(item.senderStateM49);
    return item.recipients.map((r) => name(r.stateM49)).join(', ');
  }

  return (
    <>
      <PageHeading>{t('communications.title')}</PageHeading>
      <p className="lead">{t('communications.lead')}</p>
      <FlashMessages />
      {session.abilities['communications.send'] && (
        <div className="toolbar">
          <NavLink to="/communications/new" className="button button-primary">
            {t('communications.new')}
          </NavLink>
        </div>
      )}
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="comm-direction">{t('communications.filter.direction')}</label>
          <select
            id="comm-direction"
            value={direction}
            onChange={(event) => {
              const value = event.target.value;
              setDirection(value === 'in' || value === 'out' ? value : 'all');
            }}
          >
            <option value="all">{t('communications.direction.all')}</option>
            <option value="in">{t('communications.direction.in')}</option>
            <option value="out">{t('communications.direction.out')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="comm-search">{t('communications.filter.search')}</label>
          <input
            id="comm-search"
            type="search"
            dir="auto"
            value={search}
            aria-describedby="comm-search-hint"
            onChange={(event) => setSearch(event.target.value)}
          />
          <p id="comm-search-hint" className="field-hint">
            {t('communications.filter.searchHint')}
          </p>
        </div>
      </form>
      <div role="status" aria-live="polite" className="visually-hidden" id="comm-live">
        {announcement}
      </div>
      <ErrorAlert error={error} />
      {data && (
        <p className="result-count" id="comm-count">
          {t('communications.count', { count: data.total })}
        </p>
      )}
      {!data && !error && <p className="result-count">{t('app.loading')}</p>}
      {data && data.items.length > 0 && (
        <div className="table-wrap">
          <table className="inbox-table" aria-describedby="comm-count">
            <thead>
              <tr>
                <th scope="col">{t('communications.column.reference')}</th>
                <th scope="col">{t('communications.column.tlp')}</th>
                <th scope="col">{t('communications.column.type')}</th>
                <th scope="col">{t('communications.column.otherState')}</th>
                <th scope="col">{t('communications.column.status')}</th>
                <th scope="col">{t('communications.column.sentAt')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => {
                const received = item.senderStateM49 !== own;
                const mine = item.recipients.find((r) => r.stateM49 === own);
                const unread = received && mine?.status === 'sent';
                const overdue = received ? mine?.overdue === true : item.recipients.some((r) => r.overdue);
                return (
                  <tr key={item.id} className={unread ? 'row-unread' : undefined}>
                    <th scope="row">
                      <NavLink to={`/communications/${item.id}`}>
                        <bdi dir="ltr">{item.reference}</bdi>
                      </NavLink>
                      {unread && <span className="badge badge-unread">{t('communications.unread')}</span>}
                      {item.ownReference && (
                        <span className="subline">
                          <bdi dir="auto">{item.ownReference}</bdi>
                        </span>
                      )}
                    </th>
                    <td>
                      <TlpBadge tlp={item.tlp} />
                    </td>
                    <td>{t(typeKey(item.type))}</td>
                    <td>
                      <span className="subline-label">
                        {t(received ? 'communications.direction.from' : 'communications.direction.to')}
                      </span>{' '}
                      {otherStates(item)}
                    </td>
                    <td>
                      {received && mine ? (
                        t(recipientStatusKey(mine.status))
                      ) : (
                        <ul className="plain-list">
                          {item.recipients.map((r) => (
                            <li key={r.stateM49}>
                              {item.recipients.length > 1 && <>{name(r.stateM49)}: </>}
                              {t(recipientStatusKey(r.status))}
                            </li>
                          ))}
                        </ul>
                      )}
                      {overdue && <span className="badge badge-overdue">{t('communications.overdue')}</span>}
                    </td>
                    <td>
                      <DateTimeUtc iso={item.sentAt} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {data && data.items.length === 0 && <p>{t('communications.empty')}</p>}
    </>
  );
}
