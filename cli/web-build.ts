import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Io } from './command.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['web', 'locales', 'common'].map((dir) => path.join(ROOT, dir));
const BUILT_INDEX = path.join(ROOT, 'web', 'dist', 'index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** `npm start` on a fresh clone builds the UI once; later starts skip it unless sources changed. */
export async function buildWebIfStale(io: Io): Promise<void> {
  const builtAt = fs.existsSync(BUILT_INDEX) ? fs.statSync(BUILT_INDEX).mtimeMs : 0;
  const changedAt = Math.max(...SOURCES.filter((d) => fs.existsSync(d)).map(newestMtime));
  if (builtAt >= changedAt) return;
  io.out('Building the web UI (first start, or its sources changed)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
}
