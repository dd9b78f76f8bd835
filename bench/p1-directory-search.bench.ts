import type { Figure } from './figure.ts';
import { runLoad } from './lib/http-load.ts';
import { startProcess } from './lib/processes.ts';
import type { Stage } from './lib/stage.ts';

const CONNECTIONS = 50;

/**
 * What people type into the directory's search box: parts of names, organisations, a State filter.
 * 200 searches per connection, 10,000 in all, so that most are asked for the first time in a run
 * (the server keeps recent results; a benchmark repeating 20 searches would measure only that cache).
 */
function searchPaths(seed: number, states: readonly string[]): string[] {
  const paths: string[] = [];
  for (let i = 0; i < 200; i++) {
    const n = (seed * 397 + i * 101) % 20_000;
    const term =
      i % 4 === 0 ? 'national cert' : i % 4 === 1 ? `contact ${n}` : i % 4 === 2 ? `${n}` : `contact 1${n % 100}`;
    const state = i % 5 === 0 ? `&stateM49=${states[(seed + i) % states.length]}` : '';
    paths.push(`/api/v1/directory/entries?q=${encodeURIComponent(term)}${state}&limit=25`);
  }
  return paths;
}

/**
 * P1: signed-in directory search over the seeded contacts, 50 connections (each a different person),
 * as a ratio of a bare Fastify hello world under the same load in the same run; and its p99.
 */
export async function directorySearchFigures(stage: Stage): Promise<Figure[]> {
  const durationSeconds = stage.quick ? 3 : 15;
  const hello = await startProcess({
    command: process.execPath,
    args: ['--import', 'tsx', 'bench/baselines/hello-world.ts'],
    env: {},
    readyPath: '/hello',
  });
  let baseline;
  try {
    baseline = await runLoad({
      url: hello.url,
      connections: CONNECTIONS,
      durationSeconds,
      client: () => ({ paths: ['/hello'] }),
    });
  } finally {
    await hello.stop();
  }
  const search = await runLoad({
    url: stage.server.url,
    connections: CONNECTIONS,
    durationSeconds,
    client: (i) => {
      const session = stage.sessions[i % stage.sessions.length];
      return {
        headers: { cookie: session?.cookie ?? '' },
        paths: searchPaths(i, stage.dataset.states),
      };
    },
  });
  if (search.errors > 0)
    stage.log(`  P1: ${search.errors} errors (${search.non2xx} non-2xx, ${search.timeouts} timeouts)`);
  const ratio = search.requestsPerSecond / baseline.requestsPerSecond;
  const contacts = stage.dataset.scale.contacts.toLocaleString('en');
  return [
    {
      id: 'P1-base',
      label: `bare Fastify hello world, ${CONNECTIONS} connections`,
      value: baseline.requestsPerSecond,
      unit: 'req/s',
    },
    {
      id: 'P1',
      label: `signed-in search over ${contacts} contacts`,
      value: search.requestsPerSecond,
      unit: 'req/s',
      ratio,
      target: '≥ 0.5 × hello world',
      met: ratio >= 0.5 && search.errors === 0,
    },
    {
      id: 'P1-p99',
      label: `search p99 at ${CONNECTIONS} connections (p50 ${search.p50Ms} ms)`,
      value: search.p99Ms,
      unit: 'ms',
      target: '≤ 20 ms',
      met: search.p99Ms <= 20,
    },
  ];
}
