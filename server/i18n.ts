import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { LOCALES, type Locale } from '../common/locales.ts';
import { projectPath } from './project-root.ts';

/**
 * Server-side messages (errors, e-mails, CLI) from the same locales/<lang>.json catalogues
 * the web UI uses, so a message is translated once.
 */
const LOCALES_DIR = projectPath('locales');

type Catalogue = Record<string, string>;
const catalogues = new Map<Locale, Catalogue>();
const compiled = new Map<string, IntlMessageFormat>();

function catalogue(locale: Locale): Catalogue {
  let found = catalogues.get(locale);
  if (!found) {
    found = JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, `${locale}.json`), 'utf8')) as Catalogue;
    catalogues.set(locale, found);
  }
  return found;
}

/** Formats message `key` in `locale`, falling back to English, then to the key itself. */
export function translate(locale: Locale, key: string, values?: Record<string, string | number>): string {
  const source = catalogue(locale)[key] ?? catalogue('en')[key];
  if (source === undefined) return key;
  const cacheKey = `${locale}\u0000${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(source, locale);
    compiled.set(cacheKey, format);
  }
  return String(format.format(values));
}

export function loadAllCatalogues(): Record<Locale, Catalogue> {
  return Object.fromEntries(LOCALES.map((l) => [l, catalogue(l)])) as Record<Locale, Catalogue>;
}

/** A timestamp as every mail and document writes it, unambiguous across time zones: "2026-11-24 13:51 UTC". */
export function formatUtc(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Formatters by language and time zone. Building one costs far more than using it (a ping test
 * formats 20,000 deadlines over a few dozen zones); both keys come from bounded sets.
 */
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** A date and time as a wall clock in `timeZone` shows it, in the reader's language, with the zone's name. */
export function formatInZone(date: Date, locale: Locale, timeZone: string): string {
  try {
    const tag = locale === 'ar' ? 'ar-u-nu-latn' : locale;
    const key = `${tag}\u0000${timeZone}`;
    let formatter = zoneFormatters.get(key);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat(tag, { dateStyle: 'full', timeStyle: 'short', timeZone });
      zoneFormatters.set(key, formatter);
    }
    return `${formatter.format(date)} (${timeZone})`;
  } catch {
    return formatUtc(date);
  }
}

/** A language tag's name in the reader's language ("ar" → "arabe" in French), or the tag itself. */
export function languageNameIn(tag: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
