import type { DirectoryEntry } from '../../../common/schemas/directory.ts';

/**
 * The machine-readable export: the presented entries plus each State's name, wrapped with a
 * format marker and version so that a national system can tell what it is reading. The caller's
 * abilities are dropped; they describe this session, not the directory.
 */
export function entriesToJson(
  entries: readonly DirectoryEntry[],
  stateName: (m49: string) => string,
  now = new Date(),
) {
  return {
    format: 'pocdir-directory',
    version: 1,
    exportedAt: now.toISOString(),
    entries: entries.map(({ abilities: _abilities, ...entry }) => ({ ...entry, stateName: stateName(entry.stateM49) })),
  };
}
