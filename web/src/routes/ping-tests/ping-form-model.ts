import type { PocKind } from '../../../../common/directory.ts';
import type { PingChannel, PingDeadlineMode } from '../../../../common/ping-tests.ts';
import type { RegionalGroup } from '../../../../common/regional-groups.ts';
import type { CreatePingTestRequest } from '../../../../common/schemas/ping-tests.ts';
import type { ApiError } from '../../api/client.ts';
import { isKnownReason, reasonKey } from '../../components/field-reason.ts';
import type { MessageKey } from '../../i18n/messages.ts';

type Translate = (id: MessageKey, values?: Record<string, string | number>) => string;

/** Whom the campaign reaches: every participating State, whole regional groups, or named States. */
export type TargetScope = 'all' | 'groups' | 'states';

export interface PingDraft {
  title: string;
  exercise: boolean;
  scope: TargetScope;
  groups: RegionalGroup[];
  states: string[];
  kinds: PocKind[];
  channels: PingChannel[];
  deadlineMode: PingDeadlineMode;
  /** As the datetime-local input gives it: the reader's wall clock, no zone ("2026-11-30T17:00"). */
  deadlineLocal: string;
  businessHours: string;
  reminders: string;
  repeats: boolean;
  recurrenceMonths: string;
}

export const NEW_PING_DRAFT: PingDraft = {
  title: '',
  exercise: false,
  scope: 'all',
  groups: [],
  states: [],
  kinds: [],
  channels: ['email', 'in_app'],
  deadlineMode: 'business_hours',
  deadlineLocal: '',
  businessHours: '16',
  reminders: '4',
  repeats: false,
  recurrenceMonths: '6',
};

/** The form's own checks, before the server's: the numbers in a free list must be whole hours. */
const REMINDER_SEPARATORS = /[\s,;،、，]+/;

export function parseReminders(text: string): number[] | null {
  const parts = text.split(REMINDER_SEPARATORS).filter(Boolean);
  if (!parts.every((part) => /^\d+$/.test(part))) return null;
  return parts.map(Number);
}

/** The datetime-local value as an instant in UTC (the browser knows the reader's zone), or null. */
export function deadlineInstant(local: string): string | null {
  if (!local) return null;
  const instant = new Date(local);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}

const wholeNumber = (text: string): number | undefined => (/^\d+$/.test(text.trim()) ? Number(text) : undefined);

/** The request for a draft whose reminders parsed; empty or unparsable numbers are left for the server to name. */
export function toPingRequest(draft: PingDraft, reminderHours: number[]): CreatePingTestRequest {
  const deadlineAt = deadlineInstant(draft.deadlineLocal);
  const businessHours = wholeNumber(draft.businessHours);
  const recurrenceMonths = wholeNumber(draft.recurrenceMonths);
  return {
    ...(draft.title.trim() ? { title: draft.title.trim() } : {}),
    exercise: draft.exercise,
    targets: {
      allParticipating: draft.scope === 'all',
      groups: draft.scope === 'groups' ? draft.groups : [],
      kinds: draft.kinds,
      states: draft.scope === 'states' ? draft.states : [],
    },
    channels: draft.channels,
    deadlineMode: draft.deadlineMode,
    ...(draft.deadlineMode === 'absolute' && deadlineAt ? { deadlineAt } : {}),
    ...(draft.deadlineMode === 'business_hours' && businessHours !== undefined ? { businessHours } : {}),
    reminderHours,
    ...(draft.repeats && recurrenceMonths !== undefined ? { recurrenceMonths } : {}),
  };
}

/** Messages that say what to do, for the server's reasons on this form's fields. */
const OWN_MESSAGES: Record<string, MessageKey> = {
  'targets:required': 'ping.ui.reason.targets',
  'deadlineAt:required': 'ping.ui.reason.deadlineRequired',
  'deadlineAt:future': 'ping.ui.reason.deadlineFuture',
  'deadlineAt:format': 'ping.ui.reason.deadlineRequired',
  'businessHours:required': 'ping.ui.reason.businessHours',
  'businessHours:minimum': 'ping.ui.reason.businessHours',
  'businessHours:maximum': 'ping.ui.reason.businessHours',
  'channels:minItems': 'ping.ui.reason.channels',
  'reminderHours:minimum': 'ping.ui.reason.reminders',
  'reminderHours:maximum': 'ping.ui.reason.reminders',
  'reminderHours:uniqueItems': 'ping.ui.reason.reminders',
  'reminderHours:maxItems': 'ping.ui.reason.reminders',
  'recurrenceMonths:minimum': 'ping.ui.reason.recurrence',
  'recurrenceMonths:maximum': 'ping.ui.reason.recurrence',
};

/** Errors the server reports by code alone, shown on the field they are about. */
const CODE_FIELDS: Partial<Record<string, string>> = {
  PING_NO_TARGETS: 'targets',
  UNKNOWN_STATE: 'targets',
};

/**
 * The field errors of a failed submission, by the form's field name ("targets", "reminderHours"):
 * a problem deep in a list ("/targets/states/3", "/reminderHours/1") belongs to its fieldset.
 */
export function pingFieldErrors(error: ApiError | null, t: Translate): Map<string, string> {
  const errors = new Map<string, string>();
  if (!error) return errors;
  for (const detail of error.details) {
    const name = detail.field.split('/').filter(Boolean)[0];
    if (!name || errors.has(name)) continue;
    const own = OWN_MESSAGES[`${name}:${detail.reason}`];
    errors.set(name, t(own ?? (isKnownReason(detail.reason) ? reasonKey(detail.reason) : 'form.reason.invalid')));
  }
  const codeField = CODE_FIELDS[error.code];
  if (codeField && !errors.has(codeField)) errors.set(codeField, error.message);
  return errors;
}

const FIELD_LABELS: Record<string, MessageKey> = {
  title: 'ping.ui.form.title',
  exercise: 'ping.exercise',
  targets: 'ping.ui.form.targets',
  channels: 'ping.ui.form.channels',
  deadlineMode: 'ping.ui.form.deadline',
  deadlineAt: 'ping.ui.form.deadlineAt',
  businessHours: 'ping.ui.form.businessHours',
  reminderHours: 'ping.ui.form.reminders',
  recurrenceMonths: 'ping.ui.form.recurrenceMonths',
};

export function pingFieldLabel(name: string, t: Translate): string {
  const key = FIELD_LABELS[name];
  return key ? t(key) : name;
}
