import { foldForSearch } from '../../../common/search-fold.ts';
import type { Locale } from '../../../common/locales.ts';
import type { State, StateListQuery } from '../../../common/schemas/states.ts';
import { AppError } from '../../errors.ts';
import { requireAccess } from '../../auth/access.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/client.ts';
import * as repo from './states.repository.ts';
import { readReferenceStates } from './states.reference.ts';

/**
 * Brings the states table in line with data/states.json. Idempotent; run at every boot, so it writes
 * only the rows that differ: rewriting all 195 on every start cost a few hundred milliseconds of it.
 */
export async function syncReferenceStates(db: Db): Promise<number> {
  const reference = readReferenceStates();
  const stored = new Map((await repo.listStates(db)).map((row) => [row.m49, row]));
  const changed = reference.filter((state) => !sameState(stored.get(state.m49), state));
  await repo.upsertStates(db, changed);
  return reference.length;
}

function sameState(row: repo.StateRow | undefined, state: State): boolean {
  if (!row) return false;
  const locales = new Set([...Object.keys(row.names), ...Object.keys(state.names)]) as Set<Locale>;
  return (
    row.alpha2 === state.alpha2 &&
    row.alpha3 === state.alpha3 &&
    row.group === state.group &&
    row.status === state.status &&
    [...locales].every((locale) => row.names[locale] === state.names[locale])
  );
}

/**
 * Every participating State (195 rows, so filtering in memory is cheaper than SQL),
 * optionally filtered by regional group and by a search over names in all six languages
 * and the ISO codes, sorted by the name in `sortLocale`.
 */
export async function listStates(db: Db, actor: Actor, query: StateListQuery): Promise<State[]> {
  requireAccess(actor, 'states.read');
  const rows = await repo.listStates(db);
  const needle = query.q ? foldForSearch(query.q.trim()) : '';
  const filtered = rows.filter((row) => {
    if (query.group && row.group !== query.group) return false;
    if (!needle) return true;
    const haystack = [...Object.values(row.names), row.alpha2, row.alpha3, row.m49];
    return haystack.some((value) => foldForSearch(value).includes(needle));
  });
  const locale: Locale = query.sortLocale ?? 'en';
  const collator = new Intl.Collator(locale);
  return filtered.sort((a, b) => collator.compare(a.names[locale], b.names[locale]));
}

export async function getState(db: Db, actor: Actor, m49: string): Promise<State> {
  requireAccess(actor, 'states.read');
  const [row] = await repo.findStates(db, [m49]);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** True when every code names a State; used by services that take State ids as input. */
export async function unsafeStatesExist(db: Db, m49s: string[]): Promise<boolean> {
  const unique = [...new Set(m49s)];
  const rows = await repo.findStates(db, unique);
  return rows.length === unique.length;
}
