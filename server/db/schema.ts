import { sql } from 'drizzle-orm';
import {
  bigint,
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
} from 'drizzle-orm/pg-core';
import type { Locale } from '../../common/locales.ts';
import type { RegionalGroup, StateStatus } from '../../common/regional-groups.ts';
import type { Role } from '../../common/roles.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

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
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
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
