import fs from 'node:fs';
import { newestMtime } from '../bin/server-bundle.mjs';
import { projectPath } from '../server/project-root.ts';
import type { Io } from './command.ts';

// From the checkout's root, not from this module: in the compiled server this code is in
// dist/server/chunks, where a path relative to it found no sources and so never rebuilt the UI.
const SOURCES = ['web', 'locales', 'common'].map((dir) => projectPath(dir));
const BUILT_INDEX = projectPath('web', 'dist', 'index.html');

/** `npm start` on a fresh clone builds the UI once; later starts skip it unless sources changed. */
export async function buildWebIfStale(io: Io): Promise<void> {
  const builtAt = fs.existsSync(BUILT_INDEX) ? fs.statSync(BUILT_INDEX).mtimeMs : 0;
  const changedAt = Math.max(
    ...SOURCES.filter((d) => fs.existsSync(d)).map((d) => newestMtime(d, ['dist', 'node_modules'])),
  );
  if (builtAt >= changedAt) return;
  io.out('Building the web UI (first start, or its sources changed)…');
  const { build } = await import('vite');
  await build({ configFile: projectPath('web', 'vite.config.ts'), logLevel: 'warn' });
}
