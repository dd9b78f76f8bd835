import fs from 'node:fs';
import { inject } from 'vitest';
import { buildApp } from '../app.ts';
import { testConfig, type Config } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { copyPostgresDatabase } from './postgres-copy.ts';

/**
 * A private database for one test file: a copy of the migrated template, embedded or on
 * PostgreSQL (CREATE DATABASE … TEMPLATE), so files running in parallel never see each
 * other's rows, jobs or mail.
 */
export async function openTestDatabase(config: Config = testConfig()): Promise<Database> {
  return (await openTestDatabaseWithConfig(config)).database;
}

/** Like openTestDatabase, with the config that points at the copy (jobs and CLIs must use that one). */
export async function openTestDatabaseWithConfig(config: Config): Promise<{ database: Database; config: Config }> {
  if (config.DATABASE_URL) {
    const copy = await copyPostgresDatabase(config.DATABASE_URL);
    const copyConfig = { ...config, DATABASE_URL: copy.url };
    const database = await openDatabase(copyConfig, { holder: 'vitest' });
    const close = async () => {
      await database.close();
      await copy.drop();
    };
    return { database: { ...database, close }, config: copyConfig };
  }
  const dumpPath = inject('templateDumpPath');
  const loadDataDir = new Blob([fs.readFileSync(dumpPath)]);
  return { database: await openDatabase(config, { holder: 'vitest', inMemory: { loadDataDir } }), config };
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
  const { database, config } = await openTestDatabaseWithConfig(testConfig(overrides));
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
