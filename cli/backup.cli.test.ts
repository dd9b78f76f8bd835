import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountActorOf, CLI_ACTOR } from '../server/auth/actor.ts';
import { prepareDatabase } from '../server/boot.ts';
import { testConfig, usesEmbeddedDatabase, type Config } from '../server/config.ts';
import { openDatabase, rowsOf } from '../server/db/client.ts';
import { knownMigrations } from '../server/db/backup.ts';
import { unsafeFindAccountByEmail } from '../server/modules/accounts/accounts.repository.ts';
import { sendCommunication } from '../server/modules/communications/communications.service.ts';
import { attachNominationDocument } from '../server/modules/directory/nomination-documents.service.ts';
import { submitNomination } from '../server/modules/directory/nominations.service.ts';
import { writeDueChecks } from '../server/modules/ping-tests/ping-dispatch.ts';
import { createPingTest } from '../server/modules/ping-tests/ping-tests.service.ts';
import { signIn } from '../server/modules/session/session.service.ts';
import { insertEntriesInBulk } from '../server/test-support/bulk-entries.ts';
import { sendRequest } from '../server/test-support/communication-factories.ts';
import { buildEntry, nominationRequest } from '../server/test-support/directory-factories.ts';
import { buildAccount, TEST_PASSWORD, type TestAccount } from '../server/test-support/factories.ts';
import { createGpgHome } from '../server/test-support/gpg.ts';
import { isolatedDatabase, type Isolated } from '../server/test-support/isolated.ts';
import { runCli } from '../server/test-support/run-cli.ts';

const GHANA = '288';
const FRANCE = '250';
const KENYA = '404';
const EMBEDDED = usesEmbeddedDatabase(testConfig());
// A PDF whose bytes include NUL, 0xFF, quotes and a backslash: bytea must come back byte for byte.
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.from([0, 1, 0xff, 0xfe, 0x5c, 0x27, 0x22, 0x0a]),
  crypto.randomBytes(50_000),
]);

type Content = Record<string, { rows: number; md5: string }>;

