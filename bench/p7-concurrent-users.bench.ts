import type { Figure } from './figure.ts';
import { runLoad } from './lib/http-load.ts';
import type { Stage } from './lib/stage.ts';

/** A few messages of the person's own inbox, to open them as people do after listing. */
async function someOfInbox(stage: Stage, index: number): Promise<string[]> {
  const session = stage.sessions[index];
  if (!session) return [];
  const response = await fetch(`${stage.server.url}/api/v1/communications?limit=3`, {
    headers: { cookie: session.cookie },
  });
  if (!response.ok) throw new Error(`inbox of user ${index}: ${response.status}`);
  return ((await response.json()) as { items: { id: string }[] }).items.map((item) => item.id);
}

/**
 * P7: every dataset user signed in at once (200 at full scale), each on its own connection, going
 * round the directory and inbox pages a person uses, for 60 s. Target: not one error.
 */
export async function concurrentUsersFigures(stage: Stage): Promise<Figure[]> {
  const users = stage.sessions.length;
  const durationSeconds = stage.quick ? 5 : 60;
  const opened = await Promise.all(stage.sessions.map((_, i) => someOfInbox(stage, i)));
  const result = await runLoad({
    url: stage.server.url,
    connections: users,
    durationSeconds,
    client: (i) => {
      const user = stage.dataset.users[i % users];
      const state = user?.stateM49 ?? '';
      const paths = [
        '/api/v1/communications?limit=50',
        `/api/v1/directory/entries?stateM49=${state}&limit=100`,
        '/api/v1/communications?direction=in&status=sent&limit=50',
        `/api/v1/directory/entries?q=${encodeURIComponent(`contact ${i}`)}&limit=25`,
        ...(opened[i % users] ?? []).map((id) => `/api/v1/communications/${id}`),
        '/api/v1/session',
      ];
      return { headers: { cookie: stage.sessions[i % users]?.cookie ?? '' }, paths };
    },
  });
  return [
    {
      id: 'P7',
      label: `${users} signed-in users, ${durationSeconds} s, directory + inbox`,
      value: result.errors,
      unit: 'errors',
      target: '0 errors',
      met: result.errors === 0,
      details: {
        requests: result.requests,
        requestsPerSecond: Math.round(result.requestsPerSecond),
        p50Ms: result.p50Ms,
        p99Ms: result.p99Ms,
        non2xx: result.non2xx,
        timeouts: result.timeouts,
        slowestRoutes: result.slowestRoutes,
      },
    },
  ];
}
