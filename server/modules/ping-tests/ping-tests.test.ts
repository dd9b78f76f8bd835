import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatePingTestRequest, PingContacts, PingResults, PingTest } from '../../../common/schemas/ping-tests.ts';
import { CLI_ACTOR } from '../../auth/actor.ts';
import { dispatchDueMails } from '../../mail/outbox.dispatcher.ts';
import { createMailTransport, type MailTransport } from '../../mail/transport.ts';
import { buildEntry } from '../../test-support/directory-factories.ts';
import { buildAccount, signIn, signedIn, type SignedIn } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { readPdf, textOf } from '../../test-support/pdf-reader.ts';
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../../test-support/smtp-sink.ts';
import { acknowledgeCheckByLink } from './ping-acknowledge.service.ts';
import { writeDueChecks } from './ping-dispatch.ts';
import { getPingResults, getPingTrend, listPingContacts } from './ping-tests.service.ts';

const GHANA = '288';
const FRANCE = '250';
const KENYA = '404';
const HOUR = 3_600_000;
const BOUNCING = 'nobody.here@cert.ke.example';

let sink: SmtpSink;
let h: Harness;
let transport: MailTransport;
let manager: SignedIn;
let pocGhana: SignedIn;
let authorityFrance: SignedIn;
const entries: Record<string, string> = {};

function deps() {
  return { db: h.database.db, config: h.config };
}

/** Writes the due checks and sends every due mail, as the background jobs would. */
async function dispatch(now = new Date()): Promise<void> {
  await writeDueChecks(h.database.db, h.config, now);
  await dispatchDueMails(h.database.db, transport, { maxAttempts: 3, concurrency: 4 });
}

function request(overrides: Partial<CreatePingTestRequest> = {}): CreatePingTestRequest {
  return {
    exercise: false,
    targets: { allParticipating: false, groups: [], kinds: [], states: [GHANA, FRANCE, KENYA] },
    channels: ['email', 'in_app'],
    deadlineMode: 'absolute',
    deadlineAt: new Date(Date.now() + 4 * HOUR).toISOString(),
    reminderHours: [],
    ...overrides,
  };
}

async function start(body: CreatePingTestRequest): Promise<PingTest> {
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/v1/ping-tests',
    headers: manager.writeHeaders,
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<PingTest>();
}

function checkMailsOf(reference: string): SinkMessage[] {
  return sink.messages.filter((m) => m.subject.includes(reference) && !m.subject.includes('Reminder'));
}

function tokenIn(message: SinkMessage): string {
  const match = /\/ping#([A-Za-z0-9_-]+)/.exec(message.text);
  if (!match?.[1]) throw new Error(`no link in ${message.text}`);
  return match[1];
}

async function waitForMails(reference: string, count: number): Promise<SinkMessage[]> {
  for (let i = 0; i < 200; i += 1) {
    const found = checkMailsOf(reference);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`expected ${count} mails for ${reference}, got ${checkMailsOf(reference).length}`);
}

beforeAll(async () => {
  sink = await startSmtpSink({ rejectRecipient: (address) => address === BOUNCING });
  h = await createHarness({ SMTP_URL: sink.url, PUBLIC_URL: 'https://pocdir.example' });
  transport = createMailTransport(h.config, pino({ level: 'silent' }));
  manager = await signedIn(h.app, h.database.db, 'directory_manager');
  authorityFrance = await signedIn(h.app, h.database.db, 'national_authority', FRANCE);
  const pocAccount = await buildAccount(h.database.db, { role: 'point_of_contact', stateM49: GHANA });
  pocGhana = await signIn(h.app, pocAccount);
  entries.ghanaApp = (await buildEntry(deps(), GHANA, { emails: [pocAccount.email] })).entryId;
  entries.ghanaLink = (
    await buildEntry(deps(), GHANA, { kind: 'diplomatic', emails: ['kofi.boateng@mfa.gh.example'] })
  ).entryId;
  entries.franceLate = (
    await buildEntry(deps(), FRANCE, {
      emails: ['claire.martin@cert.fr.example'],
      workingLanguages: ['fr'],
      timeZone: 'Europe/Paris',
    })
  ).entryId;
  entries.franceMissing = (
    await buildEntry(deps(), FRANCE, {
      slotRole: 'alternate',
      emails: ['luc.bernard@cert.fr.example'],
      timeZone: 'Europe/Paris',
    })
  ).entryId;
  entries.kenyaBounce = (await buildEntry(deps(), KENYA, { emails: [BOUNCING] })).entryId;
  // Acceptance mails of the entries go out first, so they are not counted below.
  await dispatchDueMails(h.database.db, transport, { maxAttempts: 3 });
}, 60_000);

