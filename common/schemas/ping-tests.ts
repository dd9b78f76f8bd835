import { Type, type Static } from 'typebox';
import { POC_KINDS, SLOT_ROLES } from '../directory.ts';
import {
  PING_ACK_CHANNELS,
  PING_CHANNELS,
  PING_DEADLINE_MODES,
  PING_KEY_PROBLEMS,
  PING_RESULTS,
  PING_STATE_RESULTS,
} from '../ping-tests.ts';
import { LOCALES } from '../locales.ts';
import { ZLine, ZM49, ZRegionalGroup, ZTimestamp, ZUuid } from './shared.ts';

export const ZPingResult = Type.Enum(PING_RESULTS);
export const ZPingStateResult = Type.Enum(PING_STATE_RESULTS);
const ZNullableTimestamp = Type.Union([ZTimestamp, Type.Null()]);
const ZNullableNumber = Type.Union([Type.Number(), Type.Null()]);

export const ZPingTargeting = Type.Object(
  {
    allParticipating: Type.Boolean({ description: 'Every State with at least one active entry' }),
    groups: Type.Array(ZRegionalGroup, { maxItems: 5, description: 'Only these regional groups (empty: all)' }),
    kinds: Type.Array(Type.Enum(POC_KINDS), { maxItems: 4, description: 'Only these kinds of contact (empty: all)' }),
    states: Type.Array(ZM49, { maxItems: 200, description: 'Named States (ignored when allParticipating)' }),
  },
  { additionalProperties: false },
);

export const ZCreatePingTestRequest = Type.Object(
  {
    title: Type.Optional(ZLine({ maxLength: 200, description: 'A name for people, e.g. "Semi-annual check"' })),
    exercise: Type.Boolean({ description: 'EXERCISE: marked so in every message and kept out of statistics' }),
    targets: ZPingTargeting,
    channels: Type.Array(Type.Enum(PING_CHANNELS), { minItems: 1, maxItems: 2, uniqueItems: true }),
    deadlineMode: Type.Enum(PING_DEADLINE_MODES),
    deadlineAt: Type.Optional(Type.String({ format: 'date-time', description: 'With deadlineMode absolute' })),
    businessHours: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 400,
        description:
          "With deadlineMode business_hours: counted in each contact's time zone (09:00–17:00, weekends off)",
      }),
    ),
    reminderHours: Type.Array(Type.Integer({ minimum: 1, maximum: 720 }), {
      maxItems: 5,
      uniqueItems: true,
      description: 'Remind contacts who have not acknowledged this many hours before their deadline',
    }),
    recurrenceMonths: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 24, description: 'Run again every N months (e.g. 6); absent: once' }),
    ),
  },
  { additionalProperties: false },
);
export type CreatePingTestRequest = Static<typeof ZCreatePingTestRequest>;

export const ZPingProgress = Type.Object({
  targets: Type.Integer({ description: 'Contacts targeted' }),
  notified: Type.Integer({ description: 'Contacts whose check is written (mail in the outbox or in-app)' }),
  mailsSent: Type.Integer({ description: 'Mails accepted by the SMTP server' }),
  mailsFailed: Type.Integer({ description: 'Mails rejected for good (bounced)' }),
  mailsTotal: Type.Integer({ description: 'Mails the campaign sends' }),
  done: Type.Boolean({ description: 'Every check written and every mail sent or failed' }),
});
export type PingProgress = Static<typeof ZPingProgress>;

const FIGURES = {
  contacts: Type.Integer(),
  byResult: Type.Record(Type.String(), Type.Integer(), { description: 'Contacts per result' }),
  states: Type.Integer({ description: 'States targeted' }),
  statesReached: Type.Integer({ description: 'States where a contact acknowledged in time' }),
  acknowledgedRate: ZNullableNumber,
  respondedRate: Type.Union([Type.Number(), Type.Null()], { description: 'Acknowledged in time or late' }),
  medianSeconds: Type.Union([Type.Number(), Type.Null()], { description: 'Median time to acknowledge' }),
  p90Seconds: Type.Union([Type.Number(), Type.Null()], { description: '90th percentile time to acknowledge' }),
};
export const ZPingFigures = Type.Object(FIGURES);
export type PingFigures = Static<typeof ZPingFigures>;

