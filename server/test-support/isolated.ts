import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { testConfig, type Config } from '../config.ts';

export interface Isolated {
  config: Config;
  /** Environment for a child `pocdir` process pointing at the same database. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

/**
 * A database of its own, on disk, for tests that tamper with it or run the CLI as a separate
 * process: a fresh DATA_DIR (embedded) or a fresh database on the PostgreSQL server of DATABASE_URL
 * (the benchmarks pass their own base to choose the backend).
 */
export async function isolatedDatabase(base: Config = testConfig()): Promise<Isolated> {
  if (!base.DATABASE_URL) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pocdir-iso-'));
    return {
      config: { ...base, DATA_DIR: dir },
      env: { DATA_DIR: dir, DATABASE_URL: '' },
      dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `pocdir_iso_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base.DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    config: { ...base, DATABASE_URL: url.toString() },
    env: { DATABASE_URL: url.toString() },
    dispose: async () => {
      const client = new pg.Client({ connectionString: base.DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
