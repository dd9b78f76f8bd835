import { createHash } from 'node:crypto';
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
      ...(request.id === undefined ? {} : { id: request.id }),
      purpose: request.purpose,
      recipient: request.to,
      locale: request.locale,
      subject,
      body,
      bodySha256: createHash('sha256').update(body).digest('hex'),
      encrypted,
      nextAttemptAt: dueAt,
    });
  }
  await tx.insert(outbox).values(rows);
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
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outbox)
      .set({
        attempts: sql`${outbox.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + leaseSeconds * 1000),
        leasedUntil: new Date(now.getTime() + leaseSeconds * 1000),
      })
      .where(
        inArray(
          outbox.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
}

/** Marks a mail sent and erases its body, which may hold a single-use link. */
export async function markMailSent(db: Db, id: string, messageId: string, at: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'sent', sentAt: at, messageId, body: '', lastError: null, leasedUntil: null })
    .where(eq(outbox.id, id));
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
