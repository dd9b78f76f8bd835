import type {
  CommunicationType,
  RecipientStatus,
  ThreadOutcome,
  TlpLabel,
  Urgency,
} from '../../../../common/communications.ts';
import type { TemplateFieldName } from '../../../../common/communication-templates.ts';
import type { MessageKey } from '../../i18n/messages.ts';

/** Message keys built from the communications' enums; the type check proves each exists in the catalogues. */
export const typeKey = (type: CommunicationType) => `communication.type.${type}` as const;
export const urgencyKey = (urgency: Urgency) => `communication.urgency.${urgency}` as const;
export const recipientStatusKey = (status: RecipientStatus) => `communication.recipientStatus.${status}` as const;
export const outcomeKey = (outcome: ThreadOutcome) => `communication.outcome.${outcome}` as const;
export const fieldKey = (field: TemplateFieldName) => `template.field.${field}` as const;
/** A template value's label; the caller guarantees the pair exists (TEMPLATE_FIELDS options). */
export const valueKey = (field: TemplateFieldName, value: string) => `template.value.${field}.${value}` as MessageKey;

/** The one-line meaning of each TLP label (FIRST TLP 2.0). */
export const TLP_HINTS: Record<TlpLabel, MessageKey> = {
  'TLP:RED': 'communications.tlpHint.red',
  'TLP:AMBER+STRICT': 'communications.tlpHint.amberStrict',
  'TLP:AMBER': 'communications.tlpHint.amber',
  'TLP:GREEN': 'communications.tlpHint.green',
  'TLP:CLEAR': 'communications.tlpHint.clear',
};

/** "TLP:AMBER+STRICT" → "amber" (the colour class; AMBER+STRICT shares AMBER's colour). */
export function tlpColour(label: TlpLabel): 'red' | 'amber' | 'green' | 'clear' {
  if (label === 'TLP:RED') return 'red';
  if (label === 'TLP:GREEN') return 'green';
  if (label === 'TLP:CLEAR') return 'clear';
  return 'amber';
}

/** The languages offered for the free text: the six UN languages. */
export const TEXT_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
