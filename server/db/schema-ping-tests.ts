import { sql } from 'drizzle-orm';
import { bigserial, boolean, char, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { PocKind, SlotRole } from '../../common/directory.ts';
import type { Locale } from '../../common/locales.ts';
import type {
  PingAckChannel,
  PingChannel,
  PingDeadlineMode,
  PingKeyProblem,
  PingTargeting,
} from '../../common/ping-tests.ts';
import { at, createdAt } from './columns.ts';
import { accounts, outbox } from './schema.ts';

/** A ping test (communication check) run by the directory manager; one row per run of a series. */
export const pingCampaigns = pgTable(
  'ping_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serial: bigserial('serial', { mode: 'number' }).notNull(),
    reference: text('reference').notNull().unique(),
    /** The first run's id; every run of a recurring campaign shares it. */
    seriesId: uuid('series_id').notNull(),
    sequence: integer('sequence').notNull(),
    title: text('title'),
    exercise: boolean('exercise').notNull(),
    targets: jsonb('targets').$type<PingTargeting>().notNull(),
    channels: text('channels').array().$type<PingChannel[]>().notNull(),
    deadlineMode: text('deadline_mode').$type<PingDeadlineMode>().notNull(),
    deadlineAt: at('deadline_at'),
    businessHours: integer('business_hours'),
    reminderHours: integer('reminder_hours').array().notNull(),
    recurrenceMonths: integer('recurrence_months'),
    startsAt: at('starts_at').notNull(),
    targetCount: integer('target_count').notNull(),
    createdByAccountId: uuid('created_by_account_id').references(() => accounts.id),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('ping_campaigns_series_sequence').on(t.seriesId, t.sequence)],
);

/**
 * One targeted contact of a campaign, as addressed when it started (e-mail, time zone, deadline).
 * `notified_at` is set when its check is written (mail in the outbox, link token stored); the
 * dispatcher picks rows where it is null, so a restart continues where it stopped.
 */
export const pingTargets = pgTable(
  'ping_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // No foreign keys on these three: rows are only ever written by the INSERT … SELECT that
    // creates the campaign (so the campaign, entries and States exist), entries and States are
    // never deleted, and the per-row FK triggers were a third of the time of a 20,000-contact campaign.
    campaignId: uuid('campaign_id').notNull(),
    entryId: uuid('entry_id').notNull(),
    stateM49: char('state_m49', { length: 3 }).notNull(),
    kind: text('kind').$type<PocKind>().notNull(),
    slotRole: text('slot_role').$type<SlotRole>().notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    timeZone: text('time_zone').notNull(),
    locale: text('locale').$type<Locale>(),
    dueAt: at('due_at').notNull(),
    notifiedAt: at('notified_at'),
    /** After this, neither a link nor the in-app button acknowledges any more. */
    closesAt: at('closes_at').notNull(),
    outboxId: uuid('outbox_id').references(() => outbox.id),
    keyProblem: text('key_problem').$type<PingKeyProblem>(),
    acknowledgedAt: at('acknowledged_at'),
    acknowledgedVia: text('acknowledged_via').$type<PingAckChannel>(),
  },
  (t) => [
    uniqueIndex('ping_targets_campaign_entry').on(t.campaignId, t.entryId),
    index('ping_targets_undispatched')
      .on(t.campaignId)
      .where(sql`notified_at is null`),
    index('ping_targets_email').on(sql`lower(${t.email})`),
  ],
);

/**
 * Single-use acknowledgement links of a target: the first mail's and each reminder's. Only the
 * SHA-256 is stored; any of them acknowledges until the target is acknowledged or closes.
 */
export const pingTokens = pgTable('ping_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  targetId: uuid('target_id')
    .notNull()
    .references(() => pingTargets.id),
});
