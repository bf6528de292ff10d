/**
 * Inflow forecast benchmark (issue 5): "Inflow forecast MASE on the 13-week
 * rolling origin is reported next to seasonal naive's; goal <= 0.85x."
 *
 * Data: the demo history (seed DEMO_SEED, 2 Jan 2023 - 22 Nov 2026, the main
 * evaluation) and the synthetic traces (scenarios steady, surge and seed,
 * 2023-2024; 'drop' has the inflow of 'steady'). Complaints received per
 * domain per week (the demo: the domain of the first routing). Origins
 * every week from the second year on (seasonal naive needs a year), 13 weeks
 * ahead. Prints per data set and domain the
 * model's MASE, seasonal naive's, their ratio and the 80% interval coverage;
 * then the overall ratio (mean MASE over all series / mean seasonal-naive
 * MASE) against the goal.
 *
 *   npx tsx bench/inflow.bench.ts            (BENCH_SEEDS=1 by default, for the traces)
 */
import { generateDemoHistory } from '../src/demo/history.ts';
import { demoStaff } from '../src/demo/staff.ts';
import { rollingOrigin, weeklyCounts, type RollingOriginResult, type WeekCount } from '../src/forecast/inflow.ts';
import { generateTrace } from '../src/forecast/trace.generate.ts';
import { SCENARIOS, TRACE_DOMAINS } from '../src/forecast/trace.scenarios.ts';

/** DEMO_SEED of src/demo/demo.service.ts (not imported: that module pulls in the database layer). */
const DEMO_SEED = 20231016;
const DEMO_UNTIL = '2026-11-22';
const SEEDS = (process.env.BENCH_SEEDS ?? '1').split(',').map(Number);
const HORIZON = 13;
const GOAL = 0.85;

interface Series {
  dataSet: string;
  domain: string;
  weeks: WeekCount[];
}

const f = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '-');
const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '-');
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function demoSeries(): Series[] {
  const cases = generateDemoHistory({ seed: DEMO_SEED, until: new Date(`${DEMO_UNTIL}T23:59:59Z`), staff: demoStaff(DEMO_SEED) });
  const byDomain = new Map<string, Date[]>();
  for (const c of cases) {
    const route = c.steps.find((s) => s.command.type === 'route')?.command;
    const domain = route?.type === 'route' ? route.domainId : (c.suggested?.domainId ?? 'unrouted');
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), c.receivedAt]);
  }
  return [...byDomain.entries()]
    .filter(([domain]) => domain !== 'unrouted')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([domain, received]) => ({ dataSet: 'demo', domain, weeks: weeklyCounts(received, '2023-01-02', lastFullWeekDay(DEMO_UNTIL)) }));
}

function traceSeries(): Series[] {
  // 'drop' is left out: it differs from 'steady' only in staff, its inflow is the same.
  return SCENARIOS.filter((name) => name !== 'drop').flatMap((scenario) =>
    SEEDS.flatMap((seed) => {
      const trace = generateTrace(scenario, seed);
      return TRACE_DOMAINS.map((d) => ({
        dataSet: `trace ${scenario} #${seed}`,
        domain: d.id,
        weeks: weeklyCounts(trace.cases.filter((c) => c.domain === d.id).map((c) => c.receivedAt), '2023-01-02', '2024-12-29'),
      }));
    }),
  );
}

/** The Sunday ending the last whole week on or before `day`. */
function lastFullWeekDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (d.getUTCDay() % 7));
  return d.toISOString().slice(0, 10);
}

function main(): void {
  const started = performance.now();
  const series = [...demoSeries(), ...traceSeries()];
  console.log(`Inflow forecast, ${HORIZON}-week rolling origin from the second year on (MASE, seasonal m = 52, scaled per origin)`);
  console.log(`${'data set'.padEnd(22)}${'domain'.padEnd(24)}${'weeks'.padStart(6)}${'origins'.padStart(8)}${'MASE'.padStart(8)}${'sNaive'.padStart(8)}${'ratio'.padStart(8)}${'cov80'.padStart(8)}`);
  const results: (Series & { result: RollingOriginResult })[] = [];
  for (const s of series) {
    const from = s.weeks[53]!.week;
    const result = rollingOrigin(s.weeks, { from, to: s.weeks.at(-1)!.week, horizon: HORIZON });
    results.push({ ...s, result });
    const r = result;
    console.log(
      `${s.dataSet.padEnd(22)}${s.domain.padEnd(24)}${String(s.weeks.length).padStart(6)}${String(r.origins).padStart(8)}` +
        `${f(r.mase).padStart(8)}${f(r.maseSeasonalNaive).padStart(8)}${f(r.ratio).padStart(8)}${pct(r.coverage).padStart(8)}`,
    );
  }
  console.log('\nPer data set (mean MASE over its domains):');
  const dataSets = [...new Set(results.map((r) => r.dataSet))];
  for (const ds of dataSets) {
    const rs = results.filter((r) => r.dataSet === ds).map((r) => r.result);
    const m = mean(rs.map((r) => r.mase));
    const n = mean(rs.map((r) => r.maseSeasonalNaive));
    console.log(`${ds.padEnd(22)}MASE ${f(m)}  sNaive ${f(n)}  ratio ${f(m / n)}  coverage ${pct(mean(rs.map((r) => r.coverage)))}`);
  }
  const all = results.map((r) => r.result);
  const demo = results.filter((r) => r.dataSet === 'demo').map((r) => r.result);
  const ratioOf = (rs: RollingOriginResult[]) => mean(rs.map((r) => r.mase)) / mean(rs.map((r) => r.maseSeasonalNaive));
  const overall = ratioOf(all);
  const demoRatio = ratioOf(demo);
  console.log(`\nDemo history (main): ratio ${f(demoRatio)} ${demoRatio <= GOAL ? 'meets' : 'MISSES'} the goal <= ${GOAL}x seasonal naive`);
  console.log(`Overall (${all.length} series): ratio ${f(overall)} ${overall <= GOAL ? 'meets' : 'MISSES'} the goal <= ${GOAL}x seasonal naive; coverage ${pct(mean(all.map((r) => r.coverage)))} (target 80%)`);
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

main();
