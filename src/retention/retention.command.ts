import type { CliCommand } from '../cli/command.ts';

/** Issue 8: `grip retention [--apply]` (being written). */
export const retentionCommand: CliCommand = {
  name: 'retention', usage: 'retention [--apply]  closed dossiers past the retention period: report, or anonymise', remote: true,
  async run() { throw new Error('not yet'); },
};
