import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { CommandIO } from '../cli/io.ts';
import type { Db, Tx } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';
import { checkLine } from './export.ts';
import {
  appliedMigrations, countRows, fixOutputSettings, inSnapshot, listTables, readSequences, tableLines, type SequenceValue,
} from './snapshot.ts';

/**
 * `grip backup <file>` and `grip restore <file>`.
 *
 * A backup is one gzip-compressed JSON-lines file:
 *   1. a header {format: "grip-backup", version, migrations, tables: [{name, rows}], sequences};
 *   2. per table, in the header's order, exactly `rows` lines, each a row as
 *      PostgreSQL's `row_to_json` writes it;
 *   3. a trailer {end: "grip-backup", rows: <total>}.
 * It is read in one repeatable-read, read-only transaction, so it is one
 * consistent snapshot while Grip keeps writing, and written to `<file>.partial`
 * first and renamed when complete, so a crash never leaves a file that looks whole.
 */
export const BACKUP_FORMAT = 'grip-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  migrations: string[];
  tables: { name: string; rows: number }[];
  sequences: SequenceValue[];
}

export async function backupDatabase(db: Db, file: string, io: CommandIO): Promise<BackupHeader> {
  const partial = `${file}.partial`;
  if (!fs.existsSync(path.dirname(path.resolve(file)))) throw new BackupError(`The folder of ${file} does not exist`);
  if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new BackupError(`${file} is a folder: name the backup file`);
  try {
    const header = await inSnapshot(db, async (tx) => {
      // Sequences first: read after the snapshot began, they are at least as far as any row it sees.
      const sequences = await readSequences(tx);
      const migrations = await appliedMigrations(tx);
      const tables: BackupHeader['tables'] = [];
      for (const name of await listTables(tx)) tables.push({ name, rows: await countRows(tx, name) });
      const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION, migrations, tables, sequences };
      let total = 0;
      await pipeline(
        async function* () {
          yield `${JSON.stringify(header)}\n`;
          for (const table of tables) {
            let done = 0;
            for await (const batch of tableLines(tx, table.name)) {
              done += batch.length;
              io.progress(done, table.rows, table.name);
              yield `${batch.map(checkLine).join('\n')}\n`;
            }
            if (done !== table.rows) throw new Error(`${table.name}: read ${done} rows, expected ${table.rows}`);
            total += done;
            io.out(`${table.name}: ${table.rows} rows`);
          }
          yield `${JSON.stringify({ end: BACKUP_FORMAT, rows: total })}\n`;
        },
        createGzip(),
        fs.createWriteStream(partial, { mode: 0o600 }), // every petitioner is in it: readable by Grip's own user only
      );
      return header;
    });
    const fd = fs.openSync(partial, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, file);
    return header;
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

/** A refused or failed restore, a damaged file, a missing folder: the operator's message, no stack. */
export class BackupError extends AppError {
  constructor(message: string) {
    super('unprocessable', message);
  }
}

/**
 * Tables a fresh installation fills by itself (migrations and the organisation's
 * bootstrap): their rows do not make a database "not empty". Everything else
 * must be empty, and staff may hold only the initial `admin`.
 */
const FRESH_TABLES = new Set([
  'units', 'domains', 'skills', 'keywords', 'outcomes', 'settings', 'agencies', 'routing_rules',
  'production_norms', 'stats_state', 'staff', 'woo_grounds',
]);

const BATCH_ROWS = 1000;
const BATCH_CHARS = 4_000_000;

/**
 * Loads a backup into an empty database whose schema is at exactly the
 * backup's migrations. All in one transaction: on any error (a damaged file, a
 * row PostgreSQL refuses) nothing is left behind. The rows load with
 * `session_replication_role = replica` — foreign keys and triggers are off
 * while they go in, as the snapshot was consistent — which needs a superuser.
 */
export async function restoreDatabase(db: Db, file: string, io: CommandIO): Promise<BackupHeader> {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist`);
  const lines = readLines(file);
  try {
    const header = parseHeader(await nextLine(lines, file), file);
    const applied = await appliedMigrations(db);
    const newer = header.migrations.filter((m) => !applied.includes(m));
    if (newer.length) {
      throw new BackupError(`This backup was made by a newer Grip (migrations ${newer.join(', ')} are unknown here): upgrade Grip first`);
    }
    const older = applied.filter((m) => !header.migrations.includes(m));
    if (older.length) {
      throw new BackupError(
        `This backup was made by an older Grip (before migrations ${older.join(', ')}): restore it with that version, then upgrade`,
      );
    }
    const { rows: su } = await sql<{ on: boolean }>`select current_setting('is_superuser') = 'on' as on`.execute(db);
    if (!su[0]?.on) {
      throw new BackupError('Restore needs a database superuser (it loads rows with session_replication_role = replica)');
    }
    await db.transaction().execute(async (tx) => {
      await fixOutputSettings(tx);
      await sql`set local session_replication_role = replica`.execute(tx);
      const tables = await listTables(tx);
      const missing = header.tables.map((t) => t.name).filter((t) => !tables.includes(t));
      if (missing.length) throw new BackupError(`Tables in the backup do not exist here: ${missing.join(', ')}`);
      const list = sql.join(tables.map((t) => sql.table(`public.${t}`)));
      await sql`lock table ${list} in access exclusive mode`.execute(tx);
      await refuseUnlessEmpty(tx, tables);
      // What migrations and the bootstrap put in (reference data, the admin) makes way for the backup's rows.
      await sql`truncate table ${list}`.execute(tx);
      let total = 0;
      for (const table of header.tables) {
        const insert = await inserter(tx, table.name);
        let batch: string[] = [];
        let chars = 0;
        let done = 0;
        const flush = async () => {
          if (!batch.length) return;
          await insert(`[${batch.join(',')}]`);
          done += batch.length;
          io.progress(done, table.rows, table.name);
          batch = [];
          chars = 0;
        };
        for (let i = 0; i < table.rows; i++) {
          const line = await nextLine(lines, file);
          if (!line.startsWith('{') || !line.endsWith('}')) throw damaged(file, `a row of ${table.name} is not a JSON object`);
          batch.push(line);
          chars += line.length;
          if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
        }
        await flush();
        const loaded = await countRows(tx, table.name);
        if (loaded !== table.rows) throw damaged(file, `${table.name} holds ${loaded} rows after loading, the backup ${table.rows}`);
        total += table.rows;
        io.out(`${table.name}: ${table.rows} rows`);
      }
      const trailer = parseJson(await nextLine(lines, file), file) as { end?: string; rows?: number };
      if (trailer.end !== BACKUP_FORMAT || trailer.rows !== total) throw damaged(file, 'its end does not match its header');
      if (!(await lines.next()).done) throw damaged(file, 'there is more after its end');
      for (const s of header.sequences) {
        await sql`select setval(${`public.${quoteIdent(s.name)}`}::regclass, ${s.last_value}::bigint, ${s.is_called})`.execute(tx);
      }
    });
    return header;
  } catch (err) {
    await lines.return(undefined);
    if (err instanceof BackupError) throw err;
    // PostgreSQL refusing a row means the file is not what Grip wrote.
    const code = (err as { code?: string }).code;
    if (code && /^(22|23|42)/.test(code)) throw damaged(file, (err as Error).message);
    throw err;
  }
}

async function refuseUnlessEmpty(tx: Tx, tables: string[]): Promise<void> {
  const filled: string[] = [];
  for (const table of tables) {
    if (table === 'staff') {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from staff where login <> 'admin'`.execute(tx);
      if (rows[0]!.n > 0) filled.push(`staff (${rows[0]!.n})`);
    } else if (!FRESH_TABLES.has(table)) {
      const n = await countRows(tx, table);
      if (n > 0) filled.push(`${table} (${n})`);
    }
  }
  if (filled.length) {
    throw new BackupError(
      `The database is not empty (${filled.join(', ')}): restore only into a new database ` +
        '(a new GRIP_DATA_DIR folder, or a newly created PostgreSQL database in DATABASE_URL). Nothing was changed.',
    );
  }
}