/** Every table's row count and an md5 of its rows as text, computed here, independently of pocdir backup. */
async function contentOf(config: Config): Promise<Content> {
  const database = await openDatabase(config, { holder: 'backup.cli.test' });
  try {
    const tables = rowsOf<{ name: string }>(
      await database.db.execute(sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`),
    );
    const content: Content = {};
    for (const { name } of tables) {
      const [row] = rowsOf<{ rows: number; md5: string }>(
        await database.db.execute(
          sql.raw(`select count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as md5
            from public."${name}" t`),
        ),
      );
      content[name] = row!;
    }
    const sequences = rowsOf<{ name: string }>(
      await database.db.execute(sql`select sequence_name as name from information_schema.sequences
        where sequence_schema = 'public' order by 1`),
    );
    for (const { name } of sequences) {
      const [row] = rowsOf<{ last: string }>(
        await database.db.execute(sql.raw(`select last_value::text as last from public."${name}"`)),
      );
      content[`sequence ${name}`] = { rows: 0, md5: row!.last };
    }
    return content;
  } finally {
    await database.close();
  }
}

function allRows(content: Content): number {
  return Object.entries(content)
    .filter(([name]) => !name.startsWith('sequence '))
    .reduce((sum, [, table]) => sum + table.rows, 0);
}

/** Rows outside what migrations and start-up write into every database (States, the audit genesis head, the directory revision). */
function userRows(content: Content): number {
  return Object.entries(content)
    .filter(([name]) => !['states', 'audit_head', 'directory_revision'].includes(name) && !name.startsWith('sequence '))
    .reduce((sum, [, table]) => sum + table.rows, 0);
}

function headerOf(file: string): {
  tables: { name: string; rows: number; sha256: string }[];
  migration: { tag: string };
} {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n')[0]!);
}

/** The backup with its decompressed text changed by `edit`, recompressed: a valid gzip file. */
function editedCopy(file: string, target: string, edit: (text: string) => string): string {
  fs.writeFileSync(target, zlib.gzipSync(edit(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'))));
  return target;
}

describe('pocdir backup and restore', () => {
  let source: Isolated;
  let target: Isolated;
  let dir: string;
  let file: string;
  let poc: TestAccount;
  let fingerprint: string;
  let before: Content;

  beforeAll(async () => {
    source = await isolatedDatabase();
    target = await isolatedDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pocdir-backup-cli-'));
    file = path.join(dir, 'pocdir.backup.gz');
    // Real content, made the real way in this process, which then lets go of the database for the CLI.
    const database = await prepareDatabase(source.config, 'backup.cli.test');
    const gpg = createGpgHome('Ama Mensah <ama@cert.gh.example>');
    try {
      const deps = { db: database.db, config: source.config };
      poc = await buildAccount(database.db, { role: 'point_of_contact', stateM49: GHANA });
      await buildAccount(database.db, { role: 'auditor' });
      const keyed = await buildEntry(deps, GHANA, { pgpPublicKey: gpg.publicKey });
      fingerprint = rowsOf<{ key_fingerprint: string }>(
        await database.db.execute(sql`select key_fingerprint from directory_entries where id = ${keyed.entryId}`),
      )[0]!.key_fingerprint;
      await buildEntry(deps, FRANCE, { workingLanguages: ['fr'] });
      const nomination = await submitNomination(deps, CLI_ACTOR, nominationRequest({ stateM49: KENYA }), null);
      await attachNominationDocument(deps, CLI_ACTOR, nomination.id, PDF, 'note verbale ÉCRITE.pdf', null);
      const sender = accountActorOf((await unsafeFindAccountByEmail(database.db, poc.email))!, null);
      await sendCommunication(deps, sender, sendRequest(FRANCE), null);
      await createPingTest(
        deps,
        CLI_ACTOR,
        {
          title: 'Backup round trip',
          exercise: true,
          targets: { allParticipating: false, groups: [], kinds: [], states: [GHANA, FRANCE] },
          channels: ['email', 'in_app'],
          deadlineMode: 'business_hours',
          businessHours: 8,
          reminderHours: [4, 1],
        },
        null,
      );
      await writeDueChecks(database.db, source.config, new Date());
      // Enough rows for several batches of the cursor and of the inserts.
      await insertEntriesInBulk(database.db, 2500, [KENYA, FRANCE], { prefix: 'backup' });
      const client = { address: '192.0.2.7', userAgent: 'backup test', requestId: 'backup-test' };
      await expect(
        signIn(database.db, source.config, { email: poc.email, password: 'wrong' }, client),
      ).rejects.toThrow();
      await signIn(database.db, source.config, { email: poc.email, password: poc.password }, client);
    } finally {
      gpg.dispose();
      await database.close();
    }
    before = await contentOf(source.config);
  }, 120_000);

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await source.dispose();
    await target.dispose();
  });

  it('backs up every table to a 0600 file and restores it into a fresh database with identical content', async () => {
    expect(fingerprint).toMatch(/^[0-9A-F]{40}$/);
    const backup = await runCli(['backup', file], source.env);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^Backup written to .+: \d+ tables, [\d,]+ rows, /m);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);

    const header = headerOf(file);
    expect(header.migration.tag).toBe(knownMigrations().at(-1)?.tag);
    const names = header.tables.map((t) => t.name).sort();
    expect(names).toEqual(Object.keys(before).filter((n) => !n.startsWith('sequence ')));
    for (const table of header.tables) expect(table.rows, table.name).toBe(before[table.name]?.rows);
    expect(before.nomination_documents?.rows).toBe(1);
    expect(before.ping_tokens?.rows).toBeGreaterThan(0);
    expect(before.communications?.rows).toBe(1);
    expect(before.login_throttle?.rows).toBeGreaterThan(0);

    const restored = await runCli(['restore', file, '--json'], target.env);
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ verified: true, rows: allRows(before) });

    expect(await contentOf(target.config)).toEqual(before);

    const verified = await runCli(['audit', 'verify', '--json'], target.env);
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, checked: before.audit_log?.rows });

    const database = await prepareDatabase(target.config, 'backup.cli.test');
    try {
      const [document] = rowsOf<{ ok: boolean }>(
        await database.db.execute(
          sql`select content = ${PDF} and sha256 = encode(sha256(content), 'hex') as ok from nomination_documents`,
        ),
      );
      expect(document?.ok).toBe(true);
      const [entry] = rowsOf<{ n: number }>(
        await database.db.execute(
          sql`select count(*)::int as n from directory_entries where key_fingerprint = ${fingerprint}`,
        ),
      );
      expect(entry?.n).toBe(1);
      const client = { address: '192.0.2.8', userAgent: 'after restore', requestId: 'restore-test' };
      const session = await signIn(database.db, target.config, { email: poc.email, password: TEST_PASSWORD }, client);
      expect(session.actor.email).toBe(poc.email);
      await expect(
        signIn(database.db, target.config, { email: poc.email, password: 'not the password' }, client),
      ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    } finally {
      await database.close();
    }
  }, 180_000);

  it('refuses to restore into a database that has data, and changes nothing', async () => {
    const refused = await runCli(['restore', file], source.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the target database is not empty');
    expect(refused.stderr).toMatch(/accounts: \d+ rows/);
    expect(await contentOf(source.config)).toEqual(before);
  }, 60_000);

  it('refuses a damaged, truncated or edited file and leaves the database empty; the intact file then restores', async () => {
    const fresh = await isolatedDatabase();
    try {
      // Migrated and with the States reference data, as after a first start: still empty to restore.
      expect((await runCli(['migrate'], fresh.env)).code).toBe(0);
      const bytes = fs.readFileSync(file);
      const truncated = path.join(dir, 'truncated.gz');
      fs.writeFileSync(truncated, bytes.subarray(0, bytes.length - 200));
      const flipped = path.join(dir, 'flipped.gz');
      const copy = Buffer.from(bytes);
      for (let i = 0; i < 8; i++) copy[Math.floor(copy.length * 0.6) + i]! ^= 0xff;
      fs.writeFileSync(flipped, copy);
      // Valid gzip, one account's address changed (row_to_json writes no space after the colon, jsonb
      // inside the audit trail does): only the per-table SHA-256 can tell.
      const edited = editedCopy(file, path.join(dir, 'edited.gz'), (text) =>
        text.replace(`"email":"${poc.email}"`, `"email":"x${poc.email}"`),
      );
      const cases = [
        [truncated, /the backup file is damaged or truncated/],
        [flipped, /damaged/],
        [edited, /the rows of accounts in the file do not match their SHA-256 in the header/],
      ] as const;
      for (const [damaged, message] of cases) {
        const result = await runCli(['restore', damaged], fresh.env);
        expect(result.code, damaged).toBe(1);
        expect(result.stderr, damaged).toMatch(message);
        expect(result.stderr, damaged).toContain('nothing was restored');
        const after = await contentOf(fresh.config);
        expect(userRows(after), damaged).toBe(0);
        // The reference rows the restore replaces came back with the rollback.
        expect(after.states?.rows, damaged).toBe(before.states?.rows);
      }
      const notBackup = path.join(dir, 'notes.txt');
      fs.writeFileSync(notBackup, 'not a backup\n');
      const notGzip = await runCli(['restore', notBackup], fresh.env);
      expect(notGzip.code).toBe(1);
      expect(notGzip.stderr).toContain('not a pocdir backup');

      const intact = await runCli(['restore', file], fresh.env);
      expect(intact.code, intact.stderr).toBe(0);
      expect(await contentOf(fresh.config)).toEqual(before);
    } finally {
      await fresh.dispose();
    }
  }, 180_000);

  it('refuses a backup of another schema before opening the database, naming the version to use', async () => {
    const first = knownMigrations()[0]!.tag;
    const older = editedCopy(file, path.join(dir, 'older.gz'), (text) =>
      text.replace(/"tag":"[^"]+"/, `"tag":"${first}"`),
    );
    const olderResult = await runCli(['restore', older], target.env);
    expect(olderResult.code).toBe(1);
    expect(olderResult.stderr).toMatch(/older schema than this pocdir's .*Restore it with pocdir \S+, then upgrade/);
    const newer = editedCopy(file, path.join(dir, 'newer.gz'), (text) =>
      text.replace(/"tag":"[^"]+"/, '"tag":"29991231000000_from-the-future"'),
    );
    const newerResult = await runCli(['restore', newer], target.env);
    expect(newerResult.code).toBe(1);
    expect(newerResult.stderr).toContain('which this pocdir does not know');
    expect((await runCli(['backup'], target.env)).code).toBe(2);
  }, 60_000);

  it.runIf(EMBEDDED)(
    'embedded: refuses to back up while another process (the server) holds the database',
    async () => {
      const lock = path.join(source.config.DATA_DIR, 'pocdir.lock');
      // This test process is alive and is not the CLI: to the CLI it is a running server.
      fs.writeFileSync(
        lock,
        JSON.stringify({ pid: process.pid, holder: 'pocdir serve', since: new Date().toISOString() }),
      );
      try {
        const out = path.join(dir, 'while-serving.gz');
        const refused = await runCli(['backup', out], source.env);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain('DATA_DIR_LOCKED');
        expect(refused.stderr).toContain('stop the server first');
        expect(refused.stderr).toContain('On PostgreSQL, pocdir backup runs while the server is up');
        expect(fs.existsSync(out)).toBe(false);
        expect(fs.existsSync(`${out}.tmp`)).toBe(false);
      } finally {
        fs.rmSync(lock, { force: true });
      }
    },
    60_000,
  );

  it.runIf(!EMBEDDED)(
    'PostgreSQL: the backup restores into the embedded database, whose backup has the same SHA-256 per table',
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pocdir-backup-embedded-'));
      try {
        const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
        const restored = await runCli(['restore', file], env);
        expect(restored.code, restored.stderr).toBe(0);
        const again = path.join(dir, 'from-embedded.gz');
        const backup = await runCli(['backup', again], env);
        expect(backup.code, backup.stderr).toBe(0);
        expect(headerOf(again).tables).toEqual(headerOf(file).tables);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