export const ZPingTest = Type.Object({
  id: ZUuid,
  reference: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  exercise: Type.Boolean(),
  targets: ZPingTargeting,
  channels: Type.Array(Type.Enum(PING_CHANNELS)),
  deadlineMode: Type.Enum(PING_DEADLINE_MODES),
  deadlineAt: ZNullableTimestamp,
  businessHours: Type.Union([Type.Integer(), Type.Null()]),
  reminderHours: Type.Array(Type.Integer()),
  recurrenceMonths: Type.Union([Type.Integer(), Type.Null()]),
  sequence: Type.Integer({ description: '1 for the first run of a recurring campaign, then 2, 3…' }),
  seriesId: ZUuid,
  startsAt: ZTimestamp,
  latestDueAt: ZNullableTimestamp,
  nextRunAt: ZNullableTimestamp,
  createdBy: Type.String(),
  status: Type.Enum(['dispatching', 'open', 'closed'] as const),
  progress: ZPingProgress,
  figures: ZPingFigures,
});
export type PingTest = Static<typeof ZPingTest>;

export const ZPingTestList = Type.Object({ items: Type.Array(ZPingTest) });
export type PingTestList = Static<typeof ZPingTestList>;

export const ZPingTestParams = Type.Object({ id: ZUuid }, { additionalProperties: false });

export const ZPingStateRow = Type.Object({
  stateM49: ZM49,
  group: ZRegionalGroup,
  result: ZPingStateResult,
  contacts: Type.Integer(),
  byResult: Type.Record(Type.String(), Type.Integer()),
  firstAcknowledgedSeconds: ZNullableNumber,
});
export type PingStateRow = Static<typeof ZPingStateRow>;

export const ZPingGroupRow = Type.Object({ group: ZRegionalGroup, ...FIGURES });
export type PingGroupRow = Static<typeof ZPingGroupRow>;

export const ZPingResults = Type.Object({
  campaign: ZPingTest,
  states: Type.Array(ZPingStateRow),
  groups: Type.Array(ZPingGroupRow),
});
export type PingResults = Static<typeof ZPingResults>;

export const ZPingContactRow = Type.Object({
  targetId: ZUuid,
  entryId: ZUuid,
  stateM49: ZM49,
  kind: Type.Enum(POC_KINDS),
  slotRole: Type.Enum(SLOT_ROLES),
  name: Type.String(),
  email: Type.String(),
  timeZone: Type.String(),
  dueAt: ZTimestamp,
  notifiedAt: ZNullableTimestamp,
  acknowledgedAt: ZNullableTimestamp,
  acknowledgedVia: Type.Union([Type.Enum(PING_ACK_CHANNELS), Type.Null()]),
  secondsToAcknowledge: ZNullableNumber,
  result: ZPingResult,
  bounce: Type.Union([Type.String(), Type.Null()], { description: "The SMTP server's rejection, when bounced" }),
  keyProblem: Type.Union([Type.Enum(PING_KEY_PROBLEMS), Type.Null()]),
});
export type PingContactRow = Static<typeof ZPingContactRow>;

export const ZPingContactsQuery = Type.Object(
  {
    result: Type.Optional(ZPingResult),
    stateM49: Type.Optional(ZM49),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
export type PingContactsQuery = Static<typeof ZPingContactsQuery>;

export const ZPingContacts = Type.Object({ total: Type.Integer(), items: Type.Array(ZPingContactRow) });
export type PingContacts = Static<typeof ZPingContacts>;

export const ZPingTrendPoint = Type.Object({
  id: ZUuid,
  reference: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  startsAt: ZTimestamp,
  ...FIGURES,
});
export const ZPingTrend = Type.Object({
  items: Type.Array(ZPingTrendPoint, { description: 'Real (non-exercise) campaigns, oldest first' }),
});
export type PingTrend = Static<typeof ZPingTrend>;

export const ZPingExportQuery = Type.Object(
  {
    format: Type.Enum(['csv', 'pdf'] as const),
    language: Type.Optional(Type.Enum(LOCALES, { description: "The report's language; default the caller's" })),
  },
  { additionalProperties: false },
);

export const ZPingAcknowledgeByLinkRequest = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 100 }) },
  { additionalProperties: false },
);

export const ZPingAcknowledgement = Type.Object({
  reference: Type.String(),
  exercise: Type.Boolean(),
  stateM49: ZM49,
  acknowledgedAt: ZTimestamp,
  dueAt: ZTimestamp,
  late: Type.Boolean(),
  alreadyAcknowledged: Type.Boolean(),
});
export type PingAcknowledgement = Static<typeof ZPingAcknowledgement>;

export const ZMyPingCheck = Type.Object({
  targetId: ZUuid,
  reference: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  exercise: Type.Boolean(),
  dueAt: ZTimestamp,
  acknowledgedAt: ZNullableTimestamp,
});
export const ZMyPingChecks = Type.Object({ items: Type.Array(ZMyPingCheck) });
export type MyPingChecks = Static<typeof ZMyPingChecks>;

export const ZPingCheckParams = Type.Object({ targetId: ZUuid }, { additionalProperties: false });
