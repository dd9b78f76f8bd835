import crypto from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { EntryDetails, NominationRequest } from '../../common/schemas/directory.ts';
import type { SystemActor } from '../auth/actor.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { outbox } from '../db/schema.ts';
import { acceptNomination } from '../modules/directory/acceptance.service.ts';
import { approveNomination, submitNomination } from '../modules/directory/nominations.service.ts';

const OPERATOR: SystemActor = { kind: 'system', label: 'cli' };

/** Valid details with a unique name; override what the test is about. */
export function entryDetails(overrides: Partial<EntryDetails> = {}): EntryDetails {
  const tag = crypto.randomBytes(4).toString('hex');
  return {
    kind: 'technical',
    slotRole: 'primary',
    available247: false,
    nameNative: `Ama Mensah ${tag}`,
    nameLatin: `Ama Mensah ${tag}`,
    function: 'Head of incident response',
    organisation: 'National CERT',
    emails: [`poc.${tag}@test.pocdir.example`],
    phones: [{ number: '+233 30 200 0000', label: 'office', available247: false, visibility: 'directory' }],
    secureChannels: [],
    workingLanguages: ['en'],
    timeZone: 'Africa/Accra',
    availabilityHours: 'Mon–Fri 08:00–17:00',
    mandate: 'May exchange technical information on incidents.',
    ...overrides,
  };
}

export function nominationRequest(overrides: Partial<NominationRequest> = {}): NominationRequest {
  return {
    type: 'new',
    details: entryDetails(),
    noteVerbaleRef: `NV/${crypto.randomInt(1000, 9999)}/2026`,
    noteVerbaleDate: '2026-11-02',
    ...overrides,
  };
}

/** The single-use token of the newest acceptance mail to `email`, read from the outbox before it is sent. */
export async function acceptanceTokenFromOutbox(db: Db, email: string): Promise<string> {
  const rows = await db
    .select({ body: outbox.body })
    .from(outbox)
    .where(and(eq(outbox.recipient, email), eq(outbox.purpose, 'nomination.acceptance')))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  const match = /\/accept#([A-Za-z0-9_-]+)/.exec(rows[0]?.body ?? '');
  if (!match?.[1]) throw new Error(`no acceptance mail to ${email}`);
  return match[1];
}

/**
 * An active entry made the real way: nominated, verified, and accepted by the link in the
 * nominee's mail. Returns the entry id.
 */
export async function buildEntry(
  deps: { db: Db; config: Config },
  stateM49: string,
  details: Partial<EntryDetails> = {},
): Promise<{ entryId: string; details: EntryDetails }> {
  const full = entryDetails(details);
  const nomination = await submitNomination(deps, OPERATOR, nominationRequest({ stateM49, details: full }), null);
  await approveNomination(deps, OPERATOR, nomination.id, null);
  const token = await acceptanceTokenFromOutbox(deps.db, full.emails[0] ?? '');
  const { entryId } = await acceptNomination(deps.db, token, null);
  return { entryId, details: full };
}
