import { createHash, randomBytes } from 'node:crypto';
import type { EntryDetails, PseudonymiseRequest } from '../../../common/schemas/directory.ts';
import { requireAccess } from '../../auth/access.ts';
import { actorAccountId, actorLabel, type Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { presentEntry } from './directory.presenter.ts';
import * as entries from './directory.repository.ts';
import { searchTextOf } from './entry-details-validation.ts';
import type { DirectoryDeps } from './nominations.service.ts';
import * as repo from './pseudonymise.repository.ts';

export interface Pseudonym {
  name: string;
  email: string;
}

/** A pseudonym from a random id: nothing in it can be traced back to the person. */
function newPseudonym(): Pseudonym & { tag: string } {
  const tag = randomBytes(4).toString('hex').toUpperCase();
  return { tag, name: `Former contact ${tag}`, email: `former-${tag.toLowerCase()}@pseudonymised.invalid` };
}

/** Free-text needles shorter than this are not searched for: "Li" would eat every "li" in a mandate. */
const MIN_NEEDLE_LENGTH = 4;

interface PersonalValues {
  emails: Set<string>;
  names: Set<string>;
  /** Phone numbers, secure channel addresses, key fingerprints: removed, not replaced. */
  others: Set<string>;
}

function collectPersonalValues(all: readonly EntryDetails[], fingerprints: readonly (string | null)[]): PersonalValues {
  const values: PersonalValues = { emails: new Set(), names: new Set(), others: new Set() };
  for (const details of all) {
    for (const email of details.emails) values.emails.add(email.toLowerCase());
    values.names.add(details.nameNative);
    values.names.add(details.nameLatin);
    for (const phone of details.phones) values.others.add(phone.number);
    for (const channel of details.secureChannels) values.others.add(channel.address);
  }
  for (const fingerprint of fingerprints) if (fingerprint) values.others.add(fingerprint);
  return values;
}

/**
 * Replaces every known personal value inside free text (a nomination's reason, a mail subject, a
 * file name), whole words only and ignoring case: e-mails and names by the pseudonym, the rest by
 * "[removed]". Longest first, so a full name goes before a part of it.
 */
function scrubberOf(values: PersonalValues, emails: ReadonlySet<string>, pseudonym: Pseudonym) {
  const replacements = new Map<string, string>();
  for (const email of emails) replacements.set(email.toLowerCase(), pseudonym.email);
  for (const name of values.names) replacements.set(name.toLowerCase(), pseudonym.name);
  for (const other of values.others) replacements.set(other.toLowerCase(), '[removed]');
  const needles = [...replacements.keys()]
    .filter((n) => n.length >= MIN_NEEDLE_LENGTH)
    .sort((a, b) => b.length - a.length);
  const escaped = needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = needles.length
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu')
    : null;
  const scrub = (text: string): string =>
    pattern ? text.replace(pattern, (match) => replacements.get(match.toLowerCase()) ?? '[removed]') : text;
  return { scrub, needles };
}

/** The details with every personal field replaced; the role, organisation and availability stay. */
function pseudonymiseDetails(
  details: EntryDetails,
  pseudonym: Pseudonym,
  scrub: (text: string) => string,
): EntryDetails {
  const withoutKey: EntryDetails = { ...details };
  delete withoutKey.pgpPublicKey;
  return {
    ...withoutKey,
    nameNative: pseudonym.name,
    nameLatin: pseudonym.name,
    emails: [pseudonym.email],
    phones: [],
    secureChannels: [],
    function: scrub(details.function),
    organisation: scrub(details.organisation),
    availabilityHours: scrub(details.availabilityHours),
    mandate: scrub(details.mandate),
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * On its national authority's request, replaces a retired contact's personal data with pseudonyms
 * everywhere the application keeps it: the entry, every version, the nominations that carried its
 * details, the addresses ping tests, communications and the outbox recorded, and the matching
 * account of that State when it is disabled or `pseudonymiseAccount` asks (it is then disabled and
 * signed out). One transaction, one audit entry holding ids and counts only: the audit trail is
 * append-only and hashed, so it never held the personal data and still verifies afterwards.
 * Refused for an active entry (ENTRY_NOT_RETIRED) and a second time (ENTRY_ALREADY_PSEUDONYMISED),
 * so a repeated click is reported rather than recorded twice.
 */
export async function pseudonymiseEntry(
  deps: DirectoryDeps,
  actor: Actor,
  entryId: string,
  requestId: string | null,
  options: PseudonymiseRequest = {},
  now = new Date(),
) {
  const existing = await entries.unsafeFindEntryById(deps.db, entryId);
  if (!existing) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'directory.pseudonymise', [existing.stateM49]);
  const pseudonym = newPseudonym();
  const updated = await deps.db.transaction(async (tx) => {
    const entry = await entries.lockEntry(tx, entryId);
    if (!entry) throw new AppError('NOT_FOUND');
    if (entry.status !== 'retired') throw new AppError('ENTRY_NOT_RETIRED');
    if (entry.pseudonymisedAt !== null) throw new AppError('ENTRY_ALREADY_PSEUDONYMISED');
    const versions = await entries.listVersions(tx, entryId);
    const nominations = await repo.lockEntryNominations(tx, entryId);
    const values = collectPersonalValues(
      [entry.details, ...versions.map((v) => v.details), ...nominations.flatMap((n) => (n.details ? [n.details] : []))],
      [entry.keyFingerprint, ...versions.map((v) => v.keyFingerprint), ...nominations.map((n) => n.keyFingerprint)],
    );
    const accountIds = await pseudonymiseAccounts(tx, actor, entry.stateM49, values, pseudonym, options, now);
    const erasable = await erasableEmails(tx, entryId, entry.stateM49, values);
    const { scrub, needles } = scrubberOf(values, erasable, pseudonym);
    const pseudonymise = (details: EntryDetails) => pseudonymiseDetails(details, pseudonym, scrub);

    for (const version of versions) {
      await repo.replaceVersionDetails(tx, entryId, version.version, pseudonymise(version.details));
    }
    for (const nomination of nominations) {
      await repo.replaceNominationPersonalData(tx, nomination.id, {
        details: nomination.details ? pseudonymise(nomination.details) : null,
        reason: nomination.reason === null ? null : scrub(nomination.reason),
        rejectionReason: nomination.rejectionReason === null ? null : scrub(nomination.rejectionReason),
      });
    }
    // The note verbale PDF stays: it is the State's official communication and the legal basis of
    // the nomination, and its SHA-256 is in the audit trail. Only its file name, which people often
    // write the person's name into, is pseudonymised. Its text is the State's to redact, not ours.
    for (const document of await repo.documentsOf(
      tx,
      nominations.map((n) => n.id),
    )) {
      const fileName = scrub(document.fileName);
      if (fileName !== document.fileName) await repo.renameDocument(tx, document.nominationId, fileName);
    }
    const addresses = await repo.replaceEntryAddresses(tx, entryId, pseudonym);
    const outboxRows = await pseudonymiseOutbox(tx, erasable, needles, pseudonym, scrub);

    const details = pseudonymise(entry.details);
    const row = await entries.updateEntry(tx, entryId, {
      details,
      searchText: searchTextOf(details),
      keyFingerprint: null,
      keyExpiresAt: null,
      version: entry.version + 1,
      updatedAt: now,
      pseudonymisedAt: now,
    });
    await entries.insertVersion(tx, {
      entryId,
      version: row.version,
      change: 'pseudonymised',
      status: row.status,
      details,
      keyFingerprint: null,
      keyExpiresAt: null,
      nominationId: null,
      changedAt: now,
      changedByLabel: actorLabel(actor),
      changedByAccountId: actorAccountId(actor),
    });
    await recordAudit(tx, actor, requestId, {
      action: 'entry.pseudonymise',
      targetType: 'directory_entry',
      targetId: entryId,
      stateM49: row.stateM49,
      before: { version: entry.version },
      after: {
        version: row.version,
        nominationIds: nominations.map((n) => n.id),
        accountIds,
        pingTargets: addresses.pingTargets,
        addressees: addresses.addressees,
        outboxRows,
      },
    });
    return row;
  });
  return presentEntry(updated, { actor, now, config: deps.config });
}

/**
 * The State's accounts with one of the contact's addresses: a disabled one is pseudonymised, an
 * enabled one only when the national authority asks (the person may still work there under
 * another role). Never the caller's own account. Returns the ids of those pseudonymised.
 */
async function pseudonymiseAccounts(
  tx: Db,
  actor: Actor,
  stateM49: string,
  values: PersonalValues,
  pseudonym: Pseudonym & { tag: string },
  options: PseudonymiseRequest,
  now: Date,
): Promise<string[]> {
  const done: string[] = [];
  for (const account of await repo.lockAccountsByEmail(tx, stateM49, [...values.emails])) {
    const chosen = account.disabledAt !== null || options.pseudonymiseAccount === true;
    if (!chosen || account.pseudonymisedAt !== null || account.id === actorAccountId(actor)) continue;
    // Account e-mails are unique: a second account of the same person gets a numbered pseudonym.
    const email =
      done.length === 0
        ? pseudonym.email
        : `former-${pseudonym.tag.toLowerCase()}-${done.length + 1}@pseudonymised.invalid`;
    await repo.pseudonymiseAccountRow(tx, account, { email, displayName: pseudonym.name }, now);
    done.push(account.id);
  }
  return done;
}

/**
 * The contact's addresses that may be erased outside the entry: not those of an account that stays
 * (it still receives mail there) nor those another active entry uses (the same person in another slot).
 */
async function erasableEmails(tx: Db, entryId: string, stateM49: string, values: PersonalValues): Promise<Set<string>> {
  const all = [...values.emails];
  // Called after pseudonymiseAccounts: the accounts pseudonymised no longer have these addresses.
  const kept = new Set((await repo.lockAccountsByEmail(tx, stateM49, all)).map((a) => a.email.toLowerCase()));
  for (const email of await repo.emailsOfOtherActiveEntries(tx, entryId, all)) kept.add(email);
  return new Set(all.filter((email) => !kept.has(email)));
}

/**
 * Mails to the contact keep their record (sent when, Message-ID, body hash) under the pseudonym;
 * one not yet sent is cancelled, since the address is gone. Any other mail that names the person
 * (e.g. still waiting to go to a national authority) has the name replaced, and its hash follows.
 */
async function pseudonymiseOutbox(
  tx: Db,
  emails: ReadonlySet<string>,
  needles: string[],
  pseudonym: Pseudonym,
  scrub: (text: string) => string,
): Promise<number> {
  const rows = await repo.outboxRowsMentioning(tx, [...emails], needles);
  for (const row of rows) {
    const toContact = emails.has(row.recipient.toLowerCase());
    const cancel = toContact && row.status === 'pending';
    const body = cancel ? '' : scrub(row.body);
    await repo.updateOutboxRow(tx, row.id, {
      recipient: toContact ? pseudonym.email : row.recipient,
      subject: scrub(row.subject),
      ...(body !== row.body && !cancel ? { body, bodySha256: sha256(body) } : {}),
      ...(cancel
        ? { body, status: 'failed', leasedUntil: null, lastError: 'cancelled: the recipient was pseudonymised' }
        : { lastError: row.lastError === null ? null : scrub(row.lastError) }),
    });
  }
  return rows.length;
}
