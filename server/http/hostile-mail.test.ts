import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../db/schema.ts';
import { dispatchDueMails } from '../mail/outbox.dispatcher.ts';
import { enqueueMail } from '../mail/outbox.repository.ts';
import { createMailTransport, type MailTransport } from '../mail/transport.ts';
import { writeDueChecks } from '../modules/ping-tests/ping-dispatch.ts';
import { sendRequest } from '../test-support/communication-factories.ts';
import { buildEntry, entryDetails, nominationRequest } from '../test-support/directory-factories.ts';
import { buildAccount, signIn, STATE_A, STATE_B, type SignedIn } from '../test-support/factories.ts';
import { createGpgHome, decryptPgpMimeText, pgpMimePayload, type GpgHome } from '../test-support/gpg.ts';
import { createHarness, type Harness } from '../test-support/harness.ts';
import { contractViolation, hostileString } from '../test-support/hostile.ts';
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../test-support/smtp-sink.ts';

/*
 * Header injection through everything a user writes that reaches an e-mail: names, note verbale
 * references, rejection reasons, addresses, communication content, ping test titles. Each value
 * is either refused at the API with a catalogue code or neutralised in the mail; the received
 * messages carry no injected header, go to the outbox row's recipient only, and have one subject.
 */

const EVIL = 'evil@example.org';
const INJECTIONS = [
  `x\r\nBcc: ${EVIL}`,
  `x\nBcc: ${EVIL}`,
  `x\rBcc: ${EVIL}`,
  '\r\n\r\n<html><body>injected</body></html>',
  `x\u2028Bcc: ${EVIL}`,
  `x\u0085Bcc: ${EVIL}`,
  `=?utf-8?Q?x=0D=0ABcc:_${EVIL}?=`,
  `=?utf-8?B?${Buffer.from(`x\r\nBcc: ${EVIL}`).toString('base64')}?=`,
  `\r\n.\r\nMAIL FROM:<${EVIL}>\r\nRCPT TO:<${EVIL}>\r\nDATA\r\nSubject: smuggled\r\n\r\nhi\r\n.\r\n`,
  `x%0d%0aBcc: ${EVIL}`,
  '\u202eEXERCISE\u202c',
];

/** The headers nodemailer writes for pocdir's mails (PGP/MIME included); anything else was injected. */
const EXPECTED_HEADERS = new Set([
  'from',
  'to',
  'subject',
  'message-id',
  'date',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'content-language',
  'content-description',
  'content-disposition',
]);

let sink: SmtpSink;
let h: Harness;
let transport: MailTransport;
let gpg: GpgHome;
let manager: SignedIn;
let authority: SignedIn;

beforeAll(async () => {
  sink = await startSmtpSink();
  h = await createHarness({ SMTP_URL: sink.url, PUBLIC_URL: 'https://pocdir.example' });
  transport = createMailTransport(h.config, pino({ level: 'silent' }));
  gpg = createGpgHome();
  const deps = { db: h.database.db, config: h.config };
  await buildEntry(deps, STATE_B, { pgpPublicKey: gpg.publicKey });
  await buildEntry(deps, STATE_A);
  manager = await signIn(h.app, await buildAccount(h.database.db, { role: 'directory_manager' }));
  authority = await signIn(h.app, await buildAccount(h.database.db, { role: 'national_authority', stateM49: STATE_A }));
  await deliver();
});
afterAll(async () => {
  await transport.close();
  await h.close();
  await sink.close();
  gpg.dispose();
});

/** Writes due ping checks, sends every due mail, and returns what the SMTP server received. */
async function deliver(options: { mayBeRejected?: boolean } = {}): Promise<SinkMessage[]> {
  const already = sink.messages.length;
  await writeDueChecks(h.database.db, h.config, new Date());
  const result = await dispatchDueMails(h.database.db, transport, { maxAttempts: 1 });
  if (!options.mayBeRejected) expect(result.failed).toBe(0);
  return sink.waitFor(already + result.sent).then((all) => all.slice(already));
}

