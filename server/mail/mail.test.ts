import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig, type Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { outbox } from '../db/schema.ts';
import { openTestDatabase } from '../test-support/harness.ts';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.ts';
import { dispatchDueMails, retryDelaySeconds } from './outbox.dispatcher.ts';
import { enqueueMail, renderMail, type MailRequest } from './outbox.repository.ts';
import { createMailTransport, type MailTransport } from './transport.ts';

function captureLogs() {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

const silent = pino({ level: 'silent' });

function smtpTransport(sink: SmtpSink, overrides: Partial<Config> = {}): MailTransport {
  return createMailTransport(testConfig({ SMTP_URL: sink.url, SMTP_POOL_SIZE: 5, ...overrides }), silent);
}

function request(to: string, overrides: Partial<MailRequest> = {}): MailRequest {
  return {
    purpose: 'test.mail',
    to,
    locale: 'en',
    subjectKey: 'app.subtitle',
    bodyKey: 'signin.intro',
    values: {},
    ...overrides,
  };
}

const unique = () => randomUUID().slice(0, 8);

// A private copy per file (embedded or PostgreSQL): the dispatcher takes every due mail it finds.
let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

async function rowFor(recipient: string) {
  const [row] = await database.db.select().from(outbox).where(eq(outbox.recipient, recipient));
  if (!row) throw new Error(`no outbox row for ${recipient}`);
  return row;
}

describe('outbox dispatch over SMTP', () => {
  it('delivers an Arabic mail intact, then erases the stored body and keeps its hash', async () => {
    const sink = await startSmtpSink();
    const transport = smtpTransport(sink);
    try {
      const to = `ar-${unique()}@example.org`;
      const mail = request(to, { locale: 'ar' });
      const expected = renderMail(mail);
      expect(expected.subject).toMatch(/[\u0600-\u06FF]/);
      expect(expected.body).toMatch(/[\u0600-\u06FF]/);
      await enqueueMail(database.db, [mail]);

      const result = await dispatchDueMails(database.db, transport, { maxAttempts: 3 });
      expect(result).toEqual({ sent: 1, retried: 0, failed: 0 });

      const received = await sink.waitForMessageTo(to);
      expect(received.subject).toBe(expected.subject);
      expect(received.text.trim()).toBe(expected.body.trim());
      expect(received.headers.get('content-language')).toBe('ar');
      expect(received.headers.get('content-type')).toMatchObject({ value: 'text/plain', params: { charset: 'utf-8' } });

      const row = await rowFor(to);
      expect(row.status).toBe('sent');
      expect(row.body).toBe('');
      expect(row.bodySha256).toBe(createHash('sha256').update(expected.body).digest('hex'));
      expect(row.messageId).toBe(received.parsed.messageId);
      expect(row.sentAt).toBeInstanceOf(Date);
    } finally {
      await transport.close();
      await sink.close();
    }
  });

  it('retries with exponential backoff while the server is down, and sends once it is up', async () => {
    const probe = await startSmtpSink();
    const { port, url } = probe;
    await probe.close(); // nothing listens there now
    const transport = createMailTransport(testConfig({ SMTP_URL: url }), silent);
    let sink: SmtpSink | undefined;
    try {
      const to = `retry-${unique()}@example.org`;
      await enqueueMail(database.db, [request(to)]);
      const t0 = new Date(Date.now() + 1000);
      const at = (seconds: number) => () => new Date(t0.getTime() + seconds * 1000);

      expect(await dispatchDueMails(database.db, transport, { now: at(0), maxAttempts: 5 })).toEqual({
        sent: 0,
        retried: 1,
        failed: 0,
      });
      let row = await rowFor(to);
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + retryDelaySeconds(1) * 1000);
      expect(row.lastError).toMatch(/ECONNECTION|ESOCKET|ECONNREFUSED/);

      // Not due yet: nothing happens.
      expect(await dispatchDueMails(database.db, transport, { now: at(10), maxAttempts: 5 })).toEqual({
        sent: 0,
        retried: 0,
        failed: 0,
      });

      // Second failure waits twice as long.
      expect((await dispatchDueMails(database.db, transport, { now: at(30), maxAttempts: 5 })).retried).toBe(1);
      row = await rowFor(to);
      expect(row.attempts).toBe(2);
      expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + (30 + retryDelaySeconds(2)) * 1000);

      sink = await startSmtpSink({ port });
      expect(await dispatchDueMails(database.db, transport, { now: at(90), maxAttempts: 5 })).toEqual({
        sent: 1,
        retried: 0,
        failed: 0,
      });
      await sink.waitForMessageTo(to);
      row = await rowFor(to);
      expect(row).toMatchObject({ status: 'sent', attempts: 3, body: '', lastError: null });
    } finally {
      await transport.close();
      await sink?.close();
    }
  });

  it('backs off 30 s, 60 s, 120 s … and never more than 6 hours', () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([30, 60, 120, 240]);
    expect(retryDelaySeconds(30)).toBe(6 * 60 * 60);
  });

  it('gives up after the last attempt', async () => {
    const probe = await startSmtpSink();
    await probe.close();
    const transport = createMailTransport(testConfig({ SMTP_URL: probe.url }), silent);
    try {
      const to = `last-${unique()}@example.org`;
      await enqueueMail(database.db, [request(to)]);
      const t0 = new Date(Date.now() + 1000);
      const first = await dispatchDueMails(database.db, transport, { now: () => t0, maxAttempts: 2 });
      expect(first.retried).toBe(1);
      const later = new Date(t0.getTime() + 3600_000);
      const second = await dispatchDueMails(database.db, transport, { now: () => later, maxAttempts: 2 });
      expect(second).toEqual({ sent: 0, retried: 0, failed: 1 });
      expect(await rowFor(to)).toMatchObject({ status: 'failed', attempts: 2 });
    } finally {
      await transport.close();
    }
  });

  it('fails a mail at once on a permanent 550 rejection, and logs no content', async () => {
    const sink = await startSmtpSink({ rejectRecipient: (address) => address.startsWith('nobody-') });
    const transport = smtpTransport(sink);
    const { logger, lines } = captureLogs();
    try {
      const to = `nobody-${unique()}@example.org`;
      const mail = request(to, { locale: 'fr' });
      await enqueueMail(database.db, [mail]);
      const result = await dispatchDueMails(database.db, transport, { maxAttempts: 8, logger });
      expect(result).toEqual({ sent: 0, retried: 0, failed: 1 });
      const row = await rowFor(to);
      expect(row).toMatchObject({ status: 'failed', attempts: 1 });
      expect(row.lastError).toMatch(/550/);
      expect(sink.messages.some((m) => m.to.includes(to))).toBe(false);

      const log = lines.join('');
      expect(log).toContain(row.id);
      expect(log).toContain('550');
      const { subject, body } = renderMail(mail);
      expect(log).not.toContain(subject);
      expect(log).not.toContain(body.slice(0, 40));
      expect(log).not.toContain(to);
    } finally {
      await transport.close();
      await sink.close();
    }
  });

  it('never sends a mail twice when two dispatchers run at once', async () => {
    const sink = await startSmtpSink();
    const first = smtpTransport(sink);
    const second = smtpTransport(sink);
    try {
      const batch = unique();
      const recipients = Array.from({ length: 30 }, (_, i) => `twice-${batch}-${i}@example.org`);
      await enqueueMail(
        database.db,
        recipients.map((to) => request(to)),
      );
      const options = { maxAttempts: 3, batchSize: 4, concurrency: 3 };
      const results = await Promise.all([
        dispatchDueMails(database.db, first, options),
        dispatchDueMails(database.db, second, options),
      ]);
      expect(results[0].sent + results[1].sent).toBe(30);
      // Both took part, so the test did race them.
      expect(Math.min(results[0].sent, results[1].sent)).toBeGreaterThan(0);
      expect(results.every((r) => r.retried === 0 && r.failed === 0)).toBe(true);

      await sink.waitFor(30);
      const counts = new Map<string, number>();
      for (const message of sink.messages) {
        for (const to of message.to) counts.set(to, (counts.get(to) ?? 0) + 1);
      }
      expect(recipients.map((to) => counts.get(to))).toEqual(recipients.map(() => 1));
      const rows = await database.db.select().from(outbox).where(inArray(outbox.recipient, recipients));
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.body === '')).toBe(true);
    } finally {
      await first.close();
      await second.close();
      await sink.close();
    }
  });
});

