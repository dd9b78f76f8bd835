import { Value } from 'typebox/value';
import type { FieldError } from '../../../common/errors.ts';
import {
  ZNominationRequest,
  type EntryDetails,
  type ImportRowError,
  type NominationRequest,
} from '../../../common/schemas/directory.ts';
import { CsvSyntaxError, parseCsv, toCsv } from './directory-csv.ts';
import { validateEntryDetails } from './entry-details-validation.ts';

/** The columns of the nomination import, in the order of the template. */
export const NOMINATION_CSV_COLUMNS = [
  'type',
  'target_entry_id',
  'kind',
  'slot_role',
  'available_24_7',
  'name_native',
  'name_latin',
  'function',
  'organisation',
  'emails',
  'phones',
  'secure_channels',
  'pgp_public_key',
  'working_languages',
  'time_zone',
  'availability_hours',
  'mandate',
  'reason',
  'note_verbale_ref',
  'note_verbale_date',
] as const;
type Column = (typeof NOMINATION_CSV_COLUMNS)[number];

const REQUIRED_COLUMNS: readonly Column[] = ['type', 'note_verbale_ref', 'note_verbale_date'];
const MAX_ROWS = 500;

/** The CSV column a request field (JSON pointer) came from, for per-row error reports. */
export function columnOf(pointer: string): string {
  const exact: Record<string, Column> = {
    '/type': 'type',
    '/noteVerbaleDate': 'note_verbale_date',
    '/noteVerbaleRef': 'note_verbale_ref',
    '/targetEntryId': 'target_entry_id',
    '/reason': 'reason',
    '/details': 'type',
    '/details/available247': 'available_24_7',
    '/details/pgpPublicKey': 'pgp_public_key',
  };
  const hit = exact[pointer];
  if (hit) return hit;
  const list = /^\/details\/(emails|phones|secureChannels|workingLanguages)(\/|$)/.exec(pointer);
  if (list?.[1]) return snake(list[1]);
  return snake(pointer.replace(/^\/(details\/)?/, '').split('/')[0] ?? 'type');
}

function snake(name: string): string {
  return name.replace(/([A-Z])/g, '_$1').toLowerCase();
}

