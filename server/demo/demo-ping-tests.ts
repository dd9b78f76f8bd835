import { sql } from 'drizzle-orm';
import type { SystemActor } from '../auth/actor.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { recordAcknowledgement } from '../modules/ping-tests/ping-acknowledge.service.ts';
import { writeDueChecks } from '../modules/ping-tests/ping-dispatch.ts';
import * as repo from '../modules/ping-tests/ping-tests.repository.ts';
import { createRun, type CampaignPlan } from '../modules/ping-tests/ping-tests.service.ts';

const DEMO_ACTOR: SystemActor = { kind: 'system', label: 'demo-seed' };
const DAY = 24 * 3_600_000;
const MINUTE = 60_000;

interface PastCampaign {
  daysAgo: number;
  plan: CampaignPlan;
  /** Every n-th contact never answered; every m-th answered after the deadline. */
  silentEvery: number;
  lateEvery: number;
}

const EVERYONE = { allParticipating: true, groups: [], kinds: [], states: [] };

const PAST: PastCampaign[] = [
  {
    daysAgo: 160,
    plan: {
      title: 'Semi-annual communication check (first half)',
      exercise: false,
      targets: EVERYONE,
      channels: ['email', 'in_app'],
      deadlineMode: 'absolute',
      deadlineAt: null,
      businessHours: null,
      reminderHours: [24],
      recurrenceMonths: null,
    },
    silentEvery: 4,
    lateEvery: 5,
  },
  {
    daysAgo: 25,
    plan: {
      title: 'Semi-annual communication check (second half)',
      exercise: false,
      targets: EVERYONE,
      channels: ['email', 'in_app'],
      deadlineMode: 'business_hours',
      deadlineAt: null,
      businessHours: 16,
      reminderHours: [4],
      recurrenceMonths: 6,
    },
    silentEvery: 7,
    lateEvery: 9,
  },
];

/**
 * Two past ping tests, so the trend, the charts and the map show something on first start. Their
 * checks are written as in production, then recorded as sent at the time (no mail goes out now),
 * one bounced, and most contacts answered, some late, some never, through the real service.
 */
export async function seedDemoPingTests(db: Db, config: Config, now = new Date()): Promise<void> {
  for (const past of PAST) {
    const startsAt = new Date(now.getTime() - past.daysAgo * DAY);
    const plan =
      past.plan.deadlineMode === 'absolute'
        ? { ...past.plan, deadlineAt: new Date(startsAt.getTime() + 2 * DAY) }
        : past.plan;
    const campaign = await createRun(db, config, DEMO_ACTOR, plan, { startsAt, requestId: null });
    await writeDueChecks(db, config, startsAt);
    await db.execute(sql`
      update outbox o
         set status = 'sent', sent_at = t.notified_at + interval '2 minutes', body = '', leased_until = null,
             message_id = '<demo-' || o.id || '@pocdir.invalid>'
        from ping_targets t
       where t.outbox_id = o.id and t.campaign_id = ${campaign.id}`);
    const targets = await db.execute(
      sql`select id from ping_targets where campaign_id = ${campaign.id} order by state_m49, name`,
    );
    const ids = (targets as { rows: { id: string }[] }).rows.map((r) => r.id);
    for (const [index, id] of ids.entries()) {
      if (index === 2) {
        await db.execute(sql`
          update outbox set status = 'failed', sent_at = null, message_id = null,
                 last_error = 'EENVELOPE 550: 5.1.1 mailbox unavailable'
           where id = (select outbox_id from ping_targets where id = ${id})`);
        continue;
      }
      if (index % past.silentEvery === past.silentEvery - 1) continue;
      await db.transaction(async (tx) => {
        const target = await repo.lockTarget(tx, id);
        if (!target) return;
        const late = index % past.lateEvery === past.lateEvery - 1;
        const answeredAt = late
          ? new Date(target.dueAt.getTime() + (3 + index) * 60 * MINUTE)
          : new Date(startsAt.getTime() + (12 + ((index * 97) % 900)) * MINUTE);
        const inTime = late || answeredAt.getTime() < target.dueAt.getTime() ? answeredAt : target.dueAt;
        await recordAcknowledgement(tx, target, index % 3 === 0 ? 'app' : 'link', DEMO_ACTOR, null, inTime);
      });
    }
  }
}
