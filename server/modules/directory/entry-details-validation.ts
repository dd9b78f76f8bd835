import type { FieldError } from '../../../common/errors.ts';
import type { EntryDetails } from '../../../common/schemas/directory.ts';
import { foldForSearch } from '../../../common/search-fold.ts';

/**
 * The parts of the details these checks read. EntryDetails satisfies it; the CSV import passes a
 * row that is only partly valid so that every problem of every row is reported in one go.
 */
export type CheckableDetails = Pick<EntryDetails, 'available247' | 'emails' | 'workingLanguages' | 'timeZone'> & {
  phones: readonly { available247: boolean }[];
};

/** Whether the runtime's time zone database knows the name (canonical or a link such as Asia/Calcutta). */
export function isTimeZone(name: string): boolean {
  // Offsets like +05:00 are not IANA names; newer runtimes would accept them.
  if (name.trim() === '' || /^[+-]/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Whether the text is a well-formed BCP 47 language tag (as Intl understands one). */
export function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/**
 * The checks a JSON schema cannot express: a real time zone, real language tags, no e-mail twice,
 * and a 24/7 contact reachable by a 24/7 phone. Returns every problem (empty when fine) so forms
 * and the CSV import can show them all at once.
 */
export function validateEntryDetails(details: CheckableDetails, pointerPrefix = '/details'): FieldError[] {
  const problems: FieldError[] = [];
  if (!isTimeZone(details.timeZone)) problems.push({ field: `${pointerPrefix}/timeZone`, reason: 'time_zone' });
  details.workingLanguages.forEach((tag, index) => {
    if (!isLanguageTag(tag)) {
      problems.push({ field: `${pointerPrefix}/workingLanguages/${index}`, reason: 'language_tag' });
    }
  });
  const seen = new Set<string>();
  details.emails.forEach((email, index) => {
    // Domains are case-insensitive and no mail system in practice distinguishes local-part case.
    const key = email.trim().toLowerCase();
    if (seen.has(key)) problems.push({ field: `${pointerPrefix}/emails/${index}`, reason: 'duplicate' });
    seen.add(key);
  });
  if (details.available247 && !details.phones.some((phone) => phone.available247)) {
    problems.push({ field: `${pointerPrefix}/phones`, reason: 'phone_247_required' });
  }
  return problems;
}

/** The one search column of an entry: everything a colleague may type to find a contact. */
export function searchTextOf(
  details: Pick<EntryDetails, 'nameNative' | 'nameLatin' | 'organisation' | 'function'>,
): string {
  return foldForSearch([details.nameNative, details.nameLatin, details.organisation, details.function].join(' '));
}
