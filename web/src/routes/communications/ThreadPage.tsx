import { useCallback, useState } from 'react';
import { tlpRank, type TlpLabel } from '../../../../common/communications.ts';
import type { SessionInfo } from '../../../../common/schemas/session.ts';
import { getThread, useInboxEvents, type InboxEvent } from '../../api/communications.ts';
import { useResource } from '../../api/use-resource.ts';
import { useStates } from '../../api/use-states.ts';
import { DateTimeUtc } from '../../components/DateTime.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FlashMessages } from '../../components/FlashMessages.tsx';
import { NavLink } from '../../components/NavLink.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useT } from '../../i18n/use-t.ts';
import { outcomeKey } from './comm-labels.ts';
import { AttachFile } from './Attachments.tsx';
import { ForwardForm } from './ForwardForm.tsx';
import { MessageCard } from './MessageCard.tsx';
import { ReplyForm } from './ReplyForm.tsx';
import { ThreadActions } from './ThreadActions.tsx';
import { TlpBanner } from './Tlp.tsx';

/** A thread: every message the caller may read, its recipients' statuses, and what the caller may do. */
export function ThreadPage({ id, session }: { id: string; session: SessionInfo }) {
  const t = useT();
  const { states } = useStates();
  const load = useCallback(() => getThread(id), [id]);
  const { data, error, reload } = useResource(load);
  const [announcement, setAnnouncement] = useState('');

  const onEvent = useCallback(
    (event: InboxEvent) => {
      if (data && event.threadId === data.threadId) reload();
    },
    [data, reload],
  );
  useInboxEvents(true, onEvent);

  function done(message: string) {
    setAnnouncement(message);
    reload();
  }

  const root = data?.messages[0];
  // The page carries the strictest label of what it shows.
  const strictest = data?.messages.reduce<TlpLabel | null>(
    (acc, m) => (acc === null || tlpRank(m.tlp) < tlpRank(acc) ? m.tlp : acc),
    null,
  );
  const own = session.account.stateM49;
  const ownRecipient = root?.recipients.find((r) => r.stateM49 === own);
  const canSend = session.abilities['communications.send'] === true;

  return (
    <>
      {strictest && <TlpBanner tlp={strictest} />}
      <PageHeading>{root ? root.reference : t('communications.thread.title')}</PageHeading>
      <p>
        <NavLink to="/communications">{t('communications.thread.back')}</NavLink>
      </p>
      <FlashMessages />
      <ErrorAlert error={error} />
      <div role="status" className="live-region">
        {announcement && <p className="alert alert-success">{announcement}</p>}
      </div>
      {!data && !error && <p className="result-count">{t('app.loading')}</p>}
      {data?.closedAt && (
        <p className="notice">
          {t('communications.thread.closed', { outcome: data.outcome ? t(outcomeKey(data.outcome)) : '' })}{' '}
          <DateTimeUtc iso={data.closedAt} />
        </p>
      )}
      {data?.messages.map((message, index) => (
        <MessageCard key={message.id} message={message} states={states}>
          {canSend && <ThreadActions message={message} isRoot={index === 0} onDone={done} />}
          {canSend && !data.closedAt && own !== null && message.senderStateM49 === own && (
            <AttachFile messageId={message.id} onDone={done} />
          )}
          {canSend && message.abilities.forward && (
            <ForwardForm message={message} states={states} ownStateM49={own} onDone={done} />
          )}
        </MessageCard>
      ))}
      {root && canSend && root.abilities.reply && (
        <ReplyForm
          messageId={root.id}
          tlp={root.tlp}
          answers={root.abilities.answer && ownRecipient !== undefined}
          onSent={() => done(t('communications.reply.sent'))}
        />
      )}
    </>
  );
}
