import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nominations, outbox } from '../../db/schema.ts';
import { acceptanceTokenFromOutbox, entryDetails, nominationRequest } from '../../test-support/directory-factories.ts';
import { signedIn, STATE_A, STATE_B, type SignedIn } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';

let h: Harness;
let manager: SignedIn;
let authorityA: SignedIn;
let authorityB: SignedIn;
let pocA: SignedIn;
let auditor: SignedIn;

beforeAll(async () => {
  h = await createHarness();
  const db = h.database.db;
  manager = await signedIn(h.app, db, 'directory_manager');
  authorityA = await signedIn(h.app, db, 'national_authority', STATE_A);
  authorityB = await signedIn(h.app, db, 'national_authority', STATE_B);
  pocA = await signedIn(h.app, db, 'point_of_contact', STATE_A);
  auditor = await signedIn(h.app, db, 'auditor');
});
afterAll(() => h.close());

function call(session: SignedIn | undefined, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const headers = session ? (method === 'GET' ? session.headers : session.writeHeaders) : {};
  return h.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload !== undefined ? { payload } : {}) });
}

async function submit(session: SignedIn, payload: object = nominationRequest()) {
  const response = await call(session, 'POST', '/nominations', payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string; status: string; details: { emails: string[] } | null }>();
}

async function approve(id: string) {
  const response = await call(manager, 'POST', `/nominations/${id}/approve`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ status: string; resultingEntryId: string | null; acceptanceExpiresAt: string | null }>();
}

async function accept(token: string) {
  return h.app.inject({ method: 'POST', url: '/api/v1/acceptance', payload: { token } });
}

/** Nominate → verify → accept, through HTTP. */
async function activeEntry(details = entryDetails()) {
  const nomination = await submit(authorityA, nominationRequest({ details }));
  await approve(nomination.id);
  const response = await accept(await acceptanceTokenFromOutbox(h.database.db, details.emails[0] ?? ''));
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ entryId: string }>().entryId;
}

