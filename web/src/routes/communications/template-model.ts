import {
  TEMPLATE_FIELDS,
  type TemplateDefinition,
  type TemplateFieldName,
  type TemplateValues,
} from '../../../../common/communication-templates.ts';
import type { ApiError } from '../../api/client.ts';
import { isKnownReason, reasonKey } from '../../components/field-reason.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { fieldNameOf } from '../nominations/nomination-errors.ts';

type Translate = (id: MessageKey, values?: Record<string, string | number>) => string;

/**
 * What the form holds for a template: enumList as the chosen values, every other kind as the
 * text of its control (a datetime as the datetime-local value, a stringList one item per line).
 */
export type ContentDraft = Partial<Record<TemplateFieldName, string | string[]>>;

/** "2026-05-04T10:30" in the reader's zone → "2026-05-04T08:30:00.000Z". */
export function localToUtcIso(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The template's values as the API takes them: empty fields left out. */
export function toContent(template: TemplateDefinition, draft: ContentDraft): TemplateValues {
  const content: TemplateValues = {};
  for (const name of template.fields) {
    const kind = TEMPLATE_FIELDS[name].kind;
    const value = draft[name];
    if (value === undefined) continue;
    if (kind === 'enumList') {
      if (Array.isArray(value) && value.length > 0) content[name] = value;
    } else if (kind === 'stringList') {
      const items = String(value)
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      if (items.length > 0) content[name] = items;
    } else if (kind === 'datetime') {
      const iso = localToUtcIso(String(value));
      // A value the browser could not read is sent as typed, so the server names the field.
      if (value !== '') content[name] = iso ?? String(value);
    } else if (String(value).trim() !== '') content[name] = String(value);
  }
  return content;
}

/** Reasons of the communications rules the generic reasons do not cover. */
const OWN_REASONS: Record<string, MessageKey> = {
  kind_or_entries: 'communications.reason.kindOrEntries',
  own_state: 'communications.reason.ownState',
  less_strict: 'communications.reason.lessStrict',
};

/** Errors the server reports by code for one field, whose message (already translated) says it best. */
const CODE_FIELDS: Partial<Record<string, string>> = {
  TLP_RELEASE_REFUSED: 'tlp',
  UNKNOWN_STATE: 'recipients',
};

/**
 * Every field problem of a failed submission, by field name ("content.summary",
 * "recipients.0.kind"), first problem per field.
 */
export function communicationFieldErrors(error: ApiError | null, t: Translate): Map<string, string> {
  const errors = new Map<string, string>();
  if (!error) return errors;
  for (const detail of error.details) {
    const name = fieldNameOf(detail.field);
    if (!name || errors.has(name)) continue;
    const own = OWN_REASONS[detail.reason];
    let message: string;
    if (own) message = t(own);
    else if (error.code === 'RECIPIENT_UNKNOWN' && detail.reason === 'unknown') message = error.message;
    else message = t(isKnownReason(detail.reason) ? reasonKey(detail.reason) : 'form.reason.invalid');
    errors.set(name, message);
  }
  const codeField = CODE_FIELDS[error.code];
  if (codeField && errors.size === 0) errors.set(codeField, error.message);
  return errors;
}
