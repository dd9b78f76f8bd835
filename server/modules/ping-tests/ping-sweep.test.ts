import { sql } from 'drizzle-orm';
import { addMonths } from '../../../common/ping-tests.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatePingTestRequest } from '../../../common/schemas/ping-tests.ts';
import { CLI_ACTOR } from '../../auth/actor.ts';
import { buildEntry } from '../../test-support/directory-factories.ts';
import { buildAccount } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { acknowledgeCheckByLink } from './ping-acknowledge.service.ts';
import { writeDueChecks } from './ping-dispatch.ts';
import { createPingTest, listPingContacts } from './ping-tests.service.ts';
import { pingTestsSweep } from './ping-tests.sweep.ts';
import { hashToken } from '../../auth/token-hash.ts';
import { pingTokens } from '../../db/schema.ts';

const JAPAN = '392';
const USA = '840';
const HOUR = 3_600_000;
// Friday 27 November 2026, 15:00 UTC: 10:00 in New York, Saturday 00:00 in Tokyo.
const FRIDAY = new Date('2026-11-27T15:00:00Z');

let h: Harness;
const mail = { tokyo: 'haruto.sato@nisc.jp.example', newYork: 'dana.ross@cisa.us.example' };
const alternateNewYork = 'sam.lee@cisa.us.example';
let authorityUsa = '';

function deps() {
  return { db: h.database.db, config: h.config };
}

function body(overrides: Partial<CreatePingTestRequest> = {}): CreatePingTestRequest {
  return {
    exercise: false,
    targets: { allParticipating: false, groups: [], kinds: ['technical'], states: [JAPAN, USA] },
    channels: ['email'],
    deadlineMode: 'business_hours',
    businessHours: 4,
    reminderHours: [2],
    ...overrides,
  };
}

/** Ping test mails in the outbox to `to`, by purpose. */
async function mailsTo(to: string): Promise<string[]> {
  const result = await h.database.db.execute(
    sql`select purpose from outbox where recipient = ${to} and purpose like 'ping_test.%' order by created_at`,
  );
  return (result as { rows: { purpose: string }[] }).rows.map((r) => r.purpose);
}

beforeAll(async () => {
  h = await createHarness({ PUBLIC_URL: 'https://pocdir.example' });
  await buildEntry(deps(), JAPAN, { emails: [mail.tokyo], timeZone: 'Asia/Tokyo', workingLanguages: ['ja', 'en'] });
  await buildEntry(deps(), USA, { emails: [mail.newYork], timeZone: 'America/New_York' });
  await buildEntry(deps(), USA, { slotRole: 'alternate', emails: [alternateNewYork], timeZone: 'America/New_York' });
  authorityUsa = (await buildAccount(h.database.db, { role: 'national_authority', stateM49: USA })).email;
}, 60_000);
afterAll(async () => h.close());