afterAll(async () => {
  await transport.close();
  await h.close();
  await sink.close();
});

describe('a ping test through a real SMTP server', () => {
  let campaign: PingTest;

  it('sends each targeted contact one check with a single-use link; link and in-app acknowledgements, one late, one missing, one bounce', async () => {
    campaign = await start(request({ title: 'Semi-annual check' }));
    expect(campaign.reference).toMatch(/^PING-\d{4}-\d{4}$/);
    expect(campaign.progress).toMatchObject({ targets: 5, mailsTotal: 5 });
    await dispatch();
    const mails = await waitForMails(campaign.reference, 4);
    // Four accepted; the fifth was refused with 550 and is not at the server.
    expect(mails.map((m) => m.to[0]).sort()).toEqual(
      [
        'claire.martin@cert.fr.example',
        'kofi.boateng@mfa.gh.example',
        'luc.bernard@cert.fr.example',
        pocGhana.account.email,
      ].sort(),
    );
    const french = mails.find((m) => m.to[0] === 'claire.martin@cert.fr.example');
    expect(french?.subject).toBe(`Test de joignabilité ${campaign.reference} : merci d'accuser réception`);
    expect(french?.text).toContain('(Europe/Paris)'); // the deadline on the contact's own clock…
    expect(french?.text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/); // …and in UTC

    // By link, without signing in; the link works once.
    const kofi = mails.find((m) => m.to[0] === 'kofi.boateng@mfa.gh.example');
    if (!kofi) throw new Error('no mail to Kofi');
    const byLink = await h.app.inject({
      method: 'POST',
      url: '/api/v1/ping-tests/acknowledge',
      payload: { token: tokenIn(kofi) },
    });
    expect(byLink.statusCode, byLink.body).toBe(200);
    expect(byLink.json()).toMatchObject({ reference: campaign.reference, late: false, alreadyAcknowledged: false });
    const again = await h.app.inject({
      method: 'POST',
      url: '/api/v1/ping-tests/acknowledge',
      payload: { token: tokenIn(kofi) },
    });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('ACKNOWLEDGEMENT_LINK_INVALID');

    // In the app, by the contact the check was addressed to.
    const mine = await h.app.inject({ method: 'GET', url: '/api/v1/ping-tests/mine', headers: pocGhana.headers });
    const check = mine
      .json<{ items: { targetId: string; reference: string }[] }>()
      .items.find((i) => i.reference === campaign.reference);
    if (!check) throw new Error('no check in the app');
    const inApp = await h.app.inject({
      method: 'POST',
      url: `/api/v1/ping-tests/checks/${check.targetId}/acknowledge`,
      headers: pocGhana.writeHeaders,
    });
    expect(inApp.statusCode, inApp.body).toBe(200);
    // Someone else cannot acknowledge it, nor learn that it exists.
    const other = await signedIn(h.app, h.database.db, 'point_of_contact', GHANA);
    const stolen = await h.app.inject({
      method: 'POST',
      url: `/api/v1/ping-tests/checks/${check.targetId}/acknowledge`,
      headers: other.writeHeaders,
    });
    expect(stolen.statusCode).toBe(404);

    // Late: Claire answers an hour after her deadline (controlled clock).
    const claire = mails.find((m) => m.to[0] === 'claire.martin@cert.fr.example');
    if (!claire) throw new Error('no mail to Claire');
    const dueAt = new Date(campaign.deadlineAt ?? '');
    const late = await acknowledgeCheckByLink(h.database.db, tokenIn(claire), null, new Date(dueAt.getTime() + HOUR));
    expect(late.late).toBe(true);

    // After the deadline: Luc never answered, the Kenyan mail bounced.
    const after = new Date(dueAt.getTime() + 2 * HOUR);
    const contacts = await listPingContacts(deps(), CLI_ACTOR, campaign.id, { limit: 100 }, after);
    const resultOf = (entryId: string | undefined) => contacts.items.find((c) => c.entryId === entryId);
    expect(resultOf(entries.ghanaLink)).toMatchObject({ result: 'acknowledged', acknowledgedVia: 'link' });
    expect(resultOf(entries.ghanaApp)).toMatchObject({ result: 'acknowledged', acknowledgedVia: 'app' });
    expect(resultOf(entries.franceLate)).toMatchObject({ result: 'late', acknowledgedVia: 'link' });
    expect(resultOf(entries.franceMissing)).toMatchObject({ result: 'no_response', acknowledgedAt: null });
    expect(resultOf(entries.kenyaBounce)?.result).toBe('bounced');
    expect(resultOf(entries.kenyaBounce)?.bounce).toMatch(/550/);

    const results = await getPingResults(deps(), CLI_ACTOR, campaign.id, after);
    const stateResult = (m49: string) => results.states.find((s) => s.stateM49 === m49)?.result;
    expect(stateResult(GHANA)).toBe('reached');
    expect(stateResult(FRANCE)).toBe('late');
    expect(stateResult(KENYA)).toBe('not_reached');
    expect(results.campaign.figures).toMatchObject({
      contacts: 5,
      states: 3,
      statesReached: 1,
      acknowledgedRate: 2 / 5,
      respondedRate: 3 / 5,
    });
    expect(results.campaign.figures.medianSeconds).not.toBeNull();
    expect(results.campaign.figures.p90Seconds).toBeGreaterThanOrEqual(results.campaign.figures.medianSeconds ?? 0);
    const african = results.groups.find((g) => g.group === 'african');
    expect(african).toMatchObject({ states: 2, statesReached: 1, contacts: 3 });
  });

  it("moves each acknowledging entry's last verified time forward", async () => {
    const rows = await h.database.db.execute(
      sql`select id, last_verified_at from directory_entries where id in (${entries.ghanaLink}, ${entries.franceMissing})`,
    );
    const verified = new Map(
      (rows as { rows: { id: string; last_verified_at: string }[] }).rows.map((r) => [
        r.id,
        new Date(r.last_verified_at),
      ]),
    );
    const link = verified.get(entries.ghanaLink ?? '');
    const missing = verified.get(entries.franceMissing ?? '');
    expect(link && missing && link.getTime() > missing.getTime()).toBe(true);
  });

  it('shows a national authority only its own State, and refuses the manager nothing but points of contact everything', async () => {
    const results = await h.app.inject({
      method: 'GET',
      url: `/api/v1/ping-tests/${campaign.id}/results`,
      headers: authorityFrance.headers,
    });
    expect(results.statusCode).toBe(200);
    expect(results.json<PingResults>().states.map((s) => s.stateM49)).toEqual([FRANCE]);
    const contacts = await h.app.inject({
      method: 'GET',
      url: `/api/v1/ping-tests/${campaign.id}/contacts`,
      headers: authorityFrance.headers,
    });
    expect(new Set(contacts.json<PingContacts>().items.map((c) => c.stateM49))).toEqual(new Set([FRANCE]));
    const create = await h.app.inject({
      method: 'POST',
      url: '/api/v1/ping-tests',
      headers: authorityFrance.writeHeaders,
      payload: request(),
    });
    expect(create.statusCode).toBe(403);
    const poc = await h.app.inject({ method: 'GET', url: '/api/v1/ping-tests', headers: pocGhana.headers });
    expect(poc.statusCode).toBe(403);
  });

  it('exports the results as CSV, one row per contact', async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: `/api/v1/ping-tests/${campaign.id}/export?format=csv&language=fr`,
      headers: manager.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toContain('reference,exercise,state_m49');
    expect(lines.some((line) => line.includes('bounced') && line.includes('550'))).toBe(true);
  });

  it('writes the PDF report in Arabic, right to left, with the Arabic labels and the reference', async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: `/api/v1/ping-tests/${campaign.id}/export?format=pdf&language=ar`,
      headers: manager.headers,
    });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pages = readPdf(response.rawPayload);
    const runs = pages.flatMap((p) => p.runs);
    const text = textOf(runs);
    expect(text).toContain(campaign.reference);
    const arabic = runs.filter((r) => /\p{Script=Arabic}/u.test(r.text));
    expect(arabic.length).toBeGreaterThan(20);
    for (const run of arabic) expect(run.font, run.text).toMatch(/NotoSansArabic/);
    // Right to left: the title starts at the right margin.
    const title = arabic.reduce((a, b) => (b.y > a.y ? b : a));
    expect(title.x).toBeGreaterThan(300);
  }, 60_000);

  it('refuses a campaign without targets or without a deadline, with catalogue codes', async () => {
    const none = await h.app.inject({
      method: 'POST',
      url: '/api/v1/ping-tests',
      headers: manager.writeHeaders,
      payload: request({ targets: { allParticipating: false, groups: [], kinds: [], states: ['008'] } }),
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('PING_NO_TARGETS');
    const noDeadline = await h.app.inject({
      method: 'POST',
      url: '/api/v1/ping-tests',
      headers: manager.writeHeaders,
      payload: { ...request(), deadlineAt: undefined },
    });
    expect(noDeadline.statusCode).toBe(400);
    expect(noDeadline.json().error.details).toEqual([{ field: '/deadlineAt', reason: 'required' }]);
  });
});

