import type { Locale } from '../../../common/locales.ts';
import type { RegionalGroup } from '../../../common/regional-groups.ts';
import type { State } from '../../../common/schemas/states.ts';

/**
 * Folds case and strips combining marks, so "cote d ivoire" finds "Côte d’Ivoire" and an Arabic
 * search typed without hamza or short vowels ("افغانستان") finds "أفغانستان".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\p{M}\u0640]/gu, '')
    .replace(/[’'`´\-‐]/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export interface StateFilter {
  query: string;
  group: RegionalGroup | '';
}

/** States whose name in the UI language (or ISO code / M49) matches, sorted by that name. */
export function filterStates(states: readonly State[], filter: StateFilter, locale: Locale): State[] {
  const needle = foldForSearch(filter.query);
  const collator = new Intl.Collator(locale);
  return states
    .filter((state) => !filter.group || state.group === filter.group)
    .filter(
      (state) =>
        !needle ||
        foldForSearch(state.names[locale]).includes(needle) ||
        state.alpha3.toLowerCase() === needle ||
        state.alpha2.toLowerCase() === needle ||
        state.m49 === needle,
    )
    .sort((a, b) => collator.compare(a.names[locale], b.names[locale]));
}
