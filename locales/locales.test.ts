import fs from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../common/errors.ts';
import { LOCALES } from '../common/locales.ts';
import { REGIONAL_GROUPS } from '../common/regional-groups.ts';
import { ROLES } from '../common/roles.ts';

const catalogues = Object.fromEntries(
  LOCALES.map((locale) => [
    locale,
    JSON.parse(fs.readFileSync(new URL(`./${locale}.json`, import.meta.url), 'utf8')) as Record<string, string>,
  ]),
);
const english = catalogues.en!;

describe('locale catalogues', () => {
  it.each(LOCALES)('%s has exactly the keys of en', (locale) => {
    const keys = Object.keys(catalogues[locale]!).sort();
    const missing = Object.keys(english).filter((k) => !(k in catalogues[locale]!));
    const extra = keys.filter((k) => !(k in english));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(LOCALES)('every %s message is valid ICU and formats', (locale) => {
    for (const [key, message] of Object.entries(catalogues[locale]!)) {
      // Any argument name a message uses gets a number, so plural and select branches are exercised.
      const anyValue = new Proxy({}, { has: () => true, get: () => 2 });
      expect(() => new IntlMessageFormat(message, locale).format(anyValue), key).not.toThrow();
    }
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s is translated, not an English copy', (locale) => {
    const same = Object.keys(english).filter(
      (k) => catalogues[locale]![k] === english[k] && /[a-z]{4,}/i.test(english[k]!),
    );
    // Proper names and codes may coincide (pocdir, TLP labels); whole sentences may not.
    expect(same.length / Object.keys(english).length).toBeLessThan(0.05);
  });

  it('has a message for every error code, role and regional group', () => {
    for (const code of ERROR_CODES) expect(english[`error.${code}`], code).toBeTruthy();
    for (const role of ROLES) expect(english[`role.${role}`], role).toBeTruthy();
    for (const group of REGIONAL_GROUPS) expect(english[`group.${group}`], group).toBeTruthy();
  });
});