describe('key problems', () => {
  it('flags a contact whose OpenPGP key has expired, even when they acknowledge', async () => {
    const BRAZIL = '076';
    const { entryId } = await buildEntry(deps(), BRAZIL, { emails: ['ana.souza@cert.br.example'] });
    // The key was valid when nominated and has since expired.
    await h.database.db.execute(
      sql`update directory_entries set key_fingerprint = 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678', key_expires_at = now() - interval '1 day' where id = ${entryId}`,
    );
    const check = await start(
      request({ targets: { allParticipating: false, groups: [], kinds: [], states: [BRAZIL] } }),
    );
    await dispatch();
    const [mail] = await waitForMails(check.reference, 1);
    if (!mail) throw new Error('no check mail');
    await h.app.inject({ method: 'POST', url: '/api/v1/ping-tests/acknowledge', payload: { token: tokenIn(mail) } });
    const contacts = await listPingContacts(deps(), CLI_ACTOR, check.id, { limit: 10 });
    expect(contacts.items[0]).toMatchObject({ result: 'key_problem', keyProblem: 'expired', acknowledgedVia: 'link' });
    const results = await getPingResults(deps(), CLI_ACTOR, check.id);
    expect(results.states[0]?.result).toBe('reached'); // reachable, but not securely
  });
});

