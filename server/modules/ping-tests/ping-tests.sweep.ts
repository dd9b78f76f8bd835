import { sql } from 'drizzle-orm';
import { addMonths } from '../../../common/ping-tests.ts';
import type { Locale } from '../../../common/locales.ts';
import type { PocKind } from '../../../common/directory.ts';
import { SYSTEM_ACTOR } from '../../auth/actor.ts';
import { hashToken } from '../../auth/token-hash.ts';
import type { Config } from '../../config.ts';
import { rowsOf, type Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { translate } from '../../i18n.ts';
import { notifyOutboxChanged } from '../../mail/outbox-signal.ts';
import { enqueueMail, type MailRequest } from '../../mail/outbox.repository.ts';
import { activeEntriesOfKind } from '../communications/communications.repository.ts';
import { mailLocaleOf, nationalAuthoritiesOf, stateNameIn } from '../directory/directory-mail.ts';
import { newLinkToken } from './ping-dispatch.ts';
import { escalationMail, reminderMail } from './ping-mail.ts';
import * as repo from './ping-tests.repository.ts';
import { createRun } from './ping-tests.service.ts';

type SweepConfig = Config;

interface ReminderRow {
  id: string;
  email: string;
  name: string;
  locale: Locale | null;
  due_at: string | Date;
  time_zone: string;
  reference: string;
  exercise: boolean;
}

/**
 * Reminders before the deadline to contacts who have not acknowledged (and whose mail did not
 * bounce): one reminder_ledger key per (target, reminder instant), so each fires once however
 * often, late or concurrently the sweep runs; instants before the check was written are skipped.
 */
async function remindersDue(tx: Db, now: Date): Promise<ReminderRow[]> {
  const result = await tx.execute(sql`
    with due as (
      select distinct t.id, t.due_at - make_interval(hours => h) as due_at
        from ping_targets t
        join ping_campaigns c on c.id = t.campaign_id
        cross join lateral unnest(c.reminder_hours) as h
        left join outbox o on o.id = t.outbox_id
       where t.acknowledged_at is null and t.notified_at is not null and 'email' = any(c.channels)
         and (o.status is null or o.status <> 'failed')
         and t.due_at > ${now}
         and t.due_at - make_interval(hours => h) <= ${now}
         and t.due_at - make_interval(hours => h) >= t.notified_at
    ), fired as (
      insert into reminder_ledger (kind, subject_id, due_at, fired_at)
      select 'ping_reminder', id, due_at, ${now} from due
      on conflict do nothing
      returning subject_id
    )
    select distinct t.id, t.email, t.name, t.locale, t.due_at, t.time_zone, c.reference, c.exercise
      from fired f join ping_targets t on t.id = f.subject_id join ping_campaigns c on c.id = t.campaign_id`);
  return rowsOf(result);
}

interface EscalationRow {
  campaign_id: string;
  state_m49: string;
  reference: string;
  exercise: boolean;
}

/**
 * Once every contact of a State has passed their deadline and some did not acknowledge, the
 * State's alternates and national authorities are told, once per (campaign, State). Campaigns whose
 * checks have closed are left alone (a server down for months does not wake people about them).
 */
async function escalationsDue(tx: Db, now: Date): Promise<EscalationRow[]> {
  const result = await tx.execute(sql`
    with late as (
      select t.campaign_id, t.state_m49, max(t.due_at) as due_at
        from ping_targets t
       group by t.campaign_id, t.state_m49
      having bool_and(t.due_at <= ${now}) and bool_or(t.acknowledged_at is null)
         and bool_and(t.notified_at is not null) and bool_or(t.closes_at > ${now})
    ), fired as (
      insert into reminder_ledger (kind, subject_id, due_at, fired_at)
      select 'ping_escalation', md5(campaign_id::text || state_m49)::uuid, due_at, ${now} from late
      on conflict do nothing
      returning subject_id
    )
    select l.campaign_id, l.state_m49, c.reference, c.exercise
      from late l
      join fired f on f.subject_id = md5(l.campaign_id::text || l.state_m49)::uuid
      join ping_campaigns c on c.id = l.campaign_id`);
  return rowsOf(result);
}

async function missingContacts(tx: Db, campaignId: string, stateM49: string) {
  const result = await tx.execute(sql`
    select entry_id, name, kind from ping_targets
     where campaign_id = ${campaignId} and state_m49 = ${stateM49} and acknowledged_at is null
     order by kind, name`);
  return rowsOf<{ entry_id: string; name: string; kind: PocKind }>(result);
}

async function escalationMails(tx: Db, config: SweepConfig, row: EscalationRow): Promise<MailRequest[]> {
  const missing = await missingContacts(tx, row.campaign_id, row.state_m49);
  const missingIds = new Set(missing.map((m) => m.entry_id));
  const listIn = (locale: Locale) =>
    missing.map((m) => `- ${m.name} (${translate(locale, `directory.kind.${m.kind}`)})`).join('\n');
  const mails: MailRequest[] = [];
  for (const kind of new Set(missing.map((m) => m.kind))) {
    const alternates = (await activeEntriesOfKind(tx, row.state_m49, kind)).filter(
      (entry) => entry.slotRole === 'alternate' && !missingIds.has(entry.id),
    );
    for (const entry of alternates) {
      const locale = mailLocaleOf(entry.details);
      const to = entry.details.emails[0];
      if (to === undefined) continue;
      mails.push(
        escalationMail(config, {
          to,
          locale,
          reference: row.reference,
          exercise: row.exercise,
          state: await stateNameIn(tx, row.state_m49, locale),
          missing: listIn(locale),
          role: translate(locale, 'directory.slot.alternate'),
        }),
      );
    }
  }
  for (const account of await nationalAuthoritiesOf(tx, row.state_m49)) {
    mails.push(
      escalationMail(config, {
        to: account.email,
        locale: account.locale,
        reference: row.reference,
        exercise: row.exercise,
        state: await stateNameIn(tx, row.state_m49, account.locale),
        missing: listIn(account.locale),
        role: translate(account.locale, 'role.national_authority'),
      }),
    );
  }
  return mails;
}

/** Reminders and escalations, with their mails, in one transaction. Returns the number of mails. */
async function remindAndEscalate(db: Db, config: SweepConfig, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const mails: MailRequest[] = [];
    const tokens: { tokenHash: string; targetId: string }[] = [];
    for (const row of await remindersDue(tx, now)) {
      const token = newLinkToken();
      tokens.push({ tokenHash: hashToken(token), targetId: row.id });
      mails.push(
        reminderMail(config, {
          to: row.email,
          locale: row.locale ?? 'en',
          name: row.name,
          reference: row.reference,
          exercise: row.exercise,
          dueAt: new Date(row.due_at),
          timeZone: row.time_zone,
          token,
        }),
      );
    }
    for (const row of await escalationsDue(tx, now)) mails.push(...(await escalationMails(tx, config, row)));
    await repo.insertTokens(tx, tokens);
    await enqueueMail(tx, mails);
    return mails.length;
  });
}

