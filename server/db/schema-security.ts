import { bigint, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, bytea, createdAt } from './columns.ts';
import { accounts } from './schema.ts';

/**
 * An account's TOTP authenticator (RFC 6238). Secrets are encrypted with the server's secret key
 * (AES-256-GCM, see auth/secret-box.ts), so a database copy alone does not give the codes.
 * `secretSealed` is the confirmed authenticator; `pendingSecretSealed` one being set up, which
 * replaces it only once the holder has typed a valid code from it (an abandoned set-up never
 * leaves the account without its working authenticator). `lastStep` refuses replayed codes.
 */
export const totpFactors = pgTable('totp_factors', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id),
  secretSealed: text('secret_sealed'),
  pendingSecretSealed: text('pending_secret_sealed'),
  confirmedAt: at('confirmed_at'),
  lastStep: bigint('last_step', { mode: 'number' }),
  createdAt: createdAt(),
});

/** WebAuthn credentials (security keys, passkeys) registered as a second factor. */
export const webauthnCredentials = pgTable(
  'webauthn_credentials',
  {
    /** The credential id, base64url, as the authenticator gives it. */
    id: text('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    publicKey: bytea('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull(),
    transports: text('transports').array().notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
    lastUsedAt: at('last_used_at'),
  },
  (t) => [index('webauthn_credentials_account_idx').on(t.accountId)],
);

/** Single-use recovery codes: SHA-256 of each (they are 100-bit random), used once. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    codeHash: text('code_hash').notNull(),
    createdAt: createdAt(),
    usedAt: at('used_at'),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.codeHash] })],
);

/**
 * API tokens for national systems. The token is shown once; only its SHA-256 is kept. Scopes
 * are permissions the account's role has; a token never reaches more than its account does.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    createdAt: createdAt(),
    expiresAt: at('expires_at').notNull(),
    revokedAt: at('revoked_at'),
    lastUsedAt: at('last_used_at'),
    lastUsedAddress: text('last_used_address'),
    useCount: integer('use_count').notNull().default(0),
  },
  (t) => [uniqueIndex('api_tokens_token_hash_key').on(t.tokenHash), index('api_tokens_account_idx').on(t.accountId)],
);
