import type { Locale } from '../../../common/locales.ts';
import type { Config } from '../../config.ts';
import { formatInZone, formatUtc } from '../../i18n.ts';
import type { MailRequest } from '../../mail/outbox.repository.ts';

type MailConfig = Pick<Config, 'PUBLIC_URL'>;

export interface CheckMailInput {
  /** The outbox row's id, stored on the target so its delivery (or bounce) is known. */
  outboxId?: string;
  to: string;
  locale: Locale;
  name: string;
  reference: string;
  exercise: boolean;
  dueAt: Date;
  timeZone: string;
  token: string;
}

/** `yes`/`no` for the ICU select that puts EXERCISE in front of subjects and bodies. */
export const exerciseFlag = (exercise: boolean): string => (exercise ? 'yes' : 'no');

/**
 * The check itself: who asks, by when (the contact's own clock and UTC), and the single-use link
 * (token in the fragment, so it never reaches a server log or a Referer). Not encrypted: it carries
 * nothing confidential, and the link works once only.
 */
export function checkMail(config: MailConfig, input: CheckMailInput): MailRequest {
  return {
    ...(input.outboxId === undefined ? {} : { id: input.outboxId }),
    purpose: 'ping_test.check',
    to: input.to,
    locale: input.locale,
    subjectKey: 'mail.ping.subject',
    bodyKey: 'mail.ping.body',
    values: {
      exercise: exerciseFlag(input.exercise),
      name: input.name,
      reference: input.reference,
      due: formatInZone(input.dueAt, input.locale, input.timeZone),
      dueUtc: formatUtc(input.dueAt),
      link: `${config.PUBLIC_URL}/ping#${input.token}`,
      appLink: `${config.PUBLIC_URL}/ping-tests`,
    },
  };
}

/** A reminder before the deadline, with a fresh single-use link (the first one still works too). */
export function reminderMail(config: MailConfig, input: Omit<CheckMailInput, 'outboxId'>): MailRequest {
  return {
    ...checkMail(config, input),
    purpose: 'ping_test.reminder',
    subjectKey: 'mail.ping.reminder.subject',
    bodyKey: 'mail.ping.reminder.body',
  };
}

export interface EscalationInput {
  to: string;
  locale: Locale;
  reference: string;
  exercise: boolean;
  state: string;
  /** The contacts who did not acknowledge, one per line ("Name — kind"). */
  missing: string;
  role: string;
}

/** After the deadline: the State's alternates and national authorities hear who did not acknowledge. */
export function escalationMail(config: MailConfig, input: EscalationInput): MailRequest {
  return {
    purpose: 'ping_test.escalation',
    to: input.to,
    locale: input.locale,
    subjectKey: 'mail.ping.escalation.subject',
    bodyKey: 'mail.ping.escalation.body',
    values: {
      exercise: exerciseFlag(input.exercise),
      reference: input.reference,
      state: input.state,
      missing: input.missing,
      role: input.role,
      link: `${config.PUBLIC_URL}/my-state`,
    },
  };
}