const DAY_MS = 24 * 3_600_000;

/**
 * The next run of each recurring series whose time has come. (series, sequence) is unique, so two
 * processes cannot both create it; a run noticed more than a day late starts now rather than in the past.
 */
async function startRecurringRuns(db: Db, config: SweepConfig, now: Date): Promise<void> {
  const result = await db.execute(sql`
    select c.id from ping_campaigns c
     where c.recurrence_months is not null
       and c.sequence = (select max(x.sequence) from ping_campaigns x where x.series_id = c.series_id)
       and c.starts_at + make_interval(months => c.recurrence_months) <= ${now}`);
  for (const { id } of rowsOf<{ id: string }>(result)) {
    const previous = await repo.findCampaign(db, id);
    if (!previous || previous.recurrenceMonths === null) continue;
    const scheduled = addMonths(previous.startsAt, previous.recurrenceMonths);
    const startsAt = now.getTime() - scheduled.getTime() > DAY_MS ? now : scheduled;
    const shift = startsAt.getTime() - previous.startsAt.getTime();
    try {
      await createRun(
        db,
        config,
        SYSTEM_ACTOR,
        {
          title: previous.title,
          exercise: previous.exercise,
          targets: previous.targets,
          channels: previous.channels,
          deadlineMode: previous.deadlineMode,
          deadlineAt: previous.deadlineAt === null ? null : new Date(previous.deadlineAt.getTime() + shift),
          businessHours: previous.businessHours,
          reminderHours: previous.reminderHours,
          recurrenceMonths: previous.recurrenceMonths,
        },
        { startsAt, seriesId: previous.seriesId, sequence: previous.sequence + 1, requestId: null },
      );
    } catch (error) {
      // An empty directory has nobody to check yet: try again at the next tick.
      if (error instanceof AppError && error.code === 'PING_NO_TARGETS') continue;
      if (isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  let inner = error;
  while (inner instanceof Error && inner.cause !== undefined) inner = inner.cause;
  return typeof inner === 'object' && inner !== null && (inner as { code?: unknown }).code === '23505';
}

/** Level-triggered ping test work: recurring runs, reminders, escalations. */
export function pingTestsSweep(config: SweepConfig) {
  return {
    name: 'ping-tests',
    run: async (db: Db, now: Date): Promise<void> => {
      await startRecurringRuns(db, config, now);
      const count = await remindAndEscalate(db, config, now);
      if (count > 0) notifyOutboxChanged();
    },
  };
}