async function call(caller: SignedIn, method: 'POST' | 'PUT', url: string, payload: unknown) {
  const response = await h.app.inject({ method, url, headers: caller.writeHeaders, payload: payload as object });
  expect(contractViolation(response), `${url} ${JSON.stringify(payload)}`).toBeNull();
  return response;
}

/**
 * Everything that shows an injection, checked on one received message. Values reach subjects only
 * in the mail-layer test; there the subject may quote them, on its one line.
 */
async function expectClean(message: SinkMessage, options: { subjectQuotesValue?: boolean } = {}): Promise<void> {
  const raw = message.raw.toString('latin1');
  const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
  // The recipient is the outbox row's, and only that one (Message-ID is <outbox id@domain>).
  const outboxId = /^<([0-9a-f-]{36})@/.exec(message.parsed.messageId ?? '')?.[1] ?? '';
  const [row] = await h.database.db.select().from(outbox).where(eq(outbox.id, outboxId));
  expect(row, message.parsed.messageId).toBeDefined();
  // Mail servers treat domains case-insensitively, and nodemailer writes them in lower case.
  const recipient = row?.recipient.replace(/@.*$/, (domain) => domain.toLowerCase());
  expect(message.to).toEqual([recipient]);
  expect(message.from).not.toContain('evil');
  const to = message.parsed.to;
  const toAddresses = (Array.isArray(to) ? to : to ? [to] : []).flatMap((a) => a.value.map((v) => v.address));
  expect(toAddresses).toEqual([recipient]);
  // No header but nodemailer's own, one subject on one line, nothing of the payload in the head.
  for (const name of message.headers.keys()) expect(EXPECTED_HEADERS, `header ${name}`).toContain(name);
  const lines = head.replace(/\r\n[ \t]/g, ' ').split('\r\n');
  for (const line of lines) expect(EXPECTED_HEADERS, line).toContain(line.slice(0, line.indexOf(':')).toLowerCase());
  // One subject at most: nodemailer leaves the header out when the subject is empty.
  expect(lines.filter((line) => /^subject:/i.test(line)).length).toBeLessThanOrEqual(1);
  expect(message.subject).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
  expect(lines.filter((line) => /^(bcc|cc|reply-to):/i.test(line))).toEqual([]);
  if (!options.subjectQuotesValue) expect(head.toLowerCase()).not.toContain('evil');
  expect(message.parsed.html).toBeFalsy();
}

