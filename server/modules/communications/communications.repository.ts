import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { PocKind } from '../../../common/directory.ts';
import { rowsOf, type Db } from '../../db/client.ts';
import {
  acknowledgementTokens,
  communicationAttachments,
  communicationAddressees,
  communicationRecipients,
  communications,
  directoryEntries,
} from '../../db/schema.ts';

export type CommunicationRow = typeof communications.$inferSelect;
export type RecipientRow = typeof communicationRecipients.$inferSelect;
export type AddresseeRow = typeof communicationAddressees.$inferSelect;
export interface AttachmentSummary {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** The next number for a human reference ("PD-2026-000042"), from the serial column's sequence. */
export async function nextSerial(tx: Db): Promise<number> {
  const result = await tx.execute(sql`select nextval(pg_get_serial_sequence('communications', 'serial')) as n`);
  return Number((result as { rows: { n: string | number }[] }).rows[0]?.n);
}

export async function insertCommunication(tx: Db, row: typeof communications.$inferInsert): Promise<CommunicationRow> {
  const [inserted] = await tx.insert(communications).values(row).returning();
  if (!inserted) throw new Error('insert returned nothing');
  return inserted;
}

export async function insertRecipients(
  tx: Db,
  rows: (typeof communicationRecipients.$inferInsert)[],
): Promise<RecipientRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(communicationRecipients).values(rows).returning();
}

export async function insertAddressees(tx: Db, rows: AddresseeRow[]): Promise<AddresseeRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(communicationAddressees).values(rows).onConflictDoNothing().returning();
}

/** Skips authorization: callers check readability with the rows it returns. */
export async function unsafeFindCommunication(db: Db, id: string): Promise<CommunicationRow | undefined> {
  const [row] = await db.select().from(communications).where(eq(communications.id, id));
  return row;
}

/** Messages by id, in no particular order; ids not found are left out. */
export async function unsafeFindCommunications(db: Db, ids: readonly string[]): Promise<CommunicationRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(communications)
    .where(inArray(communications.id, [...ids]));
}

export async function lockCommunication(tx: Db, id: string): Promise<CommunicationRow | undefined> {
  const [row] = await tx.select().from(communications).where(eq(communications.id, id)).for('update');
  return row;
}

export function listThreadMessages(db: Db, threadId: string): Promise<CommunicationRow[]> {
  return db
    .select()
    .from(communications)
    .where(eq(communications.threadId, threadId))
    .orderBy(asc(communications.createdAt), asc(communications.serial));
}

export async function recipientsOf(db: Db, ids: readonly string[]): Promise<Map<string, RecipientRow[]>> {
  const map = new Map<string, RecipientRow[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .select()
    .from(communicationRecipients)
    .where(inArray(communicationRecipients.communicationId, [...ids]))
    .orderBy(asc(communicationRecipients.stateM49));
  for (const row of rows) map.set(row.communicationId, [...(map.get(row.communicationId) ?? []), row]);
  return map;
}

export async function addresseesOf(db: Db, ids: readonly string[]): Promise<Map<string, AddresseeRow[]>> {
  const map = new Map<string, AddresseeRow[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .select()
    .from(communicationAddressees)
    .where(inArray(communicationAddressees.communicationId, [...ids]));
  for (const row of rows) map.set(row.communicationId, [...(map.get(row.communicationId) ?? []), row]);
  return map;
}

export async function lockRecipient(tx: Db, communicationId: string, stateM49: string) {
  const [row] = await tx
    .select()
    .from(communicationRecipients)
    .where(
      and(eq(communicationRecipients.communicationId, communicationId), eq(communicationRecipients.stateM49, stateM49)),
    )
    .for('update');
  return row;
}

export async function updateRecipient(tx: Db, id: string, patch: Partial<typeof communicationRecipients.$inferInsert>) {
  const [row] = await tx
    .update(communicationRecipients)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(communicationRecipients.id, id))
    .returning();
  if (!row) throw new Error('recipient vanished');
  return row;
}

export async function closeThread(tx: Db, id: string, outcome: CommunicationRow['outcome'], at: Date) {
  await tx.update(communications).set({ closedAt: at, outcome }).where(eq(communications.id, id));
}

/** Active entries that receive a communication addressed to a kind in a State, alternates included. */
export function activeEntriesOfKind(db: Db, stateM49: string, kind: PocKind) {
  return db
    .select()
    .from(directoryEntries)
    .where(
      and(
        eq(directoryEntries.stateM49, stateM49),
        eq(directoryEntries.kind, kind),
        eq(directoryEntries.status, 'active'),
      ),
    );
}

export function entriesByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(directoryEntries)
    .where(inArray(directoryEntries.id, [...ids]));
}

export interface InboxFilter {
  stateM49: string;
  accountId: string;
  email: string;
  direction?: 'in' | 'out';
  status?: RecipientRow['status'];
  text?: string;
}

