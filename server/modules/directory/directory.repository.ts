import { and, arrayContains, asc, count, desc, eq, ilike, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { PocKind } from '../../../common/directory.ts';
import type { RegionalGroup } from '../../../common/regional-groups.ts';
import type { Db } from '../../db/client.ts';
import { directoryEntries, directoryEntryVersions, states } from '../../db/schema.ts';

export type EntryRow = typeof directoryEntries.$inferSelect;
export type NewEntryRow = typeof directoryEntries.$inferInsert;
export type EntryVersionRow = typeof directoryEntryVersions.$inferSelect;

export interface EntryFilter {
  /** Folded search text (see foldForSearch); matched anywhere in names and organisation. */
  text?: string;
  stateM49?: string;
  group?: RegionalGroup;
  kind?: PocKind;
  language?: string;
  available247?: boolean;
  /** With `stale`: entries last confirmed on or before this instant are stale. */
  staleBefore?: Date;
  stale?: boolean;
  includeRetired: boolean;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function conditionsOf(filter: EntryFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    filter.includeRetired ? undefined : eq(directoryEntries.status, 'active'),
    filter.stateM49 !== undefined ? eq(directoryEntries.stateM49, filter.stateM49) : undefined,
    filter.group !== undefined
      ? inArray(
          directoryEntries.stateM49,
          sql`(select ${states.m49} from ${states} where ${states.group} = ${filter.group})`,
        )
      : undefined,
    filter.kind !== undefined ? eq(directoryEntries.kind, filter.kind) : undefined,
    filter.language !== undefined ? arrayContains(directoryEntries.languages, [filter.language]) : undefined,
    filter.available247 !== undefined ? eq(directoryEntries.available247, filter.available247) : undefined,
    filter.text ? ilike(directoryEntries.searchText, `%${escapeLike(filter.text)}%`) : undefined,
    filter.stale !== undefined && filter.staleBefore !== undefined
      ? filter.stale
        ? and(eq(directoryEntries.status, 'active'), lte(directoryEntries.lastConfirmedAt, filter.staleBefore))
        : sql`${directoryEntries.lastConfirmedAt} > ${filter.staleBefore}`
      : undefined,
  ];
  return and(...conditions);
}

/**
 * One page of entries, ordered by State, kind, primary before alternates, then name. The API searches
 * the in-memory directory (directory-snapshot.ts); this SQL form is what its test compares it with.
 */
export async function listEntries(
  db: Db,
  filter: EntryFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: EntryRow[]; total: number }> {
  const where = conditionsOf(filter);
  const rows = await db
    .select()
    .from(directoryEntries)
    .where(where)
    .orderBy(
      asc(directoryEntries.stateM49),
      asc(directoryEntries.kind),
      desc(directoryEntries.slotRole),
      asc(directoryEntries.searchText),
      asc(directoryEntries.id),
    )
    .limit(page.limit)
    .offset(page.offset);
  const totals = await db.select({ n: count() }).from(directoryEntries).where(where);
  return { rows, total: totals[0]?.n ?? 0 };
}

/** Every entry matching the filter (exports). */
export function listAllEntries(db: Db, filter: EntryFilter): Promise<EntryRow[]> {
  return db
    .select()
    .from(directoryEntries)
    .where(conditionsOf(filter))
    .orderBy(asc(directoryEntries.stateM49), asc(directoryEntries.kind), desc(directoryEntries.slotRole));
}

export async function unsafeFindEntryById(db: Db, id: string): Promise<EntryRow | undefined> {
  const rows = await db.select().from(directoryEntries).where(eq(directoryEntries.id, id));
  return rows[0];
}

/** Locks the entry row for the rest of the transaction, so two changes cannot race. */
export async function lockEntry(tx: Db, id: string): Promise<EntryRow | undefined> {
  const rows = await tx.select().from(directoryEntries).where(eq(directoryEntries.id, id)).for('update');
  return rows[0];
}

export async function insertEntry(tx: Db, row: NewEntryRow): Promise<EntryRow> {
  const inserted = await tx.insert(directoryEntries).values(row).returning();
  const created = inserted[0];
  if (!created) throw new Error('insert returned no row');
  return created;
}

export async function updateEntry(tx: Db, id: string, patch: Partial<NewEntryRow>): Promise<EntryRow> {
  const updated = await tx.update(directoryEntries).set(patch).where(eq(directoryEntries.id, id)).returning();
  const row = updated[0];
  if (!row) throw new Error(`entry ${id} vanished`);
  return row;
}

export async function insertVersion(tx: Db, row: typeof directoryEntryVersions.$inferInsert): Promise<void> {
  await tx.insert(directoryEntryVersions).values(row);
}

export function listVersions(db: Db, entryId: string): Promise<EntryVersionRow[]> {
  return db
    .select()
    .from(directoryEntryVersions)
    .where(eq(directoryEntryVersions.entryId, entryId))
    .orderBy(desc(directoryEntryVersions.version));
}

/** Active entries per State and kind, with their last confirmation (coverage view). */
export function listActiveEntrySummaries(db: Db) {
  return db
    .select({
      id: directoryEntries.id,
      stateM49: directoryEntries.stateM49,
      kind: directoryEntries.kind,
      nameLatin: sql<string>`${directoryEntries.details}->>'nameLatin'`,
      lastConfirmedAt: directoryEntries.lastConfirmedAt,
    })
    .from(directoryEntries)
    .where(eq(directoryEntries.status, 'active'));
}
