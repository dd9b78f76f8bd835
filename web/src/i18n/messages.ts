import type en from '../../../locales/en.json';
import { directionOf, isLocale, negotiateLocale, type Locale } from '../../../common/locales.ts';

/** Every message key, taken from the English catalogue: a typo in a key fails the type check. */
export type MessageKey = keyof typeof en;
export type Messages = Record<string, string>;

const STORAGE_KEY = 'pocdir.locale';

function isMessages(value: unknown): value is Messages {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string');
}

/**
 * Loads one language's catalogue. The template import makes Vite emit one chunk per language,
 * so a browser downloads only the language it shows.
 */
export async function loadMessages(locale: Locale): Promise<Messages> {
  const module: unknown = await import(`../../../locales/${locale}.json`);
  const catalogue = typeof module === 'object' && module !== null && 'default' in module ? module.default : module;
  if (!isMessages(catalogue)) throw new Error(`locales/${locale}.json is not a flat catalogue`);
  return catalogue;
}

/** The language chosen earlier on this device, else the browser's preference, else English. */
export function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage can be disabled (private mode, policy): fall through to the browser languages.
  }
  return negotiateLocale(navigator.languages.join(','));
}

/** Whether someone chose a language on this device (then nothing may switch it for them). */
export function hasChosenLocale(): boolean {
  try {
    return isLocale(localStorage.getItem(STORAGE_KEY));
  } catch {
    return false;
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembering the choice on this device is harmless.
  }
}

/** Keeps <html lang dir> in step so screen readers, fonts and the mirrored layout follow the language. */
export function applyDocumentLocale(locale: Locale): void {
  document.documentElement.lang = locale === 'zh' ? 'zh-Hans' : locale;
  document.documentElement.dir = directionOf(locale);
}

/**
 * The tag given to Intl. UN Arabic documents write numbers with the digits 0–9, so Arabic asks
 * for the Latin numbering system; Chinese is the simplified script.
 */
export function intlTagOf(locale: Locale): string {
  if (locale === 'ar') return 'ar-u-nu-latn';
  if (locale === 'zh') return 'zh-Hans';
  return locale;
}
