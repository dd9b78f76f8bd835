import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors, timeouts and answers other than 2xx. */
  errors: number;
  non2xx: number;
  timeouts: number;
  /** The routes (ids and numbers as ":id") that timed out or answered slowest: "route: N timeouts, max M ms". */
  slowestRoutes: string[];
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Per connection: its headers (a session cookie) and the paths it cycles through. */
  client(index: number): { headers?: Record<string, string>; paths: string[] };
}

/**
 * Closed-loop HTTP load with autocannon (pipelining 1, each connection waits for its answer).
 * Each connection has its own headers, so 200 connections can be 200 signed-in people.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let next = 0;
  const routes = new Map<string, { timeouts: number; maxMs: number }>();
  const routeOf = (client: autocannon.Client) => {
    const path = (client as unknown as { requestIterator: { currentRequest?: { path?: string } } }).requestIterator
      .currentRequest?.path;
    const route = (path ?? '?').replace(/[0-9a-f-]{36}|\b\d+\b/g, ':id').replace(/q=[^&]*/, 'q=:text');
    let entry = routes.get(route);
    if (!entry) routes.set(route, (entry = { timeouts: 0, maxMs: 0 }));
    return entry;
  };
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 10,
    setupClient: (client) => {
      // Each connection cycles through its own requests, with its own session cookie.
      const own = options.client(next++);
      client.setRequests(own.paths.map((path) => ({ method: 'GET', path, headers: own.headers })));
      // Which routes are slow or time out: the request in flight is the one answered or abandoned.
      client.on('response', (_status: number, _bytes: number, ms: number) => {
        const route = routeOf(client);
        route.maxMs = Math.max(route.maxMs, ms);
      });
      (client as unknown as NodeJS.EventEmitter).on('timeout', () => routeOf(client).timeouts++);
    },
  });
  const non2xx = result.non2xx;
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    // autocannon's `errors` already counts timeouts.
    errors: result.errors + non2xx,
    non2xx,
    timeouts: result.timeouts,
    slowestRoutes: [...routes]
      .sort(([, a], [, b]) => b.timeouts - a.timeouts || b.maxMs - a.maxMs)
      .slice(0, 3)
      .map(([route, r]) => `${route}: ${r.timeouts} timeouts, max ${Math.round(r.maxMs)} ms`),
  };
}
