// Types for bin/server-bundle.mjs (plain JavaScript, since it runs before any TypeScript loader).
export const BUNDLE_DIR: string;
/** The bundle's entry (a file: URL) when it was built after the last change to any source, else undefined. */
export function freshBundleEntry(dir?: string): string | undefined;
/** Builds the bundle into `dir` (default dist/server). */
export function buildBundle(dir?: string): Promise<void>;
/** The newest modification time of a file under `dir`, leaving out the directories named in `skip`. */
export function newestMtime(dir: string, skip?: readonly string[]): number;
