import { describe, expect, it } from 'vitest';
import { csvCell, parseCsv, toCsv } from './directory-csv.ts';
import { exampleNominationCsv, NOMINATION_CSV_COLUMNS, parseNominationCsv } from './directory-import.ts';

describe('CSV', () => {
  it('round-trips commas, quotes, line breaks and every script', () => {
    const rows = [
      ['name', 'note'],
      ['Ахмед, "Саид"', 'line one\nline two'],
      ['张华', 'مركز الاستجابة'],
    ];
    const text = toCsv(rows);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(parseCsv(text)).toEqual(rows);
  });

  it('guards cells a spreadsheet would run as formulas, but not phone numbers', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+41 22 917 1234')).toBe('+41 22 917 1234');
  });

  it('reads LF and CRLF files and skips blank lines', () => {
    expect(parseCsv('a,b\n\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

describe('nomination CSV', () => {
  it('the template parses into one valid request', () => {
    const parsed = parseNominationCsv(exampleNominationCsv(), '484');
    expect(parsed.fileErrors).toEqual([]);
    expect(parsed.rows).toHaveLength(1);
    const request = parsed.rows[0]?.request;
    expect(request?.stateM49).toBe('484');
    expect(request?.details?.phones).toEqual([
      { number: '+1 555 0100 100', label: 'duty desk', available247: true, visibility: 'directory' },
      { number: '+1 555 0100 199', label: 'mobile', available247: false, visibility: 'restricted' },
    ]);
  });

  it('reports unknown and missing columns, an unterminated quote, and an empty file on row 0', () => {
    expect(parseNominationCsv('type,colour\n', '484').fileErrors).toEqual([
      { row: 0, field: 'colour', reason: 'unknown' },
      { row: 0, field: 'note_verbale_ref', reason: 'required' },
      { row: 0, field: 'note_verbale_date', reason: 'required' },
      { row: 0, field: 'rows', reason: 'minItems' },
    ]);
    expect(parseNominationCsv('type\n"new\n', '484').fileErrors).toEqual([{ row: 1, field: 'csv', reason: 'syntax' }]);
  });

  it('maps each problem to its row and column, and a removal needs no details', () => {
    const header = NOMINATION_CSV_COLUMNS.join(',');
    const removal = 'removal,3f1e5e5c-1a2b-4c3d-8e9f-0a1b2c3d4e5f,,,,,,,,,,,,,,,,left the service,NV/1,2026-02-01';
    const broken = 'new,,spy,primary,maybe,A,A,F,O,x@y.example;x@y.example,,,,en;!!,Mars/Base,,,,NV/2,2026-02-01';
    const parsed = parseNominationCsv([header, removal, broken].join('\n'), '484');
    expect(parsed.rows[0]?.errors).toEqual([]);
    expect(parsed.rows[0]?.request?.details).toBeUndefined();
    const fields = parsed.rows[1]?.errors.map((e) => `${e.field}:${e.reason}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'kind:enum',
        'available_24_7:type',
        'emails:duplicate',
        'working_languages:language_tag',
        'time_zone:time_zone',
      ]),
    );
    expect(parsed.rows[1]?.request).toBeUndefined();
  });
});