/**
 * TLP:RED only for its sender, the thread's originator and the people it names; `m` names a communications
 * row. Null when the sender account is gone: count the unreadable with `is not true`, not `not`.
 */
function readableBy(m: string, filter: InboxFilter): SQL {
  const row = sql.raw(m);
  return sql`(${row}.tlp <> 'TLP:RED'
    or ${row}.sender_account_id = ${filter.accountId}
    or exists (select 1 from communications root where root.id = ${row}.thread_id and root.sender_account_id = ${filter.accountId})
    or exists (select 1 from communication_addressees a where a.communication_id = ${row}.id and lower(a.email) = lower(${filter.email})))`;
}

/** What an inbox filter reads: received messages (of a status), sent ones, or both. */
function inboxScope(filter: InboxFilter) {
  return {
    state: filter.stateM49,
    status: filter.status ? sql` and r.status = ${filter.status}` : sql``,
    received: filter.direction !== 'out' || filter.status !== undefined,
    sent: filter.direction !== 'in' && filter.status === undefined,
  };
}

/**
 * Communications of the caller's State, sent or received, newest first, that the caller may
 * read: TLP:RED only for its sender, the thread's originator and the people it names.
 *
 * Without free text, a page costs the page, not the State's history (P7 in docs/performance.md:
 * ~0.4 s → a few ms at a million communications, embedded): the newest readable ids are walked
 * from the (state, message_at) and (sender_state, created_at) indexes up to offset + limit, and
 * the total counts index entries, checking readers only for the few TLP:RED ones. The free-text
 * search reads the State's messages (listInboxScan), which is also what the tests compare with.
 */
export async function listInbox(db: Db, filter: InboxFilter, page: { limit: number; offset: number }) {
  if (filter.text) return listInboxScan(db, filter, page);
  const { state, status, received, sent } = inboxScope(filter);
  const window = page.offset + page.limit;
  const windows: SQL[] = [];
  if (received) {
    // The newest `window` readable received ids, and every other one sharing the oldest instant (ties).
    const readableReceived = sql`from communication_recipients r join communications m on m.id = r.communication_id
       where r.state_m49 = ${state}${status} and (not r.red or ${readableBy('m', filter)})`;
    windows.push(sql`select r.communication_id ${readableReceived} and r.message_at >= (
        select min(w.at) from (select r.message_at as at ${readableReceived} order by r.message_at desc limit ${window}) w)`);
  }
  if (sent) {
    const readableSent = sql`from communications m where m.sender_state_m49 = ${state} and ${readableBy('m', filter)}`;
    windows.push(sql`select m.id ${readableSent} and m.created_at >= (
        select min(w.at) from (select m.created_at as at ${readableSent} order by m.created_at desc limit ${window}) w)`);
  }
  const c = communications;
  const rows = await db
    .select()
    .from(c)
    // = any(array(…)): the few ids are computed once and looked up by primary key (as a plain IN
    // the planner may hash them and scan the whole table: 0.3 s instead of milliseconds).
    .where(sql`${c.id} = any(array(${sql.join(windows, sql` union `)}))`)
    .orderBy(desc(c.createdAt), desc(c.serial))
    .limit(page.limit)
    .offset(page.offset);
  return { rows, total: await countInbox(db, filter) };
}

/**
 * How many messages listInbox has in all for the filter (no free text). Everything in scope, less
 * the TLP:RED ones, plus the TLP:RED ones the caller may read: the first two are index-only counts
 * and the last is driven by the caller's few readable messages (readableIds), so no TLP:RED message
 * is checked one by one (P7: 12 → ~3 ms a count, embedded).
 */
export async function countInbox(db: Db, filter: InboxFilter): Promise<number> {
  const { state, status, received, sent } = inboxScope(filter);
  const readable = readableIds(filter);
  const counts: SQL[] = [];
  if (received) {
    const inScope = sql`from communication_recipients r where r.state_m49 = ${state}${status}`;
    counts.push(sql`+ (select count(*) ${inScope})`);
    counts.push(sql`- (select count(*) ${inScope} and r.red)`);
    counts.push(sql`+ (select count(*) ${inScope} and r.red and r.communication_id in (${readable}))`);
  }
  if (sent) {
    const inScope = sql`from communications m where m.sender_state_m49 = ${state}`;
    counts.push(sql`+ (select count(*) ${inScope})`);
    counts.push(sql`- (select count(*) ${inScope} and m.tlp = 'TLP:RED')`);
    counts.push(sql`+ (select count(*) ${inScope} and m.tlp = 'TLP:RED' and m.id in (${readable}))`);
  }
  const [count] = rowsOf<{ n: number }>(await db.execute(sql`select (0 ${sql.join(counts, sql` `)})::int as n`));
  return count?.n ?? 0;
}

