import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIO } from '../cli/io.ts';
import { gripEnv, runGrip } from '../testing/process.ts';
import { backtestCommand } from './backtest.command.ts';
import { parseCasesCsv } from './trace.csv.ts';
import { traceCommand } from './trace.command.ts';

let dir: string;
const file = (name: string) => path.join(dir, name);

function captureIO(): CommandIO & { lines: string[]; done: number[] } {
  const lines: string[] = [];
  const done: number[] = [];
  return { lines, done, out: (l) => lines.push(l), progress: (n) => done.push(n) };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'grip-backtest-'));
  await traceCommand.run(['--scenario', 'steady', '--seed', '4', '--out-cases', file('cases.csv'), '--out-staff', file('staff.csv')], captureIO());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('grip backtest', () => {
  it('writes one prediction per case received in [from, to) and prints the scores of Grip and the three baselines', async () => {
    const io = captureIO();
    await backtestCommand.run(
      ['--cases', file('cases.csv'), '--staff', file('staff.csv'), '--from', '2023-06-01', '--to', '2023-09-01', '--out', file('predictions.csv')],
      io,
    );
    const parsed = parseCasesCsv(readFileSync(file('cases.csv'), 'utf8'));
    if (!parsed.ok) throw new Error('generated cases.csv does not parse');
    const inRange = parsed.rows.filter((c) => c.receivedAt >= new Date('2023-06-01T00:00:00Z') && c.receivedAt < new Date('2023-09-01T00:00:00Z'));
    const [header, ...rows] = readFileSync(file('predictions.csv'), 'utf8').trimEnd().split('\n');
    expect(header).toBe('case_id,predicted_days,p10_days,p90_days');
    expect(rows.map((r) => r.split(',')[0])).toEqual(inRange.map((c) => c.caseId));
    for (const r of rows) {
      const [, predicted, p10, p90] = r.split(',').map(Number);
      expect(p10! <= predicted! && predicted! <= p90!).toBe(true);
    }
    const report = io.lines.join('\n');
    for (const name of ['Grip', 'QL', 'HOL', 'LES']) expect(report).toMatch(new RegExp(`^${name} +all +\\d+ +[\\d.]+ +[\\d.]+ +[\\d.]+%`, 'm'));
    expect(report).toMatch(/^ +pop +\d+/m);
    expect(io.done.at(-1)).toBe(inRange.length);
  });

  it('refuses a bad cases.csv with the line number, in English and Dutch, and writes nothing', async () => {
    const lines = readFileSync(file('cases.csv'), 'utf8').split('\n');
    lines[2] = lines[2]!.replace(/,(regular|urgent|b|pop),/, ',spoed,');
    writeFileSync(file('bad.csv'), lines.join('\n'));
    const run = backtestCommand.run(
      ['--cases', file('bad.csv'), '--staff', file('staff.csv'), '--from', '2023-06-01', '--to', '2023-09-01', '--out', file('never.csv')],
      captureIO(),
    );
    await expect(run).rejects.toThrow(/bad\.csv line 3: lane: must be one of regular, urgent, b, pop, not "spoed" \(regel 3: lane: moet een van/);
    expect(existsSync(file('never.csv'))).toBe(false);
  });

  it('says how to call it when an option is missing or a date is wrong', async () => {
    await expect(backtestCommand.run(['--cases', file('cases.csv')], captureIO())).rejects.toThrow(/usage: grip backtest --cases/);
    const args = ['--cases', file('cases.csv'), '--staff', file('staff.csv'), '--to', '2023-09-01', '--out', file('x.csv')];
    await expect(backtestCommand.run([...args, '--from', '2023-02-30'], captureIO())).rejects.toThrow(/--from: not a date/);
  });
});

describe('the grip command line, as an operator runs it', () => {
  it('runs trace and backtest without opening a database', async () => {
    const dataDir = path.join(dir, 'no-database-here');
    const env = gripEnv({ GRIP_DATA_DIR: dataDir });
    const trace = await runGrip(['trace', '--scenario', 'seed', '--seed', '2', '--out-cases', file('seed.csv'), '--out-staff', file('seed-staff.csv')], env);
    expect(trace.code, trace.stderr).toBe(0);
    const backtest = await runGrip(
      ['backtest', '--cases', file('seed.csv'), '--staff', file('seed-staff.csv'), '--from', '2024-01-01', '--to', '2024-02-01', '--out', file('seed-pred.csv')],
      env,
    );
    expect(backtest.code, backtest.stderr).toBe(0);
    expect(backtest.stdout).toMatch(/^QL +all/m);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('exits with 2 and the line number on bad input', async () => {
    writeFileSync(file('broken.csv'), 'case_id,received_at,domain,unit,lane,assigned_at,closed_at\na,2024-01-01T09:00:00Z,inkomen,standard,regular,,\nb,gisteren,inkomen,standard,regular,,\n');
    const result = await runGrip(
      ['backtest', '--cases', file('broken.csv'), '--staff', file('staff.csv'), '--from', '2024-01-01', '--to', '2024-02-01', '--out', file('x.csv')],
      gripEnv({ GRIP_DATA_DIR: path.join(dir, 'none') }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('broken.csv line 3: received_at: not an ISO 8601 time: "gisteren" (regel 3: received_at: geen ISO 8601-tijd: "gisteren")');
  });
});
