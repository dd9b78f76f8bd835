import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FIELD_ERRORS } from './error-handler.ts';
import { buildAccount, signIn, STATE_A, type SignedIn } from '../test-support/factories.ts';
import { createHarness } from '../test-support/harness.ts';
import {
  callerFor,
  changesBetween,
  contractViolation,
  snapshot,
  writeRoutesOf,
  type Caller,
  type WriteRoute,
} from '../test-support/hostile.ts';

/*
 * Bodies and requests that attack the transport rather than the schema: too big, the wrong
 * media type, nested 100,000 deep, not UTF-8, duplicate or countless keys, lying about their
 * length, undecodable URLs. Each is refused with a catalogue code, stores nothing, and the server
 * answers the next request. Some run through a real socket, where Node's HTTP parser is in play.
 */

const h = await createHarness();
const routes = writeRoutesOf(h.app.routeTable, h.app.swagger());
const callers = new Map<WriteRoute, Caller>(routes.map((r) => [r, callerFor(h.app, h.database.db, r.access, STATE_A)]));
const jsonOnly: WriteRoute[] = [];
let manager: SignedIn;
let base = '';

interface Answer {
  statusCode: number;
  body: string;
}

beforeAll(async () => {
  manager = await signIn(h.app, await buildAccount(h.database.db, { role: 'directory_manager' }));
  // A route that refuses a media type nobody uses takes JSON only; the others parse raw uploads.
  for (const route of routes) {
    const response = await send(route, '{}', { 'content-type': 'application/x-hostile-probe' });
    if (response.statusCode === 415) jsonOnly.push(route);
  }
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
});
afterAll(() => h.close());

function urlOf(route: WriteRoute): string {
  return route.url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
}

async function send(route: WriteRoute, payload: string | Buffer, headers: Record<string, string>): Promise<Answer> {
  const callerHeaders = await callers.get(route)?.headers();
  const response = await h.app.inject({
    method: route.method as 'POST',
    url: urlOf(route),
    headers: { ...callerHeaders, ...headers },
    payload,
  });
  return { statusCode: response.statusCode, body: response.body };
}

