import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError, type StandaloneCommand } from '../cli/command.ts';
import { AppError } from '../shared/errors.ts';
import { accuracyLines, predictionsCsv, runBacktest } from './backtest.ts';
import { parseTrace } from './trace.csv.ts';

const MAX_ERRORS_SHOWN = 50;

/** `grip backtest`: the backtest contract of issue 5 on CSV files. Needs no database. */
export const backtestCommand: StandaloneCommand = {
  name: 'backtest',
  usage: 'backtest --cases cases.csv --staff staff.csv --from YYYY-MM-DD --to YYYY-MM-DD --out predictions.csv   predict each wait at receipt and score Grip against QL, HOL and LES',
  async run(argv, io) {
    const { values } = flags(this.usage, () => parseArgs({
      args: argv,
      options: { cases: { type: 'string' }, staff: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } },
    }));
    const { cases, staff, out } = values;
    if (!cases || !staff || !values.from || !values.to || !out) throw new UsageError(`usage: grip ${this.usage}`);
    const from = dayArg('--from', values.from);
    const to = dayArg('--to', values.to);
    if (to <= from) throw new UsageError('--to must be after --from');
    const parsed = parseTrace(readInput(cases), readInput(staff));
    if (!parsed.ok) throw inputErrors(parsed.errors.map((e) => ({ ...e.error, file: e.file === 'cases' ? cases : staff })));
    const result = runBacktest(parsed.trace, { from, to }, { onProgress: (done, total) => io.progress(done, total, 'cases predicted') });
    fs.writeFileSync(out, predictionsCsv(result.cases, result.predictions.Grip ?? []));
    for (const line of accuracyLines(result)) io.out(line);
    io.out(`Wrote ${result.cases.length} predictions to ${out}.`);
  },
};

/** Unknown or malformed options are a usage error, not a crash. */
export function flags<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nusage: grip ${usage}`);
  }
}

export function dayArg(flag: string, value: string): Date {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`${flag}: not a date (YYYY-MM-DD): ${value}`);
  }
  return date;
}

export function readInput(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('not_found', `File ${file} cannot be read (bestand ${file} is niet te lezen)`);
  }
}

function inputErrors(errors: { file: string; line: number; message: string; nl: string }[]): AppError {
  const shown = errors.slice(0, MAX_ERRORS_SHOWN).map((e) => `${e.file} line ${e.line}: ${e.message} (regel ${e.line}: ${e.nl})`);
  if (errors.length > MAX_ERRORS_SHOWN) shown.push(`... and ${errors.length - MAX_ERRORS_SHOWN} more (en nog ${errors.length - MAX_ERRORS_SHOWN})`);
  shown.push(`${errors.length} error(s) in the input: nothing was predicted (${errors.length} fout(en) in de invoer: niets voorspeld)`);
  return new AppError('validation', shown.join('\n'), { errors: errors.map((e) => ({ field: `${e.file}:${e.line}`, message: e.message, nl: e.nl })) });
}

