import fs from 'node:fs';
import { projectPath } from '../../project-root.ts';
import type { State } from '../../../common/schemas/states.ts';

const STATES_FILE = projectPath('data', 'states.json');

/** The 193 Member States and 2 observer States from data/states.json (see data/SOURCES.md). */
export function readReferenceStates(): State[] {
  const raw = JSON.parse(fs.readFileSync(STATES_FILE, 'utf8')) as Array<State & { groupNote?: string }>;
  return raw.map(({ m49, alpha2, alpha3, group, status, names }) => ({ m49, alpha2, alpha3, group, status, names }));
}
