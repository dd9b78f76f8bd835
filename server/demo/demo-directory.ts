import * as openpgp from 'openpgp';
import type { EntryDetails, NominationRequest } from '../../common/schemas/directory.ts';
import type { SystemActor } from '../auth/actor.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { applyNomination } from '../modules/directory/apply-nomination.ts';
import { updateEntry } from '../modules/directory/directory.repository.ts';
import { updateNomination } from '../modules/directory/nominations.repository.ts';
import { checkNominationRequest, insertCheckedNomination } from '../modules/directory/nominations.service.ts';
import { DEMO_ENTRIES, type DemoEntry } from './demo-directory-entries.ts';

const DEMO_ACTOR: SystemActor = { kind: 'system', label: 'demo-seed' };
const DAY_MS = 24 * 60 * 60 * 1000;

function detailsOf(entry: DemoEntry, key: string | undefined): EntryDetails {
  return {
    kind: entry.kind,
    slotRole: entry.slot ?? 'primary',
    available247: entry.h24 ?? false,
    nameNative: entry.native,
    nameLatin: entry.latin,
    function: entry.fn,
    organisation: entry.org,
    emails: [entry.email],
    phones: [
      { number: entry.phone, label: 'office', available247: entry.h24 ?? false, visibility: 'directory' },
      ...(entry.mobile
        ? [{ number: entry.mobile, label: 'mobile', available247: true, visibility: 'restricted' as const }]
        : []),
    ],
    secureChannels: [],
    ...(key ? { pgpPublicKey: key } : {}),
    workingLanguages: entry.languages,
    timeZone: entry.zone,
    availabilityHours: entry.h24 ? '24/7' : 'Mon–Fri 09:00–17:00',
    mandate:
      entry.kind === 'diplomatic'
        ? 'Policy-level contact; may speak for the ministry on de-escalation.'
        : 'May exchange technical information and coordinate incident response.',
  };
}

async function demoKey(entry: DemoEntry, now: Date): Promise<string> {
  const { publicKey } = await openpgp.generateKey({
    // Made before the nomination it comes with, as a real key would be.
    date: new Date(now.getTime() - 90 * DAY_MS),
    type: 'curve25519',
    userIDs: [{ name: entry.latin, email: entry.email }],
    keyExpirationTime: 2 * 365 * 24 * 3600,
    format: 'armored',
  });
  return publicKey;
}

function noteVerbale(now: Date, daysAgo: number): Pick<NominationRequest, 'noteVerbaleRef' | 'noteVerbaleDate'> {
  return {
    noteVerbaleRef: `NV/${Math.floor(daysAgo * 7.3) + 100}/2026`,
    noteVerbaleDate: new Date(now.getTime() - daysAgo * DAY_MS).toISOString().slice(0, 10),
  };
}

async function seedEntry(db: Db, config: Config, entry: DemoEntry, now: Date): Promise<void> {
  const key = entry.withKey ? await demoKey(entry, now) : undefined;
  const request: NominationRequest = {
    type: 'new',
    stateM49: entry.state,
    details: detailsOf(entry, key),
    ...noteVerbale(now, 60),
  };
  const checked = await checkNominationRequest(request, now, config);
  await db.transaction(async (tx) => {
    const submitted = new Date(now.getTime() - 50 * DAY_MS);
    const row = await insertCheckedNomination(
      tx,
      DEMO_ACTOR,
      { ...request, stateM49: entry.state },
      checked,
      null,
      submitted,
    );
    const decided = await updateNomination(tx, row.id, {
      status: 'completed',
      decidedByLabel: 'demo-seed',
      decidedAt: submitted,
      completedAt: submitted,
    });
    const created = await applyNomination(tx, DEMO_ACTOR, decided, submitted);
    await updateNomination(tx, row.id, { resultingEntryId: created.id });
    if (entry.confirmedDaysAgo !== undefined) {
      const confirmed = new Date(now.getTime() - entry.confirmedDaysAgo * DAY_MS);
      await updateEntry(tx, created.id, { lastConfirmedAt: confirmed, lastVerifiedAt: confirmed });
    }
  });
}

/**
 * Demo directory: entries for a dozen States in all five regional groups (two of them stale),
 * and a pending nomination from Ghana, so a newcomer sees every part of the workflow.
 * Goes through the same checks and apply step as real nominations; sends no mail.
 */
export async function seedDemoDirectory(db: Db, config: Config, now = new Date()): Promise<void> {
  for (const entry of DEMO_ENTRIES) await seedEntry(db, config, entry, now);
  const pending: NominationRequest = {
    type: 'new',
    stateM49: '288',
    details: detailsOf(
      {
        state: '288',
        kind: 'technical',
        slot: 'alternate',
        native: 'Efua Owusu',
        latin: 'Efua Owusu',
        fn: 'Senior Analyst',
        org: 'Cyber Security Authority (CERT-GH)',
        email: 'e.owusu@cert.gh.example',
        phone: '+233 30 297 2531',
        languages: ['en'],
        zone: 'Africa/Accra',
      },
      undefined,
    ),
    ...noteVerbale(now, 3),
  };
  const checked = await checkNominationRequest(pending, now, config);
  await db.transaction((tx) =>
    insertCheckedNomination(
      tx,
      DEMO_ACTOR,
      { ...pending, stateM49: '288' },
      checked,
      null,
      new Date(now.getTime() - 2 * DAY_MS),
    ),
  );
}
