import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, outbox } from '../../db/schema.ts';
import { sendRequest } from '../../test-support/communication-factories.ts';
import { buildEntry } from '../../test-support/directory-factories.ts';
import { signedIn, type SignedIn } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';

const GHANA = '288';
const EGYPT = '818';
const FRANCE = '250';
let h: Harness;
let pocA: SignedIn;
let pocB: SignedIn;
let authorityB: SignedIn;
let pocC: SignedIn;
let egyptTechnical: string;

beforeAll(async () => {
  h = await createHarness();
  const db = h.database.db;
  const deps = { db, config: h.config };
  pocA = await signedIn(h.app, db, 'point_of_contact', GHANA);
  pocB = await signedIn(h.app, db, 'point_of_contact', EGYPT);
  authorityB = await signedIn(h.app, db, 'national_authority', EGYPT);
  pocC = await signedIn(h.app, db, 'point_of_contact', FRANCE);
  // pocB is the person behind Egypt's primary technical entry; an alternate holds the other slot.
  egyptTechnical = (await buildEntry(deps, EGYPT, { emails: [pocB.account.email] })).entryId;
  await buildEntry(deps, EGYPT, { slotRole: 'alternate' });
  await buildEntry(deps, GHANA);
  await buildEntry(deps, FRANCE);
});
afterAll(() => h.close());

function call(session: SignedIn, method: 'GET' | 'POST', url: string, payload?: object) {
  const headers = method === 'GET' ? session.headers : session.writeHeaders;
  return h.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload !== undefined ? { payload } : {}) });
}