/** Inserts a JSON array of rows into one table; PostgreSQL converts every value to its column's type. */
async function inserter(tx: Tx, table: string): Promise<(json: string) => Promise<void>> {
  const { rows } = await sql<{ name: string }>`
    select column_name as name from information_schema.columns
    where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER'
    order by ordinal_position`.execute(tx);
  const columns = sql.join(rows.map((r) => sql.ref(r.name)));
  const target = sql.table(`public.${table}`);
  return async (json) => {
    await sql`insert into ${target} (${columns}) select ${columns} from json_populate_recordset(null::${target}, ${json}::json)`.execute(tx);
  };
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function damaged(file: string, why: string): BackupError {
  return new BackupError(`${file} is damaged or incomplete (${why}): nothing was restored`);
}

function parseJson(line: string, file: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw damaged(file, 'a line is not JSON');
  }
}

function parseHeader(line: string, file: string): BackupHeader {
  const header = parseJson(line, file) as Partial<BackupHeader>;
  if (header?.format !== BACKUP_FORMAT) throw new BackupError(`${file} is not a Grip backup`);
  if (header.version !== BACKUP_VERSION) throw new BackupError(`${file} has backup format version ${header.version}; this Grip reads version ${BACKUP_VERSION}`);
  if (!Array.isArray(header.migrations) || !Array.isArray(header.tables) || !Array.isArray(header.sequences)) {
    throw damaged(file, 'its header is incomplete');
  }
  return header as BackupHeader;
}

async function nextLine(lines: AsyncGenerator<string>, file: string): Promise<string> {
  const next = await lines.next();
  if (next.done) throw damaged(file, 'it ends early');
  return next.value;
}

/** The file's lines, decompressed as they are read; a damaged or cut-off gzip stream is reported as such. */
async function* readLines(file: string): AsyncGenerator<string> {
  const input = fs.createReadStream(file);
  const gunzip = createGunzip();
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let parts: string[] = [];
  try {
    for await (const chunk of gunzip) {
      const text = decoder.write(chunk as Buffer);
      let start = 0;
      let nl: number;
      while ((nl = text.indexOf('\n', start)) >= 0) {
        parts.push(text.slice(start, nl));
        yield parts.join('');
        parts = [];
        start = nl + 1;
      }
      if (start < text.length) parts.push(text.slice(start));
    }
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('Z_') || /unexpected end|incorrect header|invalid/i.test((err as Error).message)) {
      throw damaged(file, (err as Error).message);
    }
    throw err;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  const rest = parts.join('') + decoder.end();
  if (rest) throw damaged(file, 'its last line is cut off');
}
