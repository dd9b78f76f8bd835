import { sql } from 'drizzle-orm';
import type { Config } from '../../server/config.ts';
import { openDatabase, rowsOf, type Db } from '../../server/db/client.ts';
import { syncReferenceStates } from '../../server/modules/states/states.service.ts';
import { insertEntriesInBulk } from '../../server/test-support/bulk-entries.ts';
import { buildAccount, type TestAccount } from '../../server/test-support/factories.ts';

/** The scale the figures are measured at: one hundred times today's UN directory. */
export interface Scale {
  contacts: number;
  communications: number;
  users: number;
}

export const FULL_SCALE: Scale = { contacts: 20_000, communications: 1_000_000, users: 200 };
/** `--quick`: the same code paths at a size that runs in a minute, to check the benchmarks still work. */
export const QUICK_SCALE: Scale = { contacts: 2_000, communications: 20_000, users: 20 };

export interface Dataset {
  scale: Scale;
  /** Points of contact, round robin over the States, each able to send and read communications. */
  users: TestAccount[];
  /** A directory manager with an authenticator (starts ping tests). */
  manager: TestAccount;
  states: string[];
  /** A few active technical entries per State, to address communications to named people. */
  entriesByState: Map<string, string[]>;
  seedMs: number;
}

/**
 * Fills an empty database with the benchmark's data, then closes it so that `pocdir serve` can own
 * it. Volume is inserted set-based (the workflows that create it are tested elsewhere); accounts
 * go through the real service (argon2id, audit) because sign-in is part of what is measured.
 */
export async function seedDataset(config: Config, scale: Scale, log: (line: string) => void): Promise<Dataset> {
  const started = performance.now();
  const database = await openDatabase(config, { holder: 'pocdir bench (seeding)' });
  try {
    await database.migrate();
    await syncReferenceStates(database.db);
    const states = rowsOf<{ m49: string }>(await database.db.execute(sql`select m49 from states order by m49`)).map(
      (s) => s.m49,
    );
    log(`  seeding ${scale.contacts.toLocaleString('en')} contacts`);
    await insertEntriesInBulk(database.db, scale.contacts, states, { prefix: 'bench', timeZone: 'Europe/Zurich' });
    log(`  seeding ${scale.communications.toLocaleString('en')} communications`);
    await insertCommunicationsInBulk(database.db, scale.communications, states);
    log(`  creating ${scale.users} accounts`);
    const users: TestAccount[] = [];
    for (let i = 0; i < scale.users; i++) {
      users.push(await buildAccount(database.db, { role: 'point_of_contact', stateM49: states[i % states.length] }));
    }
    const manager = await buildAccount(database.db, { role: 'directory_manager' });
    const entries = rowsOf<{ state_m49: string; ids: string[] }>(
      await database.db.execute(sql`
        select state_m49, (array_agg(id order by id))[1:3] as ids
          from directory_entries where status = 'active' and kind = 'technical' group by state_m49`),
    );
    // As autovacuum would have left a database that grew over a year (PGlite has no autovacuum).
    await database.db.execute(sql`vacuum analyze`);
    return {
      scale,
      users,
      manager,
      states,
      entriesByState: new Map(entries.map((e) => [e.state_m49, e.ids])),
      seedMs: performance.now() - started,
    };
  } finally {
    await database.close();
  }
}

/**
 * `count` opening messages over the past year, each from one State to another, with the status mix of
 * a working system (most answered, some acknowledged, a few of the last day's still waiting), 5%
 * TLP:RED addressed to a named contact.
 */
async function insertCommunicationsInBulk(db: Db, count: number, states: readonly string[]): Promise<void> {
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
        returning id, sender_state_m49, created_at, serial,
                  created_at > now() - interval '1 day' and serial % 5 = 0 as pending)
      insert into communication_recipients (communication_id, state_m49, status, acknowledge_due_at,
                                            acknowledged_at, answered_at, created_at)
      select c.id, recipient.m49,
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
