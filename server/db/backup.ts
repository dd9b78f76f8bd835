import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { VERSION } from '../version.ts';
import { MIGRATIONS_FOLDER, rowsOf, type Database, type Db } from './client.ts';

/**
 * Logical backups, the same format for the embedded database and PostgreSQL (so a backup of one
 * restores into the other). The file is gzip: a JSON header line (format, versions, the newest
 * migration, row count and SHA-256 per table), then per table a marker line and one JSON line per
 * row (`row_to_json`, which every column type survives: bytea as hex, jsonb, arrays, timestamps
 * in UTC), then an end line. Tables come from the catalogue, parents before children.
 */
export const BACKUP_FORMAT = 'pocdir-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** A backup or restore that cannot go on, with the reason in words an operator can act on. */
export class BackupError extends Error {
  override name = 'BackupError';
}

export interface MigrationId {
  tag: string;
  /** The journal's `when`, which Drizzle stores as `created_at`. */
  when: number;
  /** SHA-256 of the migration's SQL, as Drizzle stores it. */
  hash: string;
}

export interface TableSummary {
  name: string;
  rows: number;
  /** SHA-256 of the table's row lines, each followed by "\n", in primary-key order. */
  sha256: string;
}

export interface SequenceValue {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  pocdirVersion: string;
  migration: MigrationId;
  createdAt: string;
  source: Database['kind'];
  tables: TableSummary[];
  sequences: SequenceValue[];
}

export interface Progress {
  phase: 'backup' | 'restore' | 'verify';
  table: string;
  done: number;
  total: number;
}
export type OnProgress = (progress: Progress) => void;

export interface TableInfo {
  name: string;
  /** Primary-key columns, in key order; text-like ones are ordered byte-wise (COLLATE "C"). */
  key: { column: string; collatable: boolean }[];
  /** Columns a restore inserts (generated columns are computed again). */
  columns: string[];
  /** Tables this one references by foreign key. */
  parents: string[];
}

/**
 * The driver's own error behind Drizzle's wrapper: its message and SQLSTATE code, without the
 * wrapper's copy of the query and its parameters (which would be rows of personal data).
 */
export function driverError(error: unknown): Error & { code?: string } {
  let inner = error;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  return inner instanceof Error ? inner : new Error(String(inner));
}

/** A quoted SQL identifier; names come from the catalogue, quoting keeps odd ones safe. */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const qualified = (table: string) => `public.${ident(table)}`;

/**
 * Session settings that make row text canonical: the same content gives the same bytes on
 * PGlite and PostgreSQL, whatever the server's defaults (time zone, bytea and float output).
 */
export async function useCanonicalOutput(tx: Db): Promise<void> {
  await tx.execute(sql`select set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true),
    set_config('IntervalStyle', 'postgres', true), set_config('bytea_output', 'hex', true),
    set_config('extra_float_digits', '1', true)`);
}

