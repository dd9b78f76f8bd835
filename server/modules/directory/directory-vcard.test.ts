import type ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { parseCards } from '../../test-support/vcard.ts';
import type { DirectoryEntry } from '../../../common/schemas/directory.ts';
import { entriesToVCard, escapeVCardText, foldVCardLine, structuredName, vCardTimestamp } from './directory-vcard.ts';

const FINGERPRINT = '0123456789ABCDEF0123456789ABCDEF01234567';
const ARMOURED = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEZ0000\n=abcd\n-----END PGP PUBLIC KEY BLOCK-----\n';

function buildEntry(overrides: Partial<DirectoryEntry> = {}): DirectoryEntry {
  return {
    id: '7f0c6a52-3f0e-4a37-9d7e-2f6a1d7c0b11',
    stateM49: '818',
    status: 'active',
    version: 3,
    kind: 'technical',
    slotRole: 'primary',
    available247: true,
    nameNative: 'أحمد بن علي',
    nameLatin: 'Ahmed BENALI',
    function: 'Director, CERT; incident response',
    organisation: 'National Telecom Regulatory Authority',
    emails: ['ahmed.benali@example.org', 'cert@example.org'],
    phones: [
      { number: '+20 2 3534 4000', label: 'office', available247: false, visibility: 'directory' },
      { number: '+20 100 000 0000', label: 'duty', available247: true, visibility: 'restricted' },
    ],
    secureChannels: [{ channel: 'Signal', address: '+20 100 000 0000', visibility: 'directory' }],
    key: { fingerprint: FINGERPRINT, expiresAt: '2027-06-30T00:00:00.000Z', status: 'valid', armored: ARMOURED },
    workingLanguages: ['ar', 'en'],
    timeZone: 'Africa/Cairo',
    availabilityHours: 'Sun–Thu 09:00–17:00',
    mandate: 'May request preservation of data',
    lastVerifiedAt: '2026-10-01T08:00:00.000Z',
    lastConfirmedAt: '2026-10-01T08:00:00.000Z',
    confirmationDueAt: '2027-04-01T08:00:00.000Z',
    stale: false,
    createdAt: '2026-01-10T09:00:00.000Z',
    updatedAt: '2026-11-24T10:15:00.000Z',
    retiredAt: null,
    pseudonymisedAt: null,
    abilities: { confirm: false, nominateChange: false, pseudonymise: false },
    ...overrides,
  };
}

const STATE_NAMES: Record<string, string> = { '818': 'Egypt', '156': 'China', '410': 'Korea, Republic of' };
const stateName = (m49: string) => STATE_NAMES[m49] ?? m49;

function values(card: ICAL.Component, name: string): string[] {
  return card.getAllProperties(name).map((p) => String(p.getFirstValue()));
}

