import { asc, desc, eq } from 'drizzle-orm';
import type { RegionalGroup } from '../../../common/regional-groups.ts';
import type { Db } from '../../db/client.ts';
import { directoryEntries, directoryRevision, states } from '../../db/schema.ts';
import type { EntryFilter, EntryRow } from './directory.repository.ts';

interface Loaded {
  revision: number;
  /** Every entry, active and retired, in the directory's listing order, with its State's group. */
  rows: { row: EntryRow; group: RegionalGroup }[];
}

// One snapshot per database handle (tests run several apps in one process, each on its own database).
const snapshots = new WeakMap<Db, { loaded?: Loaded; loading?: Promise<Loaded> }>();

async function currentRevision(db: Db): Promise<number> {
  const [row] = await db.select({ revision: directoryRevision.revision }).from(directoryRevision);
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
      return { revision, rows };
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

/** One page of entries matching the filter, and how many match, from the in-memory directory. */
export async function searchSnapshot(
  db: Db,
  filter: EntryFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: EntryRow[]; total: number }> {
  const { rows } = await snapshotOf(db);
  const found: EntryRow[] = [];
  let total = 0;
  for (const { row, group } of rows) {
    if (!matches(row, group, filter)) continue;
    if (total >= page.offset && found.length < page.limit) found.push(row);
    total++;
  }
  return { rows: found, total };
}
