import { asc, desc, eq } from 'drizzle-orm';
import type { RegionalGroup } from '../../../common/regional-groups.ts';
import type { Db } from '../../db/client.ts';
import { directoryEntries, directoryRevision, states } from '../../db/schema.ts';
import type { EntryFilter, EntryRow } from './directory.repository.ts';
import { TrigramIndex } from './trigram-index.ts';

interface Loaded {
  revision: number;
  /** Every entry, active and retired, in the directory's listing order, with its State's group. */
  rows: { row: EntryRow; group: RegionalGroup }[];
  /** Built on the first text search of this revision. */
  trigrams?: TrigramIndex;
  /** Where each State's entries are in `rows` (the listing order starts with the State). */
  stateRanges: Map<string, { from: number; to: number }>;
  /** The matching rows of recent filters: paging through a result, or searching it again, reads nothing. */
  results: Map<string, Int32Array>;
  resultRows: number;
}

// Bounds of the per-revision result cache: recent filters, and at most this many row numbers in all.
const MAX_CACHED_RESULTS = 1000;
const MAX_CACHED_ROWS = 2_000_000;

// One snapshot per database handle (tests run several apps in one process, each on its own database).
const snapshots = new WeakMap<Db, { loaded?: Loaded; loading?: Promise<Loaded> }>();

function revisionQuery(db: Db) {
  return db
    .select({ revision: directoryRevision.revision })
    .from(directoryRevision)
    .prepare('pocdir_directory_revision');
}

// Read before every search: built once per database handle.
const revisionQueries = new WeakMap<Db, ReturnType<typeof revisionQuery>>();

async function currentRevision(db: Db): Promise<number> {
  let query = revisionQueries.get(db);
  if (!query) revisionQueries.set(db, (query = revisionQuery(db)));
  const [row] = await query.execute();
  return row?.revision ?? -1;
}

