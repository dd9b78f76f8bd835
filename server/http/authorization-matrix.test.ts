import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, STATE_A, STATE_B, type SignedIn } from '../test-support/factories.ts';
import { createHarness } from '../test-support/harness.ts';
import { createMatrixFixtures, type MatrixFixtures } from '../test-support/matrix-fixtures.ts';
import {
  AUTHORIZATION_MATRIX,
  CALLER_KINDS,
  CALLERS,
  type Caller,
  type MatrixEntry,
  type MatrixRequest,
  type Outcome,
} from './authorization-matrix.ts';

// Every fixture belongs to OWN; the "other" callers belong to OTHER.
const OWN = STATE_A;
const OTHER = STATE_B;
const MATRIX_FILE = 'server/http/authorization-matrix.ts';

// Built before the tests are collected: the route table decides which tests exist.
const h = await createHarness();
afterAll(() => h.close());

const routes = h.app.routeTable
  .filter((route) => route.url.startsWith('/api/v1') && route.method !== 'HEAD')
  .map((route) => `${route.method} ${route.url}`);
const keys = [...new Set([...routes, ...Object.keys(AUTHORIZATION_MATRIX)])];

type SignedInCaller = Exclude<Caller, 'anon'>;
let sessions: Record<SignedInCaller, SignedIn>;
let fixtures: MatrixFixtures;
let baseUrl: string;

function stateOf(caller: Caller): string | undefined {
  const { state } = CALLER_KINDS[caller];
  return state === 'own' ? OWN : state === 'other' ? OTHER : undefined;
}

function newSession(caller: SignedInCaller): Promise<SignedIn> {
  const { role } = CALLER_KINDS[caller];
  if (role === null) throw new Error(`${caller} has no role`);
  return signedIn(h.app, h.database.db, role, stateOf(caller));
}

beforeAll(async () => {
  const signedInCallers = CALLERS.filter((caller): caller is SignedInCaller => caller !== 'anon');
  const made = await Promise.all(signedInCallers.map(async (caller) => [caller, await newSession(caller)] as const));
  sessions = Object.fromEntries(made) as Record<SignedInCaller, SignedIn>;
  fixtures = createMatrixFixtures(
    { app: h.app, db: h.database.db, config: h.config },
    {
      contactEmailOf: (stateM49) => {
        if (stateM49 === OWN) return sessions.pocOwn.account.email;
        if (stateM49 === OTHER) return sessions.pocOther.account.email;
        throw new Error(`no signed-in point of contact of ${stateM49}`);
      },
    },
  );
  // The live inbox is a stream that never ends: it is called over a real connection and closed.
  baseUrl = await h.app.listen({ host: '127.0.0.1', port: 0 });
});

function urlOf(pattern: string, request: MatrixRequest): string {
  const path = pattern.replace(/:(\w+)/g, (_match, name: string) => {
    const value = request.params?.[name];
    if (value === undefined) throw new Error(`${MATRIX_FILE}: no value for :${name} in ${pattern}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(request.query ?? {}).toString();
  return query ? `${path}?${query}` : path;
}

interface Observed {
  status: number;
  code?: string;
  body: string;
}

function codeOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

/** Opens the stream, reads the status (and the error body if any), and closes the connection. */
async function callStream(url: string, headers: Record<string, string>): Promise<Observed> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}${url}`, { headers, signal: controller.signal });
  if ((response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    controller.abort();
    return { status: response.status, body: '' };
  }
  const body = await response.text();
  return { status: response.status, code: codeOf(body), body };
}

async function call(key: string, caller: Caller, entry: MatrixEntry, request: MatrixRequest): Promise<Observed> {
  const [method = '', pattern = ''] = key.split(' ');
  const url = urlOf(pattern, request);
  let session: SignedIn | undefined;
  if (caller !== 'anon') session = entry.ownSession ? await newSession(caller) : sessions[caller];
  const headers = {
    ...(session ? (method === 'GET' ? session.headers : session.writeHeaders) : {}),
    ...request.headers,
  };
  if (entry.stream) return callStream(url, headers);
  const response = await h.app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  });
  return { status: response.statusCode, code: codeOf(response.body), body: response.body };
}

const IMPLIED_CODES: Record<number, string> = { 401: 'AUTH_REQUIRED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

function expected(outcome: Outcome): { status: number; code?: string } {
  const [status, code] = typeof outcome === 'number' ? [outcome, IMPLIED_CODES[outcome]] : outcome;
  return status >= 400 ? { status, code } : { status };
}

/** Calls the route as `caller` and checks the status, the error code and, where given, what it may see. */
async function checkCall(key: string, entry: MatrixEntry, caller: Caller, request: MatrixRequest): Promise<void> {
  const observed = await call(key, caller, entry, request);
  const want = expected(entry.expect[caller]);
  const seen = want.status >= 400 ? { status: observed.status, code: observed.code } : { status: observed.status };
  const as = `${key} as ${CALLER_KINDS[caller].label}`;
  expect.soft(seen, `${as} → ${observed.body.slice(0, 300)}`).toEqual(want);
  const scope = CALLER_KINDS[caller].state;
  const secret = request.ownStateOnly;
  if (secret !== undefined && scope !== null && observed.status < 300 && want.status < 300) {
    const rule = scope === 'own' ? 'must see' : 'must never see';
    expect.soft(observed.body.includes(secret), `${as} ${rule} the fixture's ${secret}`).toBe(scope === 'own');
  }
}

describe('authorization matrix: every API route as every caller', () => {
  it.each(keys)('%s', async (key) => {
    const entry = AUTHORIZATION_MATRIX[key];
    if (!entry) {
      throw new Error(`${key} has no entry in ${MATRIX_FILE}: add one with the status every caller must get.`);
    }
    if (!routes.includes(key)) {
      throw new Error(`${MATRIX_FILE} has an entry for ${key}, which is no longer a route: remove it.`);
    }
    let shared: Promise<MatrixRequest> | undefined;
    for (const caller of CALLERS) {
      // A fresh fixture per caller where a success consumes it; otherwise one for the whole route.
      const request = entry.fresh ? entry.request(fixtures, OWN) : (shared ??= entry.request(fixtures, OWN));
      await checkCall(key, entry, caller, await request);
    }
  });
});
