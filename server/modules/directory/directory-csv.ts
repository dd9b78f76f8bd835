import type { DirectoryEntry } from '../../../common/schemas/directory.ts';

const BOM = '\uFEFF';
/** A cell starting with one of these is a formula in spreadsheet software (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. A cell that a
 * spreadsheet would run as a formula is prefixed with an apostrophe, except a phone number
 * ("+41 22 …"), which is data that people expect to read as written.
 */
export function csvCell(value: string): string {
  const guarded = FORMULA_START.test(value) && !/^\+[0-9][0-9 ()-]*$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** Rows to CSV text with CRLF line ends and a byte-order mark, so Excel opens UTF-8 (Arabic, Chinese) correctly. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export class CsvSyntaxError extends Error {
  constructor(readonly row: number) {
    super(`CSV: unterminated quoted cell starting in row ${row}`);
  }
}

/**
 * Parses RFC 4180 CSV (quoted cells, doubled quotes, CRLF or LF, line breaks inside quotes) and
 * drops a leading byte-order mark and blank lines. Spreadsheets export in this form.
 */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteStartRow = 0;
  for (let i = 0; i < input.length; i += 1) {
    const char = input[i];
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"' && cell === '') {
      quoted = true;
      quoteStartRow = rows.length;
    } else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += char;
    }
  }
  if (quoted) throw new CsvSyntaxError(quoteStartRow);
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0]?.trim() === ''));
}

export const DIRECTORY_CSV_COLUMNS = [
  'id',
  'state_m49',
  'state',
  'status',
  'version',
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
  'pgp_fingerprint',
  'pgp_expires_at',
  'working_languages',
  'time_zone',
  'availability_hours',
  'mandate',
  'last_verified_at',
  'last_confirmed_at',
  'stale',
] as const;

/** Phones as "number|label|24/7|visibility" joined by ";", the same form the import reads. */
export function phonesCell(phones: DirectoryEntry['phones']): string {
  return phones.map((p) => [p.number, p.label ?? '', p.available247 ? '24/7' : '', p.visibility].join('|')).join(';');
}

export function channelsCell(channels: DirectoryEntry['secureChannels']): string {
  return channels.map((c) => [c.channel, c.address, c.visibility].join('|')).join(';');
}

/** The presented entries (already reduced to what the caller may see) as one CSV table. */
export function entriesToCsv(entries: readonly DirectoryEntry[], stateName: (m49: string) => string): string {
  const rows = entries.map((e) => [
    e.id,
    e.stateM49,
    stateName(e.stateM49),
    e.status,
    String(e.version),
    e.kind,
    e.slotRole,
    e.available247 ? 'yes' : 'no',
    e.nameNative,
    e.nameLatin,
    e.function,
    e.organisation,
    e.emails.join(';'),
    phonesCell(e.phones),
    channelsCell(e.secureChannels),
    e.key?.fingerprint ?? '',
    e.key?.expiresAt ?? '',
    e.workingLanguages.join(';'),
    e.timeZone,
    e.availabilityHours,
    e.mandate,
    e.lastVerifiedAt,
    e.lastConfirmedAt,
    e.stale ? 'yes' : 'no',
  ]);
  return toCsv([[...DIRECTORY_CSV_COLUMNS], ...rows]);
}
