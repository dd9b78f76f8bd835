import type { AuditQuery, AuditVerification } from '../../../common/schemas/audit.ts';
import { requireAccess } from '../../auth/access.ts';
import { actorAccountId, type Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/client.ts';
import { hashEntry } from './audit.hash.ts';
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

/**
 * Walks the whole chain, oldest first, and reports the first entry that was edited,
 * deleted or moved, or a tail cut off after the head was recorded.
 */
export async function verifyAuditChain(
  db: Db,
  actor: Actor,
  onProgress?: (checked: number, total: number) => void,
): Promise<AuditVerification> {
  requireAccess(actor, 'audit.read');
  const total = await repo.countEntries(db);
  const pageSize = 5000;
  let expectedPosition = 1;
  let previousHash = '0'.repeat(64);
  let checked = 0;
  for (;;) {
    const page = await repo.entriesAfter(db, expectedPosition - 1, pageSize);
    for (const row of page) {
      if (row.position !== expectedPosition || row.prevHash !== previousHash) {
        return { ok: false, checked, firstBadPosition: expectedPosition, problem: 'deleted_or_reordered' };
      }
      if (hashEntry(row) !== row.hash) {
        return { ok: false, checked, firstBadPosition: row.position, problem: 'edited' };
      }
      previousHash = row.hash;
      expectedPosition++;
      checked++;
    }
    onProgress?.(checked, total);
    if (page.length < pageSize) break;
  }
  const head = await repo.readHead(db);
  const lastPosition = expectedPosition - 1;
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
