import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../common/roles.ts';
import { rowsOf } from '../db/client.ts';
import { writeDueChecks } from '../modules/ping-tests/ping-dispatch.ts';
import { sendRequest } from '../test-support/communication-factories.ts';
import { buildEntry, nominationRequest } from '../test-support/directory-factories.ts';
import { buildAccount, signIn, STATE_A, STATE_B, type SignedIn } from '../test-support/factories.ts';
import { createHarness } from '../test-support/harness.ts';
import {
  arbitraryJsonBody,
  callerFor,
  changesBetween,
  contractViolation,
  hostileSegment,
  hostileString,
  mutate,
  mutation,
  NASTY_KEYS,
  snapshot,
  validish,
  valueCount,
  readRoutesOf,
  writeRoutesOf,
  type WriteRoute,
} from '../test-support/hostile.ts';

/*
 * Every write route under /api/v1, found in the live route table (a new route is covered without
 * touching this file), gets generated hostile bodies, parameters and query strings from a caller
 * allowed to use it. Properties: never a 5xx; every error carries a catalogue code with the
 * catalogue's status; and a refused request leaves every table's row count and the audit chain
 * head as they were (nothing half-written). fast-check prints the seed of a failing run.
 */

const RUNS_PER_ROUTE = 20;
const HOUR = 3_600_000;

// Top-level await: the route table must be known when the tests are declared, one test per route.
const h = await createHarness();
const routes = writeRoutesOf(h.app.routeTable, h.app.swagger());
// A stream never ends, so inject() cannot wait for it; the live inbox has tests of its own.
const reads = readRoutesOf(h.app.routeTable, h.app.swagger()).filter((r) => !r.summary.includes('event-stream'));

/**
 * Tables a refused request may write on purpose: a wrong password or second-factor code is
 * counted, so that guessing is throttled.
 */
const REFUSALS_MAY_WRITE = ['login_throttle'];

/** Ids of real records by the API area they belong to, so generated calls also reach the services. */
const knownIds: Record<string, string[]> = {};
/** A body the route accepts, to be spoiled in one place: mutations of it get past the first checks. */
const examples: Record<string, unknown> = {};

async function signedInAs(role: Role, stateM49?: string): Promise<SignedIn> {
  return signIn(h.app, await buildAccount(h.database.db, { role, ...(stateM49 ? { stateM49 } : {}) }));
}

async function post(caller: SignedIn, url: string, payload: unknown): Promise<{ id: string }> {
  const response = await h.app.inject({
    method: 'POST',
    url,
    headers: caller.writeHeaders,
    payload: payload as object,
  });
  if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.json<{ id: string }>();
}

beforeAll(async () => {
  const deps = { db: h.database.db, config: h.config };
  const entryA = await buildEntry(deps, STATE_A);
  await buildEntry(deps, STATE_B);
  const authorityA = await signedInAs('national_authority', STATE_A);
  const authorityB = await signedInAs('national_authority', STATE_B);
  const manager = await signedInAs('directory_manager');
  const fromA = await post(authorityA, '/api/v1/communications', sendRequest(STATE_B, { tlp: 'TLP:GREEN' }));
  const toA = await post(authorityB, '/api/v1/communications', sendRequest(STATE_A));
  const nomination = await post(authorityA, '/api/v1/nominations', nominationRequest({ stateM49: STATE_A }));
  const account = await buildAccount(h.database.db, { role: 'point_of_contact', stateM49: STATE_A });
  await post(manager, '/api/v1/ping-tests', pingTestRequest());
  await writeDueChecks(h.database.db, h.config, new Date());
  const targets = rowsOf<{ id: string }>(await h.database.db.execute(sql`select id from ping_targets limit 2`));

  Object.assign(knownIds, {
    accounts: [account.id],
    directory: [entryA.entryId],
    nominations: [nomination.id],
    communications: [fromA.id, toA.id],
    'ping-tests': targets.map((t) => t.id),
  });
  Object.assign(examples, {
    'POST /api/v1/session': { email: 'nobody@test.pocdir.example', password: 'not the password' },
    'PUT /api/v1/session/preferences': { locale: 'fr' },
    'POST /api/v1/accounts': {
      email: 'hostile.new@test.pocdir.example',
      displayName: 'New account',
      role: 'national_authority',
      stateM49: STATE_A,
    },
    'POST /api/v1/nominations': nominationRequest({ stateM49: STATE_A }),
    'POST /api/v1/nominations/:id/reject': { reason: 'The note verbale is not signed.' },
    'POST /api/v1/communications': sendRequest(STATE_B),
    'POST /api/v1/communications/:id/replies': {
      type: 'response',
      language: 'en',
      content: { response: 'We are looking into it.' },
    },
    'POST /api/v1/communications/:id/status': { action: 'acknowledge' },
    'POST /api/v1/communications/:id/close': { outcome: 'resolved' },
    'POST /api/v1/communications/:id/forward': { recipients: [{ stateM49: STATE_B, kind: 'technical' }] },
    'POST /api/v1/ping-tests': pingTestRequest(),
  });
});

afterAll(async () => {
  await h.close();
  // Keys named __proto__ or constructor in the bodies must not have reached any prototype.
  expect(Object.keys(Object.prototype)).toEqual([]);
});

function pingTestRequest() {
  return {
    exercise: true,
    targets: { allParticipating: false, groups: [], kinds: [], states: [STATE_A] },
    channels: ['email', 'in_app'],
    deadlineMode: 'absolute',
    deadlineAt: new Date(Date.now() + 4 * HOUR).toISOString(),
    reminderHours: [],
  };
}

