import { and, count, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { recoveryCodes, sessions, totpFactors, webauthnCredentials } from '../../db/schema.ts';

export type TotpRow = typeof totpFactors.$inferSelect;
export type WebauthnRow = typeof webauthnCredentials.$inferSelect;

export async function findTotp(db: Db, accountId: string): Promise<TotpRow | undefined> {
  return (await db.select().from(totpFactors).where(eq(totpFactors.accountId, accountId)))[0];
}

export async function setPendingTotp(db: Db, accountId: string, pendingSecretSealed: string): Promise<void> {
  await db
    .insert(totpFactors)
    .values({ accountId, pendingSecretSealed })
    .onConflictDoUpdate({ target: totpFactors.accountId, set: { pendingSecretSealed } });
}

/** The pending authenticator becomes the account's one, with the step of its first code. */
export async function confirmPendingTotp(db: Db, accountId: string, step: number, at: Date): Promise<void> {
  const row = await findTotp(db, accountId);
  if (!row?.pendingSecretSealed) return;
  await db
    .update(totpFactors)
    .set({ secretSealed: row.pendingSecretSealed, pendingSecretSealed: null, confirmedAt: at, lastStep: step })
    .where(eq(totpFactors.accountId, accountId));
}

/**
 * Records a used time step, atomically: false when the same or a later step was already used,
 * so a code seen once (shoulder surfing, a replayed request) never works again.
 */
export async function claimTotpStep(db: Db, accountId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(totpFactors)
    .set({ lastStep: step })
    .where(and(eq(totpFactors.accountId, accountId), or(isNull(totpFactors.lastStep), lt(totpFactors.lastStep, step))))
    .returning({ accountId: totpFactors.accountId });
  return rows.length > 0;
}

export async function deleteTotp(db: Db, accountId: string): Promise<void> {
  await db.delete(totpFactors).where(eq(totpFactors.accountId, accountId));
}

export async function listWebauthn(db: Db, accountId: string): Promise<WebauthnRow[]> {
  return db
    .select()
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.accountId, accountId))
    .orderBy(webauthnCredentials.createdAt);
}

export async function insertWebauthn(db: Db, row: typeof webauthnCredentials.$inferInsert): Promise<void> {
  await db.insert(webauthnCredentials).values(row);
}

export async function recordWebauthnUse(db: Db, id: string, counter: number, at: Date): Promise<void> {
  await db.update(webauthnCredentials).set({ counter, lastUsedAt: at }).where(eq(webauthnCredentials.id, id));
}

export async function deleteWebauthn(db: Db, accountId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(webauthnCredentials)
    .where(and(eq(webauthnCredentials.accountId, accountId), eq(webauthnCredentials.id, id)))
    .returning({ id: webauthnCredentials.id });
  return rows.length > 0;
}

export async function countUnusedRecoveryCodes(db: Db, accountId: string): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt)));
  return Number(rows[0]?.n ?? 0);
}

export async function replaceRecoveryCodes(db: Db, accountId: string, hashes: string[]): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
  await db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ accountId, codeHash })));
}

/** Marks an unused code as used; false when unknown or used already (single use, atomically). */
export async function useRecoveryCode(db: Db, accountId: string, codeHash: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: at })
    .where(
      and(eq(recoveryCodes.accountId, accountId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)),
    )
    .returning({ codeHash: recoveryCodes.codeHash });
  return rows.length > 0;
}

export async function setWebauthnChallenge(db: Db, tokenHash: string, challenge: string): Promise<void> {
  await db.update(sessions).set({ webauthnChallenge: challenge }).where(eq(sessions.tokenHash, tokenHash));
}

/** Takes the session's outstanding challenge and clears it: a challenge answers once. */
export async function takeWebauthnChallenge(db: Db, tokenHash: string): Promise<string | null> {
  const rows = await db
    .select({ challenge: sessions.webauthnChallenge })
    .from(sessions)
    .where(eq(sessions.tokenHash, tokenHash))
    .for('update');
  await db.update(sessions).set({ webauthnChallenge: null }).where(eq(sessions.tokenHash, tokenHash));
  return rows[0]?.challenge ?? null;
}

/**
 * Ends the second-factor step: the session gets a new token (the one issued after the password
 * alone stops working, so it cannot be fixed or replayed), full lifetime and its method.
 */
export async function elevateSession(
  db: Db,
  oldTokenHash: string,
  change: { tokenHash: string; method: 'totp' | 'webauthn' | 'recovery'; expiresAt: Date; at: Date },
): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({
      tokenHash: change.tokenHash,
      secondFactor: 'verified',
      secondFactorMethod: change.method,
      expiresAt: change.expiresAt,
      lastSeenAt: change.at,
      webauthnChallenge: null,
    })
    .where(and(eq(sessions.tokenHash, oldTokenHash), isNull(sessions.revokedAt)))
    .returning({ tokenHash: sessions.tokenHash });
  return rows.length > 0;
}

/** What an account can use as a second factor. */
export async function factorsOf(db: Db, accountId: string) {
  const [totp, webauthn, recovery] = await Promise.all([
    findTotp(db, accountId),
    db.select({ n: count() }).from(webauthnCredentials).where(eq(webauthnCredentials.accountId, accountId)),
    countUnusedRecoveryCodes(db, accountId),
  ]);
  return { totp: Boolean(totp?.secretSealed), webauthn: Number(webauthn[0]?.n ?? 0), recovery };
}

/** Removes every second factor of an account; says what there was. */
export async function removeAllFactors(db: Db, accountId: string) {
  const totp = await db.delete(totpFactors).where(eq(totpFactors.accountId, accountId)).returning();
  const keys = await db.delete(webauthnCredentials).where(eq(webauthnCredentials.accountId, accountId)).returning();
  await db.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
  return { totp: totp.length > 0, securityKeys: keys.length };
}
