import { Type, type Static } from 'typebox';
import {
  ADDRESSABLE_KINDS,
  COMMUNICATION_TYPES,
  RECIPIENT_ACTIONS,
  RECIPIENT_STATUSES,
  THREAD_OUTCOMES,
  TLP_LABELS,
  URGENCIES,
} from '../communications.ts';
import { TEMPLATE_FIELDS, type TemplateField } from '../communication-templates.ts';
import { ZFreeText, ZLine, ZM49, ZTimestamp, ZUuid } from './shared.ts';

export const ZCommunicationType = Type.Enum(COMMUNICATION_TYPES);
export const ZTlp = Type.Enum(TLP_LABELS, { description: 'FIRST TLP 2.0 label, exactly as written' });
export const ZUrgency = Type.Enum(URGENCIES);
export const ZRecipientStatus = Type.Enum(RECIPIENT_STATUSES);
export const ZRecipientAction = Type.Enum(RECIPIENT_ACTIONS);
export const ZThreadOutcome = Type.Enum(THREAD_OUTCOMES);

const ZLanguageTag = Type.String({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$', description: 'BCP 47 tag' });

/**
 * The template instance: every field any template has, each with its own type (no unions, so
 * validation never has to guess); which fields a type requires or allows is checked per template.
 */
export const ZTemplateContent = Type.Object(
  Object.fromEntries(
    Object.values(TEMPLATE_FIELDS).map((field: TemplateField) => [field.name, Type.Optional(fieldSchema(field))]),
  ),
  {
    additionalProperties: false,
    description: 'Fields of the template of this type (common/communication-templates.ts)',
  },
);

function fieldSchema(field: TemplateField) {
  switch (field.kind) {
    case 'enum':
      return Type.Enum(field.options ?? []);
    case 'enumList':
      return Type.Array(Type.Enum(field.options ?? []), { maxItems: 50 });
    case 'stringList':
      return Type.Array(ZFreeText({ maxLength: field.maxLength ?? 2000 }), { maxItems: 200 });
    case 'datetime':
      return Type.String({ format: 'date-time' });
    case 'text':
    case 'longtext':
      return ZFreeText({ maxLength: field.maxLength ?? 20000 });
  }
}

/** One recipient State: every active entry of a kind there, or the named entries. */
export const ZAddressee = Type.Object(
  {
    stateM49: ZM49,
    kind: Type.Optional(Type.Enum(ADDRESSABLE_KINDS)),
    entryIds: Type.Optional(Type.Array(ZUuid, { minItems: 1, maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type Addressee = Static<typeof ZAddressee>;

export const ZSendRequest = Type.Object(
  {
    type: Type.Enum(['request_for_information', 'request_for_assistance', 'incident_notification']),
    recipients: Type.Array(ZAddressee, { minItems: 1, maxItems: 195 }),
    tlp: ZTlp,
    urgency: ZUrgency,
    requestedResponseHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 2160 })),
    ownReference: Type.Optional(ZLine({ maxLength: 100 })),
    language: ZLanguageTag,
    content: ZTemplateContent,
  },
  { additionalProperties: false },
);
export type SendRequest = Static<typeof ZSendRequest>;

/** A reply in a thread: a response or an acknowledgement; never less strict than what it answers. */
export const ZReplyRequest = Type.Object(
  {
    type: Type.Enum(['response', 'acknowledgement']),
    tlp: Type.Optional(ZTlp),
    language: ZLanguageTag,
    content: ZTemplateContent,
    /** Also move the replying State's status to "answered" (a response) — the default for a response. */
    answers: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ReplyRequest = Static<typeof ZReplyRequest>;

export const ZRecipientActionRequest = Type.Object(
  { action: ZRecipientAction, reason: Type.Optional(ZFreeText({ minLength: 1, maxLength: 1000 })) },
  { additionalProperties: false },
);

export const ZCloseRequest = Type.Object({ outcome: ZThreadOutcome }, { additionalProperties: false });

export const ZForwardRequest = Type.Object(
  { recipients: Type.Array(ZAddressee, { minItems: 1, maxItems: 195 }) },
  { additionalProperties: false },
);

export const ZAcknowledgeByLinkRequest = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 100 }) },
  { additionalProperties: false },
);

export const ZRecipientState = Type.Object({
  stateM49: ZM49,
  status: ZRecipientStatus,
  addressedKind: Type.Union([Type.String(), Type.Null()]),
  acknowledgeDueAt: ZTimestamp,
  responseDueAt: Type.Union([ZTimestamp, Type.Null()]),
  acknowledgedAt: Type.Union([ZTimestamp, Type.Null()]),
  answeredAt: Type.Union([ZTimestamp, Type.Null()]),
  overdue: Type.Boolean(),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  addressees: Type.Array(Type.Object({ entryId: ZUuid, email: Type.String() })),
});
export type RecipientState = Static<typeof ZRecipientState>;

export const ZAttachment = Type.Object({
  id: ZUuid,
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String({ description: 'SHA-256 of the content, hex' }),
});

export const ZCommunication = Type.Object({
  id: ZUuid,
  threadId: ZUuid,
  parentId: Type.Union([ZUuid, Type.Null()]),
  reference: Type.String(),
  ownReference: Type.Union([Type.String(), Type.Null()]),
  type: ZCommunicationType,
  templateVersion: Type.Integer(),
  tlp: ZTlp,
  urgency: ZUrgency,
  requestedResponseHours: Type.Union([Type.Integer(), Type.Null()]),
  senderStateM49: ZM49,
  senderLabel: Type.String(),
  sentAt: ZTimestamp,
  language: Type.String({ description: 'Language of the free text, which is authoritative as written' }),
  content: ZTemplateContent,
  contentSha256: Type.String(),
  recipients: Type.Array(ZRecipientState),
  attachments: Type.Array(ZAttachment),
  /** What the caller may do, so the UI never re-implements the rules. */
  abilities: Type.Object({
    acknowledge: Type.Boolean(),
    start: Type.Boolean(),
    answer: Type.Boolean(),
    decline: Type.Boolean(),
    notApplicable: Type.Boolean(),
    reply: Type.Boolean(),
    close: Type.Boolean(),
    forward: Type.Boolean(),
  }),
});
export type Communication = Static<typeof ZCommunication>;

export const ZThread = Type.Object({
  threadId: ZUuid,
  closedAt: Type.Union([ZTimestamp, Type.Null()]),
  outcome: Type.Union([ZThreadOutcome, Type.Null()]),
  messages: Type.Array(ZCommunication),
});
export type Thread = Static<typeof ZThread>;

export const ZInboxQuery = Type.Object(
  {
    q: Type.Optional(ZLine({ maxLength: 200 })),
    direction: Type.Optional(Type.Enum(['in', 'out'])),
    status: Type.Optional(ZRecipientStatus),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
export type InboxQuery = Static<typeof ZInboxQuery>;

export const ZInbox = Type.Object({ items: Type.Array(ZCommunication), total: Type.Integer() });

export const ZCommunicationParams = Type.Object({ id: ZUuid });

/** What the directory manager may know of the traffic: counts and timings, never content. */
export const ZCommunicationStats = Type.Object({
  communications: Type.Integer(),
  recipientStates: Type.Integer(),
  byStatus: Type.Record(Type.String(), Type.Integer()),
  acknowledgedWithinDeadline: Type.Integer(),
  medianMinutesToAcknowledge: Type.Union([Type.Number(), Type.Null()]),
});
