import type { Config } from '../../config.ts';
import type { MailRequest } from '../../mail/outbox.repository.ts';
import { mailLocaleOf } from '../directory/directory-mail.ts';
import type { EntryRow } from '../directory/directory.repository.ts';
import type { CommunicationRow } from './communications.repository.ts';

/**
 * The notice a point of contact receives for a communication: its subject is the TLP label and
 * the reference only, its body names no content (fail closed), and it carries the single-use
 * link that acknowledges receipt without signing in. Encrypted full-content mail to contacts
 * with a usable OpenPGP key builds on this (see the outbox's `encrypted` column).
 */
export function communicationNotice(
  config: Pick<Config, 'PUBLIC_URL'>,
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