describe('nomination workflow', () => {
  it('submitted → approved → accepted by the single-use link → active, with a first version', async () => {
    const details = entryDetails({ workingLanguages: ['fr'] });
    const nomination = await submit(authorityA, nominationRequest({ details }));
    expect(nomination.status).toBe('submitted');

    const queue = await call(manager, 'GET', '/nominations?open=true');
    expect(queue.json().items.map((n: { id: string }) => n.id)).toContain(nomination.id);

    const approved = await approve(nomination.id);
    expect(approved.status).toBe('awaiting_acceptance');
    expect(approved.resultingEntryId).toBeNull();
    expect(Date.parse(approved.acceptanceExpiresAt ?? '')).toBeGreaterThan(Date.now());

    const mail = await h.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.recipient, details.emails[0] ?? ''));
    expect(mail).toHaveLength(1);
    expect(mail[0]?.locale).toBe('fr');
    expect(mail[0]?.subject).not.toContain(details.nameLatin);

    const token = await acceptanceTokenFromOutbox(h.database.db, details.emails[0] ?? '');
    const preview = await h.app.inject({ method: 'POST', url: '/api/v1/acceptance/preview', payload: { token } });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ stateM49: STATE_A, nameLatin: details.nameLatin, locale: 'fr' });

    const accepted = await accept(token);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const { entryId } = accepted.json<{ entryId: string }>();

    const again = await accept(token);
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('ACCEPTANCE_TOKEN_INVALID');

    const entry = await call(pocA, 'GET', `/directory/entries/${entryId}`);
    expect(entry.statusCode).toBe(200);
    const body = entry.json();
    expect(body.entry).toMatchObject({ status: 'active', version: 1, nameLatin: details.nameLatin, stale: false });
    expect(body.history).toHaveLength(1);
    expect(body.history[0]).toMatchObject({ version: 1, change: 'created', changedBy: 'nominee' });

    const done = await call(authorityA, 'GET', `/nominations/${nomination.id}`);
    expect(done.json()).toMatchObject({ status: 'completed', resultingEntryId: entryId });
  });

  it('rejected with a reason; every later transition is refused with INVALID_TRANSITION', async () => {
    const nomination = await submit(authorityA);
    const rejected = await call(manager, 'POST', `/nominations/${nomination.id}/reject`, {
      reason: 'Note verbale unsigned',
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectionReason: 'Note verbale unsigned' });
    for (const [session, action] of [
      [manager, 'approve'],
      [manager, 'reject'],
      [authorityA, 'withdraw'],
      [authorityA, 'resend'],
    ] as const) {
      const response = await call(
        session,
        'POST',
        `/nominations/${nomination.id}/${action}`,
        action === 'reject' ? { reason: 'x' } : undefined,
      );
      expect(response.statusCode, action).toBe(409);
      expect(response.json().error.code).toBe('INVALID_TRANSITION');
    }
    const decided = await h.database.db.select().from(outbox).where(eq(outbox.purpose, 'nomination.decided'));
    expect(decided.map((m) => m.recipient)).toContain(authorityA.account.email);
  });

  it('a submitted nomination cannot be accepted, and reject needs a reason', async () => {
    const nomination = await submit(authorityA);
    const noReason = await call(manager, 'POST', `/nominations/${nomination.id}/reject`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].field).toBe('/reason');
  });

  it('an update takes effect on approval as version 2; the old version stays in the history', async () => {
    const original = entryDetails();
    const entryId = await activeEntry(original);
    const changed = { ...original, function: 'Director, national CERT' };
    const nomination = await submit(
      authorityA,
      nominationRequest({ type: 'update', targetEntryId: entryId, details: changed }),
    );
    const approved = await approve(nomination.id);
    expect(approved).toMatchObject({ status: 'completed', resultingEntryId: entryId });
    const { entry, history } = (await call(pocA, 'GET', `/directory/entries/${entryId}`)).json();
    expect(entry).toMatchObject({ version: 2, function: 'Director, national CERT' });
    expect(history.map((v: { change: string }) => v.change)).toEqual(['updated', 'created']);
    expect(history[1].entry.function).toBe('Head of incident response');
  });

  it('a replacement needs the new person to accept; then the slot holds the new person', async () => {
    const entryId = await activeEntry();
    const successor = entryDetails({ nameLatin: 'Kwame Boateng', nameNative: 'Kwame Boateng' });
    const nomination = await submit(
      authorityA,
      nominationRequest({ type: 'replacement', targetEntryId: entryId, details: successor }),
    );
    expect((await approve(nomination.id)).status).toBe('awaiting_acceptance');
    const response = await accept(await acceptanceTokenFromOutbox(h.database.db, successor.emails[0] ?? ''));
    expect(response.json().entryId).toBe(entryId);
    const { entry, history } = (await call(pocA, 'GET', `/directory/entries/${entryId}`)).json();
    expect(entry.nameLatin).toBe('Kwame Boateng');
    expect(history[0].change).toBe('replaced');
  });

  it('a removal retires the entry: hidden by default, never deleted, visible with its history', async () => {
    const details = entryDetails();
    const entryId = await activeEntry(details);
    const nomination = await submit(
      authorityA,
      nominationRequest({ type: 'removal', targetEntryId: entryId, details: undefined, reason: 'Left the service' }),
    );
    expect((await approve(nomination.id)).status).toBe('completed');
    const q = encodeURIComponent(details.nameLatin);
    expect((await call(pocA, 'GET', `/directory/entries?q=${q}`)).json().total).toBe(0);
    const withRetired = (await call(pocA, 'GET', `/directory/entries?q=${q}&includeRetired=true`)).json();
    expect(withRetired.items[0]).toMatchObject({ id: entryId, status: 'retired' });
    const { history } = (await call(pocA, 'GET', `/directory/entries/${entryId}`)).json();
    expect(history.map((v: { change: string }) => v.change)).toEqual(['retired', 'created']);
    const again = await call(
      authorityA,
      'POST',
      '/nominations',
      nominationRequest({ type: 'update', targetEntryId: entryId }),
    );
    expect(again.json().error.code).toBe('ENTRY_RETIRED');
  });

  it('withdrawing kills the issued link; resending replaces it with a new one', async () => {
    const details = entryDetails();
    const first = await submit(authorityA, nominationRequest({ details }));
    await approve(first.id);
    const oldToken = await acceptanceTokenFromOutbox(h.database.db, details.emails[0] ?? '');
    const resent = await call(authorityA, 'POST', `/nominations/${first.id}/resend`);
    expect(resent.statusCode).toBe(200);
    const newToken = await acceptanceTokenFromOutbox(h.database.db, details.emails[0] ?? '');
    expect(newToken).not.toBe(oldToken);
    expect((await accept(oldToken)).statusCode).toBe(410);
    expect((await call(authorityA, 'POST', `/nominations/${first.id}/withdraw`)).json().status).toBe('withdrawn');
    expect((await accept(newToken)).statusCode).toBe(410);
  });

  it('an expired link is refused', async () => {
    const details = entryDetails();
    const nomination = await submit(authorityA, nominationRequest({ details }));
    await approve(nomination.id);
    await h.database.db
      .update(nominations)
      .set({ acceptanceExpiresAt: sql`now() - interval '1 minute'` })
      .where(eq(nominations.id, nomination.id));
    expect((await accept(await acceptanceTokenFromOutbox(h.database.db, details.emails[0] ?? ''))).statusCode).toBe(
      410,
    );
  });

  it('one open nomination per entry', async () => {
    const entryId = await activeEntry();
    await submit(authorityA, nominationRequest({ type: 'update', targetEntryId: entryId }));
    const second = await call(
      authorityA,
      'POST',
      '/nominations',
      nominationRequest({ type: 'removal', targetEntryId: entryId, details: undefined }),
    );
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('NOMINATION_ALREADY_OPEN');
  });
});

