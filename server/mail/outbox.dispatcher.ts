import type { Db } from '../db/client.ts';
import { claimDueMails, markMailFailed, type OutboxRow } from './outbox.repository.ts';
import { sentMarks } from './sent-marks.ts';
import type { MailLogger, MailTransport } from './transport.ts';

export interface DispatchOptions {
  /** The clock; tests move it forward to reach a retry. */
  now?: () => Date;
  /** Attempts before a mail is given up (MAIL_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** Mails claimed per round trip. */
  batchSize?: number;
  /** How long a claim holds a mail before another dispatcher may take it (a crashed sender's mails come back). */
  leaseSeconds?: number;
  /** Mails in flight at once: the SMTP pool size, so every pooled connection is kept busy. */
  concurrency?: number;
  /** Failures are logged by outbox id and SMTP code only: never recipient, subject or body. */
  logger?: Pick<MailLogger, 'warn'>;
}

export interface DispatchResult {
  sent: number;
  retried: number;
  failed: number;
}

const FIRST_RETRY_SECONDS = 30;
const MAX_RETRY_SECONDS = 6 * 60 * 60;

/**
 * Wait before the next attempt after failed attempt number `attempt` (1-based): 30 s, 1 min, 2 min, …
 * capped at 6 h, so a mail server that is down for a day is not hammered, and one down for a
 * minute costs a minute.
 */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempt - 1), MAX_RETRY_SECONDS);
}

interface SendFailure {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  permanent?: unknown;
  message?: unknown;
}

/**
 * A 5xx reply is the server saying "never" (unknown mailbox, policy): retrying only delays the
 * operator noticing. 503 is a session-state hiccup, so it is retried, as nodemailer itself judges.
 */
function isPermanentRejection(error: SendFailure): boolean {
  if (typeof error.permanent === 'boolean') return error.permanent;
  const code = error.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600 && code !== 503;
}

/** What an operator needs in last_error: the code and the server's reply, never the mail itself. */
function describeFailure(error: SendFailure): string {
  const parts = [typeof error.code === 'string' ? error.code : 'ERROR'];
  if (typeof error.responseCode === 'number') parts.push(String(error.responseCode));
  const detail =
    typeof error.response === 'string' ? error.response : typeof error.message === 'string' ? error.message : '';
  return `${parts.join(' ')}: ${detail}`.trim();
}

function asFailure(error: unknown): SendFailure {
  return typeof error === 'object' && error !== null ? error : { message: String(error) };
}

/**
 * Sends every due mail in the outbox and records each outcome. Safe to run from several jobs or
 * processes at once: claimDueMails hands each mail to one dispatcher only, so none is sent twice.
 * Sending happens outside any transaction; a crash between sending and marking re-sends after the
 * lease (at least once, never silently lost).
 *
 * `concurrency` lanes each send one mail at a time and wait for it to be marked before the next,
 * so no more than `concurrency` mails are ever accepted but unmarked. The next batch is claimed
 * while the lanes still have mail, so they never stand idle waiting for a claim.
 */
export async function dispatchDueMails(
  db: Db,
  transport: MailTransport,
  options: DispatchOptions,
): Promise<DispatchResult> {
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 50;
  const leaseSeconds = options.leaseSeconds ?? 300;
  const concurrency = Math.max(1, options.concurrency ?? 5);
  const result: DispatchResult = { sent: 0, retried: 0, failed: 0 };
  let busy = 0;
  const marks = sentMarks(db, () => busy, now);

  const deliver = async (mail: OutboxRow): Promise<void> => {
    let messageId: string;
    try {
      ({ messageId } = await transport.send({
        id: mail.id,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.body,
        locale: mail.locale,
        encrypted: mail.encrypted,
      }));
    } catch (caught) {
      const error = asFailure(caught);
      const permanent = isPermanentRejection(error);
      const giveUp = permanent || mail.attempts >= options.maxAttempts;
      const retryAt = giveUp ? null : new Date(now().getTime() + retryDelaySeconds(mail.attempts) * 1000);
      await markMailFailed(db, mail.id, describeFailure(error), retryAt);
      options.logger?.warn(
        {
          mailId: mail.id,
          purpose: mail.purpose,
          attempt: mail.attempts,
          code: error.code,
          responseCode: error.responseCode,
          permanent,
          retryAt,
        },
        giveUp ? 'mail failed for good' : 'mail send failed, will retry',
      );
      result[giveUp ? 'failed' : 'retried'] += 1;
      return;
    }
    await marks.mark({ id: mail.id, messageId });
    result.sent += 1;
  };

  // Claimed mails not yet taken by a lane. Every claimed mail is attempted, even after an error
  // (it is leased: left alone, it would wait for the lease to run out); the first error is rethrown
  // at the end and stops further claims.
  const queue: OutboxRow[] = [];
  const errors: unknown[] = [];
  let exhausted = false;
  let claiming: Promise<void> | undefined;
  const claimMore = (): Promise<void> =>
    (claiming ??= (async () => {
      try {
        // The claim already counts this attempt (mail.attempts is 1 on the first try).
        const batch = await claimDueMails(db, now(), batchSize, leaseSeconds);
        if (batch.length === 0) exhausted = true;
        queue.push(...batch);
      } catch (error) {
        errors.push(error);
        exhausted = true;
      } finally {
        claiming = undefined;
      }
    })());

  const lane = async (): Promise<void> => {
    for (;;) {
      if (queue.length <= concurrency && !exhausted && errors.length === 0) {
        // Running low: claim ahead. Wait for it only when nothing is left to send meanwhile.
        const claimed = claimMore();
        if (queue.length === 0) await claimed;
      }
      const mail = queue.shift();
      if (mail === undefined) {
        if (exhausted || errors.length > 0) return;
        continue;
      }
      busy += 1;
      try {
        await deliver(mail);
      } catch (error) {
        errors.push(error);
      } finally {
        busy -= 1;
      }
    }
  };

  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      await lane();
      marks.laneStopped();
    }),
  );
  if (errors.length > 0) throw errors[0];
  return result;
}