/** Sends through the real HTTP path; with `raw`, writes the bytes as given on a fresh socket. */
function overHttp(path: string, body: Buffer | string, headers: Record<string, string | number>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}${path}`, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () =>
        resolve({ statusCode: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Every HTTP response that came back on a raw socket after writing `bytes` (and half-closing). */
function overSocket(bytes: string): Promise<Answer[]> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(new URL(base).port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', () => resolve(parseResponses(Buffer.concat(chunks).toString('latin1'))));
    socket.end(bytes);
  });
}

function parseResponses(text: string): Answer[] {
  const answers: Answer[] = [];
  let rest = text;
  while (rest.startsWith('HTTP/1.1 ')) {
    const headEnd = rest.indexOf('\r\n\r\n');
    const head = rest.slice(0, headEnd);
    const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    answers.push({ statusCode: Number(head.slice(9, 12)), body: rest.slice(headEnd + 4, headEnd + 4 + length) });
    rest = rest.slice(headEnd + 4 + length);
  }
  return answers;
}

async function expectServerAnswers(): Promise<void> {
  const health = await h.app.inject({ method: 'GET', url: '/api/v1/health' });
  expect(health.statusCode).toBe(200);
  const overNetwork = await fetch(`${base}/api/v1/health`);
  expect(overNetwork.status).toBe(200);
}

/** Sends to every JSON write route; checks the contract and that nothing was written. */
async function refusedEverywhere(payload: string | Buffer, headers: Record<string, string>, status?: number) {
  for (const route of jsonOnly) {
    const before = await snapshot(h.database.db);
    const response = await send(route, payload, headers);
    expect(contractViolation(response), `${route.method} ${route.url}`).toBeNull();
    if (status !== undefined) expect(response.statusCode, `${route.method} ${route.url} ${response.body}`).toBe(status);
    expect(changesBetween(before, await snapshot(h.database.db), ['login_throttle'])).toEqual([]);
  }
}

const JSON_TYPE = { 'content-type': 'application/json' };
const codeOf = (answer: Answer) => (JSON.parse(answer.body) as { error: { code: string } }).error.code;

describe('the JSON write routes are told apart from the raw uploads', () => {
  it('by probing each route with a media type nobody sends', () => {
    expect(jsonOnly.length).toBeGreaterThanOrEqual(20);
    const raw = routes.filter((r) => !jsonOnly.includes(r)).map((r) => `${r.method} ${r.url}`);
    // The attachment upload takes any type as a file; its own checks are in hostile-uploads.test.ts.
    expect(raw).toContain('POST /api/v1/communications/:id/attachments');
  });
});

describe('size', () => {
  it('a body over the limit is PAYLOAD_TOO_LARGE on every JSON route', async () => {
    const big = JSON.stringify({ padding: 'x'.repeat(h.config.BODY_LIMIT_BYTES) });
    await refusedEverywhere(big, JSON_TYPE, 413);
  });

  it('over a real socket, by Content-Length and chunked, and the server goes on', async () => {
    const big = Buffer.alloc(h.config.BODY_LIMIT_BYTES + 10, 'x');
    const declared = await overHttp('/api/v1/session', big, { 'content-type': 'application/json' });
    expect(declared.statusCode).toBe(413);
    expect(codeOf(declared)).toBe('PAYLOAD_TOO_LARGE');
    const chunked = await overHttp('/api/v1/session', big, {
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
    });
    expect(chunked.statusCode).toBe(413);
    expect(codeOf(chunked)).toBe('PAYLOAD_TOO_LARGE');
    await expectServerAnswers();
  });
});

describe('media types', () => {
  const body = JSON.stringify({ email: 'someone@test.pocdir.example', password: 'x' });
  for (const type of [
    'text/plain',
    'application/xml',
    'multipart/form-data; boundary=xyz',
    'application/x-www-form-urlencoded',
    'application/json-patch+json',
  ]) {
    it(`${type} is UNSUPPORTED_MEDIA_TYPE on every JSON route`, async () => {
      await refusedEverywhere(body, { 'content-type': type }, 415);
    });
  }

  it('a body without a content type is UNSUPPORTED_MEDIA_TYPE on every JSON route', async () => {
    await refusedEverywhere(Buffer.from(body), {}, 415);
  });
});

describe('shape', () => {
  it('100,000 nested arrays or objects are a 400 with a catalogue code, and the server goes on', async () => {
    const depth = 100_000;
    const cases = [
      '['.repeat(depth),
      '['.repeat(depth) + ']'.repeat(depth),
      `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
    ];
    for (const payload of cases) {
      for (const route of jsonOnly) {
        const response = await send(route, payload, JSON_TYPE);
        expect(contractViolation(response), `${route.method} ${route.url}`).toBeNull();
        // A route without a body schema ignores the body; every other one refuses it.
        if (route.bodySchema) expect(response.statusCode, `${route.method} ${route.url}`).toBe(400);
      }
    }
    const overSocketDeep = await overHttp('/api/v1/session', '['.repeat(depth), JSON_TYPE);
    expect(overSocketDeep.statusCode).toBe(400);
    await expectServerAnswers();
  });

  it('80,000 keys are refused with a bounded answer', async () => {
    const payload = `{${Array.from({ length: 80_000 }, (_, i) => `"k${i}":0`).join(',')}}`;
    const response = await h.app.inject({ method: 'POST', url: '/api/v1/session', headers: JSON_TYPE, payload });
    expect(response.statusCode).toBe(400);
    expect(codeOf(response)).toBe('VALIDATION_FAILED');
    // Before the cap this answer was 4 MB: one detail per unknown key.
    expect(response.json().error.details).toHaveLength(MAX_FIELD_ERRORS);
    expect(response.body.length).toBeLessThan(20_000);
  });

  it('duplicate keys: the last one counts, for validation and for what is stored alike', async () => {
    const email = `dup.${Date.now()}@test.pocdir.example`;
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: { ...manager.writeHeaders, ...JSON_TYPE },
      payload: `{"email":"first@test.pocdir.example","displayName":"a\\u0000b","role":"auditor","displayName":"Second","email":"${email}"}`,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().account).toMatchObject({ email, displayName: 'Second', role: 'auditor' });
    // A role the manager may not create, hidden behind an allowed one, is still refused.
    const smuggled = await h.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: { ...manager.writeHeaders, ...JSON_TYPE },
      payload: `{"email":"smuggle.${Date.now()}@test.pocdir.example","displayName":"S","role":"auditor","role":"directory_manager"}`,
    });
    expect(smuggled.statusCode).toBe(403);
    expect(codeOf(smuggled)).toBe('ROLE_NOT_ASSIGNABLE');
  });
});

