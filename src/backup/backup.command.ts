import path from 'node:path';
import { UsageError, type CliCommand } from '../cli/command.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';
import { ExportTargetError, exportDatabase } from './export.ts';

/** Relative paths are the operator's: made absolute before they go to a running server. */
const absolute = (argv: string[]) => argv.map((a, i) => (i === 0 && !a.startsWith('-') ? path.resolve(a) : a));

function onePath(argv: string[], usage: string): string {
  if (argv.length !== 1 || !argv[0] || argv[0].startsWith('-')) throw new UsageError(`usage: grip ${usage}`);
  return path.resolve(argv[0]);
}

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup <file>       a consistent backup of the whole database, while Grip runs',
  remote: true,
  remoteArgs: absolute,
  async run(ctx, argv, io) {
    const file = onePath(argv, this.usage);
    const started = Date.now();
    const header = await backupDatabase(ctx.db, file, io);
    const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
    io.out(`Backup written to ${file}: ${header.tables.length} tables, ${rows} rows (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  },
};

/** Not remote: a restore never runs into the database of a live server; on the embedded database it needs the folder to itself. */
export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore <file>      restore a backup into an empty database',
  remote: false,
  async run(ctx, argv, io) {
    const file = onePath(argv, this.usage);
    const header = await restoreDatabase(ctx.db, file, io);
    const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
    io.out(`Restored ${header.tables.length} tables, ${rows} rows from ${file}.`);
  },
};

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export <dir>        every table as JSON lines, one file per table, stable order',
  remote: true,
  remoteArgs: absolute,
  async run(ctx, argv, io) {
    const dir = onePath(argv, this.usage);
    try {
      const manifest = await exportDatabase(ctx.db, dir, io);
      io.out(`Exported ${manifest.tables.length} tables to ${dir} (manifest.json lists them).`);
    } catch (err) {
      if (err instanceof ExportTargetError) throw new UsageError(err.message);
      throw err;
    }
  },
};
