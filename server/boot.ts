import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { formatDemoLogins, seedDemo } from './demo/demo-seed.ts';
import { releaseOutboxLeases } from './mail/outbox.repository.ts';
import { countAccounts } from './modules/accounts/accounts.repository.ts';
import { syncReferenceStates } from './modules/states/states.service.ts';

/**
 * Opens the database, applies migrations and refreshes reference data. Every entry point
 * (server, CLI) goes through here, so none can run against an unmigrated schema.
 */
export async function prepareDatabase(config: Config, holder: string): Promise<Database> {
  const database = await openDatabase(config, { holder });
  try {
    await database.migrate();
    await syncReferenceStates(database.db);
    // The lock makes this process the only one on an embedded database: mails claimed by a
    // process that died (SIGKILL, power cut) can go out now rather than when their lease ends.
    if (database.kind === 'embedded') await releaseOutboxLeases(database.db, new Date());
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** On first start into an empty database (and only with DEMO_DATA on), seeds demo data. */
export async function seedDemoIfEmpty(
  config: Config,
  database: Database,
  print: (text: string) => void,
): Promise<void> {
  if (!config.DEMO_DATA || (await countAccounts(database.db)) > 0) return;
  const logins = await seedDemo(database.db, config);
  print(formatDemoLogins(logins));
}
