import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest } from '../test-support/communication-factories.ts';
import { buildEntry, nominationRequest } from '../test-support/directory-factories.ts';
import { buildAccount, signIn, STATE_A, STATE_B, type SignedIn } from '../test-support/factories.ts';
import { createHarness } from '../test-support/harness.ts';
import { changesBetween, contractViolation, hostileString, snapshot } from '../test-support/hostile.ts';

/*
 * The routes whose body is a file rather than JSON: the CSV import of nominations, the note
 * verbale PDF and communication attachments. Hostile files and file names are refused with a
 * catalogue code and store nothing; accepted names come back as one clean download header.
 */

const h = await createHarness();
let authority: SignedIn;
let nominationId = '';
let communicationId = '';

beforeAll(async () => {
  await buildEntry({ db: h.database.db, config: h.config }, STATE_B);
  authority = await signIn(h.app, await buildAccount(h.database.db, { role: 'national_authority', stateM49: STATE_A }));
  const nomination = await h.app.inject({
    method: 'POST',
    url: '/api/v1/nominations',
    headers: authority.writeHeaders,
    payload: nominationRequest({ stateM49: STATE_A }),
  });
  nominationId = nomination.json<{ id: string }>().id;
  const sent = await h.app.inject({
    method: 'POST',
    url: '/api/v1/communications',
    headers: authority.writeHeaders,
    payload: sendRequest(STATE_B),
  });
  communicationId = sent.json<{ id: string }>().id;
  expect([nomination.statusCode, sent.statusCode]).toEqual([201, 201]);
});
afterAll(() => h.close());

async function upload(method: 'POST' | 'PUT', url: string, body: Buffer | string, headers: Record<string, string>) {
  const before = await snapshot(h.database.db);
  const response = await h.app.inject({
    method,
    url,
    headers: { ...authority.writeHeaders, ...headers },
    payload: body,
  });
  const after = await snapshot(h.database.db);
  expect(contractViolation(response), `${url} ${JSON.stringify(headers)}`).toBeNull();
  if (response.statusCode >= 400) expect(changesBetween(before, after), response.body).toEqual([]);
  return response;
}

/** Names as a client would send them (URI-encoded), and some a client should not send. */
const hostileFileName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%0D%0ASet-Cookie%3A%20pocdir_session%3Dstolen',
    '..%2F..%2F..%2Fetc%2Fpasswd',
    '%00.pdf',
    '%E0%A4%A',
    'evil%22%3B%20filename%3D%22x.exe',
    '%E2%80%AEfdp.exe',
    'a'.repeat(2000),
    '%F0%9F%98%80%20%D8%B9%D8%B1%D8%A8%D9%8A.pdf',
  ),
  hostileString.filter((s) => s.length < 3000).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/gu, '\ufffd'))),
);

function expectCleanDownloadHeaders(headers: Record<string, unknown>): void {
  const disposition = String(headers['content-disposition']);
  expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%!'()*._~-]*$/);
  expect(headers['set-cookie']).toBeUndefined();
}

