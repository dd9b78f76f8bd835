// The server and CLI compiled ahead of time into dist/server (one ES module each for the command and
// the audit worker; packages stay in node_modules): starts in ~2 s less than through tsx's loader and
// with ~75 MiB less memory (P4 in docs/performance.md). Plain JavaScript: it runs before any loader.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Everything the bundle is made of; a change to any of them makes it stale. */
const SOURCES = ['server', 'cli', 'common'].map((dir) => path.join(ROOT, dir));
const MANIFESTS = ['package.json', 'package-lock.json', 'tsconfig.json'].map((file) => path.join(ROOT, file));
export const BUNDLE_DIR = path.join(ROOT, 'dist', 'server');
const ENTRY_FILE = 'pocdir.mjs';

/** The newest modification time of a file under `dir`, leaving out the directories named in `skip`. */
export function newestMtime(dir, skip = []) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (skip.includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full, skip) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function sourcesChangedAt() {
  return Math.max(
    ...SOURCES.map((dir) => newestMtime(dir)),
    ...MANIFESTS.filter((file) => fs.existsSync(file)).map((file) => fs.statSync(file).mtimeMs),
  );
}

/** The bundle's entry when it was built after the last change to any source, else undefined. */
export function freshBundleEntry(dir = BUNDLE_DIR) {
  const entry = path.join(dir, ENTRY_FILE);
  try {
    return fs.statSync(entry).mtimeMs >= sourcesChangedAt() ? pathToFileURL(entry).href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Builds the bundle into `dir`. The files are written beside it and renamed into place, the entry
 * last and dated from the start of the build, so that a command never loads half a bundle and a
 * source saved during the build still makes it stale.
 */
export async function buildBundle(dir = BUNDLE_DIR) {
  const startedAt = new Date();
  const { build } = await import('esbuild');
  const staging = `${dir}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    await build({
      absWorkingDir: ROOT,
      entryPoints: {
        pocdir: 'cli/main.ts',
        'audit-chain-worker': 'server/modules/audit/audit.chain.worker.ts',
      },
      outdir: staging,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      // Each command's code in its own chunk, loaded when it runs (cli/main.ts imports them lazily).
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      logLevel: 'warning',
    });
    // Chunks first (their names carry a hash, so a server still running the previous build keeps
    // finding its own), then the entries, the command's entry last.
    fs.mkdirSync(path.join(dir, 'chunks'), { recursive: true });
    for (const file of fs.readdirSync(path.join(staging, 'chunks')))
      fs.renameSync(path.join(staging, 'chunks', file), path.join(dir, 'chunks', file));
    const files = fs
      .readdirSync(staging)
      .filter((file) => file !== 'chunks')
      .sort((a, b) => (a === ENTRY_FILE) - (b === ENTRY_FILE));
    for (const file of files) fs.renameSync(path.join(staging, file), path.join(dir, file));
    fs.utimesSync(path.join(dir, ENTRY_FILE), startedAt, startedAt);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
