import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError, type StandaloneCommand } from '../cli/command.ts';
import { flags } from './backtest.command.ts';
import { generateTrace } from './trace.generate.ts';
import { casesCsv, staffCsv } from './trace.csv.ts';
import { SCENARIOS, isScenario } from './trace.scenarios.ts';

/** `grip trace`: writes a generated trace as the backtest's two CSV files. Needs no database. */
export const traceCommand: StandaloneCommand = {
  name: 'trace',
  usage: `trace --scenario ${SCENARIOS.join('|')} --seed <n> --out-cases cases.csv --out-staff staff.csv   write a synthetic trace for the backtest`,
  async run(argv, io) {
    const { values } = flags(this.usage, () => parseArgs({
      args: argv,
      options: { scenario: { type: 'string' }, seed: { type: 'string' }, 'out-cases': { type: 'string' }, 'out-staff': { type: 'string' } },
    }));
    const { scenario, seed } = values;
    const outCases = values['out-cases'];
    const outStaff = values['out-staff'];
    if (!scenario || seed === undefined || !outCases || !outStaff) throw new UsageError(`usage: grip ${this.usage}`);
    if (!isScenario(scenario)) throw new UsageError(`--scenario must be one of ${SCENARIOS.join(', ')}`);
    const n = Number(seed);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new UsageError('--seed must be a whole number from 0 to 4294967295');
    const trace = generateTrace(scenario, n);
    fs.writeFileSync(outCases, casesCsv(trace.cases));
    fs.writeFileSync(outStaff, staffCsv(trace.staff));
    io.out(`Wrote ${trace.cases.length} cases to ${outCases} and ${trace.staff.length} staff periods to ${outStaff}.`);
  },
};