describe('CSV import', () => {
  const header =
    'type,kind,slot_role,available_24_7,name_native,name_latin,function,organisation,emails,phones,working_languages,time_zone,availability_hours,mandate,note_verbale_ref,note_verbale_date';
  const good = [
    'new',
    'technical',
    'alternate',
    'yes',
    'Amina Ali',
    'Amina Ali',
    'Analyst',
    'CERT',
    'amina.ali@cert.example',
    '+233 30 200 0001|duty|24/7|directory',
    'en',
    'Africa/Accra',
    '24/7',
    'Technical exchange',
    'NV/77/2026',
    '2026-11-01',
  ];
  const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
  const csv = (cells: string[]) => `${header}\r\n${cells.map(quote).join(',')}\r\n`;
  const importCsv = (body: string | Buffer) =>
    upload('POST', '/api/v1/nominations/import', body, { 'content-type': 'text/csv' });

  it('a hostile value in any one cell is refused per row, or imported clean, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: good.length - 1 }), hostileString, async (column, value) => {
        const cells = [...good];
        cells[column] = value.slice(0, 5000);
        const response = await importCsv(csv(cells));
        if (response.statusCode >= 400) expect(response.json().error.code).toMatch(/IMPORT_INVALID|VALIDATION_FAILED/);
      }),
      { numRuns: 40 },
    );
  });

  it('a NUL or a line break in a name is IMPORT_INVALID (a NUL was a 500)', async () => {
    for (const name of ['Amina\u0000Ali', 'Amina\r\nBcc: evil@example.org', 'x\u2028y']) {
      const cells = [...good];
      cells[4] = name;
      const response = await importCsv(csv(cells));
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.code).toBe('IMPORT_INVALID');
    }
  });

  it('broken files are refused whole', async () => {
    for (const body of [
      '',
      header,
      `${header}\r\n"unclosed,${good.join(',')}`,
      `\ufeff${header}\r\n${good.join(',')}\u0000`,
      `${header}\r\n${`${good.join(',')}\r\n`.repeat(501)}`,
      Buffer.concat([Buffer.from(`${header}\r\n`), Buffer.from([0xff, 0xfe, 0x00, 0x41])]),
      'a'.repeat(5 * 1024 * 1024 + 1),
    ]) {
      const response = await importCsv(body);
      expect(response.statusCode, String(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('note verbale PDF', () => {
  const url = () => `/api/v1/nominations/${nominationId}/document`;

  it('refuses what is not a PDF, whatever its name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), hostileFileName, async (bytes, name) => {
        const body = Buffer.from(bytes);
        if (body.subarray(0, 5).toString('latin1') === '%PDF-') return;
        const response = await upload('PUT', url(), body, { 'content-type': 'application/pdf', 'x-file-name': name });
        expect(response.json().error.code).toBe('DOCUMENT_NOT_PDF');
      }),
      { numRuns: 15 },
    );
  });

  it('stores a PDF under any name, and the download header stays one clean line', async () => {
    await fc.assert(
      fc.asyncProperty(hostileFileName, async (name) => {
        const stored = await upload('PUT', url(), Buffer.from('%PDF-1.7\n%hostile\n'), {
          'content-type': 'application/pdf',
          'x-file-name': name,
        });
        expect(stored.statusCode, stored.body).toBe(200);
        const download = await h.app.inject({ method: 'GET', url: url(), headers: authority.headers });
        expect(download.statusCode).toBe(200);
        expectCleanDownloadHeaders(download.headers);
      }),
      { numRuns: 15 },
    );
  });
});

describe('communication attachments', () => {
  const url = () => `/api/v1/communications/${communicationId}/attachments`;
  const contentType = fc.constantFrom(
    'text/plain',
    'text/csv',
    'application/json',
    'application/pdf',
    'image/png',
    'application/x-msdownload',
    'text/html',
    'image/svg+xml',
    'text/plain; charset=utf-16',
    '',
  );

  it('a file is stored when its type and content agree, else refused; names never reach a header raw', async () => {
    await fc.assert(
      fc.asyncProperty(
        contentType,
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
          hostileString.map((s) => Buffer.from(s.slice(0, 5000))),
        ),
        hostileFileName,
        async (type, body, name) => {
          const response = await upload('POST', url(), body, {
            ...(type ? { 'content-type': type } : {}),
            'x-file-name': name,
          });
          if (response.statusCode !== 201) return;
          // Stored text is UTF-8 without NUL: what was accepted can be read back as it was sent.
          if (type.startsWith('text/') || type === 'application/json') expect(body.includes(0)).toBe(false);
          const download = await h.app.inject({
            method: 'GET',
            url: `${url()}/${response.json<{ id: string }>().id}`,
            headers: authority.headers,
          });
          expect(download.statusCode).toBe(200);
          expect(download.rawPayload.equals(body)).toBe(true);
          expectCleanDownloadHeaders(download.headers);
        },
      ),
      { numRuns: 25 },
    );
  });
});
