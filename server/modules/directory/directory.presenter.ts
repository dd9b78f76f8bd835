import type { DirectoryEntry, EntryDetails, EntryVersion, Nomination } from '../../../common/schemas/directory.ts';
import { nextNominationStatus } from '../../../common/directory.ts';
import { scopeOf } from '../../../common/permissions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Config } from '../../config.ts';
import type { EntryRow, EntryVersionRow } from './directory.repository.ts';
import type { DocumentSummary, NominationRow } from './nominations.repository.ts';
import { keyStatusAt } from './openpgp-key.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Viewer {
  actor: Actor;
  now: Date;
  config: Pick<Config, 'RECONFIRM_CADENCE_DAYS' | 'PGP_EXPIRY_WARNING_DAYS'>;
}

/**
 * Restricted phones and channels (e.g. a personal mobile) are for the entry's own State and
 * the directory manager. This is the one place that decides it; every route presents through it.
 */
export function seesRestrictedFields(actor: Actor, stateM49: string): boolean {
  if (actor.kind === 'system') return true;
  return actor.role === 'directory_manager' || actor.stateM49 === stateM49;
}

export function confirmationDueAt(lastConfirmedAt: Date, cadenceDays: number): Date {
  return new Date(lastConfirmedAt.getTime() + cadenceDays * DAY_MS);
}

/** What everyone who may read the directory sees of `details`, and what only some see. */
function visibleDetails(details: EntryDetails, restricted: boolean) {
  return {
    phones: details.phones.filter((p) => restricted || p.visibility === 'directory'),
    secureChannels: details.secureChannels.filter((c) => restricted || c.visibility === 'directory'),
  };
}

type EntryLike = Pick<
  EntryRow,
  | 'id'
  | 'stateM49'
  | 'status'
  | 'version'
  | 'details'
  | 'keyFingerprint'
  | 'keyExpiresAt'
  | 'lastVerifiedAt'
  | 'lastConfirmedAt'
  | 'createdAt'
  | 'updatedAt'
  | 'retiredAt'
  | 'pseudonymisedAt'
>;

export function presentEntry(row: EntryLike, viewer: Viewer): DirectoryEntry {
  const { actor, now, config } = viewer;
  const d = row.details;
  const dueAt = confirmationDueAt(row.lastConfirmedAt, config.RECONFIRM_CADENCE_DAYS);
  const ownState = actor.kind === 'account' && actor.stateM49 === row.stateM49;
  const mayChange =
    row.status === 'active' &&
    ownState &&
    actor.kind === 'account' &&
    scopeOf(actor.role, 'nominations.submit') !== undefined;
  // Only once retired, and once: afterwards nothing personal is left to replace.
  const mayPseudonymise =
    row.status === 'retired' &&
    row.pseudonymisedAt === null &&
    ownState &&
    actor.kind === 'account' &&
    scopeOf(actor.role, 'directory.pseudonymise') !== undefined;
  return {
    id: row.id,
    stateM49: row.stateM49,
    status: row.status,
    version: row.version,
    kind: d.kind,
    slotRole: d.slotRole,
    available247: d.available247,
    nameNative: d.nameNative,
    nameLatin: d.nameLatin,
    function: d.function,
    organisation: d.organisation,
    emails: d.emails,
    ...visibleDetails(d, seesRestrictedFields(actor, row.stateM49)),
    key:
      row.keyFingerprint !== null && d.pgpPublicKey !== undefined
        ? {
            fingerprint: row.keyFingerprint,
            expiresAt: row.keyExpiresAt?.toISOString() ?? null,
            status: keyStatusAt(row.keyExpiresAt, now, config.PGP_EXPIRY_WARNING_DAYS),
            armored: d.pgpPublicKey,
          }
        : null,
    workingLanguages: d.workingLanguages,
    timeZone: d.timeZone,
    availabilityHours: d.availabilityHours,
    mandate: d.mandate,
    lastVerifiedAt: row.lastVerifiedAt.toISOString(),
    lastConfirmedAt: row.lastConfirmedAt.toISOString(),
    confirmationDueAt: dueAt.toISOString(),
    stale: row.status === 'active' && dueAt.getTime() <= now.getTime(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    retiredAt: row.retiredAt?.toISOString() ?? null,
    pseudonymisedAt: row.pseudonymisedAt?.toISOString() ?? null,
    abilities: { confirm: mayChange, nominateChange: mayChange, pseudonymise: mayPseudonymise },
  };
}

/** A past version, presented with the same field visibility as the current entry. */
export function presentVersion(entry: EntryRow, version: EntryVersionRow, viewer: Viewer): EntryVersion {
  const asEntry = presentEntry(
    {
      ...entry,
      version: version.version,
      status: version.status,
      details: version.details,
      keyFingerprint: version.keyFingerprint,
      keyExpiresAt: version.keyExpiresAt,
    },
    viewer,
  );
  return {
    version: version.version,
    change: version.change,
    status: version.status,
    changedAt: version.changedAt.toISOString(),
    changedBy: version.changedByLabel,
    nominationId: version.nominationId,
    entry: { ...asEntry, abilities: { confirm: false, nominateChange: false, pseudonymise: false } },
  };
}

/** A nomination with the actions the caller may take on it now. */
export function presentNomination(row: NominationRow, document: DocumentSummary | undefined, actor: Actor): Nomination {
  const role = actor.kind === 'account' ? actor.role : undefined;
  const isManager = actor.kind === 'system' || role === 'directory_manager';
  const isOwnAuthority = role === 'national_authority' && actor.kind === 'account' && actor.stateM49 === row.stateM49;
  const can = (action: 'approve' | 'reject' | 'withdraw' | 'resend') =>
    nextNominationStatus(row.type, row.status, action) !== undefined;
  const details = row.details
    ? { ...row.details, ...visibleDetails(row.details, seesRestrictedFields(actor, row.stateM49)) }
    : null;
  return {
    id: row.id,
    stateM49: row.stateM49,
    type: row.type,
    status: row.status,
    targetEntryId: row.targetEntryId,
    resultingEntryId: row.resultingEntryId,
    details,
    reason: row.reason,
    noteVerbaleRef: row.noteVerbaleRef,
    noteVerbaleDate: row.noteVerbaleDate,
    document: document
      ? {
          sha256: document.sha256,
          sizeBytes: document.sizeBytes,
          fileName: document.fileName,
          uploadedAt: document.uploadedAt.toISOString(),
        }
      : null,
    submittedBy: row.submittedByLabel,
    submittedAt: row.submittedAt.toISOString(),
    decidedBy: row.decidedByLabel,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    rejectionReason: row.rejectionReason,
    acceptanceExpiresAt: row.acceptanceExpiresAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    abilities: {
      approve: isManager && can('approve'),
      reject: isManager && can('reject'),
      withdraw: isOwnAuthority && can('withdraw'),
      resend: isOwnAuthority && can('resend'),
    },
  };
}