/** Every table of the `public` schema, parents before children (foreign keys read from the catalogue). */
export async function describeTables(tx: Db): Promise<TableInfo[]> {
  const names = rowsOf<{ name: string }>(
    await tx.execute(sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
        and c.relname <> '__drizzle_migrations' order by c.relname`),
  ).map((r) => r.name);
  const keys = rowsOf<{ table: string; column: string; collatable: boolean }>(
    await tx.execute(sql`select c.relname as "table", a.attname as "column", a.attcollation <> 0 as collatable
      from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where n.nspname = 'public' and i.indisprimary
      order by c.relname, array_position(i.indkey::int2[], a.attnum)`),
  );
  const columns = rowsOf<{ table: string; column: string }>(
    await tx.execute(sql`select c.relname as "table", a.attname as "column"
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
        and a.attgenerated = '' order by c.relname, a.attnum`),
  );
  const references = rowsOf<{ child: string; parent: string }>(
    await tx.execute(sql`select distinct s.relname as child, p.relname as parent from pg_constraint k
      join pg_class s on s.oid = k.conrelid join pg_namespace sn on sn.oid = s.relnamespace
      join pg_class p on p.oid = k.confrelid join pg_namespace pn on pn.oid = p.relnamespace
      where k.contype = 'f' and sn.nspname = 'public' and pn.nspname = 'public'`),
  );
  const tables = names.map((name) => ({
    name,
    key: keys.filter((k) => k.table === name).map(({ column, collatable }) => ({ column, collatable })),
    columns: columns.filter((c) => c.table === name).map((c) => c.column),
    parents: references.filter((r) => r.child === name && names.includes(r.parent)).map((r) => r.parent),
  }));
  const keyless = tables.filter((t) => t.key.length === 0).map((t) => t.name);
  if (keyless.length > 0) {
    throw new BackupError(
      `table(s) without a primary key cannot be backed up in a stable order: ${keyless.join(', ')}`,
    );
  }
  return dependencyOrder(tables);
}

/** Parents first (Kahn's algorithm, ties by name), so a restore never inserts a row before what it references. */
function dependencyOrder(tables: TableInfo[]): TableInfo[] {
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  let pending = [...tables];
  while (pending.length > 0) {
    const ready = pending.filter((t) => t.parents.every((p) => placed.has(p)));
    if (ready.length === 0) {
      // A self-reference or a cycle would need rows in a particular order or deferred constraints.
      throw new BackupError(
        `foreign keys form a cycle between ${pending.map((t) => t.name).join(', ')}; backup does not support that yet`,
      );
    }
    for (const table of ready) {
      ordered.push(table);
      placed.add(table.name);
    }
    pending = pending.filter((t) => !placed.has(t.name));
  }
  return ordered;
}

const CURSOR = 'pocdir_backup_rows';
// Rows are fetched in batches of about this many characters (a note verbale can be 10 MB),
// so memory stays flat whatever the table's size or its widest row.
const BATCH_CHARS = 8 * 1024 * 1024;
const MAX_BATCH_ROWS = 2000;

/**
 * Streams a table's rows as canonical JSON lines in primary-key order (byte-wise, the same on
 * every server), in batches through a cursor. `onBatch` may be slow (a file, a hash); it is awaited.
 */
export async function readTableLines(
  tx: Db,
  table: TableInfo,
  onBatch: (lines: string[]) => Promise<void> | void,
): Promise<void> {
  const order = table.key.map((k) => (k.collatable ? `${ident(k.column)} collate "C"` : ident(k.column))).join(', ');
  await tx.execute(
    sql.raw(`declare ${CURSOR} no scroll cursor for
      select row_to_json(t)::text as line from ${qualified(table.name)} t order by ${order}`),
  );
  let size = 1;
  for (;;) {
    const lines = rowsOf<{ line: string }>(await tx.execute(sql.raw(`fetch ${size} from ${CURSOR}`))).map(
      (r) => r.line,
    );
    if (lines.length > 0) await onBatch(lines);
    if (lines.length < size) break;
    const average = lines.reduce((sum, line) => sum + line.length, 0) / lines.length;
    size = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(BATCH_CHARS / Math.max(1, average))));
  }
  await tx.execute(sql.raw(`close ${CURSOR}`));
}

/** The hash the header records for a table; the restore computes it again the same way. */
export function tableHasher() {
  const hash = createHash('sha256');
  let rows = 0;
  return {
    add(lines: string[]) {
      for (const line of lines) hash.update(line).update('\n');
      rows += lines.length;
    },
    rowsSoFar: () => rows,
    result: () => ({ rows, sha256: hash.digest('hex') }),
  };
}

export async function countRows(tx: Db, table: string): Promise<number> {
  return rowsOf<{ n: number }>(await tx.execute(sql.raw(`select count(*)::int as n from ${qualified(table)}`)))[0]!.n;
}

/** The migrations this pocdir knows, oldest first (Drizzle's journal). */
export function knownMigrations(): { tag: string; when: number }[] {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

/** The newest migration applied to the database (tag null when this pocdir does not know it), or undefined. */
export async function newestAppliedMigration(
  db: Db,
): Promise<(Omit<MigrationId, 'tag'> & { tag: string | null }) | undefined> {
  const table = rowsOf<{ name: string | null }>(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`),
  )[0]?.name;
  if (!table) return undefined;
  const row = rowsOf<{ hash: string; when: string }>(
    await db.execute(sql`select hash, created_at::text as "when" from drizzle.__drizzle_migrations
      order by created_at desc limit 1`),
  )[0];
  if (!row) return undefined;
  const when = Number(row.when);
  return { tag: knownMigrations().find((m) => m.when === when)?.tag ?? null, when, hash: row.hash };
}

