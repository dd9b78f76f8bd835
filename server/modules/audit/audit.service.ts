import type { AuditQuery, AuditVerification } from '../../../common/schemas/audit.ts';
import { requireAccess } from '../../auth/access.ts';
import { actorAccountId, type Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/client.ts';
import { hashEntry } from './audit.hash.ts';
import { chainStart, inlineChainChecker, type ChainCursor, type PageVerdict } from './audit.chain.ts';
import { threadChainChecker } from './audit.chain-thread.ts';
import * as repo from './audit.repository.ts';

export interface AuditEvent {
  action: string;
  targetType: string;
  targetId: string;
  stateM49?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one entry to the hash chain. Call it with the transaction that makes the change,
 * so the change and its record commit together or not at all.
 */
export async function recordAudit(tx: Db, actor: Actor, requestId: string | null, event: AuditEvent): Promise<void> {
  const head = await repo.lockHead(tx);
  const fields = {
    position: head.position + 1,
    at: new Date(),
    actorAccountId: actorAccountId(actor),
    actorLabel: storedActorLabel(actor),
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    stateM49: event.stateM49 ?? null,
    before: toJson(event.before),
    after: toJson(event.after),
    requestId,
    prevHash: head.hash,
  };
  await repo.insertEntry(tx, { ...fields, hash: hashEntry(fields) });
}

/**
 * The actor as the trail stores it. The trail can never be edited, so it must hold no personal
 * data: an account is named by its id, never its e-mail, and the auditor's view shows the account's
 * current e-mail instead (listAudit), which after pseudonymisation is the pseudonym. Entries written
 * before this rule keep the e-mail they were hashed with.
 */
function storedActorLabel(actor: Actor): string {
  return actor.kind === 'account' ? `account:${actor.accountId}` : actor.label;
}

// jsonb stores JSON: normalise Dates and drop undefined so the hash is computed over what is stored.
function toJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** The auditor's view of the trail, newest first, with each acting account's current e-mail. */
export async function listAudit(db: Db, actor: Actor, query: AuditQuery) {
  requireAccess(actor, 'audit.read');
  const limit = query.limit ?? 100;
  const rows = await repo.listEntries(db, { before: query.before, limit: limit + 1, action: query.action });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextBefore: rows.length > limit && last ? last.position : null };
}

/** Knobs for tests: small pages cross page boundaries, and the worker thread can be forced on short chains. */
export interface VerifyTuning {
  pageSize?: number;
  inThread?: boolean;
}

/** Entries per page read for verification (about 2.4 MB of JSON for typical entries). */
export const VERIFY_PAGE_SIZE = 5000;
/** Below this many entries, checking in the calling thread beats starting a worker thread. */
export const THREAD_FROM_ENTRIES = 20_000;
/** Pages read ahead of the checker: a few absorb the jitter between reading and hashing. */
const PAGES_AHEAD = 4;

/**
 * Walks the whole chain, oldest first, and reports the first entry that was edited,
 * deleted or moved, or a tail cut off after the head was recorded.
 */
export async function verifyAuditChain(
  db: Db,
  actor: Actor,
  onProgress?: (checked: number, total: number) => void,
  tuning: VerifyTuning = {},
): Promise<AuditVerification> {
  requireAccess(actor, 'audit.read');
  const total = await repo.lastPosition(db);
  const pageSize = tuning.pageSize ?? VERIFY_PAGE_SIZE;
  const checker = (tuning.inThread ?? total >= THREAD_FROM_ENTRIES) ? threadChainChecker() : inlineChainChecker();
  try {
    let cursor = chainStart();
    // Pages handed to the checker and not yet answered: it works on them while the next is read.
    const pending: Promise<PageVerdict>[] = [];
    let after = 0;
    let more = true;
    while (more || pending.length > 0) {
      if (more && pending.length < PAGES_AHEAD) {
        const page = await repo.chainPageAfter(db, after, pageSize);
        more = page.count === pageSize;
        after = page.lastPosition;
        if (page.count > 0) pending.push(handled(checker.check(page.json)));
        continue;
      }
      const verdict = await (pending.shift() as Promise<PageVerdict>);
      cursor = verdict.cursor;
      if (verdict.broken) return { ok: false, checked: cursor.checked, ...verdict.broken };
      onProgress?.(cursor.checked, total);
    }
    return await checkHead(db, cursor);
  } finally {
    await checker.close();
  }
}

/** Marks a promise as handled, so one left behind when verification stops early raises no alarm. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** After the last entry: the chain head must name it, or the tail was cut or grown behind pocdir's back. */
async function checkHead(db: Db, cursor: ChainCursor): Promise<AuditVerification> {
  const head = await repo.readHead(db);
  const lastPosition = cursor.expectedPosition - 1;
  const { checked, previousHash } = cursor;
  if (!head || head.position > lastPosition) {
    // The head names entries that are no longer there.
    return { ok: false, checked, firstBadPosition: lastPosition + 1, problem: 'tail_truncated' };
  }
  if (head.position < lastPosition || head.hash !== previousHash) {
    // Entries were appended, or the last one rewritten, without going through the chain head.
    return {
      ok: false,
      checked,
      firstBadPosition: head.position < lastPosition ? head.position + 1 : lastPosition,
      problem: 'head_mismatch',
    };
  }
  return { ok: true, checked, firstBadPosition: null, problem: null };
}
