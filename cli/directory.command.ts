import fs from 'node:fs';
import { EXPORT_FORMATS, type ExportFormat } from '../common/directory.ts';
import { isLocale } from '../common/locales.ts';
import { CLI_ACTOR } from '../server/auth/actor.ts';
import { prepareDatabase } from '../server/boot.ts';
import { loadConfig } from '../server/config.ts';
import { exportDirectory } from '../server/modules/directory/directory.service.ts';
import { importNominations } from '../server/modules/directory/nomination-import.service.ts';
import { requiredOption, stringOption, UsageError, type Command, type ParsedArgs } from './command.ts';

const M49 = /^[0-9]{3}$/;

function exportFormat(args: ParsedArgs): ExportFormat {
  const format = requiredOption(args, 'format');
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of: ${EXPORT_FORMATS.join(', ')}`);
  }
  return format as ExportFormat;
}

function stateOption(args: ParsedArgs): string | undefined {
  const state = stringOption(args, 'state');
  if (state !== undefined && !M49.test(state)) throw new UsageError('--state takes a 3-digit UN M49 code, e.g. 288');
  return state;
}

export const directoryCommand: Command = {
  name: 'directory',
  summary: [
    'export: write the directory (or one State) as vCard 4.0, CSV or JSON, to --out or standard output.',
    'import FILE: submit the nominations in a CSV file for one State (--state); every row is checked',
    'and nothing is submitted unless all rows are valid. The directory manager then verifies them.',
  ].join('\n'),
  usage: 'pocdir directory export --format vcard|csv|json [--state M49] [--out FILE] | import FILE --state M49',
  options: {
    format: { type: 'string', description: 'export: vcard, csv or json' },
    state: { type: 'string', description: 'UN M49 code of one State, e.g. 288' },
    out: { type: 'string', description: 'export: write to this file instead of standard output' },
    language: { type: 'string', description: 'export: language of State names (ar, en, es, fr, ru, zh; default en)' },
  } as Command['options'],
  async run(args, io) {
    const [verb, file] = args.positionals;
    if (verb !== 'export' && verb !== 'import') throw new UsageError('expected: pocdir directory export|import');
    if (verb === 'import' && file === undefined)
      throw new UsageError('expected: pocdir directory import FILE --state M49');
    const language = stringOption(args, 'language') ?? 'en';
    if (!isLocale(language)) throw new UsageError('--language must be one of: ar, en, es, fr, ru, zh');
    const state = stateOption(args);
    const format = verb === 'export' ? exportFormat(args) : undefined;
    // Read the input before opening the database, so a missing file fails fast and clearly.
    const csv = verb === 'import' && file !== undefined ? fs.readFileSync(file, 'utf8') : '';
    if (verb === 'import' && state === undefined) throw new UsageError('--state is required for import');
    const config = loadConfig();
    const database = await prepareDatabase(config, `pocdir directory ${verb}`);
    const deps = { db: database.db, config };
    try {
      if (format !== undefined) {
        const exported = await exportDirectory(deps, CLI_ACTOR, { format, stateM49: state }, language);
        const out = stringOption(args, 'out');
        if (out === undefined) io.out(exported.body);
        else {
          fs.writeFileSync(out, exported.body);
          io.err(`Wrote ${out}`);
        }
        return 0;
      }
      const result = await importNominations(deps, CLI_ACTOR, csv, state, null);
      io.out(`Submitted ${result.created} nomination(s) for State ${state ?? ''}; they now wait for verification.`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
