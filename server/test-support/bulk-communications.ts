import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/**
 * `count` opening messages over the past year, each from one State to another, with the status mix of
 * a working system (most answered, some acknowledged, a few of the last day's still waiting), 5%
 * TLP:RED addressed to a named contact.
 */
export async function insertCommunicationsInBulk(db: Db, count: number, states: readonly string[]): Promise<void> {
  const list = `{${states.join(',')}}`;
  const batch = 100_000;
  for (let first = 1; first <= count; first += batch) {
    const last = Math.min(count, first + batch - 1);
    await db.execute(sql`
      with s as (select m49, (row_number() over (order by m49) - 1)::int as i from unnest(${list}::text[]) as m49),
      g as (
        select n, gen_random_uuid() as id, nextval('communications_serial_seq') as serial,
               now() - ((${count} - n) * interval '30 seconds') as created_at
          from generate_series(${first}::int, ${last}::int) as n),
      c as (
        insert into communications (id, serial, reference, thread_id, type, template_version, tlp, urgency,
                                    sender_state_m49, sender_label, language, content, content_sha256, created_at)
        select g.id, g.serial, 'PD-' || extract(year from g.created_at) || '-' || lpad(g.serial::text, greatest(6, length(g.serial::text)), '0'), g.id,
               'request_for_information', 1,
               case when g.n % 20 = 0 then 'TLP:RED' else 'TLP:AMBER' end,
               case when g.n % 10 = 0 then 'urgent' else 'high' end,
               sender.m49, 'Bench sender ' || sender.m49, 'en',
               jsonb_build_object(
                 'summary', 'Scanning from addresses announced by your national ISP, case ' || g.n,
                 'informationRequested', 'Please tell us whether 203.0.113.' || (g.n % 250) || ' belongs to a known botnet.',
                 'affectedSectors', jsonb_build_array('energy'), 'impact', 'moderate',
                 'firstObservedAt', to_char(g.created_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
               md5(g.n::text) || md5(g.id::text), g.created_at
          from g
          join s sender on sender.i = g.n % ${states.length}
        -- Only the last day's messages still wait for an acknowledgement, one in five of them (in a
        -- live system the older ones were acknowledged or escalated long ago; seeding them as pending
        -- would make the first deadline sweep send tens of thousands of reminders at start).
        returning id, sender_state_m49, created_at, serial, tlp,
                  created_at > now() - interval '1 day' and serial % 5 = 0 as pending)
      insert into communication_recipients (communication_id, state_m49, message_at, red, status, acknowledge_due_at,
                                            acknowledged_at, answered_at, created_at)
      select c.id, recipient.m49, c.created_at, c.tlp = 'TLP:RED',
             case when c.pending then 'sent' when c.serial % 7 = 0 then 'acknowledged' else 'answered' end,
             c.created_at + interval '24 hours',
             case when c.pending then null else c.created_at + interval '2 hours' end,
             case when c.pending or c.serial % 7 = 0 then null else c.created_at + interval '20 hours' end,
             c.created_at
        from c
        join s sender on sender.m49 = c.sender_state_m49
        join s recipient on recipient.i = (sender.i + 1 + (c.serial % ${states.length - 1})::int) % ${states.length}`);
  }
  // TLP:RED messages name their addressee: the first technical contact of the recipient State.
  await db.execute(sql`
    insert into communication_addressees (communication_id, entry_id, state_m49, email)
    select c.id, e.id, r.state_m49, e.details->'emails'->>0
      from communications c
      join communication_recipients r on r.communication_id = c.id
      join lateral (select id, details from directory_entries d
                     where d.state_m49 = r.state_m49 and d.status = 'active' order by id limit 1) e on true
     where c.tlp = 'TLP:RED'`);
}
