import type { Ref } from 'react';
import type { MessageKey } from '../../i18n/messages.ts';
import { useT } from '../../i18n/use-t.ts';
import { fieldIdOf } from './nomination-errors.ts';

type Translate = (id: MessageKey, values?: Record<string, string | number>) => string;

const SIMPLE_LABELS: Record<string, MessageKey> = {
  type: 'nomination.field.type',
  targetEntryId: 'nomination.field.target',
  noteVerbaleRef: 'field.noteVerbaleRef',
  noteVerbaleDate: 'field.noteVerbaleDate',
  reason: 'field.reason',
  document: 'field.document',
  details: 'nomination.section.person',
  'details.kind': 'field.kind',
  'details.slotRole': 'field.slotRole',
  'details.available247': 'field.available247',
  'details.nameNative': 'field.nameNative',
  'details.nameLatin': 'field.nameLatin',
  'details.function': 'field.function',
  'details.organisation': 'field.organisation',
  'details.emails': 'field.emails',
  'details.phones': 'field.phones',
  'details.secureChannels': 'field.secureChannels',
  'details.pgpPublicKey': 'field.pgpPublicKey',
  'details.workingLanguages': 'field.workingLanguages',
  'details.timeZone': 'field.timeZone',
  'details.availabilityHours': 'field.availabilityHours',
  'details.mandate': 'field.mandate',
};

const PART_LABELS: Record<string, MessageKey> = {
  number: 'field.phoneNumber',
  label: 'field.phoneLabel',
  available247: 'field.phone247',
  visibility: 'field.visibility',
  channel: 'field.channelName',
  address: 'field.channelAddress',
};

/** A field's name as the form shows it: "details.phones.1.number" → "Phone 2 – Number". */
export function fieldLabelOf(name: string, t: Translate): string {
  const simple = SIMPLE_LABELS[name];
  if (simple) return t(simple);
  const item = /^details\.(emails|workingLanguages|phones|secureChannels)\.(\d+)(?:\.(\w+))?$/.exec(name);
  if (item?.[1] && item[2]) {
    const n = Number(item[2]) + 1;
    const itemKeys: Record<string, MessageKey> = {
      emails: 'nomination.item.email',
      workingLanguages: 'nomination.item.language',
      phones: 'nomination.item.phone',
      secureChannels: 'nomination.item.channel',
    };
    const itemKey = itemKeys[item[1]];
    const itemLabel = itemKey ? t(itemKey, { n }) : name;
    const part = item[3] ? PART_LABELS[item[3]] : undefined;
    return part ? t('nomination.item.part', { item: itemLabel, part: t(part) }) : itemLabel;
  }
  return name;
}

/**
 * Lists every problem of the last submission with a link to its field. It takes the focus after
 * a failed submission, so keyboard and screen-reader users land on the list, not the top of the page.
 */
export function ErrorSummary({
  errors,
  message,
  ref,
  labelOf,
  title,
}: {
  errors: ReadonlyMap<string, string>;
  message: string;
  ref: Ref<HTMLDivElement>;
  /** The form's own names for its fields (the nomination form's by default). */
  labelOf?: (name: string) => string;
  /** The heading, when the form is not a nomination. */
  title?: string;
}) {
  const t = useT();
  return (
    <div ref={ref} className="error-summary" tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title ?? t('nomination.errors.title', { count: errors.size })}</h2>
      <p>{message}</p>
      {errors.size > 0 && (
        <ul>
          {[...errors].map(([name, text]) => (
            <li key={name}>
              <a
                href={`#${fieldIdOf(name)}`}
                onClick={(event) => {
                  const target = document.getElementById(fieldIdOf(name));
                  if (!target) return;
                  event.preventDefault();
                  target.focus();
                }}
              >
                {labelOf ? labelOf(name) : fieldLabelOf(name, t)}: {text}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
