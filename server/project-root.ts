import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The checkout's root (where package.json is), found by walking up from this module: the same
 * answer whether the server runs from its TypeScript sources or from the bundle in dist/server
 * (bin/build-server.mjs), so data files, migrations, locales and the built UI are found either way.
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the checkout, e.g. projectPath('data', 'states.json'). */
export function projectPath(...parts: string[]): string {
  return path.join(PROJECT_ROOT, ...parts);
}

/** True when this code runs from dist/server's bundle rather than from the TypeScript sources. */
export const RUNNING_FROM_BUNDLE = !fileURLToPath(import.meta.url).endsWith('.ts');
