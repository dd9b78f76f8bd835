import { CONFIG_VARIABLES } from '../config.ts';

const START = '<!-- variables:start (generated from server/config.ts by `npm run docs`) -->';
const END = '<!-- variables:end -->';

export function renderVariablesTable(): string {
  const rows = Object.entries(CONFIG_VARIABLES).map(([name, variable]) => {
    const shown = variable.default === undefined ? '*(unset)*' : `\`${variable.default}\``;
    return `| \`${name}\` | ${shown} | ${variable.description.replace(/\|/g, '\\|')} |`;
  });
  return [START, '| Variable | Default | Meaning |', '|---|---|---|', ...rows, END].join('\n');
}

/** Replaces the generated table inside docs/configuration.md, keeping the prose around it. */
export function renderConfigurationMarkdown(current: string): string {
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  if (start === -1 || end === -1) return `${current.trimEnd()}\n\n${renderVariablesTable()}\n`;
  return current.slice(0, start) + renderVariablesTable() + current.slice(end + END.length);
}
