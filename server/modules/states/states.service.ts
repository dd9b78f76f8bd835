import { foldForSearch } from '../../../common/search-fold.ts';
import type { Locale } from '../../../common/locales.ts';
import type { State, StateListQuery } from '../../../common/schemas/states.ts';
import { AppError } from '../../errors.ts';
import { requireAccess } from '../../auth/access.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/client.ts';
import * as repo from './states.repository.ts';
import { readReferenceStates } from './states.reference.ts';

/** Brings the states table in line with data/states.json. Idempotent; run at every boot. */
export async function syncReferenceStates(db: Db): Promise<number> {
  const reference = readReferenceStates();
  await repo.upsertStates(db, reference);
  return reference.length;
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
