import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { translate } from '../../i18n.ts';
import type { MailRequest } from '../../mail/outbox.repository.ts';
import { mailLocaleOf, stateNameIn, utc } from '../directory/directory-mail.ts';
import type { EntryRow } from '../directory/directory.repository.ts';
import { renderContentText } from './communication-render.ts';
import type { CommunicationRow } from './communications.repository.ts';

type MailConfig = Pick<Config, 'PUBLIC_URL'>;

/**
 * The link-only notice: subject the TLP label and the reference only, a body that names no
 * content, and the single-use link that acknowledges receipt without signing in.
 */
export function communicationNotice(
  config: MailConfig,
  message: CommunicationRow,
  entry: EntryRow,
  ackToken: string,
): MailRequest {
  const to = entry.details.emails[0];
  if (to === undefined) throw new Error('an entry has at least one e-mail');
  return {
    purpose: 'communication.notice',
    to,
    locale: mailLocaleOf(entry.details),
    subjectKey: 'mail.communication.subject',
    bodyKey: 'mail.communication.notice',
    values: {
      tlp: message.tlp,
      reference: message.reference,
      link: `${config.PUBLIC_URL}/communications/${message.threadId}`,
      ackLink: `${config.PUBLIC_URL}/acknowledge#${ackToken}`,
    },
  };
}

/** Whether the entry's key may be used now: present and not expired. */
function hasUsableKey(entry: EntryRow, now: Date): boolean {
  return (
    entry.details.pgpPublicKey !== undefined &&
    (entry.keyExpiresAt === null || entry.keyExpiresAt.getTime() > now.getTime())
  );
}

/**
 * What one addressed point of contact receives: the whole communication in their language,
 * encrypted to their OpenPGP key; without a usable key, only the notice (fail closed).
 */
export async function communicationMail(
  db: Db,
  config: MailConfig,
  message: CommunicationRow,
  entry: EntryRow,
  ackToken: string,
  acknowledgeDueAt: Date,
  now: Date,
): Promise<MailRequest> {
  const notice = communicationNotice(config, message, entry, ackToken);
  if (!hasUsableKey(entry, now)) return notice;
  const locale = notice.locale;
  return {
    ...notice,
    purpose: 'communication.encrypted',
    bodyKey: 'mail.communication.body',
    values: {
      ...notice.values,
      type: translate(locale, `communication.type.${message.type}`),
      senderState: await stateNameIn(db, message.senderStateM49, locale),
      sentAt: utc(message.createdAt),
      urgency: translate(locale, `communication.urgency.${message.urgency}`),
      ackDue: utc(acknowledgeDueAt),
      content: renderContentText(message, locale),
    },
    encryptTo: entry.details.pgpPublicKey,
    fallback: notice,
  };
}