async function send(session: SignedIn, payload: object) {
  const response = await call(session, 'POST', '/communications', payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{
    id: string;
    reference: string;
    recipients: { stateM49: string; status: string; acknowledgeDueAt: string; addressees: unknown[] }[];
  }>();
}

describe('State A → State B round trip', () => {
  it('sends, notifies, delivers, acknowledges, answers and closes, each step recorded', async () => {
    const before = Date.now();
    const sent = await send(pocA, sendRequest(EGYPT));
    expect(sent.reference).toMatch(/^PD-\d{4}-\d{6}$/);
    // The answer is built from what the transaction wrote: the same as the message read back.
    expect((await call(pocA, 'GET', `/communications/${sent.id}`)).json().messages).toEqual([sent]);
    const [egypt] = sent.recipients;
    expect(egypt).toMatchObject({ stateM49: EGYPT, status: 'sent' });
    expect(egypt?.addressees).toHaveLength(2); // primary and alternate
    const due = Date.parse(egypt?.acknowledgeDueAt ?? '');
    expect(due - before).toBeGreaterThanOrEqual(24 * 3600 * 1000 - 5000); // high urgency: 24 h

    const notices = await h.database.db
      .select()
      .from(outbox)
      .where(like(outbox.subject, `%${sent.reference}%`));
    expect(notices).toHaveLength(2);
    for (const notice of notices) {
      expect(notice.subject).toBe(`TLP:AMBER ${sent.reference}`);
      expect(notice.body).not.toContain('203.0.113.7');
      expect(notice.body).toContain('/acknowledge#');
    }

    const inbox = await call(pocB, 'GET', '/communications?direction=in');
    expect(inbox.json().items.map((c: { id: string }) => c.id)).toContain(sent.id);
    const thread = await call(pocB, 'GET', `/communications/${sent.id}`);
    expect(thread.statusCode).toBe(200);
    expect(thread.json().messages[0].recipients[0].status).toBe('delivered');
    expect(thread.json().messages[0].content.informationRequested).toContain('203.0.113.7');

    const acknowledged = await call(pocB, 'POST', `/communications/${sent.id}/status`, { action: 'acknowledge' });
    expect(acknowledged.json().recipients[0].status).toBe('acknowledged');
    const reply = await call(pocB, 'POST', `/communications/${sent.id}/replies`, {
      type: 'response',
      language: 'ar',
      content: { response: 'العنوان جزء من شبكة روبوتات معروفة؛ تم إبلاغ مزود الخدمة.' },
    });
    expect(reply.statusCode, reply.body).toBe(201);

    const seenByA = await call(pocA, 'GET', `/communications/${sent.id}`);
    const messages = seenByA.json().messages;
    expect(messages).toHaveLength(2);
    expect(messages[0].recipients[0].status).toBe('answered');
    expect(messages[1]).toMatchObject({ type: 'response', language: 'ar', senderStateM49: EGYPT, tlp: 'TLP:AMBER' });
    // A reply is read, not acknowledged in turn: no status buttons, no deadlines for it.
    expect(messages[1].abilities).toMatchObject({ acknowledge: false, decline: false, reply: true });
    const onReply = await call(pocA, 'POST', `/communications/${messages[1].id}/status`, { action: 'acknowledge' });
    expect(onReply.json().error.code).toBe('INVALID_TRANSITION');

    const again = await call(pocB, 'POST', `/communications/${sent.id}/status`, { action: 'acknowledge' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVALID_TRANSITION');

    expect((await call(pocB, 'POST', `/communications/${sent.id}/close`, { outcome: 'resolved' })).statusCode).toBe(
      403,
    );
    const closed = await call(pocA, 'POST', `/communications/${sent.id}/close`, { outcome: 'resolved' });
    expect(closed.statusCode, closed.body).toBe(200);
    // In the inbox the reply can be on a page without its thread's first message, which is read
    // for it: the thread is closed, so the reply can no longer be answered.
    const newest = (await call(pocA, 'GET', '/communications?limit=1')).json().items;
    expect(newest).toMatchObject([{ id: messages[1].id, abilities: { reply: false, close: false } }]);
    const both = (await call(pocA, 'GET', '/communications?limit=2')).json().items;
    expect(both).toMatchObject([
      { id: messages[1].id, abilities: { reply: false } },
      { id: sent.id, abilities: { reply: false, close: false } },
    ]);
    const late = await call(pocB, 'POST', `/communications/${sent.id}/replies`, {
      type: 'acknowledgement',
      language: 'en',
      content: {},
    });
    expect(late.json().error.code).toBe('THREAD_CLOSED');

    const audit = await h.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'communication'), eq(auditLog.targetId, sent.id)));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['communication.send', 'communication.acknowledge', 'communication.close']),
    );
    const trail = JSON.stringify(audit);
    expect(trail).not.toContain('203.0.113.7');
    expect(trail).toMatch(/contentSha256/);
  });

  it('searches the caller’s own State’s communications by reference and text, and nothing of other States', async () => {
    const sent = await send(
      pocA,
      sendRequest(EGYPT, {
        content: { summary: 'Ransomware at the port authority', informationRequested: 'Any samples?' },
      }),
    );
    const found = await call(pocB, 'GET', `/communications?q=${encodeURIComponent('port authority')}`);
    expect(found.json().items.map((c: { id: string }) => c.id)).toEqual([sent.id]);
    const byReference = await call(pocA, 'GET', `/communications?q=${sent.reference}&direction=out`);
    expect(byReference.json().total).toBe(1);
    const outsider = await call(pocC, 'GET', `/communications?q=${encodeURIComponent('port authority')}`);
    expect(outsider.json()).toEqual({ items: [], total: 0 });
  });

  it('acknowledges by the single-use link from the notice, without signing in', async () => {
    const sent = await send(pocA, sendRequest(EGYPT, { urgency: 'urgent' }));
    const [notice] = await h.database.db
      .select()
      .from(outbox)
      .where(like(outbox.subject, `%${sent.reference}%`));
    const token = /\/acknowledge#([A-Za-z0-9_-]+)/.exec(notice?.body ?? '')?.[1] ?? '';
    const first = await h.app.inject({ method: 'POST', url: '/api/v1/communications/acknowledge', payload: { token } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ reference: sent.reference, stateM49: EGYPT, status: 'acknowledged' });
    expect(first.body).not.toContain('Scanning');
    const second = await h.app.inject({
      method: 'POST',
      url: '/api/v1/communications/acknowledge',
      payload: { token },
    });
    expect(second.statusCode).toBe(410);
    expect(second.json().error.code).toBe('ACKNOWLEDGEMENT_LINK_INVALID');
  });
});

describe('validation', () => {
  it('checks the template, the recipients and the sender', async () => {
    const missing = await call(pocA, 'POST', '/communications', sendRequest(EGYPT, { content: { impact: 'severe' } }));
    expect(missing.statusCode).toBe(400);
    const fields = missing.json().error.details.map((d: { field: string; reason: string }) => `${d.field}:${d.reason}`);
    expect(fields).toEqual(
      expect.arrayContaining(['/content/summary:required', '/content/informationRequested:required']),
    );
    const foreign = await call(
      pocA,
      'POST',
      '/communications',
      sendRequest(EGYPT, { content: { summary: 'x', informationRequested: 'y', response: 'z' } }),
    );
    expect(foreign.json().error.details).toEqual([{ field: '/content/response', reason: 'not_allowed' }]);
    const badValue = await call(pocA, 'POST', '/communications', {
      ...sendRequest(EGYPT),
      content: { summary: 'x', informationRequested: 'y', impact: 'apocalyptic' },
    });
    expect(badValue.json().error.details).toEqual([{ field: '/content/impact', reason: 'enum' }]);
    const nobody = await call(
      pocA,
      'POST',
      '/communications',
      sendRequest(EGYPT, { recipients: [{ stateM49: EGYPT, kind: 'cybercrime_24_7' }] }),
    );
    expect(nobody.json().error.code).toBe('RECIPIENT_UNKNOWN');
    const nowhere = await call(
      pocA,
      'POST',
      '/communications',
      sendRequest('999', { recipients: [{ stateM49: '999', kind: 'technical' }] }),
    );
    expect(nowhere.json().error.code).toBe('UNKNOWN_STATE');
    const alsoNowhere = await call(pocA, 'POST', '/communications', {
      ...sendRequest(EGYPT),
      recipients: [
        { stateM49: EGYPT, kind: 'technical' },
        { stateM49: '999', kind: 'technical' },
      ],
    });
    expect(alsoNowhere.json().error.code).toBe('UNKNOWN_STATE');
    const self = await call(pocA, 'POST', '/communications', sendRequest(GHANA));
    expect(self.json().error.details[0]).toMatchObject({ field: '/recipients/0/stateM49', reason: 'own_state' });
  });
});

