import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Role } from '../../../common/roles.ts';
import type { Db } from '../../db/client.ts';
import { accounts } from '../../db/schema.ts';

export type AccountRow = typeof accounts.$inferSelect;

export async function unsafeFindAccountById(db: Db, id: string): Promise<AccountRow | undefined> {
  const rows = await db.select().from(accounts).where(eq(accounts.id, id));
  return rows[0];
}

export async function unsafeFindAccountByEmail(db: Db, email: string): Promise<AccountRow | undefined> {
  const rows = await db
    .select()
    .from(accounts)
    .where(sql`lower(${accounts.email}) = ${email.toLowerCase()}`);
  return rows[0];
}

export async function emailExists(db: Db, email: string): Promise<boolean> {
  return (await unsafeFindAccountByEmail(db, email)) !== undefined;
}

export function listAccounts(
  db: Db,
  filter: { states: 'all' | string[]; stateM49?: string; role?: Role; includeDisabled: boolean },
): Promise<AccountRow[]> {
  const conditions: (SQL | undefined)[] = [
    filter.states === 'all' ? undefined : inArray(accounts.stateM49, filter.states.length ? filter.states : ['']),
    filter.stateM49 !== undefined ? eq(accounts.stateM49, filter.stateM49) : undefined,
    filter.role !== undefined ? eq(accounts.role, filter.role) : undefined,
    filter.includeDisabled ? undefined : isNull(accounts.disabledAt),
  ];
  return db
    .select()
    .from(accounts)
    .where(and(...conditions))
    .orderBy(asc(accounts.stateM49), asc(accounts.role), asc(accounts.email));
}

export async function insertAccount(db: Db, row: typeof accounts.$inferInsert): Promise<AccountRow> {
  const [inserted] = await db.insert(accounts).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

export async function setDisabled(db: Db, id: string, disabledAt: Date | null): Promise<AccountRow> {
  const [updated] = await db.update(accounts).set({ disabledAt }).where(eq(accounts.id, id)).returning();
  if (!updated) throw new Error('update returned no row');
  return updated;
}

export async function countAccounts(db: Db): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(accounts);
  return rows[0]?.n ?? 0;
}

export async function updateAccount(db: Db, id: string, set: Partial<typeof accounts.$inferInsert>): Promise<void> {
  await db.update(accounts).set(set).where(eq(accounts.id, id));
}
