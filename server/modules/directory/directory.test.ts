import { parseCards } from '../../test-support/vcard.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEntry } from '../../test-support/directory-factories.ts';
import { signedIn, STATE_A, STATE_B, type SignedIn } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';

let h: Harness;
let reader: SignedIn;
const ids: Record<string, string> = {};
const KENYA = '404'; // African group
const KAZAKHSTAN = '398'; // Asia-Pacific group

beforeAll(async () => {
  h = await createHarness();
  const deps = { db: h.database.db, config: h.config };
  reader = await signedIn(h.app, h.database.db, 'point_of_contact', STATE_B);
  ids.arabic = (
    await buildEntry(deps, STATE_A, {
      nameNative: 'مُحَمَّد الأَمِين',
      nameLatin: 'Mohamed El Amine',
      organisation: 'وزارة الاتصالات',
      workingLanguages: ['ar', 'fr'],
      kind: 'diplomatic',
    })
  ).entryId;
  ids.cyrillic = (
    await buildEntry(deps, KAZAKHSTAN, {
      nameNative: 'Ержан Касымов',
      nameLatin: 'Yerzhan Kassymov',
      organisation: 'KZ-CERT',
      workingLanguages: ['ru', 'kk'],
      available247: true,
      phones: [{ number: '+7 7172 55 9999', available247: true, visibility: 'directory' }],
    })
  ).entryId;
  ids.chinese = (
    await buildEntry(deps, KENYA, {
      nameNative: '张华',
      nameLatin: 'Zhang Hua',
      organisation: '国家计算机网络应急技术处理协调中心',
      workingLanguages: ['zh-Hans', 'en'],
    })
  ).entryId;
});
afterAll(() => h.close());

async function search(query: string): Promise<string[]> {
  const response = await h.app.inject({ url: `/api/v1/directory/entries?${query}`, headers: reader.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items.map((e: { id: string }) => e.id);
}

describe('search in any script', () => {
  it('finds Arabic with or without vowel marks, Cyrillic in any case, Chinese by substring', async () => {
    expect(await search(`q=${encodeURIComponent('محمد')}`)).toContain(ids.arabic);
    expect(await search(`q=${encodeURIComponent('الأمين')}`)).toContain(ids.arabic);
    expect(await search(`q=${encodeURIComponent('ЕРЖАН')}`)).toContain(ids.cyrillic);
    expect(await search(`q=${encodeURIComponent('касымов')}`)).toContain(ids.cyrillic);
    expect(await search(`q=${encodeURIComponent('应急')}`)).toContain(ids.chinese);
    expect(await search(`q=${encodeURIComponent('zhang')}`)).toEqual([ids.chinese]);
    expect(await search(`q=${encodeURIComponent('%')}`)).toEqual([]);
  });

  it('filters by State, regional group, kind, language and 24/7', async () => {
    expect(await search(`stateM49=${KAZAKHSTAN}`)).toEqual([ids.cyrillic]);
    expect(await search('group=asia_pacific')).toEqual([ids.cyrillic]);
    expect(await search('group=african&kind=diplomatic')).toEqual([ids.arabic]);
    expect(await search('language=zh')).toEqual([ids.chinese]);
    expect(await search('available247=true')).toEqual([ids.cyrillic]);
    expect((await search('kind=technical')).sort()).toEqual([ids.cyrillic, ids.chinese].sort());
  });

  it('rejects unknown filters with a field error', async () => {
    const response = await h.app.inject({ url: '/api/v1/directory/entries?kind=spy', headers: reader.headers });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe('querystring:/kind');
  });
});

describe('exports', () => {
  it('vCard 4.0 of the whole directory parses back with an independent parser (ical.js)', async () => {
    const response = await h.app.inject({ url: '/api/v1/directory/export?format=vcard', headers: reader.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="pocdir-directory-.*\.vcf"/);
    const cards = parseCards(response.body);
    expect(cards).toHaveLength(3);
    const names = cards.flatMap((card) => card.getAllProperties('fn').map((p) => String(p.getFirstValue())));
    expect(names).toEqual(expect.arrayContaining(['مُحَمَّد الأَمِين', 'Ержан Касымов', '张华', 'Zhang Hua']));
    for (const card of cards) expect(card.getFirstPropertyValue('version')).toBe('4.0');
  });

  it('one entry as vCard; CSV and JSON for one State', async () => {
    const card = await h.app.inject({ url: `/api/v1/directory/entries/${ids.chinese}/vcard`, headers: reader.headers });
    const [component] = parseCards(card.body);
    expect(String(component?.getFirstPropertyValue('uid'))).toContain(ids.chinese);
    const csv = await h.app.inject({
      url: `/api/v1/directory/export?format=csv&stateM49=${KENYA}`,
      headers: reader.headers,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('张华');
    expect(csv.body).not.toContain('Ержан');
    const json = await h.app.inject({ url: '/api/v1/directory/export?format=json', headers: reader.headers });
    expect(json.json().entries).toHaveLength(3);
  });
});
