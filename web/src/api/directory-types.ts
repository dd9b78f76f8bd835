import type { Static } from 'typebox';
import type {
  ZAcceptancePreview,
  ZAcceptanceResult,
  ZEntryWithHistory,
  ZImportResult,
} from '../../../common/schemas/directory.ts';

/** Types common/ declares only as schemas; type-only imports, so no schema code reaches the bundle. */
export type AcceptancePreview = Static<typeof ZAcceptancePreview>;
export type AcceptanceResult = Static<typeof ZAcceptanceResult>;
export type EntryWithHistory = Static<typeof ZEntryWithHistory>;
export type ImportResult = Static<typeof ZImportResult>;
