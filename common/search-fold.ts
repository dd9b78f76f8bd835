const ALEF_FORMS = /[\u0622\u0623\u0625\u0671]/gu;
const ALEF_MAQSURA = /\u0649/gu;
const TATWEEL = /\u0640/gu;
const COMBINING_MARKS = /\p{M}/gu;

/**
 * The form names are indexed and searched in, so that a query typed without accents, harakat or
 * hamza, or in another letter case, still finds "Hélène", "مُحَمَّد", "إبراهيم" or "ИВАНОВ".
 * Used on both sides: stored search text and the query.
 */
export function foldForSearch(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(COMBINING_MARKS, '')
      // Alef wasla does not decompose; the hamza forms already lost their hamza above.
      .replace(ALEF_FORMS, '\u0627')
      .replace(ALEF_MAQSURA, '\u064A')
      .replace(TATWEEL, '')
      .toLocaleLowerCase('und')
      .replace(/[’‘`]/gu, "'")
      .replace(/\s+/gu, ' ')
      .trim()
  );
}
