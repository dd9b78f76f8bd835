import { POC_KINDS, type PocKind } from '../../../../common/directory.ts';
import type { Locale } from '../../../../common/locales.ts';
import { REGIONAL_GROUPS, type RegionalGroup } from '../../../../common/regional-groups.ts';
import type { DirectoryEntry, EntryListQuery } from '../../../../common/schemas/directory.ts';
import type { State } from '../../../../common/schemas/states.ts';
import { kindOrder } from '../../components/directory-labels.ts';

/** The directory page's filters; they live in the address, so a filtered view can be bookmarked and shared. */
export interface DirectoryFilter {
  q: string;
  group: RegionalGroup | '';
  stateM49: string;
  kind: PocKind | '';
  language: string;
  available247: boolean;
  stale: boolean;
}

export const NO_FILTER: DirectoryFilter = {
  q: '',
  group: '',
  stateM49: '',
  kind: '',
  language: '',
  available247: false,
  stale: false,
};

const isGroup = (value: string): value is RegionalGroup => (REGIONAL_GROUPS as readonly string[]).includes(value);
const isKind = (value: string): value is PocKind => (POC_KINDS as readonly string[]).includes(value);
const LANGUAGE = /^[A-Za-z]{2,3}$/;
const M49 = /^[0-9]{3}$/;

export function filterFromSearch(search: string): DirectoryFilter {
  const params = new URLSearchParams(search);
  const group = params.get('group') ?? '';
  const kind = params.get('kind') ?? '';
  const state = params.get('state') ?? '';
  return {
    q: params.get('q') ?? '',
    group: isGroup(group) ? group : '',
    stateM49: M49.test(state) ? state : '',
    kind: isKind(kind) ? kind : '',
    language: params.get('language') ?? '',
    available247: params.get('available247') === 'true',
    stale: params.get('stale') === 'true',
  };
}

export function searchOf(filter: DirectoryFilter): '' | `?${string}` {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.group) params.set('group', filter.group);
  if (filter.stateM49) params.set('state', filter.stateM49);
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.language) params.set('language', filter.language);
  if (filter.available247) params.set('available247', 'true');
  if (filter.stale) params.set('stale', 'true');
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** A language filter is sent only once it is a primary subtag ("fr"), not while it is being typed. */
export function isLanguageFilter(value: string): boolean {
  return LANGUAGE.test(value.trim());
}

export function queryOf(filter: DirectoryFilter, page: { limit: number; offset: number }): EntryListQuery {
  const q = filter.q.trim();
  return {
    ...(q ? { q } : {}),
    ...(filter.group ? { group: filter.group } : {}),
    ...(filter.stateM49 ? { stateM49: filter.stateM49 } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(isLanguageFilter(filter.language) ? { language: filter.language.trim().toLowerCase() } : {}),
    ...(filter.available247 ? { available247: true } : {}),
    ...(filter.stale ? { stale: true } : {}),
    limit: page.limit,
    offset: page.offset,
  };
}

export interface StateEntries {
  m49: string;
  name: string;
  entries: DirectoryEntry[];
}

export interface GroupEntries {
  group: RegionalGroup;
  states: StateEntries[];
}

/** Policy level first, primary before alternates, then by Latin name. */
export function compareEntries(a: DirectoryEntry, b: DirectoryEntry): number {
  return (
    kindOrder(a.kind) - kindOrder(b.kind) ||
    Number(a.slotRole === 'alternate') - Number(b.slotRole === 'alternate') ||
    a.nameLatin.localeCompare(b.nameLatin)
  );
}

/** Entries by regional group (UN order), then by State (sorted by its name in the UI language). */
export function groupEntries(
  entries: readonly DirectoryEntry[],
  states: readonly State[],
  locale: Locale,
): GroupEntries[] {
  const byM49 = new Map(states.map((state) => [state.m49, state]));
  const collator = new Intl.Collator(locale);
  const groups = new Map<RegionalGroup, Map<string, StateEntries>>();
  for (const entry of entries) {
    const state = byM49.get(entry.stateM49);
    // Every entry's State is in the reference list (a foreign key); the list is loaded before this runs.
    if (!state) continue;
    const inGroup = groups.get(state.group) ?? new Map<string, StateEntries>();
    groups.set(state.group, inGroup);
    const bucket = inGroup.get(entry.stateM49) ?? { m49: entry.stateM49, name: state.names[locale], entries: [] };
    bucket.entries.push(entry);
    inGroup.set(entry.stateM49, bucket);
  }
  return REGIONAL_GROUPS.filter((group) => groups.has(group)).map((group) => ({
    group,
    states: [...(groups.get(group)?.values() ?? [])]
      .sort((a, b) => collator.compare(a.name, b.name))
      .map((bucket) => ({ ...bucket, entries: [...bucket.entries].sort(compareEntries) })),
  }));
}
