import type { DirectoryEntry, PseudonymiseRequest } from '../../../../common/schemas/directory.ts';
import { request } from '../../api/client.ts';

// Beside its one caller rather than in api/directory.ts, which another change was editing; it can move there.
export const pseudonymiseEntry = (entryId: string, body: PseudonymiseRequest) =>
  request<DirectoryEntry>('POST', `/directory/entries/${encodeURIComponent(entryId)}/pseudonymise`, { body });