describe('file transport (no SMTP_URL)', () => {
  it('writes an RFC 5322 .eml file under DATA_DIR/mail and logs its path, never its content', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pocdir-mail-'));
    const { logger, lines } = captureLogs();
    const transport = createMailTransport(testConfig({ SMTP_URL: undefined, DATA_DIR: dataDir }), logger);
    try {
      const { subject, body } = renderMail(request('x@example.org', { locale: 'zh' }));
      const { messageId } = await transport.send({ to: 'file@example.org', subject, text: body, locale: 'zh' });

      const files = fs.readdirSync(path.join(dataDir, 'mail'));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      const file = path.join(dataDir, 'mail', files[0] ?? '');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const raw = fs.readFileSync(file);
      expect(raw.toString('latin1')).toContain('\r\n');
      const parsed = await simpleParser(raw);
      expect(parsed.subject).toBe(subject);
      expect(parsed.text?.trim()).toBe(body.trim());
      expect(parsed.messageId).toBe(messageId);
      expect(parsed.headers.get('content-language')).toBe('zh');

      const log = lines.join('');
      expect(log).toContain(file);
      expect(log).not.toContain(subject);
      expect(log).not.toContain(body.slice(0, 10));
      expect(log).not.toContain('file@example.org');
    } finally {
      await transport.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
