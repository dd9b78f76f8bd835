import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { accounts, apiTokens } from '../../db/schema.ts';
import type { AccountRow } from '../accounts/accounts.repository.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function insertApiToken(db: Db, row: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const rows = await db.insert(apiTokens).values(row).returning();
  return rows[0]!;
}

export async function listAccountTokens(db: Db, accountId: string): Promise<ApiTokenRow[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.accountId, accountId)).orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the account's live tokens; undefined when it is not the account's or already revoked. */
export async function revokeAccountToken(db: Db, accountId: string, id: string, at: Date) {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.accountId, accountId), isNull(apiTokens.revokedAt)))
    .returning();
  return rows[0];
}

export async function findAccountToken(db: Db, accountId: string, id: string) {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.accountId, accountId)));
  return rows[0];
}

/**
 * A live token and its enabled account, recording the use (time, address, count) in the same
 * statement, so "last used" is exact without a second round trip.
 */
export async function useLiveToken(
  db: Db,
  tokenHash: string,
  now: Date,
  address: string,
): Promise<{ token: ApiTokenRow; account: AccountRow } | undefined> {
  const used = await db
    .update(apiTokens)
    .set({ lastUsedAt: now, lastUsedAddress: address, useCount: sql`${apiTokens.useCount} + 1` })
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now)))
    .returning();
  const token = used[0];
  if (!token) return undefined;
  const owner = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.id, token.accountId), isNull(accounts.disabledAt)));
  return owner[0] ? { token, account: owner[0] } : undefined;
}
