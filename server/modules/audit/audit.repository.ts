import { and, desc, eq, getTableColumns, lt, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.ts';
import { accounts, auditHead, auditLog } from '../../db/schema.ts';

export type AuditRow = typeof auditLog.$inferSelect;
/** An entry for the auditor's view: the acting account's e-mail as it is now (null for the CLI and the system). */
export type AuditListRow = AuditRow & { actorEmail: string | null };

/** Locks the chain head for the rest of the transaction, so appends are serialised. */
export async function lockHead(db: Db): Promise<{ position: number; hash: string }> {
  const rows = await db.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
  const head = rows[0];
  if (!head) throw new Error('audit_head row missing: migrations not applied?');
  return { position: head.position, hash: head.hash };
}

/** Appends the entry and moves the head to it, in one statement: the head stays locked one round trip less. */
export async function insertEntry(db: Db, row: AuditRow): Promise<void> {
  await db.execute(sql`with appended as (${db.insert(auditLog).values(row).getSQL()})
    update audit_head set position = ${row.position}, hash = ${row.hash} where id = 1`);
}

export async function readHead(db: Db): Promise<{ position: number; hash: string } | undefined> {
  const rows = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  return rows[0];
}

/** Newest first, keyset-paged by position, each with its account's current e-mail. */
export function listEntries(
  db: Db,
  options: { before?: number; limit: number; action?: string },
): Promise<AuditListRow[]> {
  const conditions = [
    options.before !== undefined ? lt(auditLog.position, options.before) : undefined,
    options.action !== undefined ? eq(auditLog.action, options.action) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select({ ...getTableColumns(auditLog), actorEmail: accounts.email })
    .from(auditLog)
    .leftJoin(accounts, eq(accounts.id, auditLog.actorAccountId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.position))
    .limit(options.limit);
}

/** A page of the chain for verification: how many entries, the last position, and the entries as JSON. */
export interface ChainPage {
  count: number;
  lastPosition: number;
  /** The entries, oldest first, in the format parseChainPage (audit.chain.ts) reads. */
  json: string;
}

/**
 * Up to `limit` entries after `position`, oldest first, for verification. The database writes the
 * page as one JSON text: 13 columns decoded row by row in JavaScript (by Drizzle, or by the drivers
 * themselves) cost 3 to 4 times as much per entry as one string per page and its JSON.parse (P6).
 * `at` is sent as text so that it becomes the same Date as through Drizzle; state_m49 is not cast,
 * since a cast of char(3) to text would drop the trailing spaces the hash covers. The JSON is parsed
 * once, where Drizzle parses a jsonb string a second time ("0" becomes 0, and the hash no longer matches).
 */
export async function chainPageAfter(db: Db, position: number, limit: number): Promise<ChainPage> {
  const rows = rowsOf<{ count: number; last: string | null; json: string }>(
    await db.execute(sql`
      select count(*)::int as count, max(position)::text as last,
        coalesce(json_agg(json_build_array(position, at::text, actor_account_id, actor_label, action, target_type,
          target_id, state_m49, before, after, request_id, prev_hash, hash) order by position), '[]')::text as json
      from (select * from audit_log where position > ${position} order by position limit ${limit}) page`),
  );
  const page = rows[0];
  if (!page) throw new Error('chainPageAfter: no result row');
  return { count: page.count, lastPosition: page.last === null ? position : Number(page.last), json: page.json };
}

/**
 * The highest position in the trail: the total that verification reports progress against. Read from
 * the primary key, where count(*) would scan the whole table before verification starts.
 */
export async function lastPosition(db: Db): Promise<number> {
  const rows = await db.select({ last: sql<string | null>`max(${auditLog.position})::text` }).from(auditLog);
  return Number(rows[0]?.last ?? 0);
}
