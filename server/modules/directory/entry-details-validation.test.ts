import { describe, expect, it } from 'vitest';
import type { EntryDetails } from '../../../common/schemas/directory.ts';
import { foldForSearch } from '../../../common/search-fold.ts';
import { searchTextOf, validateEntryDetails } from './entry-details-validation.ts';

function buildDetails(overrides: Partial<EntryDetails> = {}): EntryDetails {
  return {
    kind: 'technical',
    slotRole: 'primary',
    available247: false,
    nameNative: 'Ama Owusu',
    nameLatin: 'Ama Owusu',
    function: 'Head of incident response',
    organisation: 'Cyber Security Authority',
    emails: ['ama.owusu@example.org'],
    phones: [{ number: '+233 30 200 0000', label: 'office', available247: false, visibility: 'directory' }],
    secureChannels: [],
    workingLanguages: ['en'],
    timeZone: 'Africa/Accra',
    availabilityHours: 'Mon–Fri 08:00–17:00',
    mandate: '',
    ...overrides,
  };
}

describe('validateEntryDetails', () => {
  it('accepts good details', () => {
    expect(validateEntryDetails(buildDetails())).toEqual([]);
  });

  it('accepts canonical time zones, links and UTC', () => {
    for (const timeZone of ['Asia/Kolkata', 'Asia/Calcutta', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT-3']) {
      expect(validateEntryDetails(buildDetails({ timeZone }))).toEqual([]);
    }
  });

  it('refuses unknown time zones and bare offsets', () => {
    for (const timeZone of ['Mars/Olympus_Mons', 'GMT+25', '+05:30', '', 'Africa/Acra']) {
      expect(validateEntryDetails(buildDetails({ timeZone }))).toEqual([
        { field: '/details/timeZone', reason: 'time_zone' },
      ]);
    }
  });

  it('checks every working language as a BCP 47 tag, pointing at the bad ones', () => {
    const details = buildDetails({ workingLanguages: ['ar', 'zh-Hans-CN', 'en_US', 'fr', 'abcdefghi', 'es-419'] });
    expect(validateEntryDetails(details)).toEqual([
      { field: '/details/workingLanguages/2', reason: 'language_tag' },
      { field: '/details/workingLanguages/4', reason: 'language_tag' },
    ]);
  });

  it('flags a repeated e-mail, ignoring case', () => {
    const details = buildDetails({ emails: ['a@example.org', 'b@example.org', 'A@Example.ORG'] });
    expect(validateEntryDetails(details)).toEqual([{ field: '/details/emails/2', reason: 'duplicate' }]);
  });

  it('requires a 24/7 phone on a 24/7 contact', () => {
    expect(validateEntryDetails(buildDetails({ available247: true }))).toEqual([
      { field: '/details/phones', reason: 'phone_247_required' },
    ]);
    const phones: EntryDetails['phones'] = [
      { number: '+233 30 200 0000', available247: false, visibility: 'directory' },
      { number: '+233 24 000 0000', label: 'duty', available247: true, visibility: 'restricted' },
    ];
    expect(validateEntryDetails(buildDetails({ available247: true, phones }))).toEqual([]);
  });

  it('reports all problems at once under the given prefix', () => {
    const details = buildDetails({
      available247: true,
      timeZone: 'Nowhere/Land',
      workingLanguages: ['x'],
      emails: ['a@example.org', 'a@example.org'],
    });
    expect(validateEntryDetails(details, '/rows/3').map((p) => p.field)).toEqual([
      '/rows/3/timeZone',
      '/rows/3/workingLanguages/0',
      '/rows/3/emails/1',
      '/rows/3/phones',
    ]);
  });
});

describe('foldForSearch', () => {
  it('drops Arabic harakat so a vowelled name matches an unvowelled query', () => {
    expect(foldForSearch('مُحَمَّد عَبْدُ الله')).toBe(foldForSearch('محمد عبد الله'));
    expect(foldForSearch('مُحَمَّد')).toBe('محمد');
  });

  it('unifies alef forms, alef maqsura and tatweel', () => {
    expect(foldForSearch('إبراهيم')).toBe('ابراهيم');
    expect(foldForSearch('أحمد')).toBe('احمد');
    expect(foldForSearch('آمنة')).toBe('امنة');
    expect(foldForSearch('ٱلله')).toBe('الله');
    expect(foldForSearch('مصطفى')).toBe('مصطفي');
    expect(foldForSearch('مـــحمد')).toBe('محمد');
    // Ta marbuta stays distinct from ha.
    expect(foldForSearch('فاطمة')).not.toBe(foldForSearch('فاطمه'));
  });

  it('lower-cases Cyrillic and Latin, keeping Cyrillic letters', () => {
    expect(foldForSearch('ИВАНОВ Пётр')).toBe('иванов петр');
    expect(foldForSearch('Иванов')).toBe(foldForSearch('иВАНОВ'));
  });

  it('removes French accents and compatibility forms', () => {
    expect(foldForSearch('Hélène Lefèvre-Çağlar')).toBe('helene lefevre-caglar');
    expect(foldForSearch('ÉCOLE')).toBe('ecole');
    expect(foldForSearch('ﬁnance')).toBe('finance');
  });

  it('leaves Chinese characters as they are and collapses whitespace', () => {
    expect(foldForSearch('  王\u3000伟 \n 国家 ')).toBe('王 伟 国家');
    expect(foldForSearch('李伟')).toBe('李伟');
  });
});

describe('searchTextOf', () => {
  it('folds native and Latin names, organisation and function into one string', () => {
    const text = searchTextOf(
      buildDetails({
        nameNative: 'أَحْمَد',
        nameLatin: 'Ahmed BENALI',
        organisation: 'Agence Nationale',
        function: 'Chef de Sécurité',
      }),
    );
    expect(text).toBe('احمد ahmed benali agence nationale chef de securite');
    expect(text).toContain(foldForSearch('احمد'));
  });
});
