import fs from 'node:fs';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  countRows,
  describeTables,
  driverError,
  ident,
  knownMigrations,
  newestAppliedMigration,
  qualified,
  readTableLines,
  tableHasher,
  useCanonicalOutput,
  type BackupHeader,
  type OnProgress,
  type TableInfo,
} from './backup.ts';
import { rowsOf, type Database, type Db } from './client.ts';

/**
 * Tables that migrations and start-up fill in every database (the States reference data, the audit
 * chain's genesis head, the directory revision). An "empty" database may have rows there; the
 * backup's replace them.
 */
const PREFILLED_TABLES = new Set(['states', 'audit_head', 'directory_revision']);

// A batch of rows is one INSERT; this bounds its size in rows and in characters.
const INSERT_ROWS = 1000;
const INSERT_CHARS = 8 * 1024 * 1024;

const damaged = (reason: string) =>
  new BackupError(`the backup file is damaged or truncated (${reason}); nothing was restored.`);

/** The lines of a gzip'd backup, one at a time; a damaged or cut-off file ends in a BackupError. */
async function* backupLines(file: string): AsyncGenerator<string> {
  const gunzip = zlib.createGunzip();
  // An error in either stream destroys the other and surfaces through the iteration below.
  pipeline(fs.createReadStream(file), gunzip, () => {});
  gunzip.setEncoding('utf8');
  let pending: string[] = [];
  let started = false;
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      let start = 0;
      for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', start)) {
        pending.push(chunk.slice(start, newline));
        started = true;
        yield pending.join('');
        pending = [];
        start = newline + 1;
      }
      if (start < chunk.length) pending.push(chunk.slice(start));
    }
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code?.startsWith('Z_') && !started) throw new BackupError('not a pocdir backup (not a gzip file).');
    if (err.code?.startsWith('Z_')) throw damaged(`gzip: ${err.message}`);
    throw error;
  }
  if (pending.length > 0) throw damaged('its last line is cut off');
}

/** Reads and checks the header line of a backup, without touching any database. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  for await (const line of backupLines(file)) return parseHeader(line);
  throw damaged('it is empty');
}

function parseHeader(line: string): BackupHeader {
  let header: Partial<BackupHeader>;
  try {
    header = JSON.parse(line) as Partial<BackupHeader>;
  } catch {
    throw new BackupError('not a pocdir backup (its first line is not a backup header).');
  }
  if (header.format !== BACKUP_FORMAT) throw new BackupError('not a pocdir backup (unknown format).');
  if (header.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      `backup format version ${String(header.formatVersion)} is not readable by this pocdir (it reads version ${BACKUP_FORMAT_VERSION}).`,
    );
  }
  const wellFormed =
    typeof header.pocdirVersion === 'string' &&
    typeof header.migration?.tag === 'string' &&
    typeof header.migration.when === 'number' &&
    Array.isArray(header.tables) &&
    header.tables.every(
      (t) => typeof t.name === 'string' && Number.isInteger(t.rows) && t.rows >= 0 && /^[0-9a-f]{64}$/.test(t.sha256),
    ) &&
    Array.isArray(header.sequences) &&
    header.sequences.every((s) => typeof s.name === 'string' && /^-?\d+$/.test(s.lastValue));
  if (!wellFormed) throw damaged('its header is incomplete');
  return header as BackupHeader;
}

/**
 * A backup restores only into the schema it was made from. Refuses, saying which pocdir version
 * to use, when this pocdir's newest migration is another one.
 */
export function assertSameSchema(header: BackupHeader): void {
  const known = knownMigrations();
  const newest = known.at(-1);
  if (header.migration.tag === newest?.tag && header.migration.when === newest.when) return;
  const made = `The backup was made by pocdir ${header.pocdirVersion} (newest migration ${header.migration.tag})`;
  if (known.some((m) => m.tag === header.migration.tag)) {
    throw new BackupError(
      `${made}, an older schema than this pocdir's (${newest?.tag}). Restore it with pocdir ${header.pocdirVersion}, then upgrade: the new version migrates the database when it starts.`,
    );
  }
  throw new BackupError(
    `${made}, which this pocdir does not know: restore it with pocdir ${header.pocdirVersion} or newer.`,
  );
}