async function readSequences(tx: Db): Promise<SequenceValue[]> {
  const names = rowsOf<{ name: string }>(
    await tx.execute(sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'S' and n.nspname = 'public' order by c.relname`),
  );
  const values: SequenceValue[] = [];
  for (const { name } of names) {
    const row = rowsOf<{ lastValue: string; isCalled: boolean }>(
      await tx.execute(
        sql.raw(`select last_value::text as "lastValue", is_called as "isCalled" from ${qualified(name)}`),
      ),
    )[0]!;
    values.push({ name, ...row });
  }
  return values;
}

/** Writes text to a stream, waiting when its buffer is full, so a large table never piles up in memory. */
async function writeText(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * Backs up every table of the `public` schema to `file`, from one consistent snapshot (a
 * repeatable-read, read-only transaction; the embedded database is locked by this process).
 * The file appears under its name only when complete (written as FILE.tmp, then renamed), mode 0600.
 */
export async function backupDatabase(
  database: Database,
  file: string,
  onProgress: OnProgress = () => {},
): Promise<BackupHeader & { bytes: number }> {
  const tmp = `${file}.tmp`;
  // The header, which carries every table's hash, comes first: the rows go to a second file, then
  // both are joined as two gzip members (a gzip reader reads them as one stream).
  const rowsTmp = `${file}.rows.tmp`;
  try {
    const header = await database.db.transaction(
      async (tx) => {
        await useCanonicalOutput(tx);
        const migration = await newestAppliedMigration(tx);
        if (!migration) {
          throw new BackupError('the database has no pocdir schema (it was never migrated): nothing to back up.');
        }
        if (migration.tag === null) {
          throw new BackupError(
            'the database was migrated by a newer pocdir than this one: make the backup with that version.',
          );
        }
        const createdAt = new Date().toISOString();
        const tables = await describeTables(tx);
        const sequences = await readSequences(tx);
        const summaries = await writeRows(tx, tables, rowsTmp, onProgress);
        return {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          pocdirVersion: VERSION,
          migration: { ...migration, tag: migration.tag },
          createdAt,
          source: database.kind,
          tables: summaries,
          sequences,
        } satisfies BackupHeader;
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const bytes = await joinFile(tmp, header, rowsTmp);
    fs.renameSync(tmp, file);
    syncDirectory(path.dirname(file));
    return { ...header, bytes };
  } finally {
    fs.rmSync(tmp, { force: true });
    fs.rmSync(rowsTmp, { force: true });
  }
}

async function writeRows(tx: Db, tables: TableInfo[], target: string, onProgress: OnProgress) {
  fs.rmSync(target, { force: true });
  const gzip = zlib.createGzip();
  const written = pipeline(gzip, fs.createWriteStream(target, { mode: 0o600, flags: 'wx' }));
  // Keeps a failed write from being an unhandled rejection while rows are still being read.
  written.catch(() => {});
  try {
    const summaries: TableSummary[] = [];
    let total = 0;
    for (const table of tables) {
      const expected = await countRows(tx, table.name);
      await writeText(gzip, `${JSON.stringify({ table: table.name, rows: expected })}\n`);
      const hasher = tableHasher();
      let done = 0;
      onProgress({ phase: 'backup', table: table.name, done, total: expected });
      await readTableLines(tx, table, async (lines) => {
        hasher.add(lines);
        await writeText(gzip, `${lines.join('\n')}\n`);
        done += lines.length;
        onProgress({ phase: 'backup', table: table.name, done, total: expected });
      });
      const summary = { name: table.name, ...hasher.result() };
      // Cannot differ in one snapshot; checked because a wrong count would make the file unreadable.
      if (summary.rows !== expected) throw new BackupError(`table ${table.name} changed while it was read`);
      summaries.push(summary);
      total += summary.rows;
    }
    await writeText(gzip, `${JSON.stringify({ end: BACKUP_FORMAT, tables: summaries.length, rows: total })}\n`);
    gzip.end();
    await written;
    return summaries;
  } catch (error) {
    gzip.destroy();
    throw error;
  }
}

async function joinFile(tmp: string, header: BackupHeader, rowsFile: string): Promise<number> {
  const handle = await fs.promises.open(tmp, 'w', 0o600);
  try {
    await handle.chmod(0o600);
    await handle.write(zlib.gzipSync(`${JSON.stringify(header)}\n`));
    for await (const chunk of fs.createReadStream(rowsFile)) await handle.write(chunk as Buffer);
    await handle.sync();
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}

/** Makes the rename durable: a crash right after it must not leave the old name's content. */
function syncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
