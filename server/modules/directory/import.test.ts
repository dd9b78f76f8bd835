import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nominations } from '../../db/schema.ts';
import { signedIn, STATE_A, type SignedIn } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';

let h: Harness;
let authority: SignedIn;
let poc: SignedIn;

beforeAll(async () => {
  h = await createHarness();
  authority = await signedIn(h.app, h.database.db, 'national_authority', STATE_A);
  poc = await signedIn(h.app, h.database.db, 'point_of_contact', STATE_A);
});
afterAll(() => h.close());

const HEADER =
  'type,target_entry_id,kind,slot_role,available_24_7,name_native,name_latin,function,organisation,emails,phones,secure_channels,pgp_public_key,working_languages,time_zone,availability_hours,mandate,reason,note_verbale_ref,note_verbale_date';

function row(overrides: Partial<Record<string, string>> = {}): string {
  const values: Record<string, string> = {
    type: 'new',
    target_entry_id: '',
    kind: 'technical',
    slot_role: 'alternate',
    available_24_7: 'yes',
    name_native: 'أمينة علي',
    name_latin: 'Amina Ali',
    function: 'Analyst',
    organisation: '"CERT, National"',
    emails: 'amina.ali@cert.example;duty@cert.example',
    phones: '+233 30 200 0001|duty|24/7|directory',
    secure_channels: '',
    pgp_public_key: '',
    working_languages: 'ar;en',
    time_zone: 'Africa/Accra',
    availability_hours: '24/7',
    mandate: 'Technical exchange',
    reason: '',
    note_verbale_ref: 'NV/77/2026',
    note_verbale_date: '2026-11-01',
    ...overrides,
  };
  return HEADER.split(',')
    .map((column) => values[column] ?? '')
    .join(',');
}

function importCsv(session: SignedIn, body: string) {
  return h.app.inject({
    method: 'POST',
    url: '/api/v1/nominations/import',
    headers: { ...session.writeHeaders, 'content-type': 'text/csv' },
    payload: body,
  });
}

async function countOwn() {
  return (await h.database.db.select().from(nominations).where(eq(nominations.stateM49, STATE_A))).length;
}

describe('CSV import of nominations', () => {
  it('valid rows become submitted nominations', async () => {
    const body = [
      HEADER,
      row(),
      row({ name_latin: 'Yaw Darko', name_native: 'Yaw Darko', emails: 'yaw@cert.example' }),
    ].join('\r\n');
    const response = await importCsv(authority, body);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().created).toBe(2);
    const listed = await h.app.inject({ url: '/api/v1/nominations?status=submitted', headers: authority.headers });
    const names = listed.json().items.map((n: { details: { nameLatin: string } }) => n.details.nameLatin);
    expect(names).toEqual(expect.arrayContaining(['Amina Ali', 'Yaw Darko']));
  });

  it('reports every invalid row and field, and applies nothing', async () => {
    const before = await countOwn();
    const body = [
      HEADER,
      row(),
      row({ emails: 'not-an-email', time_zone: 'Mars/Base' }),
      row({ kind: 'spy' }),
      row({ note_verbale_date: '2999-12-31' }),
    ].join('\n');
    const response = await importCsv(authority, body);
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('IMPORT_INVALID');
    const fields = error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining(['/rows/2/emails', '/rows/2/time_zone', '/rows/3/kind', '/rows/4/note_verbale_date']),
    );
    expect(fields.some((f: string) => f.startsWith('/rows/1/'))).toBe(false);
    expect(await countOwn()).toBe(before);
  });

  it('a point of contact cannot import; the template downloads for the authority', async () => {
    expect((await importCsv(poc, [HEADER, row()].join('\n'))).statusCode).toBe(403);
    const template = await h.app.inject({ url: '/api/v1/nominations/import-template', headers: authority.headers });
    expect(template.statusCode).toBe(200);
    const reimport = await importCsv(authority, template.body);
    expect(reimport.statusCode, reimport.body).toBe(201);
  });
});
