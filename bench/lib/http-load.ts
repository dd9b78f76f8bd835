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
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 10,
    setupClient: (client) => {
      // Each connection cycles through its own requests, with its own session cookie.
      const own = options.client(next++);
      client.setRequests(own.paths.map((path) => ({ method: 'GET', path, headers: own.headers })));
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
  };
}
