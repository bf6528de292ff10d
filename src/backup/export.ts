import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { CommandIO } from '../cli/io.ts';
import type { Db } from '../db/database.ts';
import { appliedMigrations, countRows, inSnapshot, listTables, readSequences, tableLines, type SequenceValue } from './snapshot.ts';

/**
 * `grip export <dir>`: every table as JSON lines, one file per table
 * (`<table>.jsonl`, one row per line as PostgreSQL's `row_to_json` writes it,
 * rows in byte order of that text), and `manifest.json` with the format, the
 * applied migrations, each table's row count and the sequences. Nothing in it
 * depends on when or where the export ran, so two exports of the same data are
 * byte-identical file by file.
 */
export const EXPORT_FORMAT = 'grip-export';
export const EXPORT_VERSION = 1;

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  version: number;
  migrations: string[];
  tables: { name: string; file: string; rows: number }[];
  sequences: SequenceValue[];
}

export async function exportDatabase(db: Db, dir: string, io: CommandIO): Promise<ExportManifest> {
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) throw new ExportTargetError(`${dir} is a file: export into a new or empty folder`);
  const existing = stat ? fs.readdirSync(dir) : null;
  if (existing?.length) throw new ExportTargetError(`${dir} is not empty: export into a new or empty folder`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 }); // personal data: for Grip's own user only
  const manifest = await inSnapshot(db, async (tx) => {
    const sequences = await readSequences(tx);
    const migrations = await appliedMigrations(tx);
    const tables: ExportManifest['tables'] = [];
    for (const name of await listTables(tx)) {
      const total = await countRows(tx, name);
      const file = `${name}.jsonl`;
      let done = 0;
      await pipeline(
        async function* () {
          for await (const batch of tableLines(tx, name)) {
            done += batch.length;
            io.progress(done, total, name);
            yield `${batch.map(checkLine).join('\n')}\n`;
          }
        },
        fs.createWriteStream(path.join(dir, file), { mode: 0o600 }),
      );
      if (done !== total) throw new Error(`${name}: read ${done} rows, expected ${total}`);
      io.out(`${name}: ${total} rows`);
      tables.push({ name, file, rows: total });
    }
    return { format: EXPORT_FORMAT, version: EXPORT_VERSION, migrations, tables, sequences } satisfies ExportManifest;
  });
  // Written last: a folder without manifest.json is an export that did not finish.
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

export class ExportTargetError extends Error {}

/** A row is one line: PostgreSQL escapes newlines in JSON strings (a `json` column could hold raw ones). */
export function checkLine(line: string): string {
  if (line.includes('\n')) throw new Error('A row holds a raw line break (a json column?): it cannot be written as one line');
  return line;
}
