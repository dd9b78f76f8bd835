import fs from 'node:fs';
import { inject } from 'vitest';
import { buildApp } from '../app.ts';
import { testConfig, type Config } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';

/** A private database for one test file: a copy of the migrated template, or the shared PostgreSQL. */
export async function openTestDatabase(config: Config = testConfig()): Promise<Database> {
  if (config.DATABASE_URL) return openDatabase(config, { holder: 'vitest' });
  const dumpPath = inject('templateDumpPath');
  const loadDataDir = new Blob([fs.readFileSync(dumpPath)]);
  return openDatabase(config, { holder: 'vitest', inMemory: { loadDataDir } });
}

export type TestApp = Awaited<ReturnType<typeof buildApp>>;

export interface Harness {
  app: TestApp;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

/** The real app over a real database, called in process with app.inject(). */
export async function createHarness(overrides: Partial<Config> = {}): Promise<Harness> {
  const config = testConfig(overrides);
  const database = await openTestDatabase(config);
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