describe('TLP release rules, on the server', () => {
  it('TLP:RED reaches the named person only, not their colleagues', async () => {
    const red = await send(
      pocA,
      sendRequest(EGYPT, { tlp: 'TLP:RED', recipients: [{ stateM49: EGYPT, entryIds: [egyptTechnical] }] }),
    );
    expect((await call(pocB, 'GET', `/communications/${red.id}`)).statusCode).toBe(200);
    expect((await call(authorityB, 'GET', `/communications/${red.id}`)).statusCode).toBe(404);
    const inbox = await call(authorityB, 'GET', '/communications');
    expect(inbox.json().items.map((c: { id: string }) => c.id)).not.toContain(red.id);
    const downgrade = await call(pocB, 'POST', `/communications/${red.id}/replies`, {
      type: 'response',
      tlp: 'TLP:GREEN',
      language: 'en',
      content: { response: 'ok' },
    });
    expect(downgrade.statusCode).toBe(403);
    expect(downgrade.json().error.code).toBe('TLP_RELEASE_REFUSED');
  });

  it('AMBER+STRICT and AMBER stay with the recipient State; GREEN may be forwarded', async () => {
    const strict = await send(pocA, sendRequest(EGYPT, { tlp: 'TLP:AMBER+STRICT' }));
    expect((await call(authorityB, 'GET', `/communications/${strict.id}`)).statusCode).toBe(200);
    expect((await call(pocC, 'GET', `/communications/${strict.id}`)).statusCode).toBe(404);
    const forward = await call(pocB, 'POST', `/communications/${strict.id}/forward`, {
      recipients: [{ stateM49: FRANCE, kind: 'technical' }],
    });
    expect(forward.json().error.code).toBe('TLP_RELEASE_REFUSED');

    const green = await send(pocA, sendRequest(EGYPT, { tlp: 'TLP:GREEN' }));
    const forwarded = await call(pocB, 'POST', `/communications/${green.id}/forward`, {
      recipients: [{ stateM49: FRANCE, kind: 'technical' }],
    });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    expect((await call(pocC, 'GET', `/communications/${green.id}`)).statusCode).toBe(200);
  });
});

describe('the directory manager and the auditor are blind to content', () => {
  it('every communications route refuses them; the manager gets counts and timings only', async () => {
    const sent = await send(pocA, sendRequest(EGYPT));
    const manager = await signedIn(h.app, h.database.db, 'directory_manager');
    const auditor = await signedIn(h.app, h.database.db, 'auditor');
    const routes = h.app.routeTable.filter(
      (r) => r.url.startsWith('/api/v1/communications') && r.access !== 'public' && r.method !== 'HEAD',
    );
    expect(routes.length).toBeGreaterThanOrEqual(8);
    for (const session of [manager, auditor]) {
      for (const route of routes) {
        const url = route.url.replace(':id', sent.id);
        const response = await h.app.inject({
          method: route.method as 'GET' | 'POST',
          url,
          headers: route.method === 'GET' ? session.headers : session.writeHeaders,
          ...(route.method === 'POST' ? { payload: {} } : {}),
        });
        const isStatsForManager = session === manager && route.url.endsWith('/stats');
        expect(response.statusCode, `${session.account.role} ${route.method} ${route.url}`).toBe(
          isStatsForManager ? 200 : 403,
        );
        expect(response.body).not.toContain('203.0.113.7');
        expect(response.body).not.toContain('Scanning');
        expect(response.body).not.toContain(sent.reference);
      }
    }
    const stats = await call(manager, 'GET', '/communications/stats');
    expect(stats.json().communications).toBeGreaterThan(0);
  });
});
