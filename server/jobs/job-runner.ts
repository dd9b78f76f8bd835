import type { PGlite } from '@electric-sql/pglite';
import PgBoss from 'pg-boss';
import type { Config } from '../config.ts';
import { embeddedClientOf, type Database, type Db } from '../db/client.ts';
import { pgliteOwnParsers } from '../db/pglite-parsers.ts';
import { dispatchDueMails } from '../mail/outbox.dispatcher.ts';
import { onOutboxChanged } from '../mail/outbox-signal.ts';
import { onSweepRequested } from './sweep-signal.ts';
import type { MailLogger, MailTransport } from '../mail/transport.ts';

/**
 * A level-triggered background task: it looks at the database as it is now and does what is due
 * (reminders, expiries), recording what it did so a second run does nothing. It runs at start
 * (catching up after downtime) and every JOBS_SWEEP_SECONDS; it must be idempotent.
 */
export interface BackgroundSweep {
  /** Names the queue `sweep.<name>` and the log lines: letters, digits, dots, dashes, underscores. */
  name: string;
  run: (db: Db, now: Date) => Promise<void>;
}

export interface JobRunnerOptions {
  config: Pick<
    Config,
    'DATABASE_URL' | 'JOBS_SWEEP_SECONDS' | 'MAIL_MAX_ATTEMPTS' | 'MAIL_LEASE_SECONDS' | 'SMTP_POOL_SIZE'
  >;
  database: Database;
  logger: MailLogger;
  transport: MailTransport;
  sweeps: readonly BackgroundSweep[];
  /** The clock handed to sweeps and the dispatcher; tests may fix it. */
  now?: () => Date;
}

export interface JobRunner {
  /** Asks for an outbox dispatch now (debounced), e.g. right after a commit that enqueued mail. */
  wakeOutbox(): void;
  /** Stops sending, lets running jobs finish, stops pg-boss. Closes neither the database nor the transport. */
  stop(): Promise<void>;
}

/** The queue whose job sends due mails; sweeps get `sweep.<name>`. */
export const OUTBOX_QUEUE = 'outbox.dispatch';
/** pg-boss keeps its tables in this schema, created and migrated by pg-boss itself (not by Drizzle). */
export const JOBS_SCHEMA = 'jobs';

const POLLING_INTERVAL_SECONDS = 0.5;
const WAKE_DEBOUNCE_MS = 50;
const JOB_EXPIRE_SECONDS = 15 * 60;
const STOP_TIMEOUT_MS = 30_000;
const SWEEP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

interface QueueJob {
  queue: string;
  run: () => Promise<void>;
}

/** pg-boss's connection, and for PGlite a way to let the queries it already sent finish before the client closes. */
interface Connection {
  options: PgBoss.ConstructorOptions;
  drain(): Promise<void>;
}

/**
 * pg-boss over PGlite's single connection, as in docs/STACK.md: parameterised queries one by one, scripts via exec.
 * PGlite runs on the main thread and settles its promises as microtasks, so a run of queries never lets Node
 * read a socket. Each of pg-boss's queries first yields to the event loop, so HTTP requests are served in
 * between: at start, its queue set-up and first catch-up otherwise held the first request for half a second.
 * On stop, queries no longer wait, and drain() waits for those sent (a job's completion may still be in flight
 * when pg-boss says it has stopped) so that none reaches a closed client.
 */
