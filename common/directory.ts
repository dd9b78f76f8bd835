/**
 * The directory's vocabulary: kinds of point of contact, slots, nominations and their
 * transitions. Shared by server (rules), web (forms) and CLI (import/export).
 */

/** Kinds of point of contact (MISSION.md): policy, technical, and the cybercrime network's two. */
export const POC_KINDS = ['diplomatic', 'technical', 'cybercrime_24_7', 'central_authority_mla'] as const;
export type PocKind = (typeof POC_KINDS)[number];

/** Each kind has a primary slot and any number of alternates. */
export const SLOT_ROLES = ['primary', 'alternate'] as const;
export type SlotRole = (typeof SLOT_ROLES)[number];

export const ENTRY_STATUSES = ['active', 'retired'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** Who may see a phone number or secure channel besides its own State and the directory manager. */
export const FIELD_VISIBILITIES = ['directory', 'restricted'] as const;
export type FieldVisibility = (typeof FIELD_VISIBILITIES)[number];

/**
 * new: a new slot holder; update: corrected details of the same person; replacement: another
 * person takes an existing slot; removal: the slot is retired.
 */
export const NOMINATION_TYPES = ['new', 'update', 'replacement', 'removal'] as const;
export type NominationType = (typeof NOMINATION_TYPES)[number];

export const NOMINATION_STATUSES = ['submitted', 'awaiting_acceptance', 'completed', 'rejected', 'withdrawn'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

export const NOMINATION_ACTIONS = ['approve', 'reject', 'accept', 'withdraw', 'resend'] as const;
export type NominationAction = (typeof NOMINATION_ACTIONS)[number];

/** A new person must accept by e-mail; an update or a removal takes effect on approval. */
export function needsAcceptance(type: NominationType): boolean {
  return type === 'new' || type === 'replacement';
}

/** The one transition table: from status, by action, to status. Anything absent is refused. */
export function nextNominationStatus(
  type: NominationType,
  from: NominationStatus,
  action: NominationAction,
): NominationStatus | undefined {
  switch (action) {
    case 'approve':
      if (from !== 'submitted') return undefined;
      return needsAcceptance(type) ? 'awaiting_acceptance' : 'completed';
    case 'reject':
      return from === 'submitted' ? 'rejected' : undefined;
    case 'accept':
      return from === 'awaiting_acceptance' ? 'completed' : undefined;
    case 'withdraw':
      return from === 'submitted' || from === 'awaiting_acceptance' ? 'withdrawn' : undefined;
    case 'resend':
      return from === 'awaiting_acceptance' ? 'awaiting_acceptance' : undefined;
  }
}

/** Statuses that still need someone to act. */
export const OPEN_NOMINATION_STATUSES: readonly NominationStatus[] = ['submitted', 'awaiting_acceptance'];

/** Export formats for `pocdir directory export` and GET /api/v1/directory/export. */
export const EXPORT_FORMATS = ['vcard', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** OpenPGP key state shown beside the fingerprint. */
export const KEY_STATUSES = ['valid', 'expiring', 'expired'] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];
