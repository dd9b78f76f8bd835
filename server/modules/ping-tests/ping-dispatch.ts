import { randomBytes, randomUUID } from 'node:crypto';
import type { PingKeyProblem } from '../../../common/ping-tests.ts';
import { hashToken } from '../../auth/token-hash.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { notifyOutboxChanged } from '../../mail/outbox-signal.ts';
import { enqueueMail, type MailRequest } from '../../mail/outbox.repository.ts';
import { mailLocaleOf } from '../directory/directory-mail.ts';
import { inspectPublicKey } from '../directory/openpgp-key.ts';
import { checkMail } from './ping-mail.ts';
import * as repo from './ping-tests.repository.ts';

type DispatchConfig = Pick<Config, 'PUBLIC_URL' | 'PGP_EXPIRY_WARNING_DAYS'>;

/** Checks written per transaction: big enough to be quick, small enough that sending starts at once. */
export const CHECK_BATCH_SIZE = 500;

/** A single-use link token: 256 bits, URL-safe. */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Whether each key can still be encrypted to, by fingerprint. Keys are checked once per process
 * and fingerprint (a campaign to 20,000 contacts has far fewer distinct keys); expiry is
 * compared with the clock on every call.
 */
const keyVerdicts = new Map<string, PingKeyProblem | null>();

async function keyProblemOf(
  row: repo.PendingCheckRow,
  now: Date,
  config: DispatchConfig,
): Promise<PingKeyProblem | null> {
  if (row.pgp_public_key === null || row.key_fingerprint === null) return null;
  if (row.key_expires_at !== null && new Date(row.key_expires_at).getTime() <= now.getTime()) return 'expired';
  const known = keyVerdicts.get(row.key_fingerprint);
  if (known !== undefined) return known;
  let verdict: PingKeyProblem | null = null;
  try {
    await inspectPublicKey(row.pgp_public_key, now, config.PGP_EXPIRY_WARNING_DAYS);
  } catch (error) {
    const reason = error instanceof AppError ? error.details?.[0]?.reason : undefined;
    verdict = reason === 'expired' ? 'expired' : 'unusable';
  }
  if (keyVerdicts.size > 10_000) keyVerdicts.clear();
  keyVerdicts.set(row.key_fingerprint, verdict);
  return verdict;
}

/** Writes one batch of checks in one transaction; returns how many. */
async function writeBatch(db: Db, config: DispatchConfig, now: Date, limit: number): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await repo.claimUnnotified(tx, now, limit);
    const mails: MailRequest[] = [];
    const tokens: { tokenHash: string; targetId: string }[] = [];
    const notified: repo.NotifiedTarget[] = [];
    for (const row of rows) {
      const locale = mailLocaleOf({ workingLanguages: row.working_languages });
      const keyProblem = await keyProblemOf(row, now, config);
      let outboxId: string | null = null;
      if (row.channels.includes('email')) {
        outboxId = randomUUID();
        const token = newLinkToken();
        tokens.push({ tokenHash: hashToken(token), targetId: row.id });
        mails.push(
          checkMail(config, {
            outboxId,
            to: row.email,
            locale,
            name: row.name,
            reference: row.reference,
            exercise: row.exercise,
            dueAt: new Date(row.due_at),
            timeZone: row.time_zone,
            token,
          }),
        );
      }
      notified.push({ id: row.id, outboxId, locale, keyProblem });
    }
    await enqueueMail(tx, mails);
    await repo.insertTokens(tx, tokens);
    await repo.markNotified(tx, notified, now);
    return rows.length;
  });
}

export interface WriteChecksOptions {
  batchSize?: number;
  /** Called after each committed batch with the number written so far (the CLI's progress bar). */
  onBatch?: (written: number) => void;
  /** Stops between batches when it returns true (server shutdown). */
  shouldStop?: () => boolean;
}

/**
 * Writes every due check: a token and a mail in the outbox per targeted contact, in batches, each
 * batch one transaction with the targets marked notified. A crash loses at most the batch in
 * flight, which is rolled back and written by the next run, so no contact gets two checks. The
 * doorbell rings after each batch, so mails go out while later batches are still being written.
 */
export async function writeDueChecks(
  db: Db,
  config: DispatchConfig,
  now: Date,
  options: WriteChecksOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? CHECK_BATCH_SIZE;
  let written = 0;
  for (;;) {
    if (options.shouldStop?.()) return written;
    const count = await writeBatch(db, config, now, batchSize);
    if (count === 0) return written;
    // A full first batch means a large campaign is arriving in the outbox at once.
    if (written === 0 && count === batchSize) await repo.refreshDispatchStatistics(db);
    written += count;
    notifyOutboxChanged();
    options.onBatch?.(written);
    // Let timers and sockets run between batches. On the embedded database every query runs on
    // this thread and settles as a promise, so without a turn of the event loop here the doorbell's
    // timer, the dispatch job and the SMTP replies would all wait until the last batch is written.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The background sweep that writes the checks of started campaigns (on start, each tick, and when rung). */
export function pingDispatchSweep(config: DispatchConfig) {
  return {
    name: PING_DISPATCH_SWEEP,
    run: async (db: Db, now: Date): Promise<void> => {
      await writeDueChecks(db, config, now);
    },
  };
}

export const PING_DISPATCH_SWEEP = 'ping-dispatch';
