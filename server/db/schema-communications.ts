import {
  bigserial,
  boolean,
  char,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { PocKind } from '../../common/directory.ts';
import type { TemplateValues } from '../../common/communication-templates.ts';
import type {
  CommunicationType,
  RecipientStatus,
  ThreadOutcome,
  TlpLabel,
  Urgency,
} from '../../common/communications.ts';
import { at, bytea, createdAt } from './columns.ts';
import { accounts, directoryEntries, states } from './schema.ts';

/**
 * One message between States: a thread's opening message or a reply in it (parent_id). The
 * content is the template instance; its SHA-256 is what the audit trail records, never the text.
 */
export const communications = pgTable(
  'communications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serial: bigserial('serial', { mode: 'number' }).notNull(),
    reference: text('reference').notNull().unique(),
    threadId: uuid('thread_id').notNull(),
    parentId: uuid('parent_id'),
    type: text('type').$type<CommunicationType>().notNull(),
    templateVersion: integer('template_version').notNull(),
    tlp: text('tlp').$type<TlpLabel>().notNull(),
    urgency: text('urgency').$type<Urgency>().notNull(),
    requestedResponseHours: integer('requested_response_hours'),
    ownReference: text('own_reference'),
    senderStateM49: char('sender_state_m49', { length: 3 })
      .notNull()
      .references(() => states.m49),
    senderAccountId: uuid('sender_account_id').references(() => accounts.id),
    senderLabel: text('sender_label').notNull(),
    language: text('language').notNull(),
    content: jsonb('content').$type<TemplateValues>().notNull(),
    contentSha256: text('content_sha256').notNull(),
    /** Set on a thread's first message when its sender closes the thread. */
    closedAt: at('closed_at'),
    outcome: text('outcome').$type<ThreadOutcome>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('communications_thread_idx').on(t.threadId, t.createdAt),
    // A State's sent messages, newest first (inbox "all" and "out"; see listInbox).
    index('communications_sender_idx').on(t.senderStateM49, t.createdAt),
    // The few TLP:RED messages, whose readers must be checked one by one when counting an inbox.
    index('communications_red_idx')
      .on(t.senderStateM49, t.id)
      .where(sql`${t.tlp} = 'TLP:RED'`),
    // Who may read a TLP:RED message (readableBy): the threads a person started. Without it the
    // planner hashes that set by reading all the messages: 0.3 s per inbox page (P7, embedded).
    index('communications_sender_account_idx').on(t.senderAccountId),
  ],
);

/** Per recipient State: the lifecycle and the deadlines of one communication on their side. */
export const communicationRecipients = pgTable(
  'communication_recipients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communicationId: uuid('communication_id')
      .notNull()
      .references(() => communications.id),
    stateM49: char('state_m49', { length: 3 })
      .notNull()
      .references(() => states.m49),
    /** How the sender addressed this State: every active entry of a kind, or named entries. */
    addressedKind: text('addressed_kind').$type<PocKind>(),
    status: text('status').$type<RecipientStatus>().notNull().default('sent'),
    acknowledgeDueAt: at('acknowledge_due_at').notNull(),
    responseDueAt: at('response_due_at'),
    deliveredAt: at('delivered_at'),
    acknowledgedAt: at('acknowledged_at'),
    answeredAt: at('answered_at'),
    statusReason: text('status_reason'),
    /** The communication's own created_at, copied: a State's received messages in order from an index. */
    messageAt: at('message_at').notNull(),
    /** The communication is TLP:RED, copied: an inbox count checks only these readers one by one. */
    red: boolean('red').notNull(),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('communication_recipients_unique').on(t.communicationId, t.stateM49),
    // communication_id last: a State's received ids (and its unread ones) come from the index alone.
    index('communication_recipients_state_idx').on(t.stateM49, t.status, t.communicationId),
    index('communication_recipients_state_time_idx').on(t.stateM49, t.messageAt),
    index('communication_recipients_red_idx')
      .on(t.stateM49, t.status)
      .where(sql`${t.red}`),
    // The deadline sweep's two questions, answered from the few rows still waiting instead of a scan
    // of every recipient ever (3 s per sweep at a million communications, embedded: P7 in performance.md).
    index('communication_recipients_pending_idx')
      .on(t.acknowledgeDueAt)
      .where(sql`${t.status} in ('sent', 'delivered')`),
    index('communication_recipients_response_due_idx')
      .on(t.responseDueAt)
      .where(
        sql`${t.responseDueAt} is not null and ${t.status} in ('sent', 'delivered', 'acknowledged', 'in_progress')`,
      ),
  ],
);

/** The directory entries a communication was addressed to, as they were when it was sent. */
export const communicationAddressees = pgTable(
  'communication_addressees',
  {
    communicationId: uuid('communication_id')
      .notNull()
      .references(() => communications.id),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => directoryEntries.id),
    stateM49: char('state_m49', { length: 3 }).notNull(),
    email: text('email').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communicationId, t.entryId] }),
    // The messages naming a person (readableBy compares lower-cased e-mails).
    index('communication_addressees_email_idx').on(sql`lower(${t.email})`),
  ],
);

/** Single-use links that acknowledge receipt without signing in; the mail holds the token. */
export const acknowledgementTokens = pgTable('acknowledgement_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  recipientId: uuid('recipient_id')
    .notNull()
    .references(() => communicationRecipients.id),
  entryId: uuid('entry_id').references(() => directoryEntries.id),
  expiresAt: at('expires_at').notNull(),
  usedAt: at('used_at'),
});

/** Files attached to a communication, stored with their SHA-256. */
export const communicationAttachments = pgTable('communication_attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  communicationId: uuid('communication_id')
    .notNull()
    .references(() => communications.id),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  createdAt: createdAt(),
});
