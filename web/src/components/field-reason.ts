import type { MessageKey } from '../i18n/messages.ts';

const REASON_KEYS: Record<string, MessageKey> = {
  required: 'form.reason.required',
  format: 'form.reason.format',
  minLength: 'form.reason.minLength',
  maxLength: 'form.reason.maxLength',
  pattern: 'form.reason.pattern',
  enum: 'form.reason.enum',
};

/** The message key for a validation keyword from the server's error details. */
export function reasonKey(reason: string): MessageKey {
  return REASON_KEYS[reason] ?? 'form.reason.invalid';
}
