import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { testConfig } from '../config.ts';
import { embeddedClientOf, openDatabase } from '../db/client.ts';
import { syncReferenceStates } from '../modules/states/states.service.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated, seeded embedded database dumped to a file; each test file loads a private copy. */
    templateDumpPath: string;
  }
}

/**
 * Migrates once per run. Embedded: builds a template database and dumps it, because creating
 * PGlite from scratch costs ~3 s and loading a dump ~0.6 s. PostgreSQL: migrates the database in
 * DATABASE_URL, which every test file then shares (tests create their own accounts, never truncate).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = testConfig();
  const database = await openDatabase(config, { holder: 'vitest global setup', inMemory: {} });
  if (config.DATABASE_URL) {
    await database.close();
    const pg = await openDatabase(config, { holder: 'vitest' });
    await pg.migrate();
    await syncReferenceStates(pg.db);
    await pg.close();
    project.provide('templateDumpPath', '');
    return async () => {};
  }
  await database.migrate();
  await syncReferenceStates(database.db);
  const client = embeddedClientOf(database);
  if (!client) throw new Error('expected an embedded database');
  const dump = await client.dumpDataDir('none');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pocdir-test-'));
  const dumpPath = path.join(dir, 'template.tar');
  fs.writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('templateDumpPath', dumpPath);
  return async () => fs.rmSync(dir, { recursive: true, force: true });
}
