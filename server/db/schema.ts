import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  boolean,
  char,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  primaryKey,
} from 'drizzle-orm/pg-core';
import type { EntryStatus, NominationStatus, NominationType, PocKind, SlotRole } from '../../common/directory.ts';
import type { EntryDetails } from '../../common/schemas/directory.ts';
import type { Locale } from '../../common/locales.ts';
import type { RegionalGroup, StateStatus } from '../../common/regional-groups.ts';
import type { Role } from '../../common/roles.ts';
import { at, bytea, createdAt } from './columns.ts';

/** Reference data, synchronised from data/states.json at every boot. */
export const states = pgTable('states', {
  m49: char('m49', { length: 3 }).primaryKey(),
  alpha2: char('alpha2', { length: 2 }).notNull().unique(),
  alpha3: char('alpha3', { length: 3 }).notNull().unique(),
  group: text('regional_group').$type<RegionalGroup>().notNull(),
  status: text('status').$type<StateStatus>().notNull(),
  names: jsonb('names').$type<Record<Locale, string>>().notNull(),
});

/** Login accounts. Not directory entries: a person's entry may exist before any account does. */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').$type<Role>().notNull(),
    stateM49: char('state_m49', { length: 3 }).references(() => states.m49),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    locale: text('locale').$type<Locale>().notNull().default('en'),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
    /** Set when the account's personal data was replaced by pseudonyms (GDPR-style erasure). */
    pseudonymisedAt: at('pseudonymised_at'),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    uniqueIndex('accounts_email_key').on(sql`lower(${t.email})`),
    index('accounts_state_idx').on(t.stateM49),
    check(
      'accounts_role_check',
      sql`${t.role} in ('directory_manager', 'national_authority', 'point_of_contact', 'auditor')`,
    ),
    check(
      'accounts_state_matches_role',
      sql`(${t.role} in ('national_authority', 'point_of_contact')) = (${t.stateM49} is not null)`,
    ),
  ],
);

/** Server-side sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    clientAddress: text('client_address'),
    userAgent: text('user_agent'),
    /** A public handle for the sessions list (the token hash never leaves the server). */
    id: uuid('id').notNull().defaultRandom(),
    /**
     * 'verified': fully signed in. 'pending': the password was right, a second factor is awaited.
     * 'enrol': the role requires TOTP and none is set up yet; only enrolment routes work.
     */
    secondFactor: text('second_factor').$type<'verified' | 'pending' | 'enrol'>().notNull().default('verified'),
    /** How the second factor was given ('totp', 'webauthn', 'recovery'), for the sessions list. */
    secondFactorMethod: text('second_factor_method'),
    /** The outstanding WebAuthn challenge of this session (registration or sign-in), used once. */
    webauthnChallenge: text('webauthn_challenge'),
  },
  (t) => [
    index('sessions_account_idx').on(t.accountId),
    uniqueIndex('sessions_id_key').on(t.id),
    check('sessions_second_factor_check', sql`${t.secondFactor} in ('verified', 'pending', 'enrol')`),
  ],
);

/** Failed sign-ins per key ("account:<email>" or "address:<ip>"), shared by every server process. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true, mode: 'date' }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
});

/**
 * The tamper-evident audit trail. Each entry's hash covers its content and the previous hash.
 * A trigger (see migrations) refuses UPDATE, DELETE and TRUNCATE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    position: bigint('position', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorAccountId: uuid('actor_account_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    stateM49: char('state_m49', { length: 3 }),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_action_idx').on(t.action, t.position)],
);

/** The newest chain position and hash, written with every entry: reveals a truncated tail. */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  position: bigint('position', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/**
 * Directory entries (POC slots): the current version of each. Columns beside `details` exist
 * for search and filters; `details` is the whole versioned record. Never deleted: retired.
 */
export const directoryEntries = pgTable(
  'directory_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stateM49: char('state_m49', { length: 3 })
      .notNull()
      .references(() => states.m49),
    kind: text('kind').$type<PocKind>().notNull(),
    slotRole: text('slot_role').$type<SlotRole>().notNull(),
    status: text('status').$type<EntryStatus>().notNull().default('active'),
    version: integer('version').notNull(),
    details: jsonb('details').$type<EntryDetails>().notNull(),
    /** Names and organisation folded for search in any script (see search-text.ts). */
    searchText: text('search_text').notNull(),
    available247: boolean('available_24_7').notNull(),
    /** Primary language subtags of the working languages, lower case. */
    languages: text('languages').array().notNull(),
    keyFingerprint: text('key_fingerprint'),
    keyExpiresAt: at('key_expires_at'),
    lastVerifiedAt: at('last_verified_at').notNull(),
    lastConfirmedAt: at('last_confirmed_at').notNull(),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    retiredAt: at('retired_at'),
    /** Set when a retired contact's personal data was replaced by pseudonyms, at the State's request. */
    pseudonymisedAt: at('pseudonymised_at'),
  },
  (t) => [
    index('directory_entries_state_idx').on(t.stateM49, t.status),
    index('directory_entries_confirmed_idx').on(t.lastConfirmedAt),
    check('directory_entries_status_check', sql`${t.status} in ('active', 'retired')`),
  ],
);

