import path from 'node:path';
import { importCases } from '../import/import.service.ts';
import { IMPORT_COLUMNS } from '../import/import.schema.ts';
import { UsageError, type CliCommand } from './command.ts';

const MAX_ERRORS_SHOWN = 50;

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import cases <file.csv>   import case history from another case system (all rows or none)',
  remote: true,
  remoteArgs: ([what, file, ...rest]) => [what ?? '', file ? path.resolve(file) : '', ...rest].filter(Boolean),
  async run(ctx, argv, io) {
    const [what, file] = argv;
    if (what !== 'cases' || !file) throw new UsageError(`usage: grip ${this.usage}\ncolumns: ${IMPORT_COLUMNS.join(',')}`);
    const result = await importCases(ctx, path.resolve(file), io);
    if (result.errors.length) {
      for (const e of result.errors.slice(0, MAX_ERRORS_SHOWN)) io.out(`line ${e.line}: ${e.message}`);
      if (result.errors.length > MAX_ERRORS_SHOWN) io.out(`... and ${result.errors.length - MAX_ERRORS_SHOWN} more`);
      throw new Error(`${result.errors.length} error(s): nothing was imported`);
    }
    io.out(`Imported ${result.imported} cases.`);
  },
};
