import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../test-support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ LOGIN_MAX_FAILURES: 1, LOGIN_LOCK_MINUTES: 15 });
});
afterAll(() => h.close());

const LINKS = ['/api/v1/ping-tests/acknowledge', '/api/v1/communications/acknowledge', '/api/v1/acceptance/preview'];

describe('public single-use link routes', () => {
  it('lock an address out after LOGIN_MAX_FAILURES × 10 failed links, across routes, and only that address', async () => {
    const tryLink = (url: string, remoteAddress: string) =>
      h.app.inject({ method: 'POST', url, payload: { token: 'x'.repeat(43) }, remoteAddress });
    for (let i = 0; i < 10; i++) {
      const response = await tryLink(LINKS[i % LINKS.length]!, '192.0.2.200');
      expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(429);
    }
    for (const url of LINKS) {
      const locked = await tryLink(url, '192.0.2.200');
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    }
    const elsewhere = await tryLink(LINKS[0]!, '192.0.2.201');
    expect(elsewhere.statusCode).not.toBe(429);
  });
});