/** The ids of every message readableBy lets through for its TLP:RED rule: the caller's, their threads', those naming them. */
function readableIds(filter: InboxFilter): SQL {
  return sql`select s.id from communications s where s.sender_account_id = ${filter.accountId}
    union all select t.id from communications root join communications t on t.thread_id = root.id
     where root.sender_account_id = ${filter.accountId}
    union all select a.communication_id from communication_addressees a where lower(a.email) = lower(${filter.email})`;
}

/** The same answer as listInbox by reading every message of the State, with an optional free text. */
export async function listInboxScan(db: Db, filter: InboxFilter, page: { limit: number; offset: number }) {
  const c = communications;
  const receivedIds = sql`select r.communication_id from communication_recipients r where r.state_m49 = ${filter.stateM49}${
    filter.status ? sql` and r.status = ${filter.status}` : sql``
  }`;
  const conditions: SQL[] = [];
  if (filter.direction === 'in' || filter.status) conditions.push(sql`${c.id} in (${receivedIds})`);
  else if (filter.direction === 'out') conditions.push(sql`${c.senderStateM49} = ${filter.stateM49}`);
  else
    conditions.push(
      sql`${c.id} in (${receivedIds} union all select s.id from communications s where s.sender_state_m49 = ${filter.stateM49})`,
    );
  conditions.push(readableBy('communications', filter));
  if (filter.text) {
    const like = `%${filter.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conditions.push(
      sql`(${c.reference} ilike ${like} or ${c.ownReference} ilike ${like} or ${c.content}::text ilike ${like})`,
    );
  }
  const where = and(...conditions);
  const [rows, [count]] = await Promise.all([
    db.select().from(c).where(where).orderBy(desc(c.createdAt), desc(c.serial)).limit(page.limit).offset(page.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(c)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function insertAckToken(tx: Db, row: typeof acknowledgementTokens.$inferInsert): Promise<void> {
  await tx.insert(acknowledgementTokens).values(row);
}

export async function lockAckToken(tx: Db, tokenHash: string) {
  const [row] = await tx
    .select()
    .from(acknowledgementTokens)
    .where(and(eq(acknowledgementTokens.tokenHash, tokenHash), isNull(acknowledgementTokens.usedAt)))
    .for('update');
  return row;
}

export async function markAckTokenUsed(tx: Db, tokenHash: string, at: Date): Promise<void> {
  await tx.update(acknowledgementTokens).set({ usedAt: at }).where(eq(acknowledgementTokens.tokenHash, tokenHash));
}

export async function findRecipientById(db: Db, id: string) {
  const [row] = await db.select().from(communicationRecipients).where(eq(communicationRecipients.id, id));
  return row;
}

/** Counts and timings only: what the directory manager may know of the traffic. */
export async function trafficStats(db: Db) {
  const result = await db.execute(sql`
    select
      (select count(*)::int from communications) as communications,
      (select count(*)::int from communication_recipients) as recipient_states,
      (select count(*)::int from communication_recipients where acknowledged_at is not null and acknowledged_at <= acknowledge_due_at) as on_time,
      (select percentile_cont(0.5) within group (order by extract(epoch from (r.acknowledged_at - c.created_at)) / 60)
         from communication_recipients r join communications c on c.id = r.communication_id
        where r.acknowledged_at is not null) as median_minutes`);
  const byStatus = await db
    .select({ status: communicationRecipients.status, n: sql<number>`count(*)::int` })
    .from(communicationRecipients)
    .groupBy(communicationRecipients.status);
  const row = (result as { rows: Record<string, unknown>[] }).rows[0] ?? {};
  return {
    communications: Number(row.communications ?? 0),
    recipientStates: Number(row.recipient_states ?? 0),
    acknowledgedWithinDeadline: Number(row.on_time ?? 0),
    medianMinutesToAcknowledge:
      row.median_minutes === null || row.median_minutes === undefined ? null : Number(row.median_minutes),
    byStatus: Object.fromEntries(byStatus.map((s) => [s.status, s.n])),
  };
}

/** Summaries (never content) of the attachments of these messages. */
export async function attachmentsOf(db: Db, ids: readonly string[]): Promise<Map<string, AttachmentSummary[]>> {
  const map = new Map<string, AttachmentSummary[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .select({
      id: communicationAttachments.id,
      communicationId: communicationAttachments.communicationId,
      fileName: communicationAttachments.fileName,
      contentType: communicationAttachments.contentType,
      sizeBytes: communicationAttachments.sizeBytes,
      sha256: communicationAttachments.sha256,
    })
    .from(communicationAttachments)
    .where(inArray(communicationAttachments.communicationId, [...ids]))
    .orderBy(asc(communicationAttachments.createdAt));
  for (const { communicationId, ...summary } of rows) {
    map.set(communicationId, [...(map.get(communicationId) ?? []), summary]);
  }
  return map;
}
