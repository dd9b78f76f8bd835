import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type SignedIn } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { foldForSearch } from '../../../common/search-fold.ts';

let h: Harness;
let poc: SignedIn;
beforeAll(async () => {
  h = await createHarness();
  poc = await signedIn(h.app, h.database.db, 'point_of_contact');
});
afterAll(() => h.close());

const get = (url: string, headers = poc.headers) => h.app.inject({ method: 'GET', url, headers });

describe('GET /api/v1/states', () => {
  it('401 without a session', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/states' })).statusCode).toBe(401);
  });

  it('lists the 193 Member States and 2 observer States, every role may read', async () => {
    for (const role of ['directory_manager', 'national_authority', 'point_of_contact', 'auditor'] as const) {
      const session = await signedIn(h.app, h.database.db, role);
      const body = (await get('/api/v1/states', session.headers)).json();
      expect(body.total).toBe(195);
      expect(body.items.filter((s: { status: string }) => s.status === 'observer')).toHaveLength(2);
    }
  });

  it('searches names in any language and script, ignoring case and diacritics', async () => {
    const search = async (q: string) =>
      (await get(`/api/v1/states?q=${encodeURIComponent(q)}`)).json().items.map((s: { alpha3: string }) => s.alpha3);
    expect(await search('turkiye')).toEqual(['TUR']);
    expect(await search('cote d')).toContain('CIV');
    expect(await search('مصر')).toEqual(['EGY']);
    expect(await search('加纳')).toEqual(['GHA']);
    expect(await search('Российская')).toEqual(['RUS']);
    expect(await search('viet nam')).toEqual(['VNM']);
  });

  it('filters by regional group and sorts by the requested language', async () => {
    const body = (await get('/api/v1/states?group=eastern_european&sortLocale=ru')).json();
    expect(body.total).toBe(23);
    const names = body.items.map((s: { names: { ru: string } }) => s.names.ru);
    expect(names).toEqual([...names].sort(new Intl.Collator('ru').compare));
  });

  it('400 for an unknown group, with the field', async () => {
    const response = await get('/api/v1/states?group=atlantis');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toContainEqual({ field: 'querystring:/group', reason: 'enum' });
  });
});

describe('GET /api/v1/states/:m49', () => {
  it('returns one State with six names', async () => {
    const body = (await get('/api/v1/states/704')).json();
    expect(body.names.en).toBe('Viet Nam');
    expect(Object.keys(body.names).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
  });

  it('404 for an unknown code, 400 for a malformed one', async () => {
    expect((await get('/api/v1/states/999')).json().error.code).toBe('NOT_FOUND');
    expect((await get('/api/v1/states/12a')).statusCode).toBe(400);
  });
});

describe('foldForSearch', () => {
  it('folds case, diacritics and apostrophes', () => {
    expect(foldForSearch('Côte d’Ivoire')).toBe("cote d'ivoire");
    expect(foldForSearch('TÜRKIYE')).toBe('turkiye');
  });
});
