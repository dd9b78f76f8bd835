import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type SignedIn } from '../test-support/factories.ts';
import { createHarness, type Harness } from '../test-support/harness.ts';

let h: Harness;
let poc: SignedIn;

beforeAll(async () => {
  h = await createHarness();
  poc = await signedIn(h.app, h.database.db, 'point_of_contact');
});
afterAll(() => h.close());

describe('compressed API answers', () => {
  it('sends brotli or gzip as the client accepts, the same JSON once decoded, and plain JSON otherwise', async () => {
    const plain = await h.app.inject({ url: '/api/v1/states', headers: poc.headers });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toContain('accept-encoding');
    expect(plain.rawPayload.length).toBeGreaterThan(10_000);

    const br = await h.app.inject({
      url: '/api/v1/states',
      headers: { ...poc.headers, 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(plain.payload);

    const gz = await h.app.inject({
      url: '/api/v1/states',
      headers: { ...poc.headers, 'accept-encoding': 'gzip;q=1.0, br;q=0' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(plain.payload);

    const refused = await h.app.inject({
      url: '/api/v1/states',
      headers: { ...poc.headers, 'accept-encoding': 'identity' },
    });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.payload).toBe(plain.payload);
  });

  it('never compresses answers that carry a secret, nor small ones', async () => {
    const session = await h.app.inject({
      url: '/api/v1/session',
      headers: { ...poc.headers, 'accept-encoding': 'br, gzip' },
    });
    expect(session.statusCode).toBe(200);
    expect(session.headers['content-encoding']).toBeUndefined();
    expect(session.json()).toHaveProperty('csrfToken');

    const health = await h.app.inject({ url: '/api/v1/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.json()).toHaveProperty('status');
  });
});
