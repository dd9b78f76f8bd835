import type { CommunicationType } from './communications.ts';

/**
 * The standardized template, versioned. Structured fields (dates, enumerations) are shown to each
 * reader in their own language through the labels `template.field.<name>` and
 * `template.value.<field>.<value>`; free text stays as written, with its language recorded.
 */
export const AFFECTED_SECTORS = [
  'energy',
  'transport',
  'banking',
  'financial_markets',
  'health',
  'drinking_water',
  'digital_infrastructure',
  'ict_services',
  'telecommunications',
  'public_administration',
  'elections',
  'space',
  'defence',
  'education',
  'other',
] as const;

export const IMPACT_LEVELS = ['none', 'low', 'moderate', 'high', 'severe', 'unknown'] as const;
export const CRITICAL_INFRASTRUCTURE = ['yes', 'no', 'unknown'] as const;

export type TemplateFieldKind = 'text' | 'longtext' | 'datetime' | 'enum' | 'enumList' | 'stringList';

export interface TemplateField {
  name: string;
  kind: TemplateFieldKind;
  /** Values of an enum or enumList; labels in the locales. */
  options?: readonly string[];
  maxLength?: number;
}

/** Every field any template may use. Free-text kinds are text, longtext and stringList. */
export const TEMPLATE_FIELDS = {
  summary: { name: 'summary', kind: 'text', maxLength: 300 },
  incidentDescription: { name: 'incidentDescription', kind: 'longtext', maxLength: 20000 },
  firstObservedAt: { name: 'firstObservedAt', kind: 'datetime' },
  affectedSectors: { name: 'affectedSectors', kind: 'enumList', options: AFFECTED_SECTORS },
  criticalInfrastructure: { name: 'criticalInfrastructure', kind: 'enum', options: CRITICAL_INFRASTRUCTURE },
  impact: { name: 'impact', kind: 'enum', options: IMPACT_LEVELS },
  technicalIndicators: { name: 'technicalIndicators', kind: 'stringList', maxLength: 2000 },
  informationRequested: { name: 'informationRequested', kind: 'longtext', maxLength: 20000 },
  assistanceSought: { name: 'assistanceSought', kind: 'longtext', maxLength: 20000 },
  actionsTaken: { name: 'actionsTaken', kind: 'longtext', maxLength: 20000 },
  handlingInstructions: { name: 'handlingInstructions', kind: 'longtext', maxLength: 5000 },
  response: { name: 'response', kind: 'longtext', maxLength: 20000 },
} as const satisfies Record<string, TemplateField>;

export type TemplateFieldName = keyof typeof TEMPLATE_FIELDS;

export interface TemplateDefinition {
  type: CommunicationType;
  version: number;
  /** In display order. */
  fields: readonly TemplateFieldName[];
  required: readonly TemplateFieldName[];
}

const INCIDENT: readonly TemplateFieldName[] = [
  'summary',
  'incidentDescription',
  'firstObservedAt',
  'affectedSectors',
  'criticalInfrastructure',
  'impact',
  'technicalIndicators',
];

/** The current version of each type's template. Old versions stay readable: add, never edit. */
export const TEMPLATES: Record<CommunicationType, TemplateDefinition> = {
  request_for_information: {
    type: 'request_for_information',
    version: 1,
    fields: [...INCIDENT, 'informationRequested', 'actionsTaken', 'handlingInstructions'],
    required: ['summary', 'informationRequested'],
  },
  request_for_assistance: {
    type: 'request_for_assistance',
    version: 1,
    fields: [...INCIDENT, 'assistanceSought', 'actionsTaken', 'handlingInstructions'],
    required: ['summary', 'incidentDescription', 'assistanceSought'],
  },
  incident_notification: {
    type: 'incident_notification',
    version: 1,
    fields: [...INCIDENT, 'actionsTaken', 'handlingInstructions'],
    required: ['summary', 'incidentDescription'],
  },
  response: {
    type: 'response',
    version: 1,
    fields: ['summary', 'response', 'technicalIndicators', 'actionsTaken', 'handlingInstructions'],
    required: ['response'],
  },
  acknowledgement: {
    type: 'acknowledgement',
    version: 1,
    fields: ['summary'],
    required: [],
  },
};

export type TemplateValues = Partial<Record<TemplateFieldName, string | string[]>>;

export interface TemplateProblem {
  field: string;
  reason: 'required' | 'not_allowed' | 'type' | 'enum' | 'maxLength' | 'format';
}

function isIsoDateTime(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** Checks values against a template: every required field present, nothing foreign, each of its kind. */
export function validateTemplateValues(template: TemplateDefinition, values: TemplateValues): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const at = (name: string) => `/content/${name}`;
  for (const name of Object.keys(values)) {
    if (!(template.fields as readonly string[]).includes(name))
      problems.push({ field: at(name), reason: 'not_allowed' });
  }
  for (const name of template.fields) {
    const field: TemplateField = TEMPLATE_FIELDS[name];
    const value = values[name];
    const empty = value === undefined || (Array.isArray(value) ? value.length === 0 : value.trim() === '');
    if (empty) {
      if (template.required.includes(name)) problems.push({ field: at(name), reason: 'required' });
      continue;
    }
    const isList = field.kind === 'enumList' || field.kind === 'stringList';
    if (isList !== Array.isArray(value)) {
      problems.push({ field: at(name), reason: 'type' });
      continue;
    }
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (field.options && !field.options.includes(item)) problems.push({ field: at(name), reason: 'enum' });
      else if (field.maxLength !== undefined && item.length > field.maxLength) {
        problems.push({ field: at(name), reason: 'maxLength' });
      } else if (field.kind === 'datetime' && !isIsoDateTime(item))
        problems.push({ field: at(name), reason: 'format' });
    }
  }
  return problems;
}
