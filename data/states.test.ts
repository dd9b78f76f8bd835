import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Lang = 'ar' | 'en' | 'es' | 'fr' | 'ru' | 'zh';
type Group = 'african' | 'asia_pacific' | 'eastern_european' | 'latin_american_caribbean' | 'western_european_other';

interface State {
  m49: string;
  alpha2: string;
  alpha3: string;
  group: Group;
  status: 'member' | 'observer';
  names: Record<Lang, string>;
  groupNote?: string;
}

const LANGS: Lang[] = ['ar', 'en', 'es', 'fr', 'ru', 'zh'];
const GROUPS: Group[] = [
  'african',
  'asia_pacific',
  'eastern_european',
  'latin_american_caribbean',
  'western_european_other',
];

const states = JSON.parse(readFileSync(new URL('./states.json', import.meta.url), 'utf8')) as State[];

const byAlpha3 = new Map(states.map((s) => [s.alpha3, s]));
function get(alpha3: string): State {
  const s = byAlpha3.get(alpha3);
  if (!s) throw new Error(`missing ${alpha3}`);
  return s;
}

function countBy(pred: (s: State) => boolean): number {
  return states.filter(pred).length;
}

describe('data/states.json', () => {
  it('has 193 Member States and 2 observer States', () => {
    expect(states).toHaveLength(195);
    expect(countBy((s) => s.status === 'member')).toBe(193);
    const observers = states.filter((s) => s.status === 'observer').map((s) => s.alpha3);
    expect(observers.sort()).toEqual(['PSE', 'VAT']);
  });

  it('only uses the documented keys', () => {
    const allowed = new Set(['m49', 'alpha2', 'alpha3', 'group', 'status', 'names', 'groupNote']);
    for (const s of states) {
      for (const k of Object.keys(s)) expect(allowed.has(k), `${s.alpha3}.${k}`).toBe(true);
      expect(Object.keys(s.names).sort()).toEqual(LANGS);
    }
  });

  it('has well-formed and unique codes', () => {
    for (const s of states) {
      expect(s.m49, s.alpha3).toMatch(/^\d{3}$/);
      expect(s.alpha2, s.alpha3).toMatch(/^[A-Z]{2}$/);
      expect(s.alpha3, s.alpha2).toMatch(/^[A-Z]{3}$/);
    }
    for (const key of ['m49', 'alpha2', 'alpha3'] as const) {
      expect(new Set(states.map((s) => s[key])).size, key).toBe(states.length);
    }
  });

  it('is sorted by m49 ascending', () => {
    const codes = states.map((s) => s.m49);
    expect(codes).toEqual([...codes].sort());
  });

  it('has the expected codes for well-known and special cases', () => {
    expect(get('PSE')).toMatchObject({ m49: '275', alpha2: 'PS', status: 'observer' });
    expect(get('VAT')).toMatchObject({ m49: '336', alpha2: 'VA', status: 'observer' });
    expect(get('AFG')).toMatchObject({ m49: '004', alpha2: 'AF' });
    expect(get('USA')).toMatchObject({ m49: '840', alpha2: 'US' });
    expect(get('ZWE')).toMatchObject({ m49: '716', alpha2: 'ZW' });
  });

  it('excludes non-UN entities', () => {
    for (const a3 of ['TWN', 'XKX', 'ESH', 'HKG', 'PRI', 'GRL', 'COK', 'NIU']) {
      expect(byAlpha3.has(a3), a3).toBe(false);
    }
  });

  it('has a non-empty, trimmed name in all six official languages', () => {
    for (const s of states) {
      for (const l of LANGS) {
        const n = s.names[l];
        expect(typeof n, `${s.alpha3}.${l}`).toBe('string');
        expect(n.length, `${s.alpha3}.${l}`).toBeGreaterThan(0);
        expect(n, `${s.alpha3}.${l}`).toBe(n.trim());
      }
    }
  });

  it('uses the right script for ar, ru and zh names', () => {
    for (const s of states) {
      expect(s.names.ar, s.alpha3).toMatch(/\p{Script=Arabic}/u);
      expect(s.names.ar, s.alpha3).not.toMatch(/[A-Za-z]/);
      expect(s.names.ru, s.alpha3).toMatch(/\p{Script=Cyrillic}/u);
      expect(s.names.ru, s.alpha3).not.toMatch(/[A-Za-z]/);
      expect(s.names.zh, s.alpha3).toMatch(/\p{Script=Han}/u);
      expect(s.names.zh, s.alpha3).not.toMatch(/[A-Za-z]/);
      expect(s.names.en, s.alpha3).not.toMatch(/\p{Script=Cyrillic}|\p{Script=Arabic}|\p{Script=Han}/u);
    }
  });

  it('uses UN short names in English, not ISO/CLDR names', () => {
    const expected: Record<string, string> = {
      TUR: 'Türkiye',
      VNM: 'Viet Nam',
      KOR: 'Republic of Korea',
      PRK: "Democratic People's Republic of Korea",
      IRN: 'Iran (Islamic Republic of)',
      CIV: "Côte d'Ivoire", // straight apostrophe in English
      BOL: 'Bolivia (Plurinational State of)',
      VEN: 'Venezuela (Bolivarian Republic of)',
      RUS: 'Russian Federation',
      GBR: 'United Kingdom of Great Britain and Northern Ireland',
      USA: 'United States of America',
      TZA: 'United Republic of Tanzania',
      MDA: 'Republic of Moldova',
      LAO: "Lao People's Democratic Republic",
      SYR: 'Syrian Arab Republic',
      FSM: 'Micronesia (Federated States of)',
      NLD: 'Netherlands (Kingdom of the)',
      CZE: 'Czechia',
      MKD: 'North Macedonia',
      SWZ: 'Eswatini',
      CPV: 'Cabo Verde',
      COD: 'Democratic Republic of the Congo',
      COG: 'Congo',
      BRN: 'Brunei Darussalam',
      VAT: 'Holy See',
      PSE: 'State of Palestine',
    };
    for (const [a3, name] of Object.entries(expected)) {
      expect(get(a3).names.en, a3).toBe(name);
    }
    const en = new Set(states.map((s) => s.names.en));
    for (const cldr of [
      'Turkey',
      'Vietnam',
      'South Korea',
      'North Korea',
      'Iran',
      'Russia',
      'Czech Republic',
      'Swaziland',
      'Cape Verde',
    ]) {
      expect(en.has(cldr), cldr).toBe(false);
    }
  });

  it('uses UN short names in the other official languages for key States', () => {
    expect(get('RUS').names).toMatchObject({
      ru: 'Российская Федерация',
      fr: 'Fédération de Russie',
      es: 'Federación de Rusia',
      zh: '俄罗斯联邦',
      ar: 'الاتحاد الروسي',
    });
    expect(get('USA').names).toMatchObject({
      ru: 'Соединенные Штаты Америки',
      es: 'Estados Unidos de América',
      zh: '美利坚合众国',
      ar: 'الولايات المتحدة الأمريكية',
    });
    expect(get('KOR').names).toMatchObject({
      fr: 'République de Corée',
      es: 'República de Corea',
      zh: '大韩民国',
      ar: 'جمهورية كوريا',
    });
    expect(get('TUR').names).toMatchObject({ fr: 'Türkiye', es: 'Türkiye', zh: '土耳其' });
    expect(get('VNM').names).toMatchObject({ fr: 'Viet Nam', es: 'Viet Nam', zh: '越南', ar: 'فييت نام' });
    expect(get('IRN').names.es).toBe('Irán (República Islámica del)');
  });

  it('does not copy the English name into other languages (except identical UN forms)', () => {
    // Latin-script languages may legitimately share the English form (e.g. "Kenya"),
    // but ar/ru/zh never can.
    for (const s of states) {
      for (const l of ['ar', 'ru', 'zh'] as const) {
        expect(s.names[l], `${s.alpha3}.${l}`).not.toBe(s.names.en);
      }
    }
  });

  it('assigns every State to one of the five UN regional groups', () => {
    for (const s of states) expect(GROUPS, s.alpha3).toContain(s.group);
  });

  it('has the verified regional group sizes', () => {
    const members = (g: Group) => countBy((s) => s.status === 'member' && s.group === g);
    expect(members('african')).toBe(54);
    // 54 including Kiribati (member since 2010); Türkiye is counted in WEOG.
    expect(members('asia_pacific')).toBe(54);
    expect(members('eastern_european')).toBe(23);
    expect(members('latin_american_caribbean')).toBe(33);
    // 28 WEOG members + the United States of America (observer in WEOG, counted for electoral purposes).
    expect(members('western_european_other')).toBe(29);
    expect(get('PSE').group).toBe('asia_pacific');
    expect(get('VAT').group).toBe('western_european_other');
  });

  it('places and annotates the special cases', () => {
    expect(get('TUR').group).toBe('western_european_other');
    expect(get('ISR').group).toBe('western_european_other');
    expect(get('USA').group).toBe('western_european_other');
    expect(get('KIR').group).toBe('asia_pacific');
    expect(get('CYP').group).toBe('asia_pacific');
    for (const a3 of ['TUR', 'ISR', 'USA', 'KIR', 'PSE', 'VAT']) {
      expect(get(a3).groupNote, a3).toMatch(/\S{3,}/);
    }
    const noted = states.filter((s) => s.groupNote !== undefined).map((s) => s.alpha3);
    expect(noted.sort()).toEqual(['ISR', 'KIR', 'PSE', 'TUR', 'USA', 'VAT']);
  });
});
