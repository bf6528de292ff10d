import type { CliCommand } from '../cli/command.ts';

/** Issue 8: `grip backup <file>`, `grip restore <file>`, `grip export <dir>` (being written). */
export const backupCommand: CliCommand = {
  name: 'backup', usage: 'backup <file>       a consistent backup of the whole database, while Grip runs', remote: true,
  async run() { throw new Error('not yet'); },
};
export const restoreCommand: CliCommand = {
  name: 'restore', usage: 'restore <file>      restore a backup into an empty database', remote: false,
  async run() { throw new Error('not yet'); },
};
export const exportCommand: CliCommand = {
  name: 'export', usage: 'export <dir>        every table as JSON lines, one file per table, stable order', remote: true,
  async run() { throw new Error('not yet'); },
};
