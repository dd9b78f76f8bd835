import { and, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PingTargeting } from '../../../common/ping-tests.ts';
import { rowsOf, type Db } from '../../db/client.ts';
import { pingCampaigns, pingTargets, pingTokens } from '../../db/schema.ts';

export type CampaignRow = typeof pingCampaigns.$inferSelect;
export type TargetRow = typeof pingTargets.$inferSelect;

/** The serial of the next campaign, so its reference can be written with the row. */
export async function nextCampaignSerial(tx: Db): Promise<number> {
  const result = await tx.execute(sql`select nextval(pg_get_serial_sequence('ping_campaigns', 'serial')) as serial`);
  return Number(rowsOf<{ serial: string | number }>(result)[0]?.serial);
}

export async function insertCampaign(tx: Db, row: typeof pingCampaigns.$inferInsert): Promise<CampaignRow> {
  const [inserted] = await tx.insert(pingCampaigns).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

export async function updateTargetCount(tx: Db, id: string, count: number): Promise<void> {
  await tx.update(pingCampaigns).set({ targetCount: count }).where(eq(pingCampaigns.id, id));
}

/** The WHERE clause over `directory_entries e join states s` that selects a campaign's contacts. */
export function targetingFilter(targets: PingTargeting): SQL {
  const parts: SQL[] = [sql`e.status = 'active'`];
  if (!targets.allParticipating && targets.states.length > 0) {
    parts.push(
      sql`e.state_m49 in (${sql.join(
        targets.states.map((m49) => sql`${m49}`),
        sql`, `,
      )})`,
    );
  }
  if (targets.groups.length > 0) {
    parts.push(
      sql`s.regional_group in (${sql.join(
        targets.groups.map((group) => sql`${group}`),
        sql`, `,
      )})`,
    );
  }
  if (targets.kinds.length > 0) {
    parts.push(
      sql`e.kind in (${sql.join(
        targets.kinds.map((kind) => sql`${kind}`),
        sql`, `,
      )})`,
    );
  }
  return sql.join(parts, sql` and `);
}

/** The distinct deadline keys (time zone, State, 24/7) among the contacts a targeting selects. */
export async function deadlineKeys(
  db: Db,
  targets: PingTargeting,
): Promise<{ time_zone: string; state_m49: string; available_24_7: boolean }[]> {
  const result = await db.execute(sql`
    select distinct e.details->>'timeZone' as time_zone, e.state_m49, e.available_24_7
      from directory_entries e join states s on s.m49 = e.state_m49
     where ${targetingFilter(targets)}`);
  return rowsOf(result);
}

export interface DueByKey {
  timeZone: string;
  stateM49: string;
  available247: boolean;
  dueAt: string;
}

/**
 * Inserts every targeted contact in one statement (set-based, so 20,000 contacts take well under a
 * second): e-mail, name and time zone as they are now, the deadline of the contact's key, and an
 * OpenPGP key already past its expiry recorded as a key problem.
 */
export async function insertTargets(
  tx: Db,
  campaignId: string,
  targets: PingTargeting,
  dues: DueByKey[],
  closesAfterDueDays: number,
  now: Date,
): Promise<number> {
  const result = await tx.execute(sql`
    with due as (
      select * from jsonb_to_recordset(${JSON.stringify(dues)}::jsonb)
        as d("timeZone" text, "stateM49" text, "available247" boolean, "dueAt" timestamptz)
    ), inserted as (
      insert into ping_targets (campaign_id, entry_id, state_m49, kind, slot_role, name, email, time_zone,
                                due_at, closes_at, key_problem)
      select ${campaignId}, e.id, e.state_m49, e.kind, e.slot_role, e.details->>'nameNative',
             e.details->'emails'->>0, e.details->>'timeZone', d."dueAt",
             d."dueAt" + make_interval(days => ${closesAfterDueDays}),
             case when e.key_fingerprint is not null and e.key_expires_at <= ${now} then 'expired' end
        from directory_entries e
        join states s on s.m49 = e.state_m49
        join due d on d."timeZone" = e.details->>'timeZone' and d."stateM49" = e.state_m49
                  and d."available247" = e.available_24_7
       where ${targetingFilter(targets)}
      returning 1
    )
    select count(*)::int as count from inserted`);
  return Number(rowsOf<{ count: number }>(result)[0]?.count ?? 0);
}

export async function findCampaign(db: Db, id: string): Promise<CampaignRow | undefined> {
  const [row] = await db.select().from(pingCampaigns).where(eq(pingCampaigns.id, id));
  return row;
}

export async function findCampaignByReference(db: Db, reference: string): Promise<CampaignRow | undefined> {
  const [row] = await db.select().from(pingCampaigns).where(eq(pingCampaigns.reference, reference.toUpperCase()));
  return row;
}

export async function listCampaigns(db: Db, limit: number): Promise<CampaignRow[]> {
  return db.select().from(pingCampaigns).orderBy(desc(pingCampaigns.startsAt), desc(pingCampaigns.serial)).limit(limit);
}

export interface PendingCheckRow {
  id: string;
  campaign_id: string;
  entry_id: string;
  state_m49: string;
  name: string;
  email: string;
  time_zone: string;
  due_at: string | Date;
  kind: TargetRow['kind'];
  slot_role: TargetRow['slotRole'];
  key_fingerprint: string | null;
  key_expires_at: string | Date | null;
  pgp_public_key: string | null;
  working_languages: string[];
  reference: string;
  title: string | null;
  exercise: boolean;
  channels: string[];
}

/**
 * Takes up to `limit` targets whose check is not yet written, oldest campaign first. SKIP LOCKED
 * lets two dispatchers (two processes on PostgreSQL) share the work without writing one twice.
 * Targets are taken campaign by campaign from the partial index of waiting targets, in index
 * order, and only those taken are joined to their entries: sorting every waiting target for each
 * batch made a 20,000-contact campaign cost O(n²) (60 ms a batch at the start).
 */
export async function claimUnnotified(tx: Db, now: Date, limit: number): Promise<PendingCheckRow[]> {
  const result = await tx.execute(sql`
    with picked as (
      select waiting.id
        from (select c.id, c.serial
                from ping_campaigns c
               where c.starts_at <= ${now}
                 and exists (select 1 from ping_targets u where u.campaign_id = c.id and u.notified_at is null)
               order by c.serial) campaign
        cross join lateral (
          select t.id from ping_targets t
           where t.campaign_id = campaign.id and t.notified_at is null
           limit ${limit}
             for update skip locked) waiting
       limit ${limit})
    select t.id, t.campaign_id, t.entry_id, t.state_m49, t.name, t.email, t.time_zone, t.due_at, t.kind,
           t.slot_role, e.key_fingerprint, e.key_expires_at, e.details->>'pgpPublicKey' as pgp_public_key,
           array(select jsonb_array_elements_text(e.details->'workingLanguages')) as working_languages,
           c.reference, c.title, c.exercise, c.channels
      from picked
      join ping_targets t on t.id = picked.id
      join ping_campaigns c on c.id = t.campaign_id
      join directory_entries e on e.id = t.entry_id`);
  return rowsOf<PendingCheckRow>(result);
}

/**
 * Brings the planner's statistics up to date after a campaign's checks start pouring into the
 * outbox. The embedded database has no autovacuum, so without this its statistics say the
 * outbox holds (almost) no pending mail, and every claim sorts all 20,000 of them for its 50.
 * On PostgreSQL it only anticipates autovacuum (and is skipped with a warning if the role does
 * not own the tables).
 */
export async function refreshDispatchStatistics(db: Db): Promise<void> {
  await db.execute(sql`analyze outbox, ping_targets`);
}

export interface NotifiedTarget {
  id: string;
  outboxId: string | null;
  locale: string;
  keyProblem: string | null;
}

/** Records that the checks are written: one statement for the whole batch. */
export async function markNotified(tx: Db, rows: NotifiedTarget[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    update ping_targets t
       set notified_at = ${now}, outbox_id = n."outboxId", locale = n.locale,
           key_problem = coalesce(t.key_problem, n."keyProblem")
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
           as n(id uuid, "outboxId" uuid, locale text, "keyProblem" text)
     where t.id = n.id`);
}

export async function insertTokens(tx: Db, rows: { tokenHash: string; targetId: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(pingTokens).values(rows);
}

/** The target a link's token belongs to, locked for the acknowledgement. */
export async function lockTargetByToken(tx: Db, tokenHash: string): Promise<TargetRow | undefined> {
  const result = await tx.execute(sql`
    select t.id from ping_tokens k join ping_targets t on t.id = k.target_id where k.token_hash = ${tokenHash}`);
  const id = rowsOf<{ id: string }>(result)[0]?.id;
  return id === undefined ? undefined : lockTarget(tx, id);
}

export async function lockTarget(tx: Db, id: string): Promise<TargetRow | undefined> {
  const [row] = await tx.select().from(pingTargets).where(eq(pingTargets.id, id)).for('update');
  return row;
}

export async function markAcknowledged(tx: Db, id: string, at: Date, via: 'link' | 'app'): Promise<void> {
  await tx.update(pingTargets).set({ acknowledgedAt: at, acknowledgedVia: via }).where(eq(pingTargets.id, id));
}

/** A reply to a ping test is proof that the contact is reachable: the entry's "last verified" moves forward. */
export async function markEntryVerified(tx: Db, entryId: string, at: Date): Promise<void> {
  await tx.execute(sql`
    update directory_entries set last_verified_at = greatest(last_verified_at, ${at}) where id = ${entryId}`);
}

/** The signed-in contact's checks: targets addressed to their e-mail in their State, newest first. */
export async function checksOfContact(
  db: Db,
  email: string,
  stateM49: string,
  now: Date,
): Promise<(TargetRow & { reference: string; title: string | null; exercise: boolean })[]> {
  return db
    .select({
      ...getTableColumns(pingTargets),
      reference: pingCampaigns.reference,
      title: pingCampaigns.title,
      exercise: pingCampaigns.exercise,
    })
    .from(pingTargets)
    .innerJoin(pingCampaigns, eq(pingCampaigns.id, pingTargets.campaignId))
    .where(
      and(
        sql`lower(${pingTargets.email}) = lower(${email})`,
        eq(pingTargets.stateM49, stateM49),
        sql`${pingTargets.closesAt} > ${now}`,
        sql`${pingCampaigns.startsAt} <= ${now}`,
      ),
    )
    .orderBy(desc(pingTargets.dueAt))
    .limit(50);
}
