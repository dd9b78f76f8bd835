import { sql } from 'drizzle-orm';
import { CLI_ACTOR } from '../server/auth/actor.ts';
import { testConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/client.ts';
import { writeDueChecks } from '../server/modules/ping-tests/ping-dispatch.ts';
import { createPingTest } from '../server/modules/ping-tests/ping-tests.service.ts';
import { syncReferenceStates } from '../server/modules/states/states.service.ts';
import { insertEntriesInBulk } from '../server/test-support/bulk-entries.ts';
import type { Figure } from './figure.ts';

/**
 * Ping test at scale (issue: "a campaign to 20,000 contacts is created in under a second"), on the
 * embedded database. Baseline in the same run: a bare INSERT … SELECT copying the same number of
 * rows, the floor any set-based creation can reach. Also the rate at which the background sweep
 * writes checks (token + rendered mail in the outbox per contact).
 */
export async function pingCreateFigures(contacts: number): Promise<Figure[]> {
  const config = testConfig({ DATABASE_URL: undefined });
  const database = await openDatabase(config, { holder: 'bench', inMemory: {} });
  try {
    await database.migrate();
    await syncReferenceStates(database.db);
    const states = ((await database.db.execute(sql`select m49 from states`)) as { rows: { m49: string }[] }).rows;
    await insertEntriesInBulk(
      database.db,
      contacts,
      states.map((s) => s.m49),
      { prefix: 'bench', timeZone: 'Europe/Zurich' },
    );

    const baselineStart = performance.now();
    await database.db.execute(
      sql`create temporary table copy_of_entries as select id, state_m49, kind, details from directory_entries`,
    );
    const baselineMs = performance.now() - baselineStart;

    const createStart = performance.now();
    const campaign = await createPingTest(
      { db: database.db, config },
      CLI_ACTOR,
      {
        exercise: true,
        targets: { allParticipating: true, groups: [], kinds: [], states: [] },
        channels: ['email', 'in_app'],
        deadlineMode: 'business_hours',
        businessHours: 16,
        reminderHours: [4],
      },
      null,
    );
    const createMs = performance.now() - createStart;
    if (campaign.progress.targets !== contacts)
      throw new Error(`expected ${contacts} targets, got ${campaign.progress.targets}`);

    const writeStart = performance.now();
    const written = await writeDueChecks(database.db, config, new Date());
    const writePerSecond = written / ((performance.now() - writeStart) / 1000);
    return [
      { id: 'PING-base', label: `INSERT…SELECT of ${contacts} rows`, value: baselineMs, unit: 'ms' },
      {
        id: 'PING-create',
        label: `create a ping test to ${contacts} contacts`,
        value: createMs,
        unit: 'ms',
        ratio: createMs / baselineMs,
        target: '< 1,000 ms',
        met: createMs < 1000,
      },
      { id: 'PING-write', label: 'checks written (token + mail in outbox)', value: writePerSecond, unit: 'checks/s' },
    ];
  } finally {
    await database.close();
  }
}