async function tableNames(db: Db): Promise<string[]> {
  return rowsOf<{ name: string }>(
    await db.execute(sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`),
  ).map((r) => r.name);
}

/** Refuses a database with data in it (anything beyond what migrations and start-up write). */
async function assertEmpty(db: Db): Promise<void> {
  const occupied: string[] = [];
  for (const name of await tableNames(db)) {
    if (PREFILLED_TABLES.has(name) || name === '__drizzle_migrations') continue;
    const rows = await countRows(db, name);
    if (rows > 0) occupied.push(`${name}: ${rows} row${rows === 1 ? '' : 's'}`);
  }
  if (occupied.length === 0) return;
  const shown = occupied.length > 4 ? [...occupied.slice(0, 4), `${occupied.length - 4} more tables`] : occupied;
  throw new BackupError(
    `the target database is not empty (${shown.join(', ')}); nothing was changed. ` +
      'pocdir restore loads only into an empty database: on PostgreSQL create a new database (createdb) and point ' +
      'DATABASE_URL at it; embedded, set DATA_DIR to a new, empty directory. Then run pocdir restore again.',
  );
}

export interface RestoreSummary {
  header: BackupHeader;
  rows: number;
}

/**
 * Restores a backup into an empty database, in one transaction: migrates it to the backup's
 * schema, loads every table (parents first), sets the sequences, then reads every table back and
 * checks its SHA-256 against the header. Any failure rolls back, leaving the database empty.
 */
export async function restoreDatabase(
  database: Database,
  file: string,
  onProgress: OnProgress = () => {},
): Promise<RestoreSummary> {
  const header = await readBackupHeader(file);
  assertSameSchema(header);
  // Checked before migrating, so a refused database is left exactly as it was.
  await assertEmpty(database.db);
  await database.migrate();
  const applied = await newestAppliedMigration(database.db);
  if (applied?.tag !== header.migration.tag || applied.hash !== header.migration.hash) {
    throw new BackupError(
      `the target database's schema (${applied?.tag ?? 'none'}) is not the backup's (${header.migration.tag}).`,
    );
  }
  await database.db.transaction(async (tx) => {
    await useCanonicalOutput(tx);
    const tables = await describeTables(tx);
    assertSameTables(header, tables);
    await lockTables(tx, tables);
    await assertEmpty(tx);
    // The directory revision trigger stays quiet: the backup's revision is restored as it was.
    await tx.execute(sql`select set_config('pocdir.restoring', 'on', true)`);
    for (const name of PREFILLED_TABLES) {
      if (tables.some((t) => t.name === name)) await tx.execute(sql.raw(`delete from ${qualified(name)}`));
    }
    await loadRows(tx, file, header, tables, onProgress);
    await setSequences(tx, header);
    await verifyTables(tx, header, tables, onProgress);
  });
  return { header, rows: header.tables.reduce((sum, t) => sum + t.rows, 0) };
}

/** The backup must list exactly this schema's tables, parents before children. */
function assertSameTables(header: BackupHeader, tables: TableInfo[]): void {
  const inBackup = header.tables.map((t) => t.name);
  const inDatabase = tables.map((t) => t.name);
  const missing = inDatabase.filter((name) => !inBackup.includes(name));
  const unknown = inBackup.filter((name) => !inDatabase.includes(name));
  if (missing.length > 0 || unknown.length > 0 || new Set(inBackup).size !== inBackup.length) {
    throw damaged(
      `its tables do not match the schema: missing ${missing.join(', ') || 'none'}, unknown ${unknown.join(', ') || 'none'}`,
    );
  }
  for (const table of tables) {
    const position = inBackup.indexOf(table.name);
    if (table.parents.some((parent) => inBackup.indexOf(parent) > position)) {
      throw damaged(`table ${table.name} comes before a table it references`);
    }
  }
}

/** Keeps every other session (a server started by mistake) out until the restore commits. */
async function lockTables(tx: Db, tables: TableInfo[]): Promise<void> {
  await tx.execute(sql`select set_config('lock_timeout', '30s', true)`);
  try {
    await tx.execute(sql.raw(`lock table ${tables.map((t) => qualified(t.name)).join(', ')} in access exclusive mode`));
  } catch (error) {
    if (driverError(error).code !== '55P03') throw error;
    throw new BackupError(
      'could not lock the tables within 30 s: is a pocdir server using this database? Stop it first.',
    );
  }
}

async function loadRows(
  tx: Db,
  file: string,
  header: BackupHeader,
  tables: TableInfo[],
  onProgress: OnProgress,
): Promise<void> {
  const lines = backupLines(file);
  const next = async (): Promise<string> => {
    const result = await lines.next();
    if (result.done) throw damaged('it ends early');
    return result.value;
  };
  try {
    if (JSON.stringify(parseHeader(await next())) !== JSON.stringify(header)) {
      throw new BackupError('the backup file changed while it was being restored.');
    }
    for (const expected of header.tables) {
      const table = tables.find((t) => t.name === expected.name)!;
      const marker = parseJson(await next()) as { table?: string; rows?: number };
      if (marker.table !== expected.name || marker.rows !== expected.rows) {
        throw damaged(`expected the rows of ${expected.name} next`);
      }
      const hasher = tableHasher();
      let batch: string[] = [];
      let chars = 0;
      const flush = async () => {
        await insertBatch(tx, table, batch);
        hasher.add(batch);
        onProgress({ phase: 'restore', table: table.name, done: hasher.rowsSoFar(), total: expected.rows });
        batch = [];
        chars = 0;
      };
      onProgress({ phase: 'restore', table: table.name, done: 0, total: expected.rows });
      for (let row = 0; row < expected.rows; row++) {
        const line = await next();
        batch.push(line);
        chars += line.length;
        if (batch.length >= INSERT_ROWS || chars >= INSERT_CHARS) await flush();
      }
      if (batch.length > 0) await flush();
      if (hasher.result().sha256 !== expected.sha256) {
        throw new BackupError(
          `the rows of ${expected.name} in the file do not match their SHA-256 in the header: the file is damaged or was edited; nothing was restored.`,
        );
      }
    }
    const end = parseJson(await next()) as { end?: string };
    if (end.end !== BACKUP_FORMAT) throw damaged('its end line is missing');
    if (!(await lines.next()).done) throw damaged('it has lines after its end line');
  } finally {
    await lines.return(undefined);
  }
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw damaged('a line is not JSON');
  }
}

async function insertBatch(tx: Db, table: TableInfo, lines: string[]): Promise<void> {
  const columns = table.columns.map(ident).join(', ');
  try {
    // json_populate_recordset into the table's own row type converts every column from its
    // row_to_json form; OVERRIDING SYSTEM VALUE keeps the backup's identity values.
    await tx.execute(sql`insert into ${sql.raw(qualified(table.name))} (${sql.raw(columns)}) overriding system value
      select ${sql.raw(columns)} from json_populate_recordset(null::${sql.raw(qualified(table.name))}, ${`[${lines.join(',')}]`}::json)`);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      `could not load the rows of ${table.name} (${driverError(error).message}): the file is damaged or was edited; nothing was restored.`,
    );
  }
}

/** Each sequence continues after the backup's value, and never below its column's largest value. */
async function setSequences(tx: Db, header: BackupHeader): Promise<void> {
  for (const sequence of header.sequences) {
    const name = qualified(sequence.name);
    const found = rowsOf<{ table: string | null; column: string | null }>(
      await tx.execute(sql`select t.relname as "table", a.attname as "column" from pg_sequence s
        left join pg_depend d on d.objid = s.seqrelid and d.classid = 'pg_class'::regclass
          and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
        left join pg_class t on t.oid = d.refobjid
        left join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
        where s.seqrelid = to_regclass(${name})`),
    )[0];
    if (!found) throw damaged(`it names a sequence this schema does not have: ${sequence.name}`);
    const used = sequence.isCalled ? sql`${sequence.lastValue}::bigint` : sql`${sequence.lastValue}::bigint - 1`;
    const largest =
      found.table && found.column
        ? sql.raw(`(select max(${ident(found.column)})::bigint from ${qualified(found.table)})`)
        : sql`null`;
    await tx.execute(sql`select setval(s.seqrelid, greatest(v.v, s.seqmin), v.v >= s.seqmin)
      from pg_sequence s, (select greatest(${used}, ${largest}) as v) v where s.seqrelid = to_regclass(${name})`);
  }
}

/** Reads every table back, hashed as the backup was, and refuses anything but identical content. */
async function verifyTables(tx: Db, header: BackupHeader, tables: TableInfo[], onProgress: OnProgress) {
  for (const expected of header.tables) {
    const table = tables.find((t) => t.name === expected.name)!;
    const hasher = tableHasher();
    await readTableLines(tx, table, (lines) => {
      hasher.add(lines);
      onProgress({ phase: 'verify', table: table.name, done: hasher.rowsSoFar(), total: expected.rows });
    });
    const actual = hasher.result();
    if (actual.rows !== expected.rows || actual.sha256 !== expected.sha256) {
      throw new BackupError(
        `after loading, ${table.name} does not match the backup (${actual.rows} rows, expected ${expected.rows}); nothing was restored.`,
      );
    }
  }
}