function pgliteConnection(client: PGlite): Connection {
  const inFlight = new Set<Promise<unknown>>();
  let yielding = true;
  // The client keeps dates as text for drizzle (pglite-parsers.ts); pg-boss gets PGlite's own parsers.
  const options = { parsers: pgliteOwnParsers(client) };
  const run = async (text: string, values?: unknown[]) => {
    if (yielding) await new Promise((resolve) => setImmediate(resolve));
    return values?.length
      ? client.query(text, values, options)
      : { rows: (await client.exec(text, options)).flatMap((r) => r.rows) };
  };
  return {
    options: {
      db: {
        executeSql: (text: string, values?: unknown[]) => {
          const query = run(text, values);
          inFlight.add(query);
          query.then(
            () => inFlight.delete(query),
            () => inFlight.delete(query),
          );
          return query;
        },
      },
    },
    drain: async () => {
      yielding = false;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

function connectionOf(config: JobRunnerOptions['config'], database: Database): Connection {
  const client = embeddedClientOf(database);
  if (client) return pgliteConnection(client);
  if (!config.DATABASE_URL) throw new Error('job runner: a PostgreSQL database needs DATABASE_URL');
  // pg-boss's own small pool: polling never waits behind HTTP requests for one of the app's 10.
  return { options: { connectionString: config.DATABASE_URL, max: 3 }, drain: async () => {} };
}

const EMAIL_ADDRESS = /[^\s<>@"']+@[^\s<>@"']+/g;

/**
 * A loggable summary of a job's error. Drizzle puts the query's parameters (which may be a mail body
 * or an address) in its own message, so the innermost cause speaks instead, addresses masked.
 */
function summarizeError(error: unknown): { type: string; code?: string; message: string } {
  let inner = error;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  const fields = (typeof inner === 'object' && inner !== null ? inner : {}) as { code?: unknown; message?: unknown };
  const message = typeof fields.message === 'string' ? fields.message : String(inner);
  return {
    type: error instanceof Error ? error.name : typeof error,
    ...(typeof fields.code === 'string' ? { code: fields.code } : {}),
    message: message.replace(EMAIL_ADDRESS, '[address]').slice(0, 300),
  };
}

/**
 * Starts background work on pg-boss in the application's own database (embedded or PostgreSQL),
 * so no other server is needed. Outbox dispatch and each sweep are queues; a timer enqueues them
 * (pg-boss schedules have minute granularity), a service's notifyOutboxChanged() enqueues a dispatch
 * at once, and at most one job per queue waits at a time, so slow ticks never pile up.
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { config, database, logger, transport, sweeps } = options;
  const now = options.now ?? (() => new Date());
  const { db } = database;

  const names = new Set<string>();
  for (const sweep of sweeps) {
    if (!SWEEP_NAME.test(sweep.name) || names.has(sweep.name)) {
      throw new Error(`job runner: sweep name ${JSON.stringify(sweep.name)} is invalid or used twice`);
    }
    names.add(sweep.name);
  }

  const jobs: QueueJob[] = [
    {
      queue: OUTBOX_QUEUE,
      run: async () => {
        const result = await dispatchDueMails(db, transport, {
          now,
          maxAttempts: config.MAIL_MAX_ATTEMPTS,
          leaseSeconds: config.MAIL_LEASE_SECONDS,
          concurrency: config.SMTP_POOL_SIZE,
          logger,
        });
        if (result.sent + result.retried + result.failed > 0) logger.info(result, 'outbox dispatched');
      },
    },
    ...sweeps.map((sweep) => ({ queue: `sweep.${sweep.name}`, run: () => sweep.run(db, now()) })),
  ];

  const connection = connectionOf(config, database);
  const boss = new PgBoss({
    ...connection.options,
    schema: JOBS_SCHEMA,
    migrate: true,
    // Cron schedules are not used (see above); their clock polling would only add queries.
    schedule: false,
  });
  // An 'error' event without a listener would crash the process; pg-boss reports polling failures here.
  boss.on('error', (error) => logger.error({ error: summarizeError(error) }, 'job queue error'));
  await boss.start();

  const workerIds = new Map<string, string>();
  try {
    for (const job of jobs) {
      // 'short': at most one job per queue waits (several may run on several processes, which the
      // outbox claim and the idempotent sweeps make safe). No pg-boss retries: the next tick is the retry.
      await boss.createQueue(job.queue, {
        name: job.queue,
        policy: 'short',
        retryLimit: 0,
        expireInSeconds: JOB_EXPIRE_SECONDS,
      });
    }
    for (const job of jobs) {
      const id = await boss.work(job.queue, { pollingIntervalSeconds: POLLING_INTERVAL_SECONDS, batchSize: 1 }, () =>
        runLogged(job),
      );
      workerIds.set(job.queue, id);
    }
  } catch (error) {
    await boss.stop({ graceful: false });
    await connection.drain();
    throw error;
  }

  async function runLogged(job: QueueJob): Promise<void> {
    const started = Date.now();
    try {
      await job.run();
      logger.debug({ queue: job.queue, ms: Date.now() - started }, 'job done');
    } catch (error) {
      logger.error({ queue: job.queue, error: summarizeError(error) }, 'job failed');
      // pg-boss stores the thrown error in its job table: give it nothing but the queue name.
      throw new Error(`${job.queue} failed; see the server log`);
    }
  }

  let stopping: Promise<void> | undefined;
  const sending = new Set<Promise<void>>();

  const enqueue = (queue: string): void => {
    if (stopping) return;
    const sent: Promise<void> = boss
      .send(queue, {}, { singletonKey: queue })
      .then(() => {
        // Even when a job was already waiting (send gives null), wake the worker rather than wait for its poll.
        const worker = workerIds.get(queue);
        if (worker && !stopping) boss.notifyWorker(worker);
      })
      .catch((error: unknown) => logger.error({ queue, error: summarizeError(error) }, 'could not enqueue job'))
      .finally(() => sending.delete(sent));
    sending.add(sent);
  };

  const tick = (): void => {
    for (const job of jobs) enqueue(job.queue);
  };

  let wakeTimer: NodeJS.Timeout | undefined;
  const wakeOutbox = (): void => {
    if (stopping || wakeTimer) return;
    wakeTimer = setTimeout(() => {
      wakeTimer = undefined;
      enqueue(OUTBOX_QUEUE);
    }, WAKE_DEBOUNCE_MS);
  };
  const stopListeningOutbox = onOutboxChanged(wakeOutbox);
  const stopListeningSweeps = onSweepRequested((name) => {
    if (names.has(name)) enqueue(`sweep.${name}`);
  });

  // Catch up at once (mails and reminders that fell due while the server was down), then keep time.
  tick();
  const interval = setInterval(tick, config.JOBS_SWEEP_SECONDS * 1000);
  interval.unref();

  const stop = async (): Promise<void> => {
    clearInterval(interval);
    clearTimeout(wakeTimer);
    stopListeningOutbox();
    stopListeningSweeps();
    await Promise.allSettled([...sending]);
    // Graceful: workers stop fetching and running jobs are awaited. close only affects pg-boss's own
    // pool (PostgreSQL); the PGlite client belongs to the caller.
    await boss.stop({ graceful: true, wait: true, close: true, timeout: STOP_TIMEOUT_MS });
    await connection.drain();
  };

  return {
    wakeOutbox,
    stop: () => (stopping ??= stop()),
  };
}
