import type { DirectoryEntry, EntryDetails, Phone, SecureChannel } from '../../../common/schemas/directory.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { formatFingerprint, kindKey, languageName, slotKey, visibilityKey } from './directory-labels.ts';

/** The fields of a point of contact as people compare them: history, verification, review. */
export const ENTRY_FIELDS = [
  'nameNative',
  'nameLatin',
  'kind',
  'slotRole',
  'available247',
  'function',
  'organisation',
  'emails',
  'phones',
  'secureChannels',
  'pgpPublicKey',
  'workingLanguages',
  'timeZone',
  'availabilityHours',
  'mandate',
] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];

export const fieldKey = (field: EntryField | 'noteVerbaleRef' | 'noteVerbaleDate' | 'reason') =>
  `field.${field}` as const;

type Translate = (id: MessageKey, values?: Record<string, string | number>) => string;
export type FieldValues = Record<EntryField, string>;

/*
 * Each part is a bidi isolate, so "+233 30 … · office · على مدار الساعة" keeps its order in an
 * Arabic sentence; the number is always left to right.
 */
const isolate = (text: string) => `\u2068${text}\u2069`;
const leftToRight = (text: string) => `\u2066${text}\u2069`;

function phoneText(phone: Phone, t: Translate): string {
  const parts = [leftToRight(phone.number)];
  if (phone.label) parts.push(isolate(phone.label));
  if (phone.available247) parts.push(isolate(t('directory.available247')));
  if (phone.visibility === 'restricted') parts.push(isolate(t(visibilityKey('restricted'))));
  return parts.join(' · ');
}

function channelText(channel: SecureChannel, t: Translate): string {
  const text = `${isolate(channel.channel)}: ${leftToRight(channel.address)}`;
  return channel.visibility === 'restricted' ? `${text} · ${isolate(t(visibilityKey('restricted')))}` : text;
}

type Shared = Omit<EntryDetails, 'pgpPublicKey'>;

function sharedValues(d: Shared, t: Translate, locale: string): Omit<FieldValues, 'pgpPublicKey'> {
  return {
    nameNative: d.nameNative,
    nameLatin: d.nameLatin,
    kind: t(kindKey(d.kind)),
    slotRole: t(slotKey(d.slotRole)),
    available247: t(d.available247 ? 'app.yes' : 'app.no'),
    function: d.function,
    organisation: d.organisation,
    emails: d.emails.join(', '),
    phones: d.phones.map((p) => phoneText(p, t)).join('; '),
    secureChannels: d.secureChannels.map((c) => channelText(c, t)).join('; '),
    workingLanguages: d.workingLanguages.map((tag) => languageName(tag, locale)).join(', '),
    timeZone: d.timeZone,
    availabilityHours: d.availabilityHours,
    mandate: d.mandate,
  };
}

/** An entry's fields as text; the key by its fingerprint. */
export function entryValues(entry: DirectoryEntry, t: Translate, locale: string): FieldValues {
  return {
    ...sharedValues(entry, t, locale),
    pgpPublicKey: entry.key ? formatFingerprint(entry.key.fingerprint) : '',
  };
}

/** Proposed details as text. A proposal carries the armoured key, which has no fingerprint yet. */
export function detailsValues(details: EntryDetails, t: Translate, locale: string): FieldValues {
  return {
    ...sharedValues(details, t, locale),
    pgpPublicKey: details.pgpPublicKey ? t('entry.key.supplied') : '',
  };
}

/** The fields whose text differs between two versions, in display order. */
export function changedFields(before: FieldValues, after: FieldValues): EntryField[] {
  return ENTRY_FIELDS.filter((field) => before[field] !== after[field]);
}

/** Long values (a mandate, a key) are cut for the history list; the full text is one click away. */
export function shorten(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
