import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchDueMails } from '../../mail/outbox.dispatcher.ts';
import { createMailTransport, type MailTransport } from '../../mail/transport.ts';
import { sendRequest } from '../../test-support/communication-factories.ts';
import { buildEntry } from '../../test-support/directory-factories.ts';
import { signedIn, type SignedIn } from '../../test-support/factories.ts';
import { createGpgHome, decryptPgpMimeText, pgpMimePayload, type GpgHome } from '../../test-support/gpg.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { startSmtpSink, type SmtpSink } from '../../test-support/smtp-sink.ts';

const GHANA = '288';
const FRANCE = '250';
let sink: SmtpSink;
let h: Harness;
let transport: MailTransport;
let gpg: GpgHome;
let pocA: SignedIn;
let pocB: SignedIn;

beforeAll(async () => {
  gpg = createGpgHome('Claire Martin <claire.martin@cert.fr.example>');
  sink = await startSmtpSink();
  h = await createHarness({ SMTP_URL: sink.url, PUBLIC_URL: 'https://pocdir.example' });
  transport = createMailTransport(h.config, pino({ level: 'silent' }));
  const deps = { db: h.database.db, config: h.config };
  pocA = await signedIn(h.app, h.database.db, 'point_of_contact', GHANA);
  pocB = await signedIn(h.app, h.database.db, 'point_of_contact', FRANCE);
  await buildEntry(deps, GHANA);
  await buildEntry(deps, FRANCE, {
    emails: ['claire.martin@cert.fr.example'],
    workingLanguages: ['fr', 'en'],
    pgpPublicKey: gpg.publicKey,
  });
  await buildEntry(deps, FRANCE, {
    slotRole: 'alternate',
    emails: ['luc.bernard@cert.fr.example'],
    workingLanguages: ['fr'],
  });
}, 60_000);
afterAll(async () => {
  await transport.close();
  await h.close();
  await sink.close();
  gpg.dispose();
});

/** The communication mail to `address` (the acceptance mail of its entry went there earlier). */
async function communicationMailTo(address: string) {
  await sink.waitForMessageTo(address);
  for (let i = 0; i < 100; i += 1) {
    const found = sink.messages.find((m) => m.to.includes(address) && m.subject.startsWith('TLP:'));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no communication mail to ${address}`);
}

describe('e-mail to the recipients of a communication, through a real SMTP server', () => {
  it('encrypts the whole communication to a contact with a key (GnuPG decrypts it); a contact without one gets a link-only notice', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/communications',
      headers: pocA.writeHeaders,
      payload: sendRequest(FRANCE),
    });
    expect(response.statusCode, response.body).toBe(201);
    const { reference, id } = response.json<{ reference: string; id: string }>();
    expect((await dispatchDueMails(h.database.db, transport, { maxAttempts: 3 })).failed).toBe(0);

    const encrypted = await communicationMailTo('claire.martin@cert.fr.example');
    expect(encrypted.subject).toBe(`TLP:AMBER ${reference}`);
    expect(encrypted.raw.toString('latin1')).not.toContain('203.0.113.7');
    expect(pgpMimePayload(encrypted.parsed)).toBeDefined();
    const text = decryptPgpMimeText(gpg, encrypted.parsed).replace(/\r\n/g, '\n');
    expect(text.startsWith('TLP:AMBER')).toBe(true);
    expect(text).toMatch(/\nTLP:AMBER\n\n-- \n/); // and at the bottom, before the signature
    expect(text).toContain('Informations demandées'); // the structured part in the reader's language (French)
    expect(text).toContain('Énergie');
    expect(text).toContain('Please tell us whether 203.0.113.7 belongs to a known botnet.'); // free text as written
    expect(text).toContain(`https://pocdir.example/communications/${id}`);

    const notice = await communicationMailTo('luc.bernard@cert.fr.example');
    expect(notice.subject).toBe(`TLP:AMBER ${reference}`);
    expect(pgpMimePayload(notice.parsed)).toBeUndefined();
    expect(notice.text).not.toContain('203.0.113.7');
    expect(notice.text).not.toContain('Scanning');
    const ack = /https:\/\/pocdir\.example\/acknowledge#([A-Za-z0-9_-]+)/.exec(notice.text)?.[1] ?? '';
    const acknowledged = await h.app.inject({
      method: 'POST',
      url: '/api/v1/communications/acknowledge',
      payload: { token: ack },
    });
    expect(acknowledged.json()).toMatchObject({ reference, stateM49: FRANCE, status: 'acknowledged' });
    const thread = await h.app.inject({ url: `/api/v1/communications/${id}`, headers: pocB.headers });
    expect(thread.json().messages[0].recipients[0].status).toBe('acknowledged');
  });
});
