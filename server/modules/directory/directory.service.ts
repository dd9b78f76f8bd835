import type { Locale } from '../../../common/locales.ts';
import type { EntryListQuery, ExportQuery } from '../../../common/schemas/directory.ts';
import { requireAccess } from '../../auth/access.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { listStates as listStateRows } from '../states/states.repository.ts';
import { entriesToCsv } from './directory-csv.ts';
import { entriesToJson } from './directory-json.ts';
import { entriesToVCard } from './directory-vcard.ts';
import { presentEntry, presentVersion, type Viewer } from './directory.presenter.ts';
import * as repo from './directory.repository.ts';
import { searchSnapshot } from './directory-snapshot.ts';
import { foldForSearch } from '../../../common/search-fold.ts';
import type { DirectoryDeps } from './nominations.service.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

function viewerOf(deps: DirectoryDeps, actor: Actor, now: Date): Viewer {
  return { actor, now, config: deps.config };
}

/** Entries last confirmed at or before this instant are stale now. */
export function staleBefore(deps: DirectoryDeps, now: Date): Date {
  return new Date(now.getTime() - deps.config.RECONFIRM_CADENCE_DAYS * DAY_MS);
}

/**
 * Searches the directory. Every signed-in role but the auditor reads every participating
 * State's entries; the presenter hides restricted fields from other States.
 */
export async function listEntries(deps: DirectoryDeps, actor: Actor, query: EntryListQuery, now = new Date()) {
  requireAccess(actor, 'directory.read');
  const text = query.q !== undefined ? foldForSearch(query.q) : '';
  const { rows, total } = await searchSnapshot(
    deps.db,
    {
      text: text || undefined,
      stateM49: query.stateM49,
      group: query.group,
      kind: query.kind,
      language: query.language?.toLowerCase(),
      available247: query.available247,
      stale: query.stale,
      staleBefore: staleBefore(deps, now),
      includeRetired: query.includeRetired ?? false,
    },
    { limit: query.limit ?? 100, offset: query.offset ?? 0 },
  );
  const viewer = viewerOf(deps, actor, now);
  return { items: rows.map((row) => presentEntry(row, viewer)), total };
}

/** One entry with every version, newest first; retired entries stay readable here. */
export async function getEntryWithHistory(deps: DirectoryDeps, actor: Actor, id: string, now = new Date()) {
  requireAccess(actor, 'directory.read');
  const row = await repo.unsafeFindEntryById(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const viewer = viewerOf(deps, actor, now);
  const versions = await repo.listVersions(deps.db, id);
  return { entry: presentEntry(row, viewer), history: versions.map((v) => presentVersion(row, v, viewer)) };
}

/** The national authority confirms that an entry of its State is still valid: it is fresh again. */
export async function confirmEntry(
  deps: DirectoryDeps,
  actor: Actor,
  id: string,
  requestId: string | null,
  now = new Date(),
) {
  const existing = await repo.unsafeFindEntryById(deps.db, id);
  if (!existing) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'directory.confirm', [existing.stateM49]);
  const updated = await deps.db.transaction(async (tx) => {
    const row = await repo.lockEntry(tx, id);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.status !== 'active') throw new AppError('ENTRY_RETIRED');
    const confirmed = await repo.updateEntry(tx, id, { lastConfirmedAt: now });
    await recordAudit(tx, actor, requestId, {
      action: 'entry.confirm',
      targetType: 'directory_entry',
      targetId: id,
      stateM49: row.stateM49,
      before: { lastConfirmedAt: row.lastConfirmedAt },
      after: { lastConfirmedAt: now },
    });
    return confirmed;
  });
  return presentEntry(updated, viewerOf(deps, actor, now));
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: string;
}

/**
 * The directory (or one State, or one entry) as vCard 4.0, CSV or JSON, with exactly the
 * fields the caller may see. State names in `locale`.
 */
export async function exportDirectory(
  deps: DirectoryDeps,
  actor: Actor,
  query: ExportQuery & { entryId?: string },
  locale: Locale,
  now = new Date(),
): Promise<ExportFile> {
  requireAccess(actor, 'directory.read');
  let rows: repo.EntryRow[];
  if (query.entryId !== undefined) {
    const row = await repo.unsafeFindEntryById(deps.db, query.entryId);
    if (!row) throw new AppError('NOT_FOUND');
    rows = [row];
  } else {
    rows = await repo.listAllEntries(deps.db, { stateM49: query.stateM49, includeRetired: false });
  }
  const viewer = viewerOf(deps, actor, now);
  const presented = rows.map((row) => presentEntry(row, viewer));
  const names = new Map((await listStateRows(deps.db)).map((s) => [s.m49, s.names[locale]]));
  const stateName = (m49: string) => names.get(m49) ?? m49;
  const base =
    query.entryId !== undefined
      ? `pocdir-entry-${query.entryId.slice(0, 8)}`
      : `pocdir-directory${query.stateM49 !== undefined ? `-${query.stateM49}` : ''}-${now.toISOString().slice(0, 10)}`;
  switch (query.format) {
    case 'vcard':
      return {
        fileName: `${base}.vcf`,
        contentType: 'text/vcard; charset=utf-8',
        body: entriesToVCard(presented, stateName),
      };
    case 'csv':
      return {
        fileName: `${base}.csv`,
        contentType: 'text/csv; charset=utf-8',
        body: entriesToCsv(presented, stateName),
      };
    case 'json':
      return {
        fileName: `${base}.json`,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify(entriesToJson(presented, stateName), null, 2),
      };
  }
}
