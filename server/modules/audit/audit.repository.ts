import { and, asc, desc, eq, getTableColumns, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
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

export async function insertEntry(db: Db, row: AuditRow): Promise<void> {
  await db.insert(auditLog).values(row);
  await db.update(auditHead).set({ position: row.position, hash: row.hash }).where(eq(auditHead.id, 1));
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

/** Oldest first, for verification. */
export function entriesAfter(db: Db, position: number, limit: number): Promise<AuditRow[]> {
  return db.select().from(auditLog).where(gt(auditLog.position, position)).orderBy(asc(auditLog.position)).limit(limit);
}

export async function countEntries(db: Db): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  return rows[0]?.n ?? 0;
}
