import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema.ts';
import { sendRequest } from '../../test-support/communication-factories.ts';
import { buildEntry } from '../../test-support/directory-factories.ts';
import { signedIn, type SignedIn } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { communicationDeadlinesSweep } from './deadlines.sweep.ts';

const GHANA = '288';
const KENYA = '404';
const HOUR = 60 * 60 * 1000;
let h: Harness;
let pocA: SignedIn;
let pocB: SignedIn;
let authorityB: SignedIn;
let primary: string;

beforeAll(async () => {
  h = await createHarness({ ACK_HOURS_URGENT: 2 });
  const deps = { db: h.database.db, config: h.config };
  pocA = await signedIn(h.app, h.database.db, 'point_of_contact', GHANA);
  pocB = await signedIn(h.app, h.database.db, 'point_of_contact', KENYA);
  authorityB = await signedIn(h.app, h.database.db, 'national_authority', KENYA);
  await buildEntry(deps, GHANA);
  primary = (await buildEntry(deps, KENYA, { emails: ['primary@ke-cirt.example'] })).entryId;
  await buildEntry(deps, KENYA, { slotRole: 'alternate', emails: ['alternate@ke-cirt.example'] });
});
afterAll(() => h.close());

async function sendUrgent() {
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/v1/communications',
    headers: pocA.writeHeaders,
    payload: sendRequest(KENYA, { urgency: 'urgent', recipients: [{ stateM49: KENYA, entryIds: [primary] }] }),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string; reference: string }>();
}

async function mailsAbout(reference: string) {
  const rows = await h.database.db
    .select()
    .from(outbox)
    .where(like(outbox.body, `%${reference}%`));
  return rows.map((r) => `${r.purpose} → ${r.recipient}`).sort();
}

describe('acknowledgement deadlines (controlled clock)', () => {
  it('reminds, then escalates to the alternates, then to the national authority; each once, stopped by an acknowledgement', async () => {
    const sweep = communicationDeadlinesSweep(h.config);
    const { reference } = await sendUrgent();
    const t0 = Date.now();
    const at = (hours: number) => new Date(t0 + hours * HOUR);
    const notice = ['communication.notice → primary@ke-cirt.example'];

    await sweep.run(h.database.db, at(0.5));
    expect(await mailsAbout(reference)).toEqual(notice);
    await sweep.run(h.database.db, at(1.1)); // half-way: a reminder to the addressed contact
    await sweep.run(h.database.db, at(1.2));
    const reminded = [...notice, 'communication.comm_reminder → primary@ke-cirt.example'].sort();
    expect(await mailsAbout(reference)).toEqual(reminded);

    await Promise.all([sweep.run(h.database.db, at(2.1)), sweep.run(h.database.db, at(2.2))]); // deadline, two workers
    const escalated = [...reminded, 'communication.comm_escalate_alternates → alternate@ke-cirt.example'].sort();
    expect(await mailsAbout(reference)).toEqual(escalated);

    await sweep.run(h.database.db, at(4.1)); // one more window: the national authority
    const toAuthority = [...escalated, `communication.comm_escalate_authority → ${authorityB.account.email}`].sort();
    expect(await mailsAbout(reference)).toEqual(toAuthority);
    await sweep.run(h.database.db, at(10));
    expect(await mailsAbout(reference)).toEqual(toAuthority);
    expect(
      JSON.stringify(await h.database.db.select().from(outbox).where(like(outbox.purpose, 'communication.comm%'))),
    ).not.toContain('203.0.113.7');

    // After an acknowledgement, a second communication's deadline passes quietly.
    const second = await sendUrgent();
    const acknowledged = await h.app.inject({
      method: 'POST',
      url: `/api/v1/communications/${second.id}/status`,
      headers: pocB.writeHeaders,
      payload: { action: 'acknowledge' },
    });
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    await sweep.run(h.database.db, at(10));
    expect(await mailsAbout(second.reference)).toEqual(['communication.notice → primary@ke-cirt.example']);
  });

  it('catches up after downtime: every step that came due while the server was down fires once', async () => {
    const sweep = communicationDeadlinesSweep(h.config);
    const { reference } = await sendUrgent();
    await sweep.run(h.database.db, new Date(Date.now() + 6 * HOUR));
    await sweep.run(h.database.db, new Date(Date.now() + 7 * HOUR));
    const mails = await mailsAbout(reference);
    expect(mails.filter((m) => m.includes('comm_reminder'))).toHaveLength(1);
    expect(mails.filter((m) => m.includes('comm_escalate_alternates'))).toHaveLength(1);
    expect(mails.filter((m) => m.includes('comm_escalate_authority'))).toHaveLength(1);
  });

  it('reminds once when the requested response time passes without an answer', async () => {
    const sweep = communicationDeadlinesSweep(h.config);
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/communications',
      headers: pocA.writeHeaders,
      payload: sendRequest(KENYA, {
        urgency: 'low',
        requestedResponseHours: 10,
        recipients: [{ stateM49: KENYA, entryIds: [primary] }],
      }),
    });
    const { id, reference } = response.json<{ id: string; reference: string }>();
    await h.app.inject({
      method: 'POST',
      url: `/api/v1/communications/${id}/status`,
      headers: pocB.writeHeaders,
      payload: { action: 'acknowledge' },
    });
    await sweep.run(h.database.db, new Date(Date.now() + 9 * HOUR));
    expect((await mailsAbout(reference)).filter((m) => m.includes('comm_response_due'))).toHaveLength(0);
    await sweep.run(h.database.db, new Date(Date.now() + 11 * HOUR));
    await sweep.run(h.database.db, new Date(Date.now() + 12 * HOUR));
    expect((await mailsAbout(reference)).filter((m) => m.includes('comm_response_due'))).toEqual([
      'communication.comm_response_due → primary@ke-cirt.example',
    ]);
  });
});
