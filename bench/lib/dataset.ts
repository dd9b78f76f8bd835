import { sql } from 'drizzle-orm';
import type { Config } from '../../server/config.ts';
import { openDatabase, rowsOf } from '../../server/db/client.ts';
import { syncReferenceStates } from '../../server/modules/states/states.service.ts';
import { insertCommunicationsInBulk } from '../../server/test-support/bulk-communications.ts';
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
