import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryEntries, outbox } from '../../db/schema.ts';
import { buildEntry } from '../../test-support/directory-factories.ts';
import { signedIn, type SignedIn } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { directoryRemindersSweep } from './freshness.sweep.ts';

const POLAND = '616';
const DAY = 24 * 60 * 60 * 1000;
let h: Harness;
let authority: SignedIn;
let manager: SignedIn;

beforeAll(async () => {
  h = await createHarness({ RECONFIRM_CADENCE_DAYS: 365, RECONFIRM_REMINDER_DAYS: 30 });
  authority = await signedIn(h.app, h.database.db, 'national_authority', POLAND);
  manager = await signedIn(h.app, h.database.db, 'directory_manager');
});
afterAll(() => h.close());

async function remindersTo(email: string, purpose: string) {
  return h.database.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.recipient, email), eq(outbox.purpose, purpose)));
}

async function ageEntry(entryId: string, days: number) {
  await h.database.db
    .update(directoryEntries)
    .set({ lastConfirmedAt: sql`now() - make_interval(days => ${days})` })
    .where(eq(directoryEntries.id, entryId));
}

describe('freshness', () => {
  it('an entry past the cadence is stale, listed in coverage, and fresh again once confirmed', async () => {
    const { entryId } = await buildEntry({ db: h.database.db, config: h.config }, POLAND);
    await ageEntry(entryId, 400);
    const read = await h.app.inject({ url: `/api/v1/directory/entries/${entryId}`, headers: authority.headers });
    expect(read.json().entry.stale).toBe(true);
    const stale = await h.app.inject({
      url: `/api/v1/directory/entries?stale=true&stateM49=${POLAND}`,
      headers: authority.headers,
    });
    expect(stale.json().items.map((e: { id: string }) => e.id)).toContain(entryId);
    const coverage = await h.app.inject({ url: '/api/v1/directory/coverage', headers: manager.headers });
    expect(coverage.json().stale.map((s: { entryId: string }) => s.entryId)).toContain(entryId);

    const confirmed = await h.app.inject({
      method: 'POST',
      url: `/api/v1/directory/entries/${entryId}/confirm`,
      headers: authority.writeHeaders,
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().stale).toBe(false);
    expect(Date.parse(confirmed.json().lastConfirmedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('reminders are level-triggered: once per due date, caught up after downtime, never twice', async () => {
    const { entryId } = await buildEntry({ db: h.database.db, config: h.config }, POLAND);
    const sweep = directoryRemindersSweep(h.config);
    const now = Date.now();
    await sweep.run(h.database.db, new Date(now + 300 * DAY)); // not yet due (reminder at day 335)
    expect(await remindersTo(authority.account.email, 'directory.reconfirm')).toHaveLength(0);
    // The server was down from day 300 to day 340: the first sweep after it catches up.
    await sweep.run(h.database.db, new Date(now + 340 * DAY));
    const sent = await remindersTo(authority.account.email, 'directory.reconfirm');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toContain(`/my-state`);
    expect(sent[0]?.body).toContain('must be confirmed as still valid by');
    // Running again, or a second worker running the same sweep, sends nothing more.
    await Promise.all([
      sweep.run(h.database.db, new Date(now + 341 * DAY)),
      sweep.run(h.database.db, new Date(now + 342 * DAY)),
    ]);
    await sweep.run(h.database.db, new Date(now + 400 * DAY));
    expect(await remindersTo(authority.account.email, 'directory.reconfirm')).toHaveLength(1);
    // Confirmed: the next cycle has a new due date, and fires once again a year later.
    await h.app.inject({
      method: 'POST',
      url: `/api/v1/directory/entries/${entryId}/confirm`,
      headers: authority.writeHeaders,
    });
    await sweep.run(h.database.db, new Date(now + 100 * DAY));
    expect(await remindersTo(authority.account.email, 'directory.reconfirm')).toHaveLength(1);
    await sweep.run(h.database.db, new Date(now + 345 * DAY));
    expect(await remindersTo(authority.account.email, 'directory.reconfirm')).toHaveLength(2);
  });

  it('a reminder caught up after the due date says the entry is overdue', async () => {
    const authorityEe = await signedIn(h.app, h.database.db, 'national_authority', '233');
    const { entryId } = await buildEntry({ db: h.database.db, config: h.config }, '233');
    await ageEntry(entryId, 400);
    await directoryRemindersSweep(h.config).run(h.database.db, new Date());
    const sent = await remindersTo(authorityEe.account.email, 'directory.reconfirm');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toContain('now marked as overdue');
  });
});
