import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleNominationCsv } from '../server/modules/directory/directory-import.ts';
import { isolatedDatabase, type Isolated } from '../server/test-support/isolated.ts';
import { runCli } from '../server/test-support/run-cli.ts';
import { parseCards } from '../server/test-support/vcard.ts';

const GHANA = '288';

describe('pocdir directory', () => {
  let iso: Isolated;
  let dir: string;
  beforeAll(async () => {
    iso = await isolatedDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pocdir-directory-cli-'));
    expect((await runCli(['migrate'], iso.env)).code).toBe(0);
    expect((await runCli(['seed-demo'], iso.env)).code).toBe(0);
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await iso.dispose();
  });

  it('exports the whole directory as vCard 4.0 that an independent parser reads', async () => {
    const result = await runCli(['directory', 'export', '--format', 'vcard'], iso.env);
    expect(result.code, result.stderr).toBe(0);
    const cards = parseCards(result.stdout);
    expect(cards.length).toBeGreaterThanOrEqual(12);
    expect(cards.every((card) => card.getFirstPropertyValue('version') === '4.0')).toBe(true);
  });

  it('exports one State as CSV to a file and as JSON with State names in French', async () => {
    const out = path.join(dir, 'ghana.csv');
    const csv = await runCli(['directory', 'export', '--format', 'csv', '--state', GHANA, '--out', out], iso.env);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines[0]).toContain('name_latin');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => line.includes(`,${GHANA},`))).toBe(true);
    const json = await runCli(['directory', 'export', '--format', 'json', '--language', 'fr'], iso.env);
    const parsed = JSON.parse(json.stdout) as { format: string; entries: { stateName: string }[] };
    expect(parsed.format).toBe('pocdir-directory');
    expect(parsed.entries.map((e) => e.stateName)).toContain('Brésil');
  });

  it('imports a valid CSV of nominations, and refuses a file with a bad row, naming row and column', async () => {
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, exampleNominationCsv());
    const imported = await runCli(['directory', 'import', good, '--state', GHANA], iso.env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Submitted 1 nomination');

    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, exampleNominationCsv().replace('duty@cert.example', 'not-an-address'));
    const refused = await runCli(['directory', 'import', bad, '--state', GHANA], iso.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('IMPORT_INVALID');
    expect(refused.stderr).toContain('/rows/1/emails');
  });

  it('explains usage mistakes', async () => {
    const noFormat = await runCli(['directory', 'export'], iso.env);
    expect(noFormat.code).toBe(2);
    const badState = await runCli(['directory', 'import', 'x.csv', '--state', 'Ghana'], iso.env);
    expect(badState.code).toBe(2);
    expect(badState.stderr).toContain('3-digit');
  });
});
