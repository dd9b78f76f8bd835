import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Figure } from './figure.ts';
import { backendsToRun, type Backend } from './lib/backends.ts';
import { FULL_SCALE, QUICK_SCALE } from './lib/dataset.ts';
import { printTable } from './lib/report.ts';
import { closeStage, openStage, type Stage } from './lib/stage.ts';
import { buildWebIfStale } from '../cli/web-build.ts';
import { directorySearchFigures } from './p1-directory-search.bench.ts';
import { pingMailFigures } from './p2-ping-mail.bench.ts';
import { liveInboxFigures } from './p3-live-inbox.bench.ts';
import { startFigures } from './p4-start.bench.ts';
import { webFigures } from './p5-web.bench.ts';
import { auditVerifyFigures } from './p6-audit-verify.bench.ts';
import { concurrentUsersFigures } from './p7-concurrent-users.bench.ts';
import { buildBundle, freshBundleEntry } from '../bin/server-bundle.mjs';

const USAGE = `npm run bench [-- --quick] [--only P1,P7] [--fresh] [--entries N]
  --quick     small data and short runs: checks that every benchmark works (minutes, not the figures)
  --only      run only these figures (P1 … P7)
  --fresh     seed the embedded database again instead of copying the cached one
  --entries   audit entries for P6 (default 1,000,000; 20,000 with --quick)
  --backend   embedded or postgres: only this database (default: embedded, and postgres with DATABASE_URL)
Runs on the embedded database, and on PostgreSQL too when DATABASE_URL is set (a database is created
beside it and dropped after). Loopback only; every run is bounded in time and count.`;

let args;
try {
  args = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      only: { type: 'string' },
      entries: { type: 'string' },
      backend: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const ALL = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'];
const only = new Set((args.only ?? ALL.join(',')).split(',').map((id) => id.trim().toUpperCase()));
const unknown = [...only].filter((id) => !ALL.includes(id));
if (unknown.length > 0) {
  console.error(`Unknown figure ${unknown.join(', ')}: choose from ${ALL.join(', ')}\n\n${USAGE}`);
  process.exit(2);
}
const quick = args.quick ?? false;
const entries = args.entries !== undefined ? Number(args.entries) : quick ? 20_000 : 1_000_000;
if (!Number.isInteger(entries) || entries < 1000 || entries > 2_000_000) {
  console.error('--entries must be a whole number from 1,000 to 2,000,000');
  process.exit(2);
}
const backends = backendsToRun().filter((backend) => args.backend === undefined || backend === args.backend);
if (backends.length === 0) {
  console.error(`--backend must be one of ${backendsToRun().join(', ')} (postgres needs DATABASE_URL)\n\n${USAGE}`);
  process.exit(2);
}
const scale = quick ? QUICK_SCALE : FULL_SCALE;
const log = (line: string) => console.log(line);

const figures: Figure[] = [];
const failures: string[] = [];

/** Runs one figure; a failure is reported and the others still run. */
async function measure(id: string, backend: Backend, run: () => Promise<Figure[]>): Promise<void> {
  if (!only.has(id)) return;
  log(`  ${id}…`);
  try {
    for (const figure of await run()) figures.push({ ...figure, backend });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    failures.push(`${id} (${backend}): ${message}`);
    log(`  ${id} failed: ${message}`);
  }
}

const started = performance.now();
// Every figure measures the server as `npm start` runs it: compiled into dist/server (bin/build-server.mjs).
if (!freshBundleEntry()) await buildBundle();
if (only.has('P5') || only.has('P4')) {
  // The server serves the built UI (P5) and `npm start` builds it when stale (P4 measures a second start).
  await buildWebIfStale({
    out: log,
    err: log,
    errInline: log,
    readStdin: () => Promise.reject(new Error('no input here')),
    isTty: false,
  });
}
for (const backend of backends) {
  log(`\n== ${backend} database ==`);
  // One seeded database and one server for the figures that need the data; P2 last, its mail flood
  // must not disturb the latencies of the others.
  if (['P1', 'P2', 'P3', 'P5', 'P7'].some((id) => only.has(id))) {
    let stage: Stage | undefined;
    try {
      stage = await openStage(backend, scale, { quick, fresh: args.fresh ?? false, log });
      const ready = stage;
      await measure('P1', backend, () => directorySearchFigures(ready));
      await measure('P7', backend, () => concurrentUsersFigures(ready));
      await measure('P3', backend, () => liveInboxFigures(ready));
      await measure('P5', backend, () => webFigures(ready));
      await measure('P2', backend, () => pingMailFigures(ready));
    } catch (error) {
      failures.push(`${backend} set-up: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (stage) await closeStage(stage);
    }
  }
  await measure('P4', backend, () => startFigures(backend, quick));
  await measure('P6', backend, () => auditVerifyFigures(backend, entries, log));
}

printTable(figures, failures);
const resultsDir = path.join(path.dirname(new URL(import.meta.url).pathname), 'results');
fs.mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  node: process.version,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
};
fs.writeFileSync(
  file,
  `${JSON.stringify({ at: new Date().toISOString(), quick, scale, entries, machine, seconds: Math.round((performance.now() - started) / 1000), figures, failures }, null, 2)}\n`,
);
log(`\nWrote ${path.relative(process.cwd(), file)}`);
process.exit(failures.length > 0 ? 1 : 0);