/** Reads the revision and every entry in one repeatable-read transaction, so the two agree. */
async function load(db: Db): Promise<Loaded> {
  return db.transaction(
    async (tx) => {
      const revision = await currentRevision(tx);
      const rows = await tx
        .select({ row: directoryEntries, group: states.group })
        .from(directoryEntries)
        .innerJoin(states, eq(states.m49, directoryEntries.stateM49))
        // The order of listEntries in directory.repository.ts, applied by the database (its collation).
        .orderBy(
          asc(directoryEntries.stateM49),
          asc(directoryEntries.kind),
          desc(directoryEntries.slotRole),
          asc(directoryEntries.searchText),
          asc(directoryEntries.id),
        );
      const stateRanges = new Map<string, { from: number; to: number }>();
      rows.forEach(({ row }, at) => {
        const range = stateRanges.get(row.stateM49);
        if (range) range.to = at + 1;
        else stateRanges.set(row.stateM49, { from: at, to: at + 1 });
      });
      return { revision, rows, stateRanges, results: new Map(), resultRows: 0 };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/**
 * The directory as of the database's current revision: one small read per search, and the whole
 * directory (20,000 entries at a hundred times today's scale) read again only after it changed.
 * A search over names then costs microseconds instead of a scan (P1 in docs/performance.md).
 */
async function snapshotOf(db: Db): Promise<Loaded> {
  let state = snapshots.get(db);
  if (!state) {
    state = {};
    snapshots.set(db, state);
  }
  const revision = await currentRevision(db);
  if (state.loaded?.revision === revision) return state.loaded;
  const holder = state;
  holder.loading ??= load(db)
    .then((loaded) => {
      // A slower, older load must not replace a newer one.
      if (!holder.loaded || loaded.revision >= holder.loaded.revision) holder.loaded = loaded;
      return loaded;
    })
    .finally(() => (holder.loading = undefined));
  const loaded = await holder.loading;
  // Loaded before a change that committed while it ran: read again (rare, bounded by writers).
  return loaded.revision >= revision ? loaded : load(db);
}

/**
 * The same filter as conditionsOf in directory.repository.ts, in memory; directory-snapshot.test.ts
 * checks that both give the same entries in the same order for every kind of filter.
 */
function matches(row: EntryRow, group: RegionalGroup, filter: EntryFilter): boolean {
  if (!filter.includeRetired && row.status !== 'active') return false;
  if (filter.stateM49 !== undefined && row.stateM49 !== filter.stateM49) return false;
  if (filter.group !== undefined && group !== filter.group) return false;
  if (filter.kind !== undefined && row.kind !== filter.kind) return false;
  if (filter.language !== undefined && !row.languages.includes(filter.language)) return false;
  if (filter.available247 !== undefined && row.available247 !== filter.available247) return false;
  if (filter.text && !row.searchText.includes(filter.text)) return false;
  if (filter.stale !== undefined && filter.staleBefore !== undefined) {
    const stale = row.lastConfirmedAt.getTime() <= filter.staleBefore.getTime();
    if (filter.stale ? !(row.status === 'active' && stale) : stale) return false;
  }
  return true;
}

/** The rows (positions in `loaded.rows`, ascending) matching the filter, from the index where it helps. */
function matchingRows(loaded: Loaded, filter: EntryFilter): Int32Array {
  const { rows } = loaded;
  let candidates: Int32Array | undefined;
  if (filter.text) {
    loaded.trigrams ??= new TrigramIndex(rows.map(({ row }) => row.searchText));
    candidates = loaded.trigrams.candidates(filter.text);
  }
  const range =
    filter.stateM49 !== undefined ? (loaded.stateRanges.get(filter.stateM49) ?? { from: 0, to: 0 }) : undefined;
  const found: number[] = [];
  const consider = (at: number) => {
    const entry = rows[at];
    if (entry && matches(entry.row, entry.group, filter)) found.push(at);
  };
  if (candidates && range) {
    // Both narrow the search: the candidates inside the State's range (found by bisection).
    let low = 0;
    let high = candidates.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((candidates[middle] ?? 0) < range.from) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < candidates.length && (candidates[i] ?? 0) < range.to; i++) consider(candidates[i] ?? 0);
  } else if (candidates) {
    for (const at of candidates) consider(at);
  } else {
    for (let at = range?.from ?? 0, to = range?.to ?? rows.length; at < to; at++) consider(at);
  }
  return Int32Array.from(found);
}

/** matchingRows, remembered for this revision; filters on staleness depend on the time and are not kept. */
function cachedMatchingRows(loaded: Loaded, filter: EntryFilter): Int32Array {
  // staleBefore is given with every search but only counts with `stale` (see matches).
  if (filter.stale !== undefined) return matchingRows(loaded, filter);
  const key = JSON.stringify([
    filter.text,
    filter.stateM49,
    filter.group,
    filter.kind,
    filter.language,
    filter.available247,
    filter.includeRetired,
  ]);
  const cached = loaded.results.get(key);
  if (cached) {
    // Most recently used last: Map keeps insertion order.
    loaded.results.delete(key);
    loaded.results.set(key, cached);
    return cached;
  }
  const found = matchingRows(loaded, filter);
  loaded.results.set(key, found);
  loaded.resultRows += found.length;
  for (const [oldKey, old] of loaded.results) {
    if (loaded.results.size <= MAX_CACHED_RESULTS && loaded.resultRows <= MAX_CACHED_ROWS) break;
    loaded.results.delete(oldKey);
    loaded.resultRows -= old.length;
  }
  return found;
}

/** One page of entries matching the filter, and how many match, from the in-memory directory. */
export async function searchSnapshot(
  db: Db,
  filter: EntryFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: EntryRow[]; total: number }> {
  const loaded = await snapshotOf(db);
  const found = cachedMatchingRows(loaded, filter);
  const rows: EntryRow[] = [];
  for (const at of found.subarray(page.offset, page.offset + page.limit)) {
    const entry = loaded.rows[at];
    if (entry) rows.push(entry.row);
  }
  return { rows, total: found.length };
}
