import type { FieldVisibility, NominationType, PocKind, SlotRole } from '../../../../common/directory.ts';
import type { DirectoryEntry, EntryDetails, NominationRequest } from '../../../../common/schemas/directory.ts';

export interface PhoneDraft {
  number: string;
  label: string;
  available247: boolean;
  visibility: FieldVisibility;
}

export interface ChannelDraft {
  channel: string;
  address: string;
  visibility: FieldVisibility;
}

/** The form's own copy of ZEntryDetails: every input is a string or a flag, lists keep their rows. */
export interface DetailsDraft {
  kind: PocKind;
  slotRole: SlotRole;
  available247: boolean;
  nameNative: string;
  nameLatin: string;
  function: string;
  organisation: string;
  emails: string[];
  phones: PhoneDraft[];
  secureChannels: ChannelDraft[];
  pgpPublicKey: string;
  workingLanguages: string[];
  timeZone: string;
  availabilityHours: string;
  mandate: string;
}

export interface NominationDraft {
  type: NominationType;
  targetEntryId: string;
  details: DetailsDraft;
  reason: string;
  noteVerbaleRef: string;
  noteVerbaleDate: string;
}

export const EMPTY_PHONE: PhoneDraft = { number: '', label: '', available247: false, visibility: 'directory' };
export const EMPTY_CHANNEL: ChannelDraft = { channel: '', address: '', visibility: 'directory' };
export const MAX_EMAILS = 5;
export const MAX_PHONES = 6;
export const MAX_CHANNELS = 6;
export const MAX_LANGUAGES = 10;

/** The browser's time zone: the national authority usually sits where its contacts work. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return '';
  }
}

export function emptyDetails(language: string, timeZone: string): DetailsDraft {
  return {
    kind: 'technical',
    slotRole: 'primary',
    available247: false,
    nameNative: '',
    nameLatin: '',
    function: '',
    organisation: '',
    emails: [''],
    phones: [],
    secureChannels: [],
    pgpPublicKey: '',
    workingLanguages: [language],
    timeZone,
    availabilityHours: '',
    mandate: '',
  };
}

/** An update starts from what the directory holds now. */
export function detailsFromEntry(entry: DirectoryEntry): DetailsDraft {
  return {
    kind: entry.kind,
    slotRole: entry.slotRole,
    available247: entry.available247,
    nameNative: entry.nameNative,
    nameLatin: entry.nameLatin,
    function: entry.function,
    organisation: entry.organisation,
    emails: entry.emails.length > 0 ? [...entry.emails] : [''],
    phones: entry.phones.map((p) => ({ ...EMPTY_PHONE, ...p, label: p.label ?? '' })),
    secureChannels: entry.secureChannels.map((c) => ({ ...c })),
    pgpPublicKey: entry.key?.armored ?? '',
    workingLanguages: entry.workingLanguages.length > 0 ? [...entry.workingLanguages] : [''],
    timeZone: entry.timeZone,
    availabilityHours: entry.availabilityHours,
    mandate: entry.mandate,
  };
}

/** A replacement is another person in the same slot: the slot and the office stay, the person is new. */
export function replacementFor(entry: DirectoryEntry, language: string): DetailsDraft {
  return {
    ...emptyDetails(language, entry.timeZone),
    kind: entry.kind,
    slotRole: entry.slotRole,
    available247: entry.available247,
    function: entry.function,
    organisation: entry.organisation,
    availabilityHours: entry.availabilityHours,
    mandate: entry.mandate,
  };
}

/**
 * The request body. Rows are sent as typed (trimmed), never dropped, so an error the server
 * reports for "/details/emails/1" still points at the second e-mail row on screen.
 */
export function toRequest(draft: NominationDraft): NominationRequest {
  const base = {
    type: draft.type,
    noteVerbaleRef: draft.noteVerbaleRef.trim(),
    noteVerbaleDate: draft.noteVerbaleDate,
    ...(draft.type !== 'new' && draft.targetEntryId ? { targetEntryId: draft.targetEntryId } : {}),
    ...(draft.reason.trim() ? { reason: draft.reason.trim() } : {}),
  };
  if (draft.type === 'removal') return base;
  const d = draft.details;
  const details: EntryDetails = {
    kind: d.kind,
    slotRole: d.slotRole,
    available247: d.available247,
    nameNative: d.nameNative.trim(),
    nameLatin: d.nameLatin.trim(),
    function: d.function.trim(),
    organisation: d.organisation.trim(),
    emails: d.emails.map((e) => e.trim()),
    phones: d.phones.map((p) => ({
      number: p.number.trim(),
      ...(p.label.trim() ? { label: p.label.trim() } : {}),
      available247: p.available247,
      visibility: p.visibility,
    })),
    secureChannels: d.secureChannels.map((c) => ({
      channel: c.channel.trim(),
      address: c.address.trim(),
      visibility: c.visibility,
    })),
    ...(d.pgpPublicKey.trim() ? { pgpPublicKey: d.pgpPublicKey.trim() } : {}),
    workingLanguages: d.workingLanguages.map((l) => l.trim()),
    timeZone: d.timeZone.trim(),
    availabilityHours: d.availabilityHours.trim(),
    mandate: d.mandate.trim(),
  };
  return { ...base, details };
}