function bodyFor(route: WriteRoute): fc.Arbitrary<string> {
  const key = `${route.method} ${route.url}`;
  const base = key in examples ? fc.constant(examples[key]) : validish(route.bodySchema);
  return fc.oneof(
    { arbitrary: arbitraryJsonBody, weight: 2 },
    { arbitrary: fc.tuple(base, mutation).map(([body, m]) => mutate(body, m)), weight: 5 },
    { arbitrary: validish(route.bodySchema).map((b) => JSON.stringify(b) ?? 'null'), weight: 1 },
  );
}

function urlFor(route: WriteRoute): fc.Arbitrary<string> {
  const area = /^\/api\/v1\/([^/]+)/.exec(route.url)?.[1] ?? '';
  const known = knownIds[area] ?? [];
  const segment = fc.oneof(
    ...(known.length > 0 ? [{ arbitrary: fc.constantFrom(...known), weight: 3 }] : []),
    { arbitrary: fc.uuid(), weight: 1 },
    { arbitrary: hostileSegment, weight: 2 },
  );
  const query = fc.option(
    fc
      .tuple(
        fc.constantFrom('stateM49', ...NASTY_KEYS),
        hostileString.filter((s) => s.length < 500),
      )
      .map(([k, v]) => `?${encodeURIComponent(k)}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/gu, '\ufffd'))}`),
    { freq: 4 },
  );
  return fc
    .tuple(fc.array(segment, { minLength: route.params.length, maxLength: route.params.length }), query)
    .map(([values, q]) => {
      let i = 0;
      return route.url.replace(/:(\w+)/g, () => values[i++] ?? '') + (q ?? '');
    });
}

describe('every write route refuses hostile input cleanly', () => {
  it('finds the write routes in the route table', () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    // Routes with a JSON body get schema-shaped bodies too.
    expect(routes.filter((r) => r.bodySchema).length).toBeGreaterThanOrEqual(12);
  });

  for (const route of routes) {
    it(`${route.method} ${route.url} (${route.access})`, async () => {
      const caller = callerFor(h.app, h.database.db, route.access, STATE_A);
      await fc.assert(
        fc.asyncProperty(urlFor(route), bodyFor(route), async (url, payload) => {
          const headers = await caller.headers();
          const before = await snapshot(h.database.db);
          const response = await h.app.inject({
            method: route.method as 'POST',
            url,
            headers: { ...headers, 'content-type': 'application/json' },
            payload,
          });
          const after = await snapshot(h.database.db);
          expect(contractViolation(response), `${route.method} ${url}`).toBeNull();
          if (response.statusCode >= 400) {
            expect(
              changesBetween(before, after, REFUSALS_MAY_WRITE),
              `${response.statusCode} ${response.body}`,
            ).toEqual([]);
          } else {
            await caller.checkSession();
          }
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    });
  }
});

describe('every value of a valid body, replaced by text PostgreSQL or a reader cannot take', () => {
  // Random runs found the first of these (a NUL in a reply was a 500); this sweep keeps every field honest.
  const UNSTORABLE = ['a\u0000b', 'x\ud800y', 'a\u001bb', 'a\u2028b'];

  it('is refused or stored cleanly, never a 5xx, never half-written', async () => {
    const swept = routes.filter((r) => `${r.method} ${r.url}` in examples);
    expect(swept.length).toBeGreaterThanOrEqual(8);
    for (const route of swept) {
      const caller = callerFor(h.app, h.database.db, route.access, STATE_A);
      const body = examples[`${route.method} ${route.url}`];
      const area = /^\/api\/v1\/([^/]+)/.exec(route.url)?.[1] ?? '';
      const url = route.url.replace(/:(\w+)/g, knownIds[area]?.[0] ?? '00000000-0000-4000-8000-000000000000');
      for (let at = 1; at < valueCount(body); at++) {
        for (const text of UNSTORABLE) {
          const headers = { ...(await caller.headers()), 'content-type': 'application/json' };
          const before = await snapshot(h.database.db);
          const payload = mutate(body, { kind: 'replace', at, with: text });
          const response = await h.app.inject({ method: route.method as 'POST', url, headers, payload });
          expect(contractViolation(response), `${route.method} ${url} ${payload}`).toBeNull();
          if (response.statusCode >= 400) {
            expect(changesBetween(before, await snapshot(h.database.db), REFUSALS_MAY_WRITE)).toEqual([]);
          } else await caller.checkSession();
        }
      }
    }
  }, 120_000);
});

describe('every read route refuses hostile query strings cleanly', () => {
  for (const route of reads) {
    it(`${route.method} ${route.url} (${route.access})`, async () => {
      const caller = callerFor(h.app, h.database.db, route.access, STATE_A);
      const pair = fc.tuple(
        fc.constantFrom(...route.queryParams, ...NASTY_KEYS),
        fc.oneof(hostileString, fc.constantFrom('1e309', '-1e309', '-1', '0', 'pdf', 'csv', 'json')),
      );
      const query = fc
        .array(pair, { minLength: 1, maxLength: 3 })
        .map((pairs) =>
          pairs.map(
            ([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/gu, '\ufffd'))}`,
          ),
        );
      await fc.assert(
        fc.asyncProperty(urlFor(route), query, async (url, pairs) => {
          const headers = await caller.headers();
          const before = await snapshot(h.database.db);
          const target = `${url.split('?')[0] ?? url}?${pairs.join('&')}`;
          const response = await h.app.inject({ method: 'GET', url: target, headers });
          expect(contractViolation(response), target).toBeNull();
          if (response.statusCode >= 400) {
            expect(changesBetween(before, await snapshot(h.database.db), REFUSALS_MAY_WRITE)).toEqual([]);
          }
        }),
        { numRuns: 10 },
      );
    });
  }
});
