import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { openTestDatabase } from '../test-support/harness.ts';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.ts';
import { dispatchDueMails } from './outbox.dispatcher.ts';
import { enqueueMail } from './outbox.repository.ts';
import { createMailTransport, type MailTransport, type OutgoingMail } from './transport.ts';

let database: Database;
let sink: SmtpSink;

beforeAll(async () => {
  database = await openTestDatabase();
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
  await database.close();
});

/**
 * A transport that delivers `survive` mails and then stops answering, as a server process does
 * when it is killed in the middle of a batch: the claimed mails are neither sent nor marked.
 */
function dyingTransport(real: MailTransport, survive: number): MailTransport {
  let sent = 0;
  return {
    send: (mail: OutgoingMail) => (sent++ < survive ? real.send(mail) : new Promise(() => {})),
    close: () => Promise.resolve(),
  };
}

describe('a server that dies while dispatching', () => {
  it('leaves no mail behind and sends none twice once it is back', async () => {
    const recipients = Array.from({ length: 40 }, (_, i) => `restart-${i}@example.org`);
    await enqueueMail(
      database.db,
      recipients.map((to) => ({
        purpose: 'test',
        to,
        locale: 'en',
        subjectKey: 'app.subtitle',
        bodyKey: 'signin.intro',
        values: {},
      })),
    );
    const real = createMailTransport(testConfig({ SMTP_URL: sink.url, SMTP_POOL_SIZE: 4 }), pino({ level: 'silent' }));
    try {
      // The first process sends 15 mails, then hangs with a claimed batch: it is abandoned, never awaited.
      void dispatchDueMails(database.db, dyingTransport(real, 15), {
        maxAttempts: 5,
        batchSize: 10,
        concurrency: 4,
        leaseSeconds: 300,
      });
      await sink.waitFor(15);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // The restarted process, once the dead one's lease has run out, sends everything left.
      const later = new Date(Date.now() + 301_000);
      const result = await dispatchDueMails(database.db, real, {
        maxAttempts: 5,
        batchSize: 10,
        concurrency: 4,
        now: () => later,
      });
      expect(result.failed).toBe(0);
      const perRecipient = new Map<string, number>();
      for (const message of sink.messages)
        for (const to of message.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
      expect([...perRecipient.keys()].sort()).toEqual([...recipients].sort());
      expect([...perRecipient.values()].every((count) => count === 1)).toBe(true);
    } finally {
      await real.close();
    }
  });
});
