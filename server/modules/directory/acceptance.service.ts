import type { SystemActor } from '../../auth/actor.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { applyNomination } from './apply-nomination.ts';
import { mailLocaleOf } from './directory-mail.ts';
import * as repo from './nominations.repository.ts';
import { hashToken } from '../../auth/token-hash.ts';

/** The nominee acts through the link alone: no account needed, recorded as "nominee" in the audit trail. */
const NOMINEE: SystemActor = { kind: 'system', label: 'nominee' };

function invalidLink(internal: string): AppError {
  return new AppError('ACCEPTANCE_TOKEN_INVALID', { internal });
}

/** The nomination a link belongs to, if the link is still good; one message for every bad case. */
async function usableNomination(db: Db, token: string, now: Date, lock: boolean) {
  const found = await repo.unsafeFindByTokenHash(db, hashToken(token));
  if (!found) throw invalidLink('unknown or used token');
  const row = lock ? await repo.lockNomination(db, found.id) : found;
  if (!row || row.status !== 'awaiting_acceptance' || row.acceptanceTokenHash !== hashToken(token)) {
    throw invalidLink('nomination not awaiting acceptance');
  }
  if (!row.acceptanceExpiresAt || row.acceptanceExpiresAt.getTime() <= now.getTime()) throw invalidLink('expired');
  if (!row.details) throw new Error('an acceptance needs details');
  return { row, details: row.details, expiresAt: row.acceptanceExpiresAt };
}

/** What the acceptance page shows before the nominee clicks "accept". Public: the token is the credential. */
export async function previewAcceptance(db: Db, token: string, now = new Date()) {
  const { row, details, expiresAt } = await usableNomination(db, token, now, false);
  return {
    stateM49: row.stateM49,
    kind: details.kind,
    slotRole: details.slotRole,
    nameLatin: details.nameLatin,
    nameNative: details.nameNative,
    organisation: details.organisation,
    expiresAt: expiresAt.toISOString(),
    locale: mailLocaleOf(details),
  };
}

/** The nominee accepts: the entry becomes active and the link stops working (single use). */
export async function acceptNomination(db: Db, token: string, requestId: string | null, now = new Date()) {
  return db.transaction(async (tx) => {
    const { row } = await usableNomination(tx, token, now, true);
    const entry = await applyNomination(tx, NOMINEE, row, now);
    await repo.updateNomination(tx, row.id, {
      status: 'completed',
      completedAt: now,
      resultingEntryId: entry.id,
      acceptanceTokenHash: null,
    });
    await recordAudit(tx, NOMINEE, requestId, {
      action: 'nomination.accept',
      targetType: 'nomination',
      targetId: row.id,
      stateM49: row.stateM49,
      before: { status: row.status },
      after: { status: 'completed', resultingEntryId: entry.id },
    });
    return { entryId: entry.id, stateM49: entry.stateM49 };
  });
}
