import { spawn } from 'node:child_process';
import { CLI_ACTOR } from '../server/auth/actor.ts';
import { childProcessEnvironment } from '../server/config.ts';
import { openDatabase } from '../server/db/client.ts';
import { chainStart, checkChainRows, parseChainPage } from '../server/modules/audit/audit.chain.ts';
import { chainPageAfter } from '../server/modules/audit/audit.repository.ts';
import { VERIFY_PAGE_SIZE, verifyAuditChain } from '../server/modules/audit/audit.service.ts';
import type { Figure } from './figure.ts';
import { freshDatabase, type Backend, type BenchDatabase } from './lib/backends.ts';
import { BIN, ROOT } from './lib/processes.ts';
import { writeAuditChain } from '../server/test-support/bulk-audit.ts';

async function migrate(database: BenchDatabase): Promise<void> {
  const opened = await openDatabase(database.config, { holder: 'pocdir bench (migrate)' });
  try {
    await opened.migrate();
  } finally {
    await opened.close();
  }
}

/** Writes a valid chain of `entries` straight into the table, in batches, and returns the in-memory hash rate. */
async function writeChain(database: BenchDatabase, entries: number): Promise<number> {
  const opened = await openDatabase(database.config, { holder: 'pocdir bench (audit chain)' });
  try {
    await opened.migrate();
    const hashingMs = await writeAuditChain(opened.db, entries);
    // Baseline: hashing the same entries in memory, the floor no database read can beat.
    return entries / (hashingMs / 1000);
  } finally {
    await opened.close();
  }
}

/** Runs the real `pocdir audit verify` and returns its wall time; it must exit 0 (intact). */
function runVerify(database: BenchDatabase): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'audit', 'verify'], {
      cwd: ROOT,
      env: childProcessEnvironment({ ...database.env, LOG_LEVEL: 'silent', DEMO_DATA: 'false' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-2000)));
    child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`pocdir audit verify exited ${code}: ${output}`));
    });
  });
}

/** The same verification in this process, without the command's start (tsx, database open). */
async function verifyInProcess(database: BenchDatabase, entries: number): Promise<number> {
  const opened = await openDatabase(database.config, { holder: 'pocdir bench (audit verify)' });
  try {
    const started = performance.now();
    const result = await verifyAuditChain(opened.db, CLI_ACTOR);
    const ms = performance.now() - started;
    if (!result.ok || result.checked !== entries) throw new Error(`verification failed: ${JSON.stringify(result)}`);
    return entries / (ms / 1000);
  } finally {
    await opened.close();
  }
}

/**
 * Where the time goes, one part after the other in one thread: reading the pages out of the database
 * (the main thread's part, which the embedded database runs in this thread) and parsing and hashing
 * them (the worker thread's part in verifyAuditChain), in µs per entry.
 */
async function costBreakdown(database: BenchDatabase): Promise<{ readMicros: number; checkMicros: number }> {
  const opened = await openDatabase(database.config, { holder: 'pocdir bench (audit verify parts)' });
  try {
    const cursor = chainStart();
    let readMs = 0;
    let checkMs = 0;
    let after = 0;
    for (;;) {
      const started = performance.now();
      const page = await chainPageAfter(opened.db, after, VERIFY_PAGE_SIZE);
      const read = performance.now();
      if (checkChainRows(cursor, parseChainPage(page.json))) throw new Error('the chain does not verify');
      readMs += read - started;
      checkMs += performance.now() - read;
      after = page.lastPosition;
      if (page.count < VERIFY_PAGE_SIZE) break;
    }
    return { readMicros: (readMs * 1000) / cursor.checked, checkMicros: (checkMs * 1000) / cursor.checked };
  } finally {
    await opened.close();
  }
}

/**
 * P6: `pocdir audit verify` over `entries` entries, as the operator runs it (the command's start
 * included), entries/s; ratio to hashing the same entries in memory in the same run.
 */
export async function auditVerifyFigures(
  backend: Backend,
  entries: number,
  log: (line: string) => void,
): Promise<Figure[]> {
  const database = await freshDatabase(backend);
  try {
    // The command's fixed cost (tsx and module loading, database open, migrations check) on the
    // migrated, still empty database.
    await migrate(database);
    const startMs = await runVerify(database);
    log(`  writing an audit chain of ${entries.toLocaleString('en')} entries`);
    const baselinePerSecond = await writeChain(database, entries);
    const commandMs = await runVerify(database);
    const perSecond = entries / (commandMs / 1000);
    const inProcessPerSecond = await verifyInProcess(database, entries);
    const parts = await costBreakdown(database);
    const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
    return [
      {
        id: 'P6-base',
        label: `hash ${entries.toLocaleString('en')} entries in memory`,
        value: baselinePerSecond,
        unit: 'entries/s',
      },
      {
        id: 'P6',
        label: `pocdir audit verify, ${entries.toLocaleString('en')} entries`,
        value: perSecond,
        unit: 'entries/s',
        ratio: perSecond / baselinePerSecond,
        target: '≥ 100,000 entries/s',
        met: perSecond >= 100_000,
        details: {
          commandSeconds: round(commandMs / 1000, 1),
          inProcessEntriesPerSecond: Math.round(inProcessPerSecond),
          commandStartSeconds: round(startMs / 1000, 1),
          hashMicrosPerEntry: round(1e6 / baselinePerSecond, 2),
          readMicrosPerEntry: round(parts.readMicros, 2),
          parseAndHashMicrosPerEntry: round(parts.checkMicros, 2),
        },
      },
    ];
  } finally {
    await database.dispose();
  }
}