describe('who may do what', () => {
  it('401 without a session; the acceptance routes are the only public ones', async () => {
    expect((await call(undefined, 'GET', '/nominations')).statusCode).toBe(401);
    expect((await call(undefined, 'POST', '/nominations', nominationRequest())).statusCode).toBe(401);
    expect((await call(undefined, 'GET', '/directory/entries')).statusCode).toBe(401);
  });

  it('a point of contact, the manager and the auditor cannot nominate', async () => {
    for (const session of [pocA, manager, auditor]) {
      const response = await call(session, 'POST', '/nominations', nominationRequest({ stateM49: STATE_A }));
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
  });

  it("State B's authority cannot nominate for State A, nor touch or see State A's nominations and entries", async () => {
    const forA = await call(authorityB, 'POST', '/nominations', nominationRequest({ stateM49: STATE_A }));
    expect(forA.statusCode).toBe(403);
    const nomination = await submit(authorityA);
    expect((await call(authorityB, 'GET', `/nominations/${nomination.id}`)).statusCode).toBe(404);
    expect((await call(authorityB, 'POST', `/nominations/${nomination.id}/withdraw`)).statusCode).toBe(404);
    expect((await call(authorityB, 'GET', '/nominations')).json().items.map((n: { id: string }) => n.id)).not.toContain(
      nomination.id,
    );
    const entryId = await activeEntry();
    const update = await call(
      authorityB,
      'POST',
      '/nominations',
      nominationRequest({ type: 'update', targetEntryId: entryId }),
    );
    expect(update.statusCode).toBe(404);
    expect((await call(authorityB, 'POST', `/directory/entries/${entryId}/confirm`)).statusCode).toBe(404);
  });

  it('the manager verifies but cannot edit a State’s entry; a national authority cannot verify', async () => {
    const entryId = await activeEntry();
    expect((await call(manager, 'POST', `/directory/entries/${entryId}/confirm`)).statusCode).toBe(403);
    const nomination = await submit(authorityA);
    expect((await call(authorityA, 'POST', `/nominations/${nomination.id}/approve`)).statusCode).toBe(403);
    expect((await call(pocA, 'GET', '/nominations')).statusCode).toBe(403);
    expect((await call(auditor, 'GET', '/directory/entries')).statusCode).toBe(403);
  });
});

describe('validation', () => {
  it('names each invalid field, in the caller’s language', async () => {
    const bad = nominationRequest({
      details: entryDetails({ emails: ['not-an-email'], timeZone: 'Mars/Olympus', workingLanguages: ['en'] }),
    });
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/nominations',
      headers: { ...authorityA.writeHeaders, 'accept-language': 'fr' },
      payload: bad,
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.map((d: { field: string }) => d.field)).toContain('/details/emails/0');
    expect(error.message).not.toMatch(/^The /);
    const zone = await call(
      authorityA,
      'POST',
      '/nominations',
      nominationRequest({ details: entryDetails({ timeZone: 'Mars/Olympus' }) }),
    );
    expect(zone.json().error.details).toContainEqual({ field: '/details/timeZone', reason: 'time_zone' });
  });

  it('workflow rules have their own codes', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ details: undefined }, 'NOMINATION_DETAILS_REQUIRED'],
      [{ type: 'update' }, 'NOMINATION_TARGET_REQUIRED'],
      [{ type: 'removal', targetEntryId: crypto.randomUUID() }, 'NOMINATION_DETAILS_NOT_ALLOWED'],
      [{ targetEntryId: crypto.randomUUID() }, 'NOMINATION_TARGET_NOT_ALLOWED'],
      [{ noteVerbaleDate: '2999-01-01' }, 'NOTE_VERBALE_DATE_INVALID'],
      [{ noteVerbaleDate: '2026-02-30' }, 'NOTE_VERBALE_DATE_INVALID'],
      [{ details: entryDetails({ pgpPublicKey: 'not a key' }) }, 'PGP_KEY_INVALID'],
    ];
    for (const [overrides, code] of cases) {
      const response = await call(authorityA, 'POST', '/nominations', { ...nominationRequest(), ...overrides });
      expect(response.json().error?.code, code).toBe(code);
    }
  });
});

