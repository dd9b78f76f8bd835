import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Locale } from '../../common/locales.ts';
import type { Db } from '../db/client.ts';
import { outbox } from '../db/schema.ts';
import { translate } from '../i18n.ts';
import { encryptMailText } from './pgp-mime.ts';

/** A mail to write into the outbox. Keys name messages in locales/<lang>.json. */
export interface MailRequest {
  /** What the mail is for, kept for operators (e.g. "nomination.acceptance"). Never content. */
  purpose: string;
  /** The outbox row's id, when the caller links to it (e.g. a ping test target); random otherwise. */
  id?: string;
  to: string;
  locale: Locale;
  subjectKey: string;
  bodyKey: string;
  values: Record<string, string | number>;
  /**
   * Encrypt the body to this ASCII-armoured OpenPGP public key and send it as PGP/MIME. If the key
   * cannot encrypt, `fallback` is written instead (fail closed: never the content in clear).
   */
  encryptTo?: string;
  fallback?: MailRequest;
}

/**
 * Header injection is impossible by construction: subjects are one line of printable text
 * (control characters, NEL and the Unicode line separators become a space), addresses are plain.
 */
function oneLine(value: string): string {
  return value.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
}

/**
 * One plain address: a local part of RFC 5322 dot-atom characters (letters and digits in any
 * script, and !#$%&'*+/=?^_`{|}~.-): no spaces, quotes, brackets, lists, colons (group syntax:
 * "${x:y}@host" was sent to another address), control or format characters (a bidi override would
 * show one address and send to another), nothing shaped like an RFC 2047 encoded word ("=?", which
 * mail clients decode into other text); and a host name of letters, digits and hyphens in any script.
 */
const PLAIN_ADDRESS = /^(?!.*=\?)[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*$/u;

export function renderMail(request: MailRequest): { subject: string; body: string } {
  const subject = oneLine(translate(request.locale, request.subjectKey, request.values));
  const body = `${translate(request.locale, request.bodyKey, request.values)}\n\n-- \n${translate(request.locale, 'mail.footer')}\n`;
  return { subject, body };
}

/**
 * Writes mails into the outbox. Call it with the transaction of the change the mail announces:
 * either both are stored or neither is. A job sends them (see outbox.dispatcher.ts).
 */
export async function enqueueMail(tx: Db, requests: MailRequest[]): Promise<void> {
  if (requests.length === 0) return;
  // Due from the application's clock, the one the dispatcher compares with. The database's now()
  // is another clock (another host, and microseconds where JavaScript has milliseconds): a mail
  // written at 12:00:00.123456 would not yet be due for a dispatcher asking at 12:00:00.123.
  const dueAt = new Date();
  const rows = [];
  for (const request of requests) {
    if (!PLAIN_ADDRESS.test(request.to)) {
      throw new Error(`refusing recipient ${JSON.stringify(request.to)}`);
    }
    const { subject, body, encrypted } = await sealedMail(request);
    rows.push({
      id: request.id ?? randomUUID(),
      purpose: request.purpose,
      recipient: request.to,
      locale: request.locale,
      subject,
      body,
      body_sha256: createHash('sha256').update(body).digest('hex'),
      encrypted,
      next_attempt_at: dueAt.toISOString(),
    });
  }
  // One JSON parameter rather than nine per row: for the 500 checks of a ping test batch, building
  // the multi-row INSERT through the query builder cost more than the database's work.
  await tx.execute(sql`
    insert into outbox (id, purpose, recipient, locale, subject, body, body_sha256, encrypted, next_attempt_at)
    select r.id, r.purpose, r.recipient, r.locale, r.subject, r.body, r.body_sha256, r.encrypted, r.next_attempt_at
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
           as r(id uuid, purpose text, recipient text, locale text, subject text, body text, body_sha256 text,
                encrypted boolean, next_attempt_at timestamptz)`);
}

/** Renders the mail and, when asked, encrypts it; an unusable key yields the fallback instead. */
async function sealedMail(request: MailRequest): Promise<{ subject: string; body: string; encrypted: boolean }> {
  const { subject, body } = renderMail(request);
  if (request.encryptTo === undefined) return { subject, body, encrypted: false };
  try {
    return { subject, body: await encryptMailText(body, request.encryptTo), encrypted: true };
  } catch {
    if (!request.fallback) throw new Error(`cannot encrypt mail for ${request.purpose} and no fallback`);
    return sealedMail(request.fallback);
  }
}

export type OutboxRow = typeof outbox.$inferSelect;

/**
 * Claims up to `limit` due mails. FOR UPDATE SKIP LOCKED lets several workers share the outbox
 * on PostgreSQL; the claim pushes next_attempt_at forward so a crashed sender's mails come back.
 */
export async function claimDueMails(db: Db, now: Date, limit: number, leaseSeconds: number): Promise<OutboxRow[]> {
  // One statement (no BEGIN, SELECT, UPDATE, COMMIT round trips): on the embedded database each
  // statement has a fixed cost that, per claim, was larger than the rows' own.
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  const leasedUntil = new Date(now.getTime() + leaseSeconds * 1000);
  return db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: leasedUntil, leasedUntil })
    .where(inArray(outbox.id, due))
    .returning();
}

/** A mail the SMTP server accepted, to be marked sent. */
export interface SentMail {
  id: string;
  messageId: string;
}

/** A PostgreSQL array literal of text values, quoted and escaped (one parameter for the whole list). */
function textArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/** Marks mails sent, one statement for all of them, and erases their bodies, which may hold single-use links. */
export async function markMailsSent(db: Db, mails: readonly SentMail[], at: Date): Promise<void> {
  if (mails.length === 0) return;
  await db.execute(sql`
    update outbox o
       set status = 'sent', sent_at = ${at}, message_id = m.message_id, body = '', last_error = null,
           leased_until = null
      from unnest(${textArray(mails.map((mail) => mail.id))}::uuid[],
                  ${textArray(mails.map((mail) => mail.messageId))}::text[]) as m(id, message_id)
     where o.id = m.id`);
}

/** Schedules another attempt, or gives up after the last one. */
export async function markMailFailed(db: Db, id: string, error: string, retryAt: Date | null): Promise<void> {
  await db
    .update(outbox)
    .set(
      retryAt === null
        ? { status: 'failed', lastError: error.slice(0, 500), leasedUntil: null }
        : { nextAttemptAt: retryAt, lastError: error.slice(0, 500), leasedUntil: null },
    )
    .where(eq(outbox.id, id));
}

/**
 * Hands back every mail a dispatcher had claimed but not marked: after a crash, its mails are due
 * again at once instead of when the lease runs out. Only safe when no other process can be
 * sending, i.e. on the embedded database, which one process at a time may open.
 */
export async function releaseOutboxLeases(db: Db, now: Date): Promise<number> {
  const released = await db
    .update(outbox)
    .set({ nextAttemptAt: now, leasedUntil: null })
    .where(and(eq(outbox.status, 'pending'), sql`${outbox.leasedUntil} is not null`))
    .returning({ id: outbox.id });
  return released.length;
}
