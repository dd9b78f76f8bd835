import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { testConfig, type Config } from '../../server/config.ts';
import { MIGRATIONS_FOLDER } from '../../server/db/client.ts';
import { isolatedDatabase } from '../../server/test-support/isolated.ts';
import { seedDataset, type Dataset, type Scale } from './dataset.ts';
import { ROOT } from './processes.ts';

export type Backend = 'embedded' | 'postgres';

/** The embedded database always; PostgreSQL too when DATABASE_URL is given. */
export function backendsToRun(): Backend[] {
  return process.env.DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];
}

/** Sealed secrets (authenticators) in the seeded data open with this key; the server gets it too. */
const BENCH_SECRET_KEY = Buffer.from('pocdir-benchmark-secret-key-32by').toString('base64');
// The account factories seal authenticators with testConfig()'s key, which reads the environment.
process.env.SECRET_KEY = BENCH_SECRET_KEY;

export interface BenchDatabase {
  backend: Backend;
  config: Config;
  /** Environment for a `pocdir` child process on this database. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

/** A database of its own: a fresh DATA_DIR, or a fresh database beside DATABASE_URL's (dropped after). */
export async function freshDatabase(backend: Backend): Promise<BenchDatabase> {
  const base = testConfig({
    DATABASE_URL: backend === 'postgres' ? process.env.DATABASE_URL : undefined,
    SECRET_KEY: BENCH_SECRET_KEY,
  });
  const isolated = await isolatedDatabase(base);
  return {
    backend,
    config: isolated.config,
    env: { ...isolated.env, SECRET_KEY: BENCH_SECRET_KEY },
    dispose: () => isolated.dispose(),
  };
}

const CACHE_ROOT = path.join(ROOT, 'var', 'bench-cache');

/** What the seeded data depends on: the schema and the seeding code. A change to either reseeds. */
function cacheKey(scale: Scale): string {
  const hash = crypto.createHash('sha256').update(JSON.stringify(scale));
  const sources = [
    ...fs
      .readdirSync(MIGRATIONS_FOLDER, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => path.join(f.parentPath, f.name))
      .sort(),
    path.join(ROOT, 'bench', 'lib', 'dataset.ts'),
    path.join(ROOT, 'server', 'test-support', 'bulk-entries.ts'),
    path.join(ROOT, 'server', 'test-support', 'bulk-communications.ts'),
  ];
  for (const file of sources) hash.update(file).update(fs.readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The benchmark data on a fresh database. Seeding a million communications into the embedded
 * database takes minutes, so its data directory is kept under var/bench-cache and copied on later
 * runs (`--fresh` seeds again); PostgreSQL is seeded each time.
 */
export async function datasetOn(
  database: BenchDatabase,
  scale: Scale,
  options: { fresh: boolean; log: (line: string) => void },
): Promise<Dataset> {
  if (database.backend === 'postgres') return seedDataset(database.config, scale, options.log);
  const cached = path.join(CACHE_ROOT, cacheKey(scale));
  const manifest = path.join(cached, 'dataset.json');
  if (!options.fresh && fs.existsSync(manifest)) {
    options.log(`  copying the seeded database from ${path.relative(ROOT, cached)}`);
    fs.cpSync(path.join(cached, 'data'), database.config.DATA_DIR, { recursive: true });
    const stored = JSON.parse(fs.readFileSync(manifest, 'utf8')) as Omit<Dataset, 'entriesByState'> & {
      entriesByState: [string, string[]][];
    };
    return { ...stored, entriesByState: new Map(stored.entriesByState), seedMs: 0 };
  }
  const dataset = await seedDataset(database.config, scale, options.log);
  fs.rmSync(cached, { recursive: true, force: true });
  fs.mkdirSync(cached, { recursive: true });
  fs.cpSync(database.config.DATA_DIR, path.join(cached, 'data'), {
    recursive: true,
    filter: (source) => !source.endsWith('.lock'),
  });
  fs.writeFileSync(manifest, JSON.stringify({ ...dataset, entriesByState: [...dataset.entriesByState] }));
  return dataset;
}
