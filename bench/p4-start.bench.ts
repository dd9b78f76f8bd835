import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Figure } from './figure.ts';
import { freshDatabase, type Backend, type BenchDatabase } from './lib/backends.ts';
import {
  leafPid,
  residentBytesOf,
  ROOT,
  startProcess,
  treeResidentBytes,
  type RunningProcess,
} from './lib/processes.ts';

const MIB = 2 ** 20;
const READY_PATH = '/api/v1/health';
const BUILT_INDEX = path.join(ROOT, 'web', 'dist', 'index.html');
/** How long the server may take to exit after npm passed SIGTERM on (pg-boss lets running jobs finish). */
const EXIT_GRACE_MS = 35_000;

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const builtAt = () => (fs.existsSync(BUILT_INDEX) ? fs.statSync(BUILT_INDEX).mtimeMs : 0);

function parentOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

function isServer(pid: number): boolean {
  try {
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return fs.readlinkSync(`/proc/${pid}/exe`) === process.execPath && args.some((a) => a.endsWith('pocdir.mjs'));
  } catch {
    return false;
  }
}

/**
 * The node process running bin/pocdir.mjs under npm (and under sh, were the start script not to exec).
 * The deepest descendant may be tsx's esbuild service, a child of the server, so walk up from it.
 */
function serverPidUnder(root: number): number {
  for (let pid = leafPid(root); pid > 1; pid = parentOf(pid)) {
    if (isServer(pid)) return pid;
    if (pid === root) break;
  }
  throw new Error(`no node process running bin/pocdir.mjs under npm (pid ${root})`);
}

/** Servers on this data directory, including one orphaned by a failed stop or a start that timed out. */
function serversOn(dataDir: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return (
          isServer(pid) && fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`DATA_DIR=${dataDir}`)
        );
      } catch {
        return false;
      }
    });
}

/** Gone or a zombie: a zombie has no VmRSS. */
const hasExited = (pid: number) => residentBytesOf(pid) === 0;

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
}