describe('entriesToVCard', () => {
  const chinese = buildEntry({
    id: '1d3f0b9e-8c55-4c0e-9a61-6b0f3f4a2c22',
    stateM49: '156',
    kind: 'diplomatic',
    slotRole: 'alternate',
    available247: false,
    nameNative: '王伟',
    nameLatin: 'WANG Wei',
    function: '处长',
    organisation: '外交部',
    emails: ['wang.wei@example.cn'],
    phones: [{ number: '+86 10 6596 1114', available247: false, visibility: 'directory' }],
    secureChannels: [],
    key: null,
    workingLanguages: ['en', 'zh-Hans'],
    timeZone: 'Asia/Shanghai',
    mandate: '',
  });
  const text = entriesToVCard([buildEntry(), chinese], stateName);
  const [arabicCard, chineseCard] = parseCards(text);

  it('writes one vCard 4.0 per entry with CRLF line endings only', () => {
    expect(text.match(/BEGIN:VCARD\r\n/g)).toHaveLength(2);
    expect(text.endsWith('END:VCARD\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(arabicCard?.getFirstPropertyValue('version')).toBe('4.0');
    expect(arabicCard?.getFirstPropertyValue('uid')).toBe('urn:uuid:7f0c6a52-3f0e-4a37-9d7e-2f6a1d7c0b11');
  });

  it('gives the Latin and the native name as alternative FNs with their languages', () => {
    const fns = (card: ICAL.Component | undefined) =>
      card?.getAllProperties('fn').map((p) => [p.getParameter('language'), p.getParameter('altid'), p.getFirstValue()]);
    expect(fns(arabicCard)).toEqual([
      ['en', '1', 'Ahmed BENALI'],
      ['ar', '1', 'أحمد بن علي'],
    ]);
    expect(fns(chineseCard)).toEqual([
      ['en', '1', 'WANG Wei'],
      ['zh-Hans', '1', '王伟'],
    ]);
  });

  it('writes a single FN when the native and Latin names are the same', () => {
    const [card] = parseCards(
      entriesToVCard([buildEntry({ nameNative: 'Ama Owusu', nameLatin: 'Ama Owusu' })], stateName),
    );
    expect(card?.getAllProperties('fn').map((p) => [p.getParameter('language'), p.getFirstValue()])).toEqual([
      [undefined, 'Ama Owusu'],
    ]);
  });

  it('structures N from the Latin name', () => {
    expect(text).toContain('N:BENALI;Ahmed;;;\r\n');
    expect(text).toContain('N:WANG;Wei;;;\r\n');
  });

  it('exports e-mails with the first preferred, and phones as tel URIs', () => {
    const emails = arabicCard?.getAllProperties('email') ?? [];
    expect(emails.map((p) => [p.getFirstValue(), p.getParameter('pref')])).toEqual([
      ['ahmed.benali@example.org', '1'],
      ['cert@example.org', undefined],
    ]);
    const tels = arabicCard?.getAllProperties('tel') ?? [];
    expect(tels.map((p) => [p.getFirstValue(), p.getParameter('type'), p.getParameter('pref')])).toEqual([
      ['tel:+20235344000', 'voice', '1'],
      ['tel:+201000000000', 'voice', undefined],
    ]);
  });

  it('carries the OpenPGP key as a data URI, with its fingerprint', () => {
    const key = String(arabicCard?.getFirstPropertyValue('key'));
    expect(key.startsWith('data:application/pgp-keys;base64,')).toBe(true);
    expect(Buffer.from(key.split(',')[1] ?? '', 'base64').toString('utf8')).toBe(ARMOURED);
    expect(arabicCard?.getFirstPropertyValue('x-pgp-fingerprint')).toBe(FINGERPRINT);
    expect(String(arabicCard?.getFirstPropertyValue('note'))).toContain('OpenPGP fingerprint: 0123 4567 89AB');
    expect(chineseCard?.getFirstProperty('key')).toBeNull();
  });

  it('notes availability, time zone, hours, mandate and channels; sets TZ, LANG, ROLE, CATEGORIES and REV', () => {
    const note = String(arabicCard?.getFirstPropertyValue('note'));
    expect(note.split('\n')).toEqual(
      expect.arrayContaining([
        '24/7 availability: yes',
        '24/7 phone: +20 100 000 0000 (duty)',
        'Time zone: Africa/Cairo',
        'Availability: Sun–Thu 09:00–17:00',
        'Mandate: May request preservation of data',
        'Signal: +20 100 000 0000',
      ]),
    );
    expect(arabicCard?.getFirstPropertyValue('tz')).toBe('Africa/Cairo');
    expect(values(arabicCard as ICAL.Component, 'lang')).toEqual(['ar', 'en']);
    expect(arabicCard?.getFirstPropertyValue('role')).toBe('Technical point of contact (primary)');
    expect(chineseCard?.getFirstPropertyValue('role')).toBe('Diplomatic point of contact (alternate)');
    expect(chineseCard?.getFirstProperty('categories')?.getValues()).toEqual(['China', 'Diplomatic']);
    expect(text).toContain('REV:20261124T101500Z\r\n');
  });

  it('escapes commas, semicolons and backslashes so they survive a round trip', () => {
    expect(arabicCard?.getFirstPropertyValue('title')).toBe('Director, CERT; incident response');
    expect(text).toContain('TITLE:Director\\, CERT; incident response');
    const korea = buildEntry({ stateM49: '410', organisation: 'KISA; Incident Response\\Team, Seoul' });
    const [card] = parseCards(entriesToVCard([korea], stateName));
    expect(card?.getFirstPropertyValue('org')).toBe('KISA; Incident Response\\Team, Seoul');
    expect(card?.getFirstProperty('categories')?.getValues()).toEqual(['Korea, Republic of', 'Technical']);
  });

  it('folds long lines at 75 octets without splitting UTF-8 sequences', () => {
    const mandate = 'يجوز لجهة الاتصال طلب حفظ البيانات الإلكترونية وتبادل المعلومات، '.repeat(5).slice(0, 300);
    const long = entriesToVCard([buildEntry({ mandate })], stateName);
    const physical = long.split('\r\n');
    for (const l of physical) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    expect(physical.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(5);
    expect(long).not.toContain('\uFFFD');
    const [card] = parseCards(long);
    expect(String(card?.getFirstPropertyValue('note'))).toContain(`Mandate: ${mandate}`);
  });
});

describe('vCard helpers', () => {
  it('escapes text values, and semicolons only in compound ones', () => {
    expect(escapeVCardText('a\\b,c;d\r\ne\nf')).toBe('a\\\\b\\,c;d\\ne\\nf');
    expect(escapeVCardText('a\\b,c;d', true)).toBe('a\\\\b\\,c\\;d');
  });

  it('never splits a four-byte character or an escape across a fold', () => {
    const folded = foldVCardLine(`NOTE:${'😀'.repeat(40)}`);
    for (const part of folded.split('\r\n')) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      expect(part).not.toMatch(/[\uD800-\uDBFF]$/);
    }
    const escapes = foldVCardLine(`NOTE:${'x'.repeat(69)}\\n\\n`);
    expect(escapes.split('\r\n').every((part) => !part.endsWith('\\') || part.endsWith('\\\\'))).toBe(true);
    expect(foldVCardLine('FN:short')).toBe('FN:short');
  });

  it('guesses family and given names', () => {
    expect(structuredName('Ahmed BENALI')).toEqual({ family: 'BENALI', given: 'Ahmed' });
    expect(structuredName('WANG Wei')).toEqual({ family: 'WANG', given: 'Wei' });
    expect(structuredName('Mensah, Kwame')).toEqual({ family: 'Mensah', given: 'Kwame' });
    expect(structuredName('Kwame Mensah')).toEqual({ family: 'Mensah', given: 'Kwame' });
    expect(structuredName('Mononym')).toEqual({ family: 'Mononym', given: '' });
  });

  it('formats timestamps as basic ISO 8601 UTC', () => {
    expect(vCardTimestamp('2026-11-24T10:15:00.000Z')).toBe('20261124T101500Z');
    expect(vCardTimestamp('2026-11-24T12:15:00+02:00')).toBe('20261124T101500Z');
  });
});
