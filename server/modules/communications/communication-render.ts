import { TEMPLATE_FIELDS, TEMPLATES, type TemplateField } from '../../../common/communication-templates.ts';
import type { Locale } from '../../../common/locales.ts';
import { formatUtc, languageNameIn, translate } from '../../i18n.ts';
import type { CommunicationRow } from './communications.repository.ts';

function valueText(field: TemplateField, value: string | string[], locale: Locale): string {
  const label = (v: string) => translate(locale, `template.value.${field.name}.${v}`);
  switch (field.kind) {
    case 'enum':
      return label(String(value));
    case 'enumList':
      return (Array.isArray(value) ? value : [value]).map(label).join(', ');
    case 'stringList':
      return (Array.isArray(value) ? value : [value]).map((item) => `- ${item}`).join('\n');
    case 'datetime':
      return formatUtc(String(value));
    case 'text':
    case 'longtext':
      return String(value);
  }
}

/**
 * The template instance as plain text in the reader's language: labels and enumerated values
 * translated, dates in UTC, free text exactly as written, with its language named as authoritative.
 */
export function renderContentText(message: CommunicationRow, locale: Locale): string {
  const template = TEMPLATES[message.type];
  const blocks: string[] = [];
  for (const name of template.fields) {
    const value = message.content[name];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    const field: TemplateField = TEMPLATE_FIELDS[name];
    const text = valueText(field, value, locale);
    blocks.push(`${translate(locale, `template.field.${name}`)}:\n${text}`);
  }
  blocks.push(
    translate(locale, 'communication.freeTextLanguage', { language: languageNameIn(message.language, locale) }),
  );
  return blocks.join('\n\n');
}
