import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditHead, auditLog } from '../db/schema.ts';
import { GENESIS_HASH, hashEntry, type ChainedFields } from '../modules/audit/audit.hash.ts';

/** A realistic entry: an account change with before/after objects. */
function entry(position: number, prevHash: string): ChainedFields {
  return {
    position,
    at: new Date(Date.UTC(2026, 0, 1) + position * 1000),
    actorAccountId: '7fca19c3-e1f4-40f7-a71c-aa6f041bafd1',
    actorLabel: 'account:7fca19c3-e1f4-40f7-a71c-aa6f041bafd1',
    action: 'account.create',
    targetType: 'account',
    targetId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    stateM49: '288',
    before: null,
    after: { email: `poc${position}@example.org`, role: 'point_of_contact', stateM49: '288', disabled: false },
    requestId: 'b7d3c0de-0000-4000-8000-000000000000',
    prevHash,
  };
}

/**
 * Writes a valid chain of `entries` straight into an empty audit table, in batches (the trail at
 * scale for P6 and for tests of the threaded verification). Returns the milliseconds spent hashing.
 */
export async function writeAuditChain(db: Db, entries: number): Promise<number> {
  let prev = GENESIS_HASH;
  let hashingMs = 0;
  const batch = 2000;
  for (let first = 1; first <= entries; first += batch) {
    const rows: (ChainedFields & { hash: string })[] = [];
    const started = performance.now();
    for (let position = first; position < Math.min(entries + 1, first + batch); position++) {
      const fields = entry(position, prev);
      prev = hashEntry(fields);
      rows.push({ ...fields, hash: prev });
    }
    hashingMs += performance.now() - started;
    await db.insert(auditLog).values(rows);
  }
  await db.update(auditHead).set({ position: entries, hash: prev }).where(eq(auditHead.id, 1));
  return hashingMs;
}