/** Embedded: the lock file is gone. PostgreSQL: no connection to the database is left open. */
async function databaseReleased(database: BenchDatabase): Promise<boolean> {
  if (database.backend === 'embedded') return !fs.existsSync(path.join(database.config.DATA_DIR, 'pocdir.lock'));
  const client = new pg.Client({ connectionString: database.config.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return rows[0]?.n === 0;
  } finally {
    await client.end();
  }
}

/**
 * The resident memory of an idle server moves by tens of MiB as the garbage collector runs between
 * background job polls: sampled every 250 ms over the second half of the idle time, median and range.
 */
async function idleResident(pid: number, idleMs: number): Promise<{ server: number; min: number; max: number }> {
  await sleep(idleMs / 2);
  const samples: number[] = [];
  for (const until = Date.now() + idleMs / 2; Date.now() < until; await sleep(250)) samples.push(residentBytesOf(pid));
  return { server: median(samples), min: Math.min(...samples), max: Math.max(...samples) };
}

interface Stop {
  ms: number;
  /** The server exited on the SIGTERM sent to npm, and released the database. */
  clean: boolean;
}

/**
 * Stops `npm start` as a process manager does (SIGTERM to npm) and checks that the signal reached the
 * node server: it must exit and release the database. If it did not, it is stopped directly so the
 * next start can open the database, and the stop counts as unclean.
 */
async function stopNpmStart(npm: RunningProcess, serverPid: number, database: BenchDatabase): Promise<Stop> {
  const started = performance.now();
  await npm.stop();
  // npm waits for the script it runs: once npm is gone, a server still alive never got the signal.
  const exited = await waitFor(() => hasExited(serverPid), 3_000);
  const released = exited && (await waitFor(() => databaseReleased(database), 5_000));
  const ms = performance.now() - started;
  if (!exited) {
    console.log(`  P4: SIGTERM to npm did not reach the server (pid ${serverPid}); stopping it directly`);
    process.kill(serverPid, 'SIGTERM');
    if (!(await waitFor(() => hasExited(serverPid), EXIT_GRACE_MS))) process.kill(serverPid, 'SIGKILL');
    await waitFor(() => hasExited(serverPid), 5_000);
  } else if (!released) {
    console.log(`  P4: the server exited but left the ${database.backend} database held`);
  }
  return { ms, clean: exited && released && npm.child.exitCode === 0 };
}

/** `npm start` as the README gives it: demo data on, mail written to DATA_DIR/mail, key file in DATA_DIR. */
function startNpm(database: BenchDatabase, dataDir: string, timeoutMs: number): Promise<RunningProcess> {
  return startProcess({
    command: 'npm',
    args: ['start'],
    env: {
      ...database.env,
      DATA_DIR: dataDir,
      SECRET_KEY: '',
      SMTP_URL: '',
      DEMO_DATA: 'true',
      LOG_LEVEL: 'warn',
    },
    readyPath: READY_PATH,
    timeoutMs,
  });
}

async function startHelloWorld(): Promise<RunningProcess> {
  return startProcess({
    command: process.execPath,
    args: ['--import', 'tsx', 'bench/baselines/hello-world.ts'],
    env: {},
    readyPath: READY_PATH,
  });
}

/**
 * P4: the second `npm start` on a database the first one migrated and seeded, from spawn to the first
 * 200 from /api/v1/health, as a ratio of a bare Fastify hello world started the same way (node + tsx)
 * in the same run; and the server process's resident memory once idle. Also checks that SIGTERM to
 * npm stops the server cleanly (it must, or the next start finds the database locked).
 */
export async function startFigures(backend: Backend, quick: boolean): Promise<Figure[]> {
  const repeats = quick ? 1 : 3;
  const idleMs = quick ? 2_000 : 10_000;
  const database = await freshDatabase(backend);
  // PostgreSQL keeps its data elsewhere, but mail files and the key file still go to DATA_DIR.
  const dataDir =
    backend === 'embedded' ? database.config.DATA_DIR : fs.mkdtempSync(path.join(os.tmpdir(), 'pocdir-p4-'));
  const running = new Set<RunningProcess>();
  try {
    const webBefore = builtAt();
    const first = await startNpm(database, dataDir, 600_000);
    running.add(first);
    const webBuiltOnFirstStart = builtAt() !== webBefore ? 1 : 0;
    const stops = [await stopNpmStart(first, serverPidUnder(first.child.pid ?? 0), database)];
    running.delete(first);

    const baseMs: number[] = [];
    const startMs: number[] = [];
    let baseResident = 0;
    let resident = { server: 0, min: 0, max: 0, tree: 0, atReady: 0 };
    let discarded = 0;
    // Interleaved, so a burst of load from elsewhere on the machine hits both sides of the ratio.
    while (startMs.length < repeats) {
      const last = startMs.length === repeats - 1;
      const hello = await startHelloWorld();
      running.add(hello);
      if (last) {
        await sleep(idleMs);
        baseResident = residentBytesOf(hello.child.pid ?? 0);
      }
      await hello.stop();
      running.delete(hello);

      const webAt = builtAt();
      const second = await startNpm(database, dataDir, 120_000);
      running.add(second);
      const serverPid = serverPidUnder(second.child.pid ?? 0);
      const rebuilt = builtAt() !== webAt;
      if (last && (!rebuilt || discarded >= 2)) {
        const atReady = residentBytesOf(serverPid);
        const idle = await idleResident(serverPid, idleMs);
        resident = { ...idle, tree: treeResidentBytes(second.child.pid ?? 0), atReady };
      }
      stops.push(await stopNpmStart(second, serverPid, database));
      running.delete(second);
      // Someone changed the web sources meanwhile and this start rebuilt the UI: not a second start.
      if (rebuilt && discarded < 2) {
        discarded++;
        console.log('  P4: the web UI was rebuilt during a second start (sources changed); measuring it again');
        continue;
      }
      baseMs.push(hello.readyMs);
      startMs.push(second.readyMs);
    }

    const base = median(baseMs);
    const value = median(startMs);
    const rssMiB = resident.server / MIB;
    const baseMiB = baseResident / MIB;
    const unclean = stops.filter((s) => !s.clean).length;
    return [
      {
        id: 'P4-base',
        label: 'bare Fastify hello world (node + tsx): spawn → ready',
        value: base,
        unit: 'ms',
        details: { runs: baseMs.length, minMs: Math.min(...baseMs), maxMs: Math.max(...baseMs), idleRssMiB: baseMiB },
      },
      {
        id: 'P4',
        label: 'npm start, second start: spawn → health 200',
        value,
        unit: 'ms',
        ratio: value / base,
        target: '≤ 3 s',
        met: value <= 3000,
        details: {
          runs: startMs.length,
          minMs: Math.min(...startMs),
          maxMs: Math.max(...startMs),
          firstStartMs: first.readyMs,
          webBuiltOnFirstStart,
          discardedForWebRebuild: discarded,
        },
      },
      {
        id: 'P4-rss',
        label: `server process resident memory, idle ${idleMs / 1000} s`,
        value: rssMiB,
        unit: 'MiB',
        ratio: baseMiB > 0 ? rssMiB / baseMiB : undefined,
        target: '≤ 400 MB (381 MiB)',
        met: resident.server <= 400e6,
        details: {
          atReadyMiB: resident.atReady / MIB,
          idleMinMiB: resident.min / MIB,
          idleMaxMiB: resident.max / MIB,
          withNpmMiB: resident.tree / MIB,
        },
      },
      {
        id: 'P4-stop',
        label: 'SIGTERM to npm → server exited, database released',
        value: median(stops.map((s) => s.ms)),
        unit: 'ms',
        target: 'every stop clean',
        met: unclean === 0,
        details: { stops: stops.length, unclean, maxMs: Math.max(...stops.map((s) => s.ms)) },
      },
    ];
  } finally {
    for (const child of running) await child.stop();
    for (const pid of serversOn(dataDir)) {
      process.kill(pid, 'SIGTERM');
      if (!(await waitFor(() => hasExited(pid), EXIT_GRACE_MS))) process.kill(pid, 'SIGKILL');
    }
    await database.dispose();
    if (dataDir !== database.config.DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
