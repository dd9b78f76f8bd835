import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Config } from '../config.ts';
import { projectPath } from '../project-root.ts';
import { acquireDataDirLock, type DataDirLock } from './lock.ts';
import { shareDrizzleParsers } from './pglite-parsers.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A database or a transaction: repositories accept either, so callers choose the transaction. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

const EMBEDDED_SHARED_BUFFERS = '64MB';

export const MIGRATIONS_FOLDER = projectPath('server', 'db', 'migrations');

export interface Database {
  db: Db;
  kind: 'embedded' | 'postgres';
  /** Applies pending migrations from the one migrations folder. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Who holds the embedded database, shown to a second opener ("pocdir serve", "pocdir migrate"). */
  holder: string;
  /** Tests: an embedded database in memory, optionally loaded from a dump. */
  inMemory?: { loadDataDir?: Blob };
}

/** Opens PostgreSQL when DATABASE_URL is set, else the embedded database under DATA_DIR (locked). */
export async function openDatabase(config: Config, options: OpenOptions): Promise<Database> {
  if (config.DATABASE_URL) return openPostgres(config.DATABASE_URL);
  return openEmbedded(config, options);
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection that the server ends (restart, failover, an administrator) emits 'error' on the
  // pool; without a listener that is an uncaught exception that stops the process. The pool drops that
  // client and opens a new one on demand; queries in flight still get their error.
  pool.on('error', (error: Error & { code?: string }) => {
    process.emitWarning(`PostgreSQL connection lost (${error.code ?? error.message}); it will be reopened`);
  });
  // Fail at boot, with the driver's reason, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    migrate: () => migratePg(drizzlePg(pool, { schema }), { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => pool.end(),
  };
}

async function openEmbedded(config: Config, options: OpenOptions): Promise<Database> {
  let lock: DataDirLock | undefined;
  let client: PGlite;
  if (options.inMemory) {
    client = await PGlite.create({ loadDataDir: options.inMemory.loadDataDir });
  } else {
    lock = acquireDataDirLock(config.DATA_DIR, options.holder);
    try {
      client = await PGlite.create({
        dataDir: path.join(config.DATA_DIR, 'db'),
        // PostgreSQL's 128 MB of shared buffers are touched at start and held for good: 64 MB keeps an
        // idle server under P4's 400 MB (docs/performance.md); the OS page cache holds the rest.
        startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
      });
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  shareDrizzleParsers(client);
  const typed = drizzlePglite(client, { schema });
  return {
    db: typed as unknown as Db,
    kind: 'embedded',
    migrate: () => migratePglite(typed, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: async () => {
      await client.close();
      lock?.release();
    },
  };
}

/** The PGlite client behind an embedded database, for dumps in tests; undefined on PostgreSQL. */
export function embeddedClientOf(database: Database): PGlite | undefined {
  const candidate = (database.db as unknown as { $client?: unknown }).$client;
  return candidate instanceof PGlite ? candidate : undefined;
}

/** The rows of a `db.execute(sql…)` result: PGlite and node-postgres both answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
