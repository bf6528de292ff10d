/**
 * Backtest benchmark (issue 5, must-show 1): for each scenario of the trace
 * generator and a few seeds, Grip's wait predictor and the baselines QL, HOL
 * and LES are replayed over the trace; cases received from 3 Apr 2023 (13
 * weeks of history first) to 1 Oct 2024 are predicted at receipt and scored
 * against their realised waits. Prints per scenario and lane the MAE of each
 * (mean over the seeds), the ratios Grip/QL and Grip/min(HOL, LES), and the
 * 80% interval coverage; then the must-show targets per trace.
 *
 *   npx tsx bench/backtest.bench.ts            (BENCH_SEEDS=1,2,3 by default)
 */
import { runBacktest, type BacktestResult } from '../src/forecast/backtest.ts';
import type { Accuracy } from '../src/forecast/metrics.ts';
import { generateTrace } from '../src/forecast/trace.generate.ts';
import { SCENARIOS, type ScenarioName } from '../src/forecast/trace.scenarios.ts';
import { LANES } from '../src/forecast/trace.ts';

const SEEDS = (process.env.BENCH_SEEDS ?? '1,2,3').split(',').map(Number);
const WINDOW = { from: new Date('2023-04-03T00:00:00Z'), to: new Date('2024-10-01T00:00:00Z') };
const GROUPS = ['all', ...LANES] as const;
type Group = (typeof GROUPS)[number];

/** Must-show 1: Grip's MAE at most 0.5x QL and 0.6x min(HOL, LES) over all lanes, 0.55x QL on the regular lane; coverage 75-85% on the mean, 72-88% on each trace. */
const TARGET = { allVsQl: 0.5, allVsBest: 0.6, regularVsQl: 0.55, coverageMean: [0.75, 0.85], coverageEach: [0.72, 0.88] } as const;

const of = (r: BacktestResult, name: string, group: Group): Accuracy =>
  group === 'all' ? r.accuracy[name]!.overall : r.accuracy[name]!.byLane[group];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const f = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '-');
const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '-');

function ratios(r: BacktestResult, group: Group) {
  const mae = (name: string) => of(r, name, group).mae ?? Number.NaN;
  return { vsQl: mae('Grip') / mae('QL'), vsBest: mae('Grip') / Math.min(mae('HOL'), mae('LES')) };
}

function printScenario(name: ScenarioName, results: BacktestResult[]): void {
  console.log(`\n${name} (seeds ${SEEDS.join(', ')}; ${results.map((r) => r.cases.length).join(' / ')} cases predicted)`);
  console.log(
    `${'lane'.padEnd(9)}${'Grip'.padStart(8)}${'QL'.padStart(8)}${'HOL'.padStart(8)}${'LES'.padStart(8)}` +
      `${'Grip/QL'.padStart(9)}${'Grip/min(HOL,LES)'.padStart(19)}${'cov Grip'.padStart(10)}${'cov QL'.padStart(8)}${'cov HOL'.padStart(9)}${'cov LES'.padStart(9)}`,
  );
  for (const group of GROUPS) {
    const m = (p: string) => mean(results.map((r) => of(r, p, group).mae ?? Number.NaN));
    const cov = (p: string) => mean(results.map((r) => of(r, p, group).coverage ?? Number.NaN));
    const rs = results.map((r) => ratios(r, group));
    console.log(
      `${group.padEnd(9)}${f(m('Grip')).padStart(8)}${f(m('QL')).padStart(8)}${f(m('HOL')).padStart(8)}${f(m('LES')).padStart(8)}` +
        `${f(mean(rs.map((x) => x.vsQl))).padStart(9)}${f(mean(rs.map((x) => x.vsBest))).padStart(19)}` +
        `${pct(cov('Grip')).padStart(10)}${pct(cov('QL')).padStart(8)}${pct(cov('HOL')).padStart(9)}${pct(cov('LES')).padStart(9)}`,
    );
  }
}

function printTargets(all: { scenario: ScenarioName; seed: number; result: BacktestResult }[]): void {
  console.log('\nMust-show 1, per trace (MAE in days; ratios of Grip to the baselines):');
  let met = true;
  for (const { scenario, seed, result } of all) {
    const a = ratios(result, 'all');
    const reg = ratios(result, 'regular');
    const coverage = result.accuracy.Grip!.overall.coverage ?? Number.NaN;
    const ok = a.vsQl <= TARGET.allVsQl && a.vsBest <= TARGET.allVsBest && reg.vsQl <= TARGET.regularVsQl &&
      coverage >= TARGET.coverageEach[0] && coverage <= TARGET.coverageEach[1];
    met &&= ok;
    console.log(
      `  ${`${scenario} seed ${seed}`.padEnd(16)} all: Grip/QL ${f(a.vsQl)} (<= ${TARGET.allVsQl}), Grip/min(HOL,LES) ${f(a.vsBest)} (<= ${TARGET.allVsBest});` +
        ` regular: Grip/QL ${f(reg.vsQl)} (<= ${TARGET.regularVsQl}); coverage ${pct(coverage)} (72-88%)  ${ok ? 'met' : 'NOT met'}`,
    );
  }
  const meanCoverage = mean(all.map((x) => x.result.accuracy.Grip!.overall.coverage ?? Number.NaN));
  const meanOk = meanCoverage >= TARGET.coverageMean[0] && meanCoverage <= TARGET.coverageMean[1];
  console.log(`  mean coverage over traces ${pct(meanCoverage)} (75-85%) ${meanOk ? 'met' : 'NOT met'}`);
  console.log(`Must-show 1 ${met && meanOk ? 'met' : 'NOT met'} on these traces.`);
}

const all: { scenario: ScenarioName; seed: number; result: BacktestResult }[] = [];
const started = performance.now();
for (const scenario of SCENARIOS) {
  const results = SEEDS.map((seed) => {
    const result = runBacktest(generateTrace(scenario, seed), WINDOW);
    all.push({ scenario, seed, result });
    return result;
  });
  printScenario(scenario, results);
}
printTargets(all);
console.log(`\n(${all.length} traces in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
