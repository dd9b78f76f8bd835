import { sendRequest } from '../server/test-support/communication-factories.ts';
import type { Figure } from './figure.ts';
import { openLiveInbox, type LiveInbox } from './lib/live-inbox-client.ts';
import { percentile, round1 } from './lib/percentiles.ts';
import type { Stage } from './lib/stage.ts';

/**
 * P3: communications sent at a steady rate (100/s for 60 s at full scale) by half of the signed-in
 * people to the other half, each of whom has the live inbox open; latency from the start of the
 * send request to the event in the recipient's stream. Open loop: sends leave on schedule whether
 * or not earlier ones have been answered, as a crisis burst does.
 */
export async function liveInboxFigures(stage: Stage): Promise<Figure[]> {
  const perSecond = stage.quick ? 20 : 100;
  const seconds = stage.quick ? 5 : 60;
  const half = Math.floor(stage.sessions.length / 2);
  const listeners: { state: string; inbox: LiveInbox }[] = [];
  try {
    for (let i = 0; i < half; i++) {
      const session = stage.sessions[i];
      const state = stage.dataset.users[i]?.stateM49;
      if (!session || !state) continue;
      listeners.push({ state, inbox: await openLiveInbox(stage.server.url, session.cookie) });
    }
    const sentAt = new Map<string, number>();
    const failures: string[] = [];
    const inFlight: Promise<void>[] = [];
    const total = perSecond * seconds;
    const started = performance.now();
    for (let n = 0; n < total; n++) {
      const due = started + (n * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const sender = stage.sessions[half + (n % half)];
      const listener = listeners[n % listeners.length];
      if (!sender || !listener) throw new Error('not enough signed-in people');
      const entryIds = stage.dataset.entriesByState.get(listener.state)?.slice(0, 1);
      const body = sendRequest(listener.state, {
        recipients: [{ stateM49: listener.state, ...(entryIds?.length ? { entryIds } : { kind: 'technical' }) }],
        ownReference: `bench-${n}`,
      });
      const begun = performance.now();
      inFlight.push(
        fetch(`${stage.server.url}/api/v1/communications`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: sender.cookie, 'x-csrf-token': sender.csrf },
          body: JSON.stringify(body),
        })
          .then(async (response) => {
            if (response.status !== 201) failures.push(`${response.status} ${await response.text()}`);
            else sentAt.set(((await response.json()) as { id: string }).id, begun);
          })
          .catch((error: unknown) => {
            // fetch says only "fetch failed"; the reason (refused, reset, timeout) is in its cause.
            const cause = (error as { cause?: { code?: string; message?: string } }).cause;
            failures.push(cause?.code ?? cause?.message ?? String(error));
          }),
      );
    }
    await Promise.all(inFlight);
    const sendSeconds = (performance.now() - started) / 1000;
    // Give the last events a moment to arrive; a missing one is a failure, not a fast one.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const latencies: number[] = [];
    let missing = 0;
    for (const [id, begun] of sentAt) {
      const arrival = listeners.map((l) => l.inbox.arrivals.get(id)).find((t) => t !== undefined);
      if (arrival === undefined) missing++;
      else latencies.push(arrival - begun);
    }
    if (failures.length > 0) stage.log(`  P3: ${failures.length} sends failed, first: ${failures[0]?.slice(0, 200)}`);
    const p99 = percentile(latencies, 99);
    return [
      {
        id: 'P3',
        label: `send → recipient's live inbox, p99 at ${perSecond}/s for ${seconds} s`,
        value: round1(p99),
        unit: 'ms',
        target: '≤ 50 ms',
        met: p99 <= 50 && missing === 0 && failures.length === 0,
        details: {
          sent: sentAt.size,
          failed: failures.length,
          missingEvents: missing,
          achievedPerSecond: round1(total / sendSeconds),
          p50Ms: round1(percentile(latencies, 50)),
          p90Ms: round1(percentile(latencies, 90)),
          maxMs: round1(percentile(latencies, 100)),
          liveInboxes: listeners.length,
        },
      },
    ];
  } finally {
    for (const listener of listeners) listener.inbox.close();
  }
}
