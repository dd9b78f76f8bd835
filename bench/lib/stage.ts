import path from 'node:path';
import { signInOverHttp, type HttpSession } from '../../server/test-support/http-sign-in.ts';
import { datasetOn, freshDatabase, type Backend, type BenchDatabase } from './backends.ts';
import { startCountingSmtp, type CountingSmtp } from './counting-smtp.ts';
import type { Dataset, Scale } from './dataset.ts';
import { BIN, startProcess, type RunningProcess } from './processes.ts';

/** Everything the figures on one backend share: the seeded data, the server, its mail, who is signed in. */
export interface Stage {
  backend: Backend;
  quick: boolean;
  database: BenchDatabase;
  dataset: Dataset;
  server: RunningProcess;
  smtp: CountingSmtp;
  /** One signed-in session per dataset user, same order. */
  sessions: HttpSession[];
  log(line: string): void;
}

/** `pocdir serve` as an operator runs it (logging at info), on the given database, mailing `smtp`. */
export function startPocdir(
  database: BenchDatabase,
  smtpUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<RunningProcess> {
  return startProcess({
    command: process.execPath,
    // BENCH_PROFILE_DIR=dir writes a V8 CPU profile of the server to dir when it stops (docs/performance.md).
    args: [
      ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []),
      BIN,
      'serve',
    ],
    env: {
      ...database.env,
      SMTP_URL: smtpUrl,
      DEMO_DATA: 'false',
      LOG_LEVEL: process.env.BENCH_SERVER_LOG ? 'info' : 'warn',
      ...extraEnv,
    },
    readyPath: '/api/v1/health',
    timeoutMs: 300_000,
  });
}

export async function openStage(
  backend: Backend,
  scale: Scale,
  options: { quick: boolean; fresh: boolean; log: (line: string) => void },
): Promise<Stage> {
  const database = await freshDatabase(backend);
  const dataset = await datasetOn(database, scale, options);
  if (dataset.seedMs > 0) options.log(`  seeded in ${(dataset.seedMs / 1000).toFixed(0)} s`);
  const smtp = await startCountingSmtp();
  const server = await startPocdir(database, smtp.url);
  options.log(`  pocdir serve ready on ${server.url} (${path.basename(database.config.DATA_DIR)})`);
  const sessions: HttpSession[] = [];
  // Four at a time: each sign-in is an argon2id verification, deliberately slow.
  for (let i = 0; i < dataset.users.length; i += 4) {
    const batch = dataset.users.slice(i, i + 4);
    sessions.push(...(await Promise.all(batch.map((user) => signInOverHttp(server.url, user)))));
  }
  return { backend, quick: options.quick, database, dataset, server, smtp, sessions, log: options.log };
}

export async function closeStage(stage: Stage): Promise<void> {
  await stage.server.stop();
  await stage.smtp.close();
  await stage.database.dispose();
}