function list(cell: string): string[] {
  return cell
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

const TRUE_WORDS = new Set(['yes', 'y', 'true', '1', '24/7']);
const FALSE_WORDS = new Set(['no', 'n', 'false', '0', '']);

function flag(cell: string): boolean | undefined {
  const word = cell.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/** "number|label|24/7|visibility" per phone, phones separated by ";". */
function phones(cell: string): EntryDetails['phones'] {
  return list(cell).map((part) => {
    const [number = '', label = '', h24 = '', visibility = 'directory'] = part.split('|').map((s) => s.trim());
    return {
      number,
      ...(label !== '' ? { label } : {}),
      available247: flag(h24) ?? false,
      visibility: (visibility || 'directory') as 'directory',
    };
  });
}

/** "channel|address|visibility" per channel, separated by ";". */
function channels(cell: string): EntryDetails['secureChannels'] {
  return list(cell).map((part) => {
    const [channel = '', address = '', visibility = 'directory'] = part.split('|').map((s) => s.trim());
    return { channel, address, visibility: (visibility || 'directory') as 'directory' };
  });
}

function detailsOf(cells: Record<Column, string>): EntryDetails {
  const details: EntryDetails = {
    kind: cells.kind.trim() as EntryDetails['kind'],
    slotRole: cells.slot_role.trim() as EntryDetails['slotRole'],
    available247: flag(cells.available_24_7) ?? false,
    nameNative: cells.name_native.trim(),
    nameLatin: cells.name_latin.trim(),
    function: cells.function.trim(),
    organisation: cells.organisation.trim(),
    emails: list(cells.emails),
    phones: phones(cells.phones),
    secureChannels: channels(cells.secure_channels),
    workingLanguages: list(cells.working_languages),
    timeZone: cells.time_zone.trim(),
    availabilityHours: cells.availability_hours.trim(),
    mandate: cells.mandate.trim(),
  };
  if (cells.pgp_public_key.trim() !== '') details.pgpPublicKey = cells.pgp_public_key.trim();
  return details;
}

/** Undoes the export's formula guard ("'+41 …" back to "+41 …") so exported cells import as they were. */
function unguard(cell: string): string {
  return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}

export interface ParsedRow {
  /** 1-based data row (the header is row 0). */
  row: number;
  /** Present when the row has the shape of a nomination; the service still checks dates, keys and targets. */
  request?: NominationRequest;
  errors: ImportRowError[];
}

function rowErrors(row: number, problems: readonly FieldError[]): ImportRowError[] {
  const seen = new Set<string>();
  const out: ImportRowError[] = [];
  for (const problem of problems) {
    const error = { row, field: columnOf(problem.field), reason: problem.reason };
    const key = `${error.field}:${error.reason}`;
    if (!seen.has(key)) out.push(error);
    seen.add(key);
  }
  return out;
}

function parseRow(row: number, cells: Record<Column, string>, stateM49: string): ParsedRow {
  const type = cells.type.trim() as NominationRequest['type'];
  const request: NominationRequest = {
    type,
    stateM49,
    noteVerbaleRef: cells.note_verbale_ref.trim(),
    noteVerbaleDate: cells.note_verbale_date.trim(),
  };
  if (cells.target_entry_id.trim() !== '') request.targetEntryId = cells.target_entry_id.trim();
  if (cells.reason.trim() !== '') request.reason = cells.reason.trim();
  const problems: FieldError[] = [];
  if (type !== 'removal') {
    request.details = detailsOf(cells);
    if (flag(cells.available_24_7) === undefined) problems.push({ field: '/details/available247', reason: 'type' });
    problems.push(...validateEntryDetails(request.details, '/details'));
  }
  for (const issue of Value.Errors(ZNominationRequest, request)) {
    const missing = (issue.params as { requiredProperties?: string[] }).requiredProperties?.[0];
    problems.push({ field: missing ? `${issue.instancePath}/${missing}` : issue.instancePath, reason: issue.keyword });
  }
  const errors = rowErrors(row, problems);
  return errors.length === 0 ? { row, request, errors } : { row, errors };
}

export type ParsedImport = { rows: ParsedRow[]; fileErrors: ImportRowError[] };

/**
 * Reads a national authority's nomination CSV. Every row is parsed and checked against the
 * nomination schema and the entry rules; problems come back per row and column so the whole
 * file can be fixed in one pass. File-level problems (syntax, header) are reported on row 0.
 */
export function parseNominationCsv(text: string, stateM49: string): ParsedImport {
  let table: string[][];
  try {
    table = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      return { rows: [], fileErrors: [{ row: error.row, field: 'csv', reason: 'syntax' }] };
    throw error;
  }
  const [header = [], ...data] = table;
  const names = header.map((name) => name.trim().toLowerCase());
  const fileErrors: ImportRowError[] = [];
  names.forEach((name) => {
    if (!(NOMINATION_CSV_COLUMNS as readonly string[]).includes(name))
      fileErrors.push({ row: 0, field: name, reason: 'unknown' });
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!names.includes(column)) fileErrors.push({ row: 0, field: column, reason: 'required' });
  }
  if (data.length === 0) fileErrors.push({ row: 0, field: 'rows', reason: 'minItems' });
  if (data.length > MAX_ROWS) fileErrors.push({ row: 0, field: 'rows', reason: 'maxItems' });
  if (fileErrors.length > 0) return { rows: [], fileErrors };
  const rows = data.map((cells, index) => {
    const record = Object.fromEntries(NOMINATION_CSV_COLUMNS.map((c) => [c, ''])) as Record<Column, string>;
    names.forEach((name, position) => {
      record[name as Column] = unguard(cells[position] ?? '');
    });
    return parseRow(index + 1, record, stateM49);
  });
  return { rows, fileErrors };
}

/** A template with one example row, which imports as it is; national authorities replace the example. */
export function exampleNominationCsv(): string {
  const example: Record<Column, string> = {
    type: 'new',
    target_entry_id: '',
    kind: 'technical',
    slot_role: 'alternate',
    available_24_7: 'yes',
    name_native: 'Nombre Apellido',
    name_latin: 'Nombre APELLIDO',
    function: 'Incident handler',
    organisation: 'National CERT',
    emails: 'duty@cert.example',
    phones: '+1 555 0100 100|duty desk|24/7|directory;+1 555 0100 199|mobile||restricted',
    secure_channels: 'Secure portal|https://portal.cert.example|directory',
    pgp_public_key: '',
    working_languages: 'es;en',
    time_zone: 'America/Mexico_City',
    availability_hours: '24/7',
    mandate: 'Technical exchange on incidents; may request log preservation',
    reason: '',
    note_verbale_ref: 'NV/2026/001',
    note_verbale_date: '2026-01-15',
  };
  return toCsv([[...NOMINATION_CSV_COLUMNS], NOMINATION_CSV_COLUMNS.map((c) => example[c])]);
}
