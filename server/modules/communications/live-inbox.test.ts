import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest } from '../../test-support/communication-factories.ts';
import { buildEntry } from '../../test-support/directory-factories.ts';
import { signedIn, type SignedIn } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';

const GHANA = '288';
const BRAZIL = '076';
let h: Harness;
let base: string;
let pocA: SignedIn;
let pocB: SignedIn;
let named: string;

beforeAll(async () => {
  h = await createHarness();
  base = await h.app.listen({ host: '127.0.0.1', port: 0 });
  const deps = { db: h.database.db, config: h.config };
  pocA = await signedIn(h.app, h.database.db, 'point_of_contact', GHANA);
  pocB = await signedIn(h.app, h.database.db, 'point_of_contact', BRAZIL);
  await buildEntry(deps, GHANA);
  await buildEntry(deps, BRAZIL, { emails: [pocB.account.email] });
  named = (await buildEntry(deps, BRAZIL, { slotRole: 'alternate' })).entryId;
});
afterAll(() => h.close());

/** Reads Server-Sent Events from a real HTTP connection, one parsed `data` object at a time. */
async function openStream(session: SignedIn) {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/communications/events`, {
    headers: session.headers,
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next(timeoutMs = 5000): Promise<Record<string, unknown>> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (data) return JSON.parse(data.slice(6)) as Record<string, unknown>;
          continue;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('no event in time');
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no event in time')), left)),
        ]);
        if (chunk.done) throw new Error('stream ended');
        buffer += chunk.value;
      }
    },
    close: () => controller.abort(),
  };
}

function send(payload: object) {
  return h.app.inject({ method: 'POST', url: '/api/v1/communications', headers: pocA.writeHeaders, payload });
}

describe('live inbox over Server-Sent Events', () => {
  it('delivers new items and unread counts as they happen, and nothing the reader may not see', async () => {
    const stream = await openStream(pocB);
    try {
      expect(await stream.next()).toEqual({ unread: 0 });
      const first = await send(sendRequest(BRAZIL));
      expect(first.statusCode).toBe(201);
      const event = await stream.next();
      expect(event).toMatchObject({ unread: 1, change: 'new', communicationId: first.json().id });
      expect(JSON.stringify(event)).not.toContain('Scanning'); // ids and counts, never content

      // TLP:RED to the alternate only: pocB is not named, so pocB's stream stays silent about it.
      const red = await send(
        sendRequest(BRAZIL, { tlp: 'TLP:RED', recipients: [{ stateM49: BRAZIL, entryIds: [named] }] }),
      );
      expect(red.statusCode).toBe(201);
      const third = await send(sendRequest(BRAZIL, { urgency: 'urgent' }));
      expect(await stream.next()).toMatchObject({ unread: 2, communicationId: third.json().id });

      // Opening a message makes it delivered: the count drops for everyone in the State.
      await h.app.inject({ url: `/api/v1/communications/${third.json().id}`, headers: pocB.headers });
      expect(await stream.next()).toMatchObject({ unread: 1, change: 'status' });
    } finally {
      stream.close();
    }
  });

  it('refuses the directory manager', async () => {
    const manager = await signedIn(h.app, h.database.db, 'directory_manager');
    const response = await fetch(`${base}/api/v1/communications/events`, { headers: manager.headers });
    expect(response.status).toBe(403);
  });
});
