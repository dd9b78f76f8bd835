import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchDueMails } from '../../mail/outbox.dispatcher.ts';
import { createMailTransport, type MailTransport } from '../../mail/transport.ts';
import { entryDetails, nominationRequest } from '../../test-support/directory-factories.ts';
import { signedIn, STATE_A, type SignedIn } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { startSmtpSink, type SmtpSink } from '../../test-support/smtp-sink.ts';

let sink: SmtpSink;
let h: Harness;
let transport: MailTransport;
let manager: SignedIn;
let authority: SignedIn;

beforeAll(async () => {
  sink = await startSmtpSink();
  h = await createHarness({ SMTP_URL: sink.url, PUBLIC_URL: 'https://pocdir.example' });
  transport = createMailTransport(h.config, pino({ level: 'silent' }));
  manager = await signedIn(h.app, h.database.db, 'directory_manager');
  authority = await signedIn(h.app, h.database.db, 'national_authority', STATE_A);
});
afterAll(async () => {
  await transport.close();
  await h.close();
  await sink.close();
});

describe('the acceptance e-mail, through a real SMTP server', () => {
  it('reaches the nominee in their language with a single-use link that activates the entry', async () => {
    const details = entryDetails({ workingLanguages: ['es', 'en'], emails: ['lucia.ortega@cert.example'] });
    const submitted = await h.app.inject({
      method: 'POST',
      url: '/api/v1/nominations',
      headers: authority.writeHeaders,
      payload: nominationRequest({ details }),
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const approved = await h.app.inject({
      method: 'POST',
      url: `/api/v1/nominations/${submitted.json().id}/approve`,
      headers: manager.writeHeaders,
    });
    expect(approved.statusCode, approved.body).toBe(200);

    const result = await dispatchDueMails(h.database.db, transport, { maxAttempts: 3 });
    expect(result.failed).toBe(0);
    const mail = await sink.waitForMessageTo('lucia.ortega@cert.example');
    expect(mail.headers.get('content-language')).toBe('es');
    // The subject says what the mail is about, never who or which State.
    expect(mail.subject).not.toContain(details.nameLatin);
    const link = /https:\/\/pocdir\.example\/accept#([A-Za-z0-9_-]{20,})/.exec(mail.text);
    expect(link, mail.text).not.toBeNull();
    const token = link?.[1] ?? '';

    const accepted = await h.app.inject({ method: 'POST', url: '/api/v1/acceptance', payload: { token } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const again = await h.app.inject({ method: 'POST', url: '/api/v1/acceptance', payload: { token } });
    expect(again.json().error.code).toBe('ACCEPTANCE_TOKEN_INVALID');

    // Each mail went out once: a second dispatch finds nothing due.
    expect((await dispatchDueMails(h.database.db, transport, { maxAttempts: 3 })).sent).toBe(0);
    expect(sink.messages.filter((m) => m.to.includes('lucia.ortega@cert.example'))).toHaveLength(1);
  });
});
