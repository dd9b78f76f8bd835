import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.ts';
import type { TargetRow } from './ping-tests.repository.ts';

/*
 * The results of ping tests, computed from the targets and their outbox rows when asked (nothing
 * is stored but the facts: when a check was written and sent, when and how it was acknowledged).
 */

/** States a caller may see as a SQL condition on `t.state_m49`. */
export function stateScope(states: 'all' | string[]): SQL {
  if (states === 'all') return sql`true`;
  if (states.length === 0) return sql`false`;
  return sql`t.state_m49 in (${sql.join(
    states.map((m49) => sql`${m49}`),
    sql`, `,
  )})`;
}

/**
 * One contact's result, in one place (see PING_RESULTS for the precedence). `o` is the target's
 * outbox row: a mail that failed for good without an acknowledgement is a bounce.
 */
export function resultSql(now: Date): SQL {
  return sql`case
      when t.acknowledged_at is null and o.status = 'failed' then 'bounced'
      when t.key_problem is not null then 'key_problem'
      when t.acknowledged_at is not null and t.acknowledged_at <= t.due_at then 'acknowledged'
      when t.acknowledged_at is not null then 'late'
      when t.due_at <= ${now} then 'no_response'
      else 'pending' end`;
}

/** Seconds from the check reaching the contact (mail accepted by the server, or written in-app) to the acknowledgement. */
export const secondsSql = sql`case when t.acknowledged_at is null then null
  else greatest(0, extract(epoch from (t.acknowledged_at - coalesce(o.sent_at, t.notified_at)))) end`;

export interface FigureRow {
  campaign_id: string;
  grp: string | null;
  state_m49: string | null;
  g_grp: number;
  g_state: number;
  contacts: number;
  acknowledged: number;
  late: number;
  no_response: number;
  bounced: number;
  key_problem: number;
  pending: number;
  states: number;
  states_reached: number;
  states_responded: number;
  any_pending: boolean;
  ack_in_time: number;
  responded: number;
  median: number | null;
  p90: number | null;
  first_seconds: number | null;
}

/**
 * Figures of campaigns, by campaign and optionally by regional group and State (GROUPING SETS),
 * in one pass over their targets. A State counts as reached when any contact acknowledged in time.
 */
export async function figureRows(
  db: Db,
  campaignIds: string[],
  states: 'all' | string[],
  now: Date,
  breakdown: boolean,
): Promise<FigureRow[]> {
  if (campaignIds.length === 0) return [];
  const sets = breakdown
    ? sql`grouping sets ((campaign_id), (campaign_id, grp), (campaign_id, grp, state_m49))`
    : sql`campaign_id`;
  const keys = breakdown
    ? sql`grp, state_m49, grouping(grp) as g_grp, grouping(state_m49) as g_state`
    : sql`null as grp, null as state_m49, 1 as g_grp, 1 as g_state`;
  const result = await db.execute(sql`
    with r as (
      select t.campaign_id, s.regional_group as grp, t.state_m49, t.acknowledged_at, t.due_at,
             ${resultSql(now)} as result, ${secondsSql} as seconds
        from ping_targets t
        join states s on s.m49 = t.state_m49
        left join outbox o on o.id = t.outbox_id
       where t.campaign_id in (${sql.join(
         campaignIds.map((id) => sql`${id}`),
         sql`, `,
       )}) and ${stateScope(states)}
    )
    select campaign_id, ${keys},
           count(*)::int as contacts,
           count(*) filter (where result = 'acknowledged')::int as acknowledged,
           count(*) filter (where result = 'late')::int as late,
           count(*) filter (where result = 'no_response')::int as no_response,
           count(*) filter (where result = 'bounced')::int as bounced,
           count(*) filter (where result = 'key_problem')::int as key_problem,
           count(*) filter (where result = 'pending')::int as pending,
           count(distinct state_m49)::int as states,
           count(distinct state_m49) filter (where acknowledged_at <= due_at)::int as states_reached,
           count(distinct state_m49) filter (where acknowledged_at is not null)::int as states_responded,
           coalesce(bool_or(due_at > ${now}), false) as any_pending,
           count(*) filter (where acknowledged_at <= due_at)::int as ack_in_time,
           count(acknowledged_at)::int as responded,
           percentile_cont(0.5) within group (order by seconds) as median,
           percentile_cont(0.9) within group (order by seconds) as p90,
           min(seconds) as first_seconds
      from r
     group by ${sets}`);
  return rowsOf<FigureRow>(result).map((row) => ({
    ...row,
    median: row.median === null ? null : Number(row.median),
    p90: row.p90 === null ? null : Number(row.p90),
    first_seconds: row.first_seconds === null ? null : Number(row.first_seconds),
  }));
}

export interface ProgressRow {
  campaign_id: string;
  targets: number;
  notified: number;
  mails_sent: number;
  mails_failed: number;
  latest_due_at: string | Date | null;
}

/** How far each campaign's dispatch has come (all of its targets, whatever the caller's scope). */
export async function progressRows(db: Db, campaignIds: string[]): Promise<ProgressRow[]> {
  if (campaignIds.length === 0) return [];
  const result = await db.execute(sql`
    select t.campaign_id, count(*)::int as targets, count(t.notified_at)::int as notified,
           count(*) filter (where o.status = 'sent')::int as mails_sent,
           count(*) filter (where o.status = 'failed')::int as mails_failed,
           max(t.due_at) as latest_due_at
      from ping_targets t left join outbox o on o.id = t.outbox_id
     where t.campaign_id in (${sql.join(
       campaignIds.map((id) => sql`${id}`),
       sql`, `,
     )})
     group by t.campaign_id`);
  return rowsOf<ProgressRow>(result);
}

export interface ContactResultRow {
  id: string;
  entry_id: string;
  state_m49: string;
  kind: TargetRow['kind'];
  slot_role: TargetRow['slotRole'];
  name: string;
  email: string;
  time_zone: string;
  due_at: string | Date;
  notified_at: string | Date | null;
  acknowledged_at: string | Date | null;
  acknowledged_via: TargetRow['acknowledgedVia'];
  seconds: number | null;
  result: string;
  bounce: string | null;
  key_problem: TargetRow['keyProblem'];
  total: number;
}

/** Contacts of a campaign with their result, filtered and paged; `total` counts all matches. */
export async function contactResults(
  db: Db,
  campaignId: string,
  filter: { states: 'all' | string[]; stateM49?: string; result?: string; limit: number; offset: number },
  now: Date,
): Promise<ContactResultRow[]> {
  const result = await db.execute(sql`
    with r as (
      select t.*, ${resultSql(now)} as result, ${secondsSql} as seconds,
             case when o.status = 'failed' then o.last_error end as bounce
        from ping_targets t left join outbox o on o.id = t.outbox_id
       where t.campaign_id = ${campaignId} and ${stateScope(filter.states)}
         ${filter.stateM49 === undefined ? sql`` : sql`and t.state_m49 = ${filter.stateM49}`}
    )
    select id, entry_id, state_m49, kind, slot_role, name, email, time_zone, due_at, notified_at,
           acknowledged_at, acknowledged_via, seconds, result, bounce, key_problem,
           (count(*) over ())::int as total
      from r
     ${filter.result === undefined ? sql`` : sql`where result = ${filter.result}`}
     order by state_m49, kind, slot_role, name, id
     limit ${filter.limit} offset ${filter.offset}`);
  return rowsOf<ContactResultRow>(result).map((row) => ({
    ...row,
    seconds: row.seconds === null ? null : Number(row.seconds),
  }));
}