/**
 * Bumped by a statement trigger on every change to directory_entries or states, in the changing
 * transaction (its row lock orders concurrent writers, so a reader never sees a later revision
 * without the changes before it). Servers keep the directory in memory for search and reload it
 * when this number moves (directory-snapshot.ts).
 */
export const directoryRevision = pgTable('directory_revision', {
  id: integer('id').primaryKey(),
  revision: bigint('revision', { mode: 'number' }).notNull(),
});

/** Every version of every entry, with who and when. Append-only by convention and by the service. */
export const directoryEntryVersions = pgTable(
  'directory_entry_versions',
  {
    entryId: uuid('entry_id')
      .notNull()
      .references(() => directoryEntries.id),
    version: integer('version').notNull(),
    change: text('change').$type<'created' | 'updated' | 'replaced' | 'retired' | 'pseudonymised'>().notNull(),
    status: text('status').$type<EntryStatus>().notNull(),
    details: jsonb('details').$type<EntryDetails>().notNull(),
    keyFingerprint: text('key_fingerprint'),
    keyExpiresAt: at('key_expires_at'),
    changedAt: at('changed_at').notNull(),
    changedByLabel: text('changed_by_label').notNull(),
    changedByAccountId: uuid('changed_by_account_id'),
    nominationId: uuid('nomination_id'),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.version] })],
);

/** Nominations, replacements, updates and removals, from submission to completion. */
export const nominations = pgTable(
  'nominations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stateM49: char('state_m49', { length: 3 })
      .notNull()
      .references(() => states.m49),
    type: text('type').$type<NominationType>().notNull(),
    status: text('status').$type<NominationStatus>().notNull(),
    targetEntryId: uuid('target_entry_id').references(() => directoryEntries.id),
    resultingEntryId: uuid('resulting_entry_id').references(() => directoryEntries.id),
    details: jsonb('details').$type<EntryDetails>(),
    /** Fingerprint and expiry of details.pgpPublicKey, read when it was validated at submission. */
    keyFingerprint: text('key_fingerprint'),
    keyExpiresAt: at('key_expires_at'),
    reason: text('reason'),
    noteVerbaleRef: text('note_verbale_ref').notNull(),
    noteVerbaleDate: date('note_verbale_date', { mode: 'string' }).notNull(),
    submittedByAccountId: uuid('submitted_by_account_id'),
    submittedByLabel: text('submitted_by_label').notNull(),
    submittedAt: at('submitted_at').notNull().defaultNow(),
    decidedByLabel: text('decided_by_label'),
    decidedAt: at('decided_at'),
    rejectionReason: text('rejection_reason'),
    /** SHA-256 of the single-use acceptance token; the token itself is only ever in the e-mail. */
    acceptanceTokenHash: text('acceptance_token_hash'),
    acceptanceExpiresAt: at('acceptance_expires_at'),
    completedAt: at('completed_at'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('nominations_state_status_idx').on(t.stateM49, t.status),
    uniqueIndex('nominations_token_key').on(t.acceptanceTokenHash),
  ],
);

/** The note verbale as PDF, kept with its nomination. */
export const nominationDocuments = pgTable('nomination_documents', {
  nominationId: uuid('nomination_id')
    .primaryKey()
    .references(() => nominations.id),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  content: bytea('content').notNull(),
  uploadedAt: at('uploaded_at').notNull().defaultNow(),
});

/**
 * Outgoing mail, written in the transaction of the change it announces and sent by a job.
 * The body is erased once sent (it may hold a single-use link); its SHA-256 stays.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    purpose: text('purpose').notNull(),
    recipient: text('recipient').notNull(),
    locale: text('locale').$type<Locale>().notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    bodySha256: text('body_sha256').notNull(),
    /** The body is an ASCII-armoured OpenPGP message, sent as PGP/MIME. */
    encrypted: boolean('encrypted').notNull().default(false),
    status: text('status').$type<'pending' | 'sent' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    /** Set while a dispatcher holds the mail (claimed, not yet marked); see releaseOutboxLeases. */
    leasedUntil: at('leased_until'),
    lastError: text('last_error'),
    messageId: text('message_id'),
    createdAt: createdAt(),
    sentAt: at('sent_at'),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt)],
);

/**
 * Level-triggered reminders: one row per (kind, subject, due instant). The unique key is what
 * makes a reminder fire once, however often the sweep runs or restarts.
 */
export const reminderLedger = pgTable(
  'reminder_ledger',
  {
    kind: text('kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    dueAt: at('due_at').notNull(),
    firedAt: at('fired_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.subjectId, t.dueAt] })],
);

export * from './schema-communications.ts';
export * from './schema-ping-tests.ts';
export * from './schema-security.ts';