describe('note verbale document', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

  function upload(session: SignedIn, id: string, body: Buffer, type = 'application/pdf') {
    return h.app.inject({
      method: 'PUT',
      url: `/api/v1/nominations/${id}/document`,
      headers: { ...session.writeHeaders, 'content-type': type, 'x-file-name': encodeURIComponent('مذكرة 12.pdf') },
      payload: body,
    });
  }

  it('a PDF is stored with its SHA-256 and read back byte for byte by the manager', async () => {
    const nomination = await submit(authorityA);
    const response = await upload(authorityA, nomination.id, pdf);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().document).toMatchObject({ sizeBytes: pdf.length, fileName: 'مذكرة 12.pdf' });
    const read = await call(manager, 'GET', `/nominations/${nomination.id}/document`);
    expect(read.statusCode).toBe(200);
    expect(read.rawPayload.equals(pdf)).toBe(true);
    expect(read.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect((await call(authorityB, 'GET', `/nominations/${nomination.id}/document`)).statusCode).toBe(404);
  });

  it('refuses what is not a PDF, and other content types', async () => {
    const nomination = await submit(authorityA);
    const text = await upload(authorityA, nomination.id, Buffer.from('hello'));
    expect(text.json().error.code).toBe('DOCUMENT_NOT_PDF');
    const wrongType = await upload(authorityA, nomination.id, pdf, 'image/png');
    expect(wrongType.statusCode).toBe(415);
    expect((await upload(authorityB, nomination.id, pdf)).statusCode).toBe(404);
  });
});
