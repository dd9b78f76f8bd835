import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PingTest } from '../../../common/schemas/ping-tests.ts';
import { sql } from 'drizzle-orm';
import { prepareDatabase } from '../../boot.ts';
import { CLI_ACTOR } from '../../auth/actor.ts';
import { rowsOf } from '../../db/client.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { childProcessEnvironment } from '../../config.ts';
import { insertEntriesInBulk } from '../../test-support/bulk-entries.ts';
import { buildAccount, type TestAccount } from '../../test-support/factories.ts';
import { signInOverHttp } from '../../test-support/http-sign-in.ts';
import { isolatedDatabase, type Isolated } from '../../test-support/isolated.ts';
import { startSmtpSink, type SmtpSink } from '../../test-support/smtp-sink.ts';
import { freePort } from '../../test-support/free-port.ts';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'pocdir.mjs');
const CONTACTS = 5_000;
const STATES = ['288', '250', '404', '818', '076', '156', '398', '643'];

let iso: Isolated;
let sink: SmtpSink;
let manager: TestAccount;
let port: number;
let server: ChildProcess | undefined;

/** The real server (`pocdir serve`) as a child process on this test's database and SMTP sink. */
async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: childProcessEnvironment({
      ...iso.env,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SMTP_URL: sink.url,
      SMTP_POOL_SIZE: '4',
      JOBS_SWEEP_SECONDS: '1',
      // On PostgreSQL another process could hold a lease, so a dead one's mails wait for it to end.
      MAIL_LEASE_SECONDS: '5',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'silent',
    }),
    stdio: 'ignore',
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return child;
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null) throw new Error(`pocdir serve exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('pocdir serve did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  iso = await isolatedDatabase();
  sink = await startSmtpSink({ acceptDelayMs: 8 });
  port = await freePort();
  const database = await prepareDatabase(iso.config, 'test setup');
  try {
    await insertEntriesInBulk(database.db, CONTACTS, STATES, { prefix: 'restart' });
    manager = await buildAccount(database.db, { role: 'directory_manager' });
  } finally {
    await database.close();
  }
}, 120_000);

afterAll(async () => {
  server?.kill('SIGKILL');
  await sink.close();
  await iso.dispose();
});

describe('a server killed (SIGKILL) while a ping test is being dispatched', () => {
  it('sends every remaining check after the restart, each contact one message, and leaves the database consistent', async () => {
    server = await startServer();
    let session = await signInOverHttp(`http://127.0.0.1:${port}`, manager);
    const created = await fetch(`http://127.0.0.1:${port}/api/v1/ping-tests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
      body: JSON.stringify({
        exercise: true,
        targets: { allParticipating: true, groups: [], kinds: [], states: [] },
        channels: ['email'],
        deadlineMode: 'business_hours',
        businessHours: 16,
        reminderHours: [],
      }),
    });
    expect(created.status).toBe(201);
    const campaign = (await created.json()) as PingTest;
    expect(campaign.progress.targets).toBe(CONTACTS);
    const ours = () => sink.messages.filter((m) => m.subject.includes(campaign.reference));

    // Kill it mid-dispatch, without warning.
    for (let i = 0; ours().length < CONTACTS / 4; i += 1) {
      if (i > 2400) throw new Error(`dispatch did not start (${ours().length} mails)`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const killed = server;
    const exited = new Promise((resolve) => killed.once('exit', resolve));
    killed.kill('SIGKILL');
    await exited;
    const beforeRestart = ours().length;
    expect(beforeRestart).toBeLessThan(CONTACTS);

    server = await startServer();
    session = await signInOverHttp(`http://127.0.0.1:${port}`, manager);
    let progress: PingTest['progress'] | undefined;
    for (let i = 0; i < 3000 && !progress?.done; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/ping-tests/${campaign.id}`, {
        headers: { cookie: session.cookie },
      });
      progress = ((await response.json()) as PingTest).progress;
    }
    expect(progress).toMatchObject({ targets: CONTACTS, notified: CONTACTS, mailsSent: CONTACTS, done: true });

    // Count at the SMTP server: every contact, one message each.
    const perRecipient = new Map<string, Set<string>>();
    let received = 0;
    for (const message of ours()) {
      received += 1;
      const to = message.to[0] ?? '';
      const ids = perRecipient.get(to) ?? new Set<string>();
      ids.add(message.parsed.messageId ?? '');
      perRecipient.set(to, ids);
    }
    expect(perRecipient.size).toBe(CONTACTS);
    for (const [to, ids] of perRecipient) expect(ids.size, to).toBe(1);
    // A mail the server had accepted when the process died, but whose "250" the process did not
    // live to record, is sent again after the restart (RFC 1047): the same message, same Message-ID,
    // so mail clients show it once. At most one per pooled connection can be in that state.
    expect(received - CONTACTS).toBeLessThanOrEqual(4);
    console.info(
      `ping restart: ${beforeRestart} mails before SIGKILL, ${received} received in all for ${CONTACTS} contacts (${received - CONTACTS} resent in the crash window)`,
    );

    // The database, read directly once the server has stopped: one check per contact, nothing pending.
    const stopped = server;
    const ended = new Promise((resolve) => stopped.once('exit', resolve));
    stopped.kill('SIGTERM');
    await ended;
    server = undefined;
    const database = await prepareDatabase(iso.config, 'test check');
    try {
      const [facts] = rowsOf<Record<string, number>>(
        await database.db.execute(sql`
          select
            (select count(*)::int from ping_targets where campaign_id = ${campaign.id}) as targets,
            (select count(*)::int from ping_targets where campaign_id = ${campaign.id} and notified_at is not null) as notified,
            (select count(distinct outbox_id)::int from ping_targets where campaign_id = ${campaign.id}) as mails,
            (select count(*)::int from ping_tokens k join ping_targets t on t.id = k.target_id
               where t.campaign_id = ${campaign.id}) as tokens,
            (select count(*)::int from outbox o join ping_targets t on t.outbox_id = o.id
               where t.campaign_id = ${campaign.id} and o.status = 'sent') as sent,
            (select count(*)::int from outbox where status = 'pending') as pending`),
      );
      expect(facts).toEqual({
        targets: CONTACTS,
        notified: CONTACTS,
        mails: CONTACTS,
        tokens: CONTACTS,
        sent: CONTACTS,
        pending: 0,
      });
      expect((await verifyAuditChain(database.db, CLI_ACTOR)).ok).toBe(true);
    } finally {
      await database.close();
    }
  }, 600_000);
});
