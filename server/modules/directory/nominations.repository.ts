import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { NominationStatus } from '../../../common/directory.ts';
import type { Db } from '../../db/client.ts';
import { nominationDocuments, nominations } from '../../db/schema.ts';

export type NominationRow = typeof nominations.$inferSelect;
export type NewNominationRow = typeof nominations.$inferInsert;
export type DocumentRow = typeof nominationDocuments.$inferSelect;
export type DocumentSummary = Omit<DocumentRow, 'content'>;

export async function insertNomination(tx: Db, row: NewNominationRow): Promise<NominationRow> {
  const inserted = await tx.insert(nominations).values(row).returning();
  const created = inserted[0];
  if (!created) throw new Error('insert returned no row');
  return created;
}

export async function unsafeFindNominationById(db: Db, id: string): Promise<NominationRow | undefined> {
  const rows = await db.select().from(nominations).where(eq(nominations.id, id));
  return rows[0];
}

/** Locks the nomination for the rest of the transaction: two managers cannot both decide it. */
export async function lockNomination(tx: Db, id: string): Promise<NominationRow | undefined> {
  const rows = await tx.select().from(nominations).where(eq(nominations.id, id)).for('update');
  return rows[0];
}

export async function unsafeFindByTokenHash(db: Db, tokenHash: string): Promise<NominationRow | undefined> {
  const rows = await db.select().from(nominations).where(eq(nominations.acceptanceTokenHash, tokenHash));
  return rows[0];
}

export async function updateNomination(tx: Db, id: string, patch: Partial<NewNominationRow>): Promise<NominationRow> {
  const updated = await tx
    .update(nominations)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(nominations.id, id))
    .returning();
  const row = updated[0];
  if (!row) throw new Error(`nomination ${id} vanished`);
  return row;
}

export function listNominations(
  db: Db,
  filter: { states: 'all' | string[]; stateM49?: string; statuses?: readonly NominationStatus[] },
): Promise<NominationRow[]> {
  const conditions: (SQL | undefined)[] = [
    filter.states === 'all' ? undefined : inArray(nominations.stateM49, filter.states.length ? filter.states : ['']),
    filter.stateM49 !== undefined ? eq(nominations.stateM49, filter.stateM49) : undefined,
    filter.statuses !== undefined ? inArray(nominations.status, [...filter.statuses]) : undefined,
  ];
  return db
    .select()
    .from(nominations)
    .where(and(...conditions))
    .orderBy(asc(nominations.submittedAt), asc(nominations.id));
}

/** The open nomination that changes `entryId`, if any (at most one may be open at a time). */
export async function findOpenNominationForEntry(db: Db, entryId: string): Promise<NominationRow | undefined> {
  const rows = await db
    .select()
    .from(nominations)
    .where(
      and(eq(nominations.targetEntryId, entryId), inArray(nominations.status, ['submitted', 'awaiting_acceptance'])),
    )
    .orderBy(desc(nominations.submittedAt))
    .limit(1);
  return rows[0];
}

export async function upsertDocument(tx: Db, row: typeof nominationDocuments.$inferInsert): Promise<void> {
  await tx
    .insert(nominationDocuments)
    .values(row)
    .onConflictDoUpdate({
      target: nominationDocuments.nominationId,
      set: {
        fileName: row.fileName,
        sha256: row.sha256,
        sizeBytes: row.sizeBytes,
        content: row.content,
        uploadedAt: row.uploadedAt,
      },
    });
}

export async function findDocument(db: Db, nominationId: string): Promise<DocumentRow | undefined> {
  const rows = await db.select().from(nominationDocuments).where(eq(nominationDocuments.nominationId, nominationId));
  return rows[0];
}

export async function findDocumentSummaries(db: Db, nominationIds: string[]): Promise<Map<string, DocumentSummary>> {
  if (nominationIds.length === 0) return new Map();
  const rows = await db
    .select({
      nominationId: nominationDocuments.nominationId,
      fileName: nominationDocuments.fileName,
      sha256: nominationDocuments.sha256,
      sizeBytes: nominationDocuments.sizeBytes,
      uploadedAt: nominationDocuments.uploadedAt,
    })
    .from(nominationDocuments)
    .where(inArray(nominationDocuments.nominationId, nominationIds));
  return new Map(rows.map((r) => [r.nominationId, r]));
}