describe('a business-hours deadline across two time zones, with a controlled clock', () => {
  it('gives each contact the deadline of their own working day, reminds once before it, escalates once after it', async () => {
    const campaign = await createPingTest(deps(), CLI_ACTOR, body(), null, FRIDAY);
    await writeDueChecks(h.database.db, h.config, FRIDAY);
    const contacts = await listPingContacts(deps(), CLI_ACTOR, campaign.id, { limit: 10 }, FRIDAY);
    const dueOf = (address: string) => contacts.items.find((c) => c.email === address)?.dueAt;
    expect(dueOf(mail.newYork)).toBe('2026-11-27T19:00:00.000Z'); // Friday 14:00 in New York
    expect(dueOf(mail.tokyo)).toBe('2026-11-30T04:00:00.000Z'); // Monday 13:00 in Tokyo
    // The alternate is technical too: three contacts, each with a check.
    expect(contacts.total).toBe(3);
    expect(await mailsTo(mail.newYork)).toEqual(['ping_test.check']);

    const sweep = pingTestsSweep(h.config);
    // 17:30 UTC: New York's reminder time (2 h before 19:00) has come, Tokyo's has not.
    const beforeDeadline = new Date('2026-11-27T17:30:00Z');
    await sweep.run(h.database.db, beforeDeadline);
    await sweep.run(h.database.db, beforeDeadline);
    await sweep.run(h.database.db, new Date(beforeDeadline.getTime() + 10 * 60_000));
    expect(await mailsTo(mail.newYork)).toEqual(['ping_test.check', 'ping_test.reminder']);
    expect(await mailsTo(mail.tokyo)).toEqual(['ping_test.check']);

    // The alternate in New York answers in time with the reminder's fresh link; the primary never does.
    const reminderToken = await newTokenFor(contacts.items.find((c) => c.email === alternateNewYork)?.targetId ?? '');
    await acknowledgeCheckByLink(h.database.db, reminderToken, null, new Date('2026-11-27T18:00:00Z'));

    // 20:00 UTC, after New York's deadline: the alternate and the national authority are told, once.
    const afterDeadline = new Date('2026-11-27T20:00:00Z');
    await sweep.run(h.database.db, afterDeadline);
    await sweep.run(h.database.db, new Date(afterDeadline.getTime() + HOUR));
    expect(await mailsTo(alternateNewYork)).toEqual(['ping_test.check', 'ping_test.reminder', 'ping_test.escalation']);
    expect(await mailsTo(authorityUsa)).toEqual(['ping_test.escalation']);
    // Tokyo is still within its Monday deadline: nothing more for it.
    expect(await mailsTo(mail.tokyo)).toEqual(['ping_test.check']);

    // Monday: Tokyo is reminded at 02:00 UTC and answers at 03:00; no escalation follows.
    await sweep.run(h.database.db, new Date('2026-11-30T02:30:00Z'));
    const tokyoToken = await newTokenFor(contacts.items.find((c) => c.email === mail.tokyo)?.targetId ?? '');
    await acknowledgeCheckByLink(h.database.db, tokyoToken, null, new Date('2026-11-30T03:00:00Z'));
    await sweep.run(h.database.db, new Date('2026-11-30T06:00:00Z'));
    expect(await mailsTo(mail.tokyo)).toEqual(['ping_test.check', 'ping_test.reminder']);
    expect(await mailsTo(authorityUsa)).toEqual(['ping_test.escalation']);
  });
});

/**
 * The tokens are only in the mails, which these tests do not send: add one the way a reminder
 * does (the service accepts any unexpired token of the target).
 */
async function newTokenFor(targetId: string): Promise<string> {
  const token = `test-token-${targetId}-${Math.random().toString(36).slice(2)}`;
  await h.database.db.insert(pingTokens).values({ tokenHash: hashToken(token), targetId });
  return token;
}

describe('recurring campaigns', () => {
  it('start their next run once when the time comes, with the same settings and a new deadline', async () => {
    const deadlineAt = new Date(FRIDAY.getTime() + 48 * HOUR);
    const first = await createPingTest(
      deps(),
      CLI_ACTOR,
      body({
        deadlineMode: 'absolute',
        deadlineAt: deadlineAt.toISOString(),
        recurrenceMonths: 6,
        title: 'Twice a year',
      }),
      null,
      FRIDAY,
    );
    expect(first.nextRunAt).toBe(addMonths(FRIDAY, 6).toISOString());
    const sweep = pingTestsSweep(h.config);
    await sweep.run(h.database.db, new Date(FRIDAY.getTime() + 30 * 24 * HOUR));
    const runs = async () => {
      const result = await h.database.db.execute(
        sql`select sequence, starts_at, deadline_at, title from ping_campaigns where series_id = ${first.seriesId} order by sequence`,
      );
      return (result as { rows: { sequence: number; starts_at: string; deadline_at: string; title: string }[] }).rows;
    };
    expect(await runs()).toHaveLength(1);
    const due = new Date(addMonths(FRIDAY, 6).getTime() + 60_000);
    await sweep.run(h.database.db, due);
    await sweep.run(h.database.db, due);
    const series = await runs();
    expect(series.map((r) => r.sequence)).toEqual([1, 2]);
    expect(new Date(series[1]?.starts_at ?? '').toISOString()).toBe(addMonths(FRIDAY, 6).toISOString());
    expect(new Date(series[1]?.deadline_at ?? '').getTime() - new Date(series[1]?.starts_at ?? '').getTime()).toBe(
      48 * HOUR,
    );
    expect(series[1]?.title).toBe('Twice a year');
  });
});
