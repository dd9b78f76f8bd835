import type { MessageKey } from '../i18n/messages.ts';

/** Validation keywords (JSON Schema) and the server's own reasons, each with a message in six languages. */
const REASON_KEYS: Record<string, MessageKey> = {
  // JSON Schema keywords
  required: 'form.reason.required',
  format: 'form.reason.format',
  minLength: 'form.reason.minLength',
  maxLength: 'form.reason.maxLength',
  pattern: 'form.reason.pattern',
  enum: 'form.reason.enum',
  type: 'form.reason.type',
  minItems: 'form.reason.minItems',
  maxItems: 'form.reason.maxItems',
  additionalProperties: 'form.reason.notAllowed',
  // Directory rules the schema cannot express
  not_allowed: 'form.reason.notAllowed',
  date: 'form.reason.date',
  time_zone: 'form.reason.timeZone',
  language_tag: 'form.reason.languageTag',
  duplicate: 'form.reason.duplicate',
  phone_247_required: 'form.reason.phone247Required',
  unknown: 'form.reason.unknown',
  retired: 'form.reason.retired',
  already_open: 'form.reason.alreadyOpen',
  kind_mismatch: 'form.reason.kindMismatch',
  not_pdf: 'form.reason.notPdf',
  // CSV import: the file itself cannot be parsed
  syntax: 'form.reason.syntax',
  // OpenPGP key checks (/details/pgpPublicKey)
  unparsable: 'form.reason.pgpUnparsable',
  private_key: 'form.reason.pgpPrivateKey',
  no_encryption_subkey: 'form.reason.pgpNoEncryptionSubkey',
  expired: 'form.reason.pgpExpired',
  revoked: 'form.reason.pgpRevoked',
};

/** The message key for a validation keyword from the server's error details. */
export function reasonKey(reason: string): MessageKey {
  return isKnownReason(reason) ? (REASON_KEYS[reason] ?? 'form.reason.invalid') : 'form.reason.invalid';
}

/** Whether the catalogue has a message for this reason (else the generic "invalid" is shown). */
export function isKnownReason(reason: string): boolean {
  // Own keys only: "constructor" or "toString" from a server must not count as known.
  return Object.hasOwn(REASON_KEYS, reason);
}