describe('encoding', () => {
  const notUtf8: [string, number[]][] = [
    ['a lone continuation byte', [0x80]],
    ['0xFF', [0xff, 0xfe]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a sequence cut short', [0xe2, 0x82]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ];
  const accountBody = (bytes: number[]) =>
    Buffer.concat([
      Buffer.from(`{"email":"utf8.${Math.random().toString(36).slice(2)}@test.pocdir.example","displayName":"x`),
      Buffer.from(bytes),
      Buffer.from('","role":"auditor"}'),
    ]);

  for (const [what, bytes] of notUtf8) {
    it(`${what} in a stored field is MALFORMED_JSON and nothing is stored`, async () => {
      const before = await snapshot(h.database.db);
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/accounts',
        headers: { ...manager.writeHeaders, ...JSON_TYPE },
        payload: accountBody(bytes),
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(codeOf(response)).toBe('MALFORMED_JSON');
      expect(changesBetween(before, await snapshot(h.database.db))).toEqual([]);
    });
  }

  it('the same over a real socket, and the server goes on', async () => {
    const before = await snapshot(h.database.db);
    for (const [, bytes] of notUtf8) {
      const response = await overHttp('/api/v1/accounts', accountBody(bytes), {
        ...manager.writeHeaders,
        ...JSON_TYPE,
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(codeOf(response)).toBe('MALFORMED_JSON');
    }
    expect(changesBetween(before, await snapshot(h.database.db))).toEqual([]);
    await expectServerAnswers();
  });

  it('UTF-8 with a byte order mark or any script is still welcome', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: { ...manager.writeHeaders, ...JSON_TYPE },
      payload: Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(`{"email":"bom.${Date.now()}@test.pocdir.example","displayName":"أمينة 王 😀","role":"auditor"}`),
      ]),
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().account.displayName).toBe('أمينة 王 😀');
  });
});

describe('framing', () => {
  const body = '{"email":"someone@test.pocdir.example","password":"not it"}';

  it('a Content-Length that does not match the body is MALFORMED_JSON', async () => {
    for (const length of [5, body.length + 50]) {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        headers: { ...JSON_TYPE, 'content-length': String(length) },
        payload: body,
      });
      expect(response.statusCode).toBe(400);
      expect(codeOf(response)).toBe('MALFORMED_JSON');
    }
  });

  it('on a real socket, a short, a long or a lying Content-Length gets catalogue answers only', async () => {
    const head = (length: number) =>
      `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
    for (const bytes of [
      head(5) + body, // the rest of the body reads as a second, broken request
      head(body.length + 50) + body, // the client stops before the body ends
      'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Injected: a\rb\r\n\r\n', // a bare CR in a header
      'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ]) {
      const answers = await overSocket(bytes);
      expect(answers.length, bytes).toBeGreaterThan(0);
      for (const answer of answers) expect(contractViolation(answer), bytes).toBeNull();
    }
    await expectServerAnswers();
  });

  it('a URL that does not decode, or a parameter far too long, is VALIDATION_FAILED', async () => {
    for (const url of [
      '/api/v1/nominations/%E0%A4%A/approve',
      '/api/v1/nominations/%zz/approve',
      `/api/v1/nominations/${'a'.repeat(500)}/approve`,
      '/api/v1/%',
    ]) {
      const response = await h.app.inject({ method: 'POST', url, headers: manager.writeHeaders });
      expect(response.statusCode, url).toBe(400);
      expect(codeOf(response), url).toBe('VALIDATION_FAILED');
      expect(response.json().error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('values the database cannot take, in queries and bodies', () => {
  it('a number coerced to Infinity (ajv skips its bounds) is VALIDATION_FAILED, not a 500', async () => {
    const authority = await signIn(h.app, await buildAccount(h.database.db, { role: 'national_authority' }));
    const auditor = await signIn(h.app, await buildAccount(h.database.db, { role: 'auditor' }));
    for (const [caller, url] of [
      [authority, '/api/v1/directory/entries?limit=1e309'],
      [authority, '/api/v1/directory/entries?offset=-1e309'],
      [authority, '/api/v1/communications?limit=1e309'],
      [auditor, '/api/v1/audit?limit=-1e309'],
    ] as const) {
      const response = await h.app.inject({ method: 'GET', url, headers: caller.headers });
      expect(response.statusCode, `${url} ${response.body}`).toBe(400);
      expect(codeOf(response)).toBe('VALIDATION_FAILED');
    }
    const before = await snapshot(h.database.db);
    const inBody = await h.app.inject({
      method: 'POST',
      url: '/api/v1/ping-tests',
      headers: manager.writeHeaders,
      payload: {
        exercise: true,
        targets: { allParticipating: true, groups: [], kinds: [], states: [] },
        channels: ['in_app'],
        deadlineMode: 'business_hours',
        businessHours: '1e309',
        reminderHours: [],
      },
    });
    expect(inBody.statusCode, inBody.body).toBe(400);
    expect(inBody.json().error.details).toEqual([{ field: '/businessHours', reason: 'type' }]);
    expect(changesBetween(before, await snapshot(h.database.db))).toEqual([]);
  });

  it('a NUL in a search is VALIDATION_FAILED, not a 500', async () => {
    const authority = await signIn(h.app, await buildAccount(h.database.db, { role: 'national_authority' }));
    for (const url of ['/api/v1/directory/entries?q=a%00b', '/api/v1/communications?q=%00', '/api/v1/states?q=%00']) {
      const response = await h.app.inject({ method: 'GET', url, headers: authority.headers });
      expect(response.statusCode, `${url} ${response.body}`).toBe(400);
      expect(codeOf(response)).toBe('VALIDATION_FAILED');
    }
  });
});
