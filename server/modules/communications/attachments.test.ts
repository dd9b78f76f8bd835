import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest } from '../../test-support/communication-factories.ts';
import { buildEntry } from '../../test-support/directory-factories.ts';
import { signedIn, type SignedIn } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';

const GHANA = '288';
const EGYPT = '818';
const FRANCE = '250';
let h: Harness;
let pocA: SignedIn;
let pocB: SignedIn;
let pocC: SignedIn;
let messageId: string;

beforeAll(async () => {
  h = await createHarness();
  const deps = { db: h.database.db, config: h.config };
  pocA = await signedIn(h.app, h.database.db, 'point_of_contact', GHANA);
  pocB = await signedIn(h.app, h.database.db, 'point_of_contact', EGYPT);
  pocC = await signedIn(h.app, h.database.db, 'point_of_contact', FRANCE);
  await buildEntry(deps, GHANA);
  await buildEntry(deps, EGYPT);
  const sent = await h.app.inject({
    method: 'POST',
    url: '/api/v1/communications',
    headers: pocA.writeHeaders,
    payload: sendRequest(EGYPT),
  });
  messageId = sent.json().id;
});
afterAll(() => h.close());

function upload(session: SignedIn, body: Buffer | string, contentType: string, name = 'indicators.csv') {
  return h.app.inject({
    method: 'POST',
    url: `/api/v1/communications/${messageId}/attachments`,
    headers: { ...session.writeHeaders, 'content-type': contentType, 'x-file-name': encodeURIComponent(name) },
    payload: body,
  });
}

describe('attachments', () => {
  it('stores a file with its SHA-256 and size; recipients download it byte for byte', async () => {
    const csv = 'indicator,type\n203.0.113.7,ipv4\nمثال.example,domain\n';
    const response = await upload(pocA, csv, 'text/csv', 'مؤشرات.csv');
    expect(response.statusCode, response.body).toBe(201);
    const sha256 = createHash('sha256').update(csv).digest('hex');
    expect(response.json()).toMatchObject({ fileName: 'مؤشرات.csv', contentType: 'text/csv', sha256 });
    const thread = await h.app.inject({ url: `/api/v1/communications/${messageId}`, headers: pocB.headers });
    const [attachment] = thread.json().messages[0].attachments;
    expect(attachment).toMatchObject({ sha256, sizeBytes: Buffer.byteLength(csv) });
    const download = await h.app.inject({
      url: `/api/v1/communications/${messageId}/attachments/${attachment.id}`,
      headers: pocB.headers,
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(createHash('sha256').update(download.rawPayload).digest('hex')).toBe(sha256);
    const outsider = await h.app.inject({
      url: `/api/v1/communications/${messageId}/attachments/${attachment.id}`,
      headers: pocC.headers,
    });
    expect(outsider.statusCode).toBe(404);
  });

  it('refuses other types, a content that is not what it claims, oversized files, and the recipient’s uploads', async () => {
    expect((await upload(pocA, Buffer.from('MZ\x90\x00'), 'application/x-msdownload')).json().error.code).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const fake = await upload(pocA, Buffer.from('MZ not a pdf'), 'application/pdf', 'report.pdf');
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.details).toEqual([{ field: '/body', reason: 'signature' }]);
    const big = await upload(pocA, Buffer.alloc(10 * 1024 * 1024 + 1, 0x61), 'text/plain');
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await upload(pocB, 'x', 'text/plain')).statusCode).toBe(403);
  });
});
