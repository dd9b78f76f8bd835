import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { inArray } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testConfig, type Config } from '../config.ts';
import type { Database, Db } from '../db/client.ts';
import { outbox } from '../db/schema.ts';
import { notifyOutboxChanged } from '../mail/outbox-signal.ts';
import { enqueueMail } from '../mail/outbox.repository.ts';
import { createMailTransport, type MailTransport } from '../mail/transport.ts';
import { openTestDatabaseWithConfig } from '../test-support/harness.ts';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.ts';
import { startJobRunner, type BackgroundSweep, type JobRunner } from './job-runner.ts';

function captureLogs() {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

const unique = () => randomUUID().slice(0, 8);

async function enqueueTo(db: Db, recipients: string[]): Promise<void> {
  await enqueueMail(
    db,
    recipients.map((to) => ({
      purpose: 'test.jobs',
      to,
      locale: 'en' as const,
      subjectKey: 'app.subtitle',
      bodyKey: 'signin.intro',
      values: {},
    })),
  );
}

// A private database per file; on PostgreSQL `config` points at the copy, which pg-boss connects to.
let database: Database;
let config: Config;
let sink: SmtpSink;
let transport: MailTransport;
const runners: JobRunner[] = [];

beforeAll(async () => {
  ({ database, config } = await openTestDatabaseWithConfig(testConfig()));
  sink = await startSmtpSink();
  transport = createMailTransport({ ...config, SMTP_URL: sink.url }, pino({ level: 'silent' }));
});

afterAll(async () => {
  // stop() is idempotent: a failed test's runner is stopped here, before what it uses is closed.
  await Promise.all(runners.map((r) => r.stop()));
  await transport?.close();
  await sink?.close();
  await database?.close();
});

async function start(overrides: Partial<Config>, sweeps: BackgroundSweep[], logger = pino({ level: 'silent' })) {
  const runner = await startJobRunner({ config: { ...config, ...overrides }, database, logger, transport, sweeps });
  runners.push(runner);
  return runner;
}

describe('job runner', () => {
  it('catches up at start (pending mails, every sweep), sweeps on the interval, survives a failing sweep', async () => {
    const batch = unique();
    const pending = [1, 2, 3].map((i) => `catchup-${batch}-${i}@example.org`);
    await enqueueTo(database.db, pending);
    const sweptAt: Date[] = [];
    const counting: BackgroundSweep = {
      name: 'counting',
      run: async (db, now) => {
        await db.select({ id: outbox.id }).from(outbox).limit(1);
        sweptAt.push(now);
      },
    };
    const broken: BackgroundSweep = {
      name: 'broken',
      run: async () => {
        throw new Error('sweep broke while writing to someone@example.org');
      },
    };
    const { logger, lines } = captureLogs();
    const runner = await start({ JOBS_SWEEP_SECONDS: 1 }, [counting, broken], logger);

    for (const to of pending) await sink.waitForMessageTo(to, 10_000);
    await vi.waitFor(() => expect(sweptAt.length).toBeGreaterThanOrEqual(1), { timeout: 5_000, interval: 20 });
    await vi.waitFor(() => expect(sweptAt.length).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 50 });
    await vi.waitFor(() => expect(lines.join('')).toContain('"queue":"sweep.broken"'), { timeout: 5_000 });

    await runner.stop();
    const log = lines.join('');
    expect(log).toContain('job failed');
    expect(log).toContain('[address]');
    expect(log).not.toContain('someone@example.org');
    for (const to of pending) expect(log).not.toContain(to);

    // Stopped means stopped; the database it was given is still open.
    const swept = sweptAt.length;
    await sleep(1_500);
    expect(sweptAt.length).toBe(swept);
    const rows = await database.db.select().from(outbox).where(inArray(outbox.recipient, pending));
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('dispatches within seconds when a service rings notifyOutboxChanged(), or on wakeOutbox()', async () => {
    const { logger, lines } = captureLogs();
    // An hour between ticks: after the start-up dispatch, only the doorbell can explain a delivery.
    const runner = await start({ JOBS_SWEEP_SECONDS: 3600 }, [], logger);
    await vi.waitFor(() => expect(lines.join('')).toMatch(/"queue":"outbox.dispatch".*job done/), { timeout: 10_000 });

    const first = `doorbell-${unique()}@example.org`;
    await enqueueTo(database.db, [first]);
    const rang = Date.now();
    notifyOutboxChanged();
    await sink.waitForMessageTo(first, 5_000);
    expect(Date.now() - rang).toBeLessThan(5_000);

    const second = `wake-${unique()}@example.org`;
    await enqueueTo(database.db, [second]);
    runner.wakeOutbox();
    await sink.waitForMessageTo(second, 5_000);
    await runner.stop();
  });

  it('two runners on one database (two server processes) send each mail once', async () => {
    const batch = unique();
    const recipients = Array.from({ length: 12 }, (_, i) => `pair-${batch}-${i}@example.org`);
    await enqueueTo(database.db, recipients);
    const a = await start({ JOBS_SWEEP_SECONDS: 1 }, []);
    const b = await start({ JOBS_SWEEP_SECONDS: 1 }, []);
    for (const to of recipients) await sink.waitForMessageTo(to, 10_000);
    await sleep(1_200); // another tick of each: still nothing sent twice
    await Promise.all([a.stop(), b.stop()]);
    for (const to of recipients) expect(sink.messages.filter((m) => m.to.includes(to))).toHaveLength(1);
  });

  it('stop() waits for a running job and closes neither the database nor the transport', async () => {
    let finished = false;
    let started = false;
    const slow: BackgroundSweep = {
      name: 'slow',
      run: async () => {
        started = true;
        await sleep(800);
        finished = true;
      },
    };
    const runner = await start({ JOBS_SWEEP_SECONDS: 3600 }, [slow]);
    await vi.waitFor(() => expect(started).toBe(true), { timeout: 5_000, interval: 10 });
    await runner.stop();
    expect(finished).toBe(true);
    await runner.stop(); // idempotent

    const to = `after-stop-${unique()}@example.org`;
    await transport.send({ to, subject: 'still open', text: 'still open', locale: 'en' });
    await sink.waitForMessageTo(to);
    await database.db.select({ id: outbox.id }).from(outbox).limit(1);
  });

  it('refuses a sweep name that cannot name a queue, or a name used twice', async () => {
    const noop = async () => {};
    await expect(start({}, [{ name: 'has space', run: noop }])).rejects.toThrow(/sweep name/);
    await expect(
      start({}, [
        { name: 'twice', run: noop },
        { name: 'twice', run: noop },
      ]),
    ).rejects.toThrow(/used twice/);
  });
});
