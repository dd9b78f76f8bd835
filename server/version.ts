import fs from 'node:fs';
import { projectPath } from './project-root.ts';

/** The package version, read once from package.json. */
export const VERSION: string = (JSON.parse(fs.readFileSync(projectPath('package.json'), 'utf8')) as { version: string })
  .version;
