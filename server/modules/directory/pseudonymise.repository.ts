import { and, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import type { EntryDetails } from '../../../common/schemas/directory.ts';
import type { Db } from '../../db/client.ts';
import {
  accounts,
  apiTokens,
  communicationAddressees,
  communications,
  directoryEntries,
  directoryEntryVersions,
  loginThrottle,
  nominationDocuments,
  nominations,
  outbox,
  pingCampaigns,
  pingTargets,
  sessions,
  webauthnCredentials,
} from '../../db/schema.ts';
import type { AccountRow } from '../accounts/accounts.repository.ts';
import type { NominationRow } from './nominations.repository.ts';

/**
 * SQL for pseudonymisation (pseudonymise.service.ts): every table outside the directory that holds
 * a contact's address or an account's e-mail, found by the entry's id where a row names it and by
 * the address where only the address links them (outbox, accounts, labels).
 */

/** The nominations that carried the entry's details: the one that created it and every change to it. */
export function lockEntryNominations(tx: Db, entryId: string): Promise<NominationRow[]> {
  return tx
    .select()
    .from(nominations)
    .where(or(eq(nominations.resultingEntryId, entryId), eq(nominations.targetEntryId, entryId)))
    .for('update');
}

export async function replaceVersionDetails(
  tx: Db,
  entryId: string,
  version: number,
  details: EntryDetails,
): Promise<void> {
  await tx
    .update(directoryEntryVersions)
    .set({ details, keyFingerprint: null, keyExpiresAt: null })
    .where(and(eq(directoryEntryVersions.entryId, entryId), eq(directoryEntryVersions.version, version)));
}

export async function replaceNominationPersonalData(
  tx: Db,
  id: string,
  patch: { details: EntryDetails | null; reason: string | null; rejectionReason: string | null },
): Promise<void> {
  await tx
    .update(nominations)
    .set({ ...patch, keyFingerprint: null, keyExpiresAt: null })
    .where(eq(nominations.id, id));
}

export function documentsOf(tx: Db, nominationIds: string[]) {
  if (nominationIds.length === 0) return Promise.resolve([]);
  return tx
    .select({ nominationId: nominationDocuments.nominationId, fileName: nominationDocuments.fileName })
    .from(nominationDocuments)
    .where(sql`${nominationDocuments.nominationId} in ${nominationIds}`);
}

export async function renameDocument(tx: Db, nominationId: string, fileName: string): Promise<void> {
  await tx.update(nominationDocuments).set({ fileName }).where(eq(nominationDocuments.nominationId, nominationId));
}

/** Ping test targets and communication addressees store the address the entry had when addressed. */
export async function replaceEntryAddresses(
  tx: Db,
  entryId: string,
  pseudonym: { name: string; email: string },
): Promise<{ pingTargets: number; addressees: number }> {
  const targets = await tx
    .update(pingTargets)
    .set({ name: pseudonym.name, email: pseudonym.email })
    .where(eq(pingTargets.entryId, entryId))
    .returning({ id: pingTargets.id });
  const addressees = await tx
    .update(communicationAddressees)
    .set({ email: pseudonym.email })
    .where(eq(communicationAddressees.entryId, entryId))
    .returning({ id: communicationAddressees.communicationId });
  return { pingTargets: targets.length, addressees: addressees.length };
}

/** Lower-cased addresses among `emails` that another entry, still active, uses now. */
export async function emailsOfOtherActiveEntries(tx: Db, entryId: string, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await tx
    .select({ details: directoryEntries.details })
    .from(directoryEntries)
    .where(
      and(
        ne(directoryEntries.id, entryId),
        eq(directoryEntries.status, 'active'),
        sql`exists (select 1 from jsonb_array_elements_text(${directoryEntries.details}->'emails') as e(value)
                    where lower(e.value) in ${emails})`,
      ),
    );
  const wanted = new Set(emails);
  return new Set(rows.flatMap((r) => r.details.emails.map((e) => e.toLowerCase()).filter((e) => wanted.has(e))));
}

export interface OutboxMention {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  lastError: string | null;
  status: 'pending' | 'sent' | 'failed';
}

/** Outbox rows addressed to one of `emails` or mentioning one of `needles` (lower case) anywhere. */
export function outboxRowsMentioning(tx: Db, emails: string[], needles: string[]): Promise<OutboxMention[]> {
  const conditions: SQL[] = [];
  if (emails.length > 0) conditions.push(sql`lower(${outbox.recipient}) in ${emails}`);
  for (const needle of needles) {
    conditions.push(
      sql`strpos(lower(${outbox.subject} || ' ' || ${outbox.body} || ' ' || coalesce(${outbox.lastError}, '')), ${needle}) > 0`,
    );
  }
  if (conditions.length === 0) return Promise.resolve([]);
  return tx
    .select({
      id: outbox.id,
      recipient: outbox.recipient,
      subject: outbox.subject,
      body: outbox.body,
      lastError: outbox.lastError,
      status: outbox.status,
    })
    .from(outbox)
    .where(or(...conditions))
    .for('update');
}

export async function updateOutboxRow(tx: Db, id: string, patch: Partial<typeof outbox.$inferInsert>): Promise<void> {
  await tx.update(outbox).set(patch).where(eq(outbox.id, id));
}

/** The State's accounts whose e-mail is one of `emails` (lower case). */
export function lockAccountsByEmail(tx: Db, stateM49: string, emails: string[]): Promise<AccountRow[]> {
  if (emails.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(accounts)
    .where(and(eq(accounts.stateM49, stateM49), sql`lower(${accounts.email}) in ${emails}`))
    .for('update');
}

/**
 * Replaces an account's e-mail and name, disables it and ends every way in (sessions, API tokens),
 * forgets where it signed in from, and rewrites the labels that recorded its e-mail as an author.
 */
export async function pseudonymiseAccountRow(
  tx: Db,
  account: AccountRow,
  pseudonym: { email: string; displayName: string },
  now: Date,
): Promise<void> {
  const oldEmail = account.email.toLowerCase();
  await tx
    .update(accounts)
    .set({
      email: pseudonym.email,
      displayName: pseudonym.displayName,
      disabledAt: account.disabledAt ?? now,
      pseudonymisedAt: now,
    })
    .where(eq(accounts.id, account.id));
  await tx
    .update(sessions)
    .set({ revokedAt: sql`coalesce(${sessions.revokedAt}, ${now})`, clientAddress: null, userAgent: null })
    .where(eq(sessions.accountId, account.id));
  await tx
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, ${now})`, lastUsedAddress: null })
    .where(eq(apiTokens.accountId, account.id));
  // Holders often name their keys after themselves ("Ama's YubiKey").
  await tx
    .update(webauthnCredentials)
    .set({ name: 'Security key' })
    .where(eq(webauthnCredentials.accountId, account.id));
  await tx.delete(loginThrottle).where(eq(loginThrottle.key, `account:${oldEmail}`));
  const label = pseudonym.email;
  await tx.update(communications).set({ senderLabel: label }).where(eq(communications.senderAccountId, account.id));
  await tx.update(nominations).set({ submittedByLabel: label }).where(eq(nominations.submittedByAccountId, account.id));
  await tx
    .update(nominations)
    .set({ decidedByLabel: label })
    .where(sql`lower(${nominations.decidedByLabel}) = ${oldEmail}`);
  await tx
    .update(directoryEntryVersions)
    .set({ changedByLabel: label })
    .where(eq(directoryEntryVersions.changedByAccountId, account.id));
  await tx.update(pingCampaigns).set({ createdByLabel: label }).where(eq(pingCampaigns.createdByAccountId, account.id));
}