describe('exercises', () => {
  it('are marked EXERCISE in every mail and kept out of the trend and of "last verified"', async () => {
    const exercise = await start(request({ exercise: true, targets: { ...request().targets, states: [GHANA] } }));
    await dispatch();
    const mails = await waitForMails(exercise.reference, 2);
    for (const mail of mails) {
      expect(mail.subject.startsWith('[EXERCISE] ')).toBe(true);
      expect(mail.text).toContain('EXERCISE: this is an exercise');
    }
    // Nobody has answered yet: no time to acknowledge, rather than zeros.
    const unanswered = await h.app.inject({
      method: 'GET',
      url: `/api/v1/ping-tests/${exercise.id}`,
      headers: manager.headers,
    });
    expect(unanswered.json<PingTest>().figures).toMatchObject({
      medianSeconds: null,
      p90Seconds: null,
      acknowledgedRate: 0,
    });
    const before = await h.database.db.execute(
      sql`select last_verified_at from directory_entries where id = ${entries.ghanaLink}`,
    );
    const kofi = mails.find((m) => m.to[0] === 'kofi.boateng@mfa.gh.example');
    if (!kofi) throw new Error('no exercise mail to Kofi');
    const ack = await h.app.inject({
      method: 'POST',
      url: '/api/v1/ping-tests/acknowledge',
      payload: { token: tokenIn(kofi) },
    });
    expect(ack.json()).toMatchObject({ exercise: true, late: false });
    const after = await h.database.db.execute(
      sql`select last_verified_at from directory_entries where id = ${entries.ghanaLink}`,
    );
    expect((after as { rows: unknown[] }).rows).toEqual((before as { rows: unknown[] }).rows);
    const trend = await getPingTrend(deps(), CLI_ACTOR);
    expect(trend.items.map((i) => i.reference)).not.toContain(exercise.reference);
    expect(trend.items.length).toBeGreaterThan(0);
  });
});