describe('user values that reach a mail, through the real routes and a real SMTP server', () => {
  it('nominee names and addresses, note verbale references and rejection reasons', async () => {
    for (const [i, value] of INJECTIONS.entries()) {
      const email = `nominee.${i}.${Date.now()}@cert.example`;
      // Each field alone, so a refusal of one does not hide what the others do.
      const attempts = [
        nominationRequest({ stateM49: STATE_A, details: entryDetails({ emails: [email], nameNative: value }) }),
        nominationRequest({ stateM49: STATE_A, details: entryDetails({ emails: [email] }), noteVerbaleRef: value }),
        nominationRequest({ stateM49: STATE_A, details: entryDetails({ emails: [`${email}${value}`] }) }),
        nominationRequest({ stateM49: STATE_A, details: entryDetails({ emails: [email] }) }),
      ];
      for (const [j, body] of attempts.entries()) {
        const submitted = await call(authority, 'POST', '/api/v1/nominations', body);
        if (submitted.statusCode !== 201) continue;
        const id = submitted.json<{ id: string }>().id;
        // Half are approved (the acceptance mail with the name), half rejected with the value as reason.
        if (j % 2 === 0) await call(manager, 'POST', `/api/v1/nominations/${id}/approve`, {});
        else await call(manager, 'POST', `/api/v1/nominations/${id}/reject`, { reason: `Refused: ${value}` });
      }
    }
    const received = await deliver();
    expect(received.length).toBeGreaterThan(INJECTIONS.length);
    for (const message of received) await expectClean(message);
    // A reason is multi-line text: it reaches the body as text, and the body stays plain text.
    const decisions = received.filter((m) => m.text.includes('Refused: '));
    expect(decisions.some((m) => m.text.includes(`RCPT TO:<${EVIL}>`))).toBe(true);
    expect(sink.messages.flatMap((m) => m.to)).not.toContain(EVIL);
  });

  it('communication content, encrypted to the contact, and the link-only notice', async () => {
    const content = sendRequest(STATE_B).content;
    for (const value of INJECTIONS) {
      await call(authority, 'POST', '/api/v1/communications', sendRequest(STATE_B, { ownReference: value }));
      await call(
        authority,
        'POST',
        '/api/v1/communications',
        sendRequest(STATE_B, { content: { ...content, summary: value, informationRequested: `Please: ${value}` } }),
      );
    }
    const received = await deliver();
    const decrypted: string[] = [];
    for (const message of received) {
      await expectClean(message);
      const armored = pgpMimePayload(message.parsed);
      if (armored === undefined) continue;
      // Inside the encryption, the content is text of one MIME part, never headers of its own.
      const inner = await simpleParser(gpg.decrypt(armored));
      for (const name of inner.headers.keys()) expect(EXPECTED_HEADERS).toContain(name);
      expect(inner.html).toBeFalsy();
      decrypted.push(decryptPgpMimeText(gpg, message.parsed));
    }
    // Multi-line content is accepted; it arrives as text, SMTP commands and all, inside one mail.
    expect(decrypted.some((text) => text.includes(`RCPT TO:<${EVIL}>`))).toBe(true);
    expect(sink.messages.flatMap((m) => m.to)).not.toContain(EVIL);
  });

  it('ping test titles and the contacts they reach', async () => {
    for (const title of INJECTIONS) {
      const created = await call(manager, 'POST', '/api/v1/ping-tests', {
        title,
        exercise: true,
        targets: { allParticipating: false, groups: [], kinds: [], states: [STATE_A] },
        channels: ['email'],
        deadlineMode: 'absolute',
        deadlineAt: new Date(Date.now() + 4 * 3_600_000).toISOString(),
        reminderHours: [],
      });
      expect(created.statusCode).toBeLessThan(500);
    }
    for (const message of await deliver()) await expectClean(message);
  });
});

describe('the mail layer itself, for values no route lets through today', () => {
  it('any subject value and any address give one subject line and exactly the one recipient, or a refusal', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom(...INJECTIONS),
          hostileString.map((s) => s.slice(0, 300)),
        ),
        fc.oneof(
          fc.constant('contact@cert.example'),
          fc.constantFrom(...INJECTIONS).map((v) => `contact@cert.example${v}`),
          hostileString.map((s) => `${s.slice(0, 40)}@cert.example`),
        ),
        async (value, to) => {
          let queued = true;
          await h.database.db
            .transaction((tx) =>
              enqueueMail(tx, [
                {
                  purpose: 'test.hostile',
                  to,
                  locale: 'en',
                  subjectKey: 'mail.communication.subject',
                  bodyKey: 'mail.communication.notice',
                  values: { tlp: value, reference: value, link: value, ackLink: value },
                },
              ]),
            )
            .catch(() => {
              queued = false;
            });
          // An address that is plain but not valid (a local part "../x") may be refused by the
          // server instead: a permanent failure, recorded on the outbox row, never another recipient.
          const received = await deliver({ mayBeRejected: true });
          expect(received.length).toBeLessThanOrEqual(queued ? 1 : 0);
          for (const message of received) await expectClean(message, { subjectQuotesValue: true });
        },
      ),
      { numRuns: 30 },
    );
  });
});
