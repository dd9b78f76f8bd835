import type { EntryDetails } from '../../../common/schemas/directory.ts';
import { actorAccountId, actorLabel, type Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as entries from './directory.repository.ts';
import { searchTextOf } from './entry-details-validation.ts';
import type { NominationRow } from './nominations.repository.ts';

/** The columns derived from details: what search and filters read without opening the JSON. */
function indexedColumns(details: EntryDetails, nomination: NominationRow) {
  return {
    kind: details.kind,
    slotRole: details.slotRole,
    details,
    searchText: searchTextOf(details),
    available247: details.available247,
    languages: [...new Set(details.workingLanguages.map((tag) => (tag.split('-')[0] ?? tag).toLowerCase()))],
    keyFingerprint: nomination.keyFingerprint,
    keyExpiresAt: nomination.keyExpiresAt,
  };
}

/**
 * Makes a verified (and, for a new person, accepted) nomination part of the directory: a new
 * entry, or a new version of its target. Nothing is overwritten: every version stays.
 * The nomination's verification time becomes the entry's "last verified".
 */
export async function applyNomination(tx: Db, actor: Actor, nomination: NominationRow, now: Date) {
  const verifiedAt = nomination.decidedAt ?? now;
  const changedBy = { changedAt: now, changedByLabel: actorLabel(actor), changedByAccountId: actorAccountId(actor) };
  let entry: entries.EntryRow;
  let change: 'created' | 'updated' | 'replaced' | 'retired';
  if (nomination.type === 'new') {
    if (!nomination.details) throw new Error('a new nomination has details');
    change = 'created';
    entry = await entries.insertEntry(tx, {
      stateM49: nomination.stateM49,
      status: 'active',
      version: 1,
      ...indexedColumns(nomination.details, nomination),
      lastVerifiedAt: verifiedAt,
      lastConfirmedAt: now,
      createdAt: now,
      updatedAt: now,
    });
  } else {
    if (!nomination.targetEntryId) throw new Error('a change names its entry');
    const target = await entries.lockEntry(tx, nomination.targetEntryId);
    if (!target) throw new AppError('NOT_FOUND');
    if (target.status !== 'active') throw new AppError('ENTRY_RETIRED');
    if (nomination.type === 'removal') {
      change = 'retired';
      entry = await entries.updateEntry(tx, target.id, {
        status: 'retired',
        version: target.version + 1,
        retiredAt: now,
        updatedAt: now,
      });
    } else {
      if (!nomination.details) throw new Error('an update has details');
      change = nomination.type === 'replacement' ? 'replaced' : 'updated';
      entry = await entries.updateEntry(tx, target.id, {
        version: target.version + 1,
        ...indexedColumns(nomination.details, nomination),
        lastVerifiedAt: verifiedAt,
        lastConfirmedAt: now,
        updatedAt: now,
      });
    }
  }
  await entries.insertVersion(tx, {
    entryId: entry.id,
    version: entry.version,
    change,
    status: entry.status,
    details: entry.details,
    keyFingerprint: entry.keyFingerprint,
    keyExpiresAt: entry.keyExpiresAt,
    nominationId: nomination.id,
    ...changedBy,
  });
  await recordAudit(tx, actor, null, {
    action: `entry.${change === 'created' ? 'create' : change === 'retired' ? 'retire' : change === 'replaced' ? 'replace' : 'update'}`,
    targetType: 'directory_entry',
    targetId: entry.id,
    stateM49: entry.stateM49,
    after: { version: entry.version, nominationId: nomination.id, status: entry.status },
  });
  return entry;
}
