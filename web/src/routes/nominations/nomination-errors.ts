import type { ApiError } from '../../api/client.ts';
import { isKnownReason, reasonKey } from '../../components/field-reason.ts';
import type { MessageKey } from '../../i18n/messages.ts';

type Translate = (id: MessageKey, values?: Record<string, string | number>) => string;

/**
 * Messages that say more than the generic reason because the field is known: "pattern" on a
 * phone number means "use +<country code>", not "does not match the expected format".
 */
const FIELD_MESSAGES: { field: RegExp; reasons: readonly string[]; key: MessageKey }[] = [
  { field: /^details\.phones\.\d+\.number$/, reasons: ['pattern', 'format'], key: 'nomination.reason.phone' },
  { field: /^details\.emails\.\d+$/, reasons: ['format', 'pattern'], key: 'nomination.reason.email' },
  { field: /^details\.emails$/, reasons: ['minItems'], key: 'nomination.reason.emailsMin' },
  {
    field: /^details\.workingLanguages\.\d+$/,
    reasons: ['pattern', 'language_tag'],
    key: 'nomination.reason.language',
  },
  { field: /^details\.workingLanguages$/, reasons: ['minItems'], key: 'nomination.reason.languagesMin' },
  { field: /^details\.timeZone$/, reasons: ['time_zone', 'enum', 'pattern'], key: 'nomination.reason.timeZone' },
  { field: /^noteVerbaleDate$/, reasons: ['pattern', 'format', 'date'], key: 'nomination.reason.noteDate' },
  { field: /^targetEntryId$/, reasons: ['required'], key: 'nomination.reason.target' },
];

/** Errors the server reports by code for one field, whose own message (already translated) says it best. */
const CODE_FIELDS: Partial<Record<string, string>> = {
  PGP_KEY_INVALID: 'details.pgpPublicKey',
  NOTE_VERBALE_DATE_INVALID: 'noteVerbaleDate',
  KIND_MISMATCH: 'details.kind',
  NOMINATION_ALREADY_OPEN: 'targetEntryId',
  NOMINATION_TARGET_REQUIRED: 'targetEntryId',
  ENTRY_RETIRED: 'targetEntryId',
  DOCUMENT_NOT_PDF: 'document',
};

/** Reasons that say more than their error code's message: which OpenPGP check the key failed. */
const PRECISE_REASONS: ReadonlySet<string> = new Set([
  'unparsable',
  'private_key',
  'no_encryption_subkey',
  'expired',
  'revoked',
]);

/** "/details/emails/0" → "details.emails.0": the form's name for a field. */
export function fieldNameOf(pointer: string): string {
  return pointer.split('/').filter(Boolean).join('.');
}

/** The id of the input for a field name, so an error summary can link to it. */
export function fieldIdOf(name: string): string {
  return `nom-${name.replace(/\./g, '-')}`;
}

/** The message for one field problem, in the UI language. */
export function fieldMessage(name: string, reason: string, t: Translate): string {
  const specific = FIELD_MESSAGES.find((rule) => rule.field.test(name) && rule.reasons.includes(reason));
  if (specific) return t(specific.key);
  return t(isKnownReason(reason) ? reasonKey(reason) : 'form.reason.invalid');
}

/**
 * Every field problem of a failed submission, by field name, first problem per field. Field-bound
 * error codes without details (a bad OpenPGP key) land on their field with the server's message.
 */
export function nominationFieldErrors(error: ApiError | null, t: Translate): Map<string, string> {
  const errors = new Map<string, string>();
  if (!error) return errors;
  const codeField = CODE_FIELDS[error.code];
  for (const detail of error.details) {
    const name = fieldNameOf(detail.field);
    if (!name || errors.has(name)) continue;
    const useCodeMessage = name === codeField && !PRECISE_REASONS.has(detail.reason);
    errors.set(name, useCodeMessage ? error.message : fieldMessage(name, detail.reason, t));
  }
  if (codeField && !errors.has(codeField)) errors.set(codeField, error.message);
  return errors;
}
