/**
 * Backlog forecast benchmark (issue 5, must-show 4): a 26-week Monte Carlo
 * forecast with 1,000 paths for 4 domains (150-300 waiting cases and 40-60
 * complaints a week each) should return in under 1 s, and the web request
 * that triggers it should stay responsive meanwhile. Times the model called
 * directly and through the worker thread (cold: including starting the
 * worker; warm: a started worker, as after `warmQueueWorker()` at server
 * start), and measures the main thread's event-loop delay while each runs.
 *
 *   npx tsx bench/forecast.bench.ts            (BENCH_RUNS=5 by default)
 */
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isWorkingDay } from '../src/core/holidays.ts';
import { Random } from '../src/core/random.ts';
import { extraHoursNeeded, simulateQueue, type QueueDomainInput, type QueueInput, type QueueResult } from '../src/forecast/queue.ts';
import { runQueueInWorker, stopQueueWorker } from '../src/forecast/queue.runner.ts';
import { addDays } from '../src/forecast/trace.calendar.ts';
import { LANES, type Lane } from '../src/forecast/trace.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const START = '2024-06-03'; // a Monday; the horizon runs through the summer holidays and autumn
const WEEKS = 26;

/** A domain like the ones in DOMAIN.md: ~0.3 cases taken an hour, a B session on Fridays, POP every other Tuesday. */
function domain(rng: Random, name: string, waitingCount: number, inflowPerWeek: number, hoursPerWeek: number): QueueDomainInput {
  const laneShares: Record<Lane, number> = { regular: 0.8, urgent: 0.04, b: 0.08, pop: 0.08 };
  const hoursByDay: Record<string, number> = {};
  const sessions: QueueDomainInput['sessions'] = [];
  for (let d = 0; d < WEEKS * 7; d++) {
    const day = addDays(START, d);
    if (!isWorkingDay(day)) continue;
    const summer = day >= '2024-07-15' && day < '2024-08-26';
    hoursByDay[day] = ((summer ? 0.7 : 1) * hoursPerWeek) / 5;
    if (d % 7 === 4) sessions.push({ day, lane: 'b', capacity: 4 });
    if (d % 14 === 1) sessions.push({ day, lane: 'pop', capacity: 8 });
  }
  const waiting = Array.from({ length: waitingCount }, (_, i) => ({
    caseId: `${name}-${i}`,
    lane: rng.weighted(LANES, (lane) => laneShares[lane]),
    receivedAt: `${addDays(START, -rng.int(1, 70))}T10:00:00Z`,
  }));
  const inflow = Array.from({ length: WEEKS }, (_, w) => {
    const summer = w >= 6 && w < 12;
    const mean = inflowPerWeek * (summer ? 0.8 : 1);
    const spread = 0.15 + 0.01 * w; // further ahead, less sure
    return { mean, p10: mean * (1 - spread), p90: mean * (1 + 1.2 * spread) };
  });
  return { domain: name, waiting, inflow, laneShares, hoursByDay, casesPerHour: { mean: 0.3, logSd: 0.12 }, sessions };
}

const rng = new Random(2024);
const input: QueueInput = {
  start: `${START}T09:00:00+02:00`,
  weeks: WEEKS,
  paths: 1000,
  seed: 1,
  targetDays: 21,
  domains: [
    domain(rng, 'leefomgeving', 280, 55, 175),
    domain(rng, 'sociale-zekerheid', 220, 50, 160),
    domain(rng, 'werk-en-inkomen', 160, 42, 150),
    domain(rng, 'politie-en-justitie', 300, 60, 170),
  ],
};

interface Timed {
  ms: number;
  cpuMs: number;
  maxLagMs: number;
  result: QueueResult;
}

/** Runs `work` while a 10 ms interval and the event-loop delay monitor watch the main thread. */
async function timed(work: () => QueueResult | Promise<QueueResult>): Promise<Timed> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  let maxLag = 0;
  let expected = performance.now() + 10;
  const probe = setInterval(() => {
    const now = performance.now();
    maxLag = Math.max(maxLag, now - expected);
    expected = now + 10;
  }, 10);
  histogram.enable();
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  // A macrotask first, so the probe is running before the work starts.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const t1 = performance.now();
  const result = await work();
  const ms = performance.now() - t1;
  const used = process.cpuUsage(cpu);
  // One more probe tick after a blocking run, so its lag is seen.
  await new Promise((resolve) => setTimeout(resolve, 15));
  clearInterval(probe);
  histogram.disable();
  void t0;
  return { ms, cpuMs: (used.user + used.system) / 1000, maxLagMs: Math.max(maxLag, histogram.max / 1e6 - 5), result };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const f0 = (v: number) => v.toFixed(0).padStart(6);

function report(label: string, runs: Timed[]): number {
  const ms = median(runs.map((r) => r.ms));
  console.log(
    `${label.padEnd(26)} median ${f0(ms)} ms  (min ${f0(Math.min(...runs.map((r) => r.ms)))}, cpu ${f0(median(runs.map((r) => r.cpuMs)))} ms)` +
      `  max event-loop lag ${f0(Math.max(...runs.map((r) => r.maxLagMs)))} ms`,
  );
  return ms;
}

console.log(`Forecast benchmark: ${input.domains.length} domains, ${input.weeks} weeks, ${input.paths} paths, ` +
  `${input.domains.map((d) => d.waiting.length).join('/')} waiting; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on this machine\n`);

simulateQueue({ ...input, paths: 50 }); // warm up the JIT, as a server would be after its first forecast
const direct: Timed[] = [];
for (let i = 0; i < RUNS; i++) direct.push(await timed(() => simulateQueue(input)));
const cold = await timed(() => runQueueInWorker(input));
const warm: Timed[] = [];
for (let i = 0; i < RUNS; i++) warm.push(await timed(() => runQueueInWorker(input)));
await stopQueueWorker();

const directMs = report('direct (main thread)', direct);
report('worker, cold start', [cold]);
const warmMs = report('worker, started', warm);
const same = JSON.stringify(warm[0]!.result) === JSON.stringify(direct[0]!.result);
console.log(`\nworker result equals direct: ${same ? 'yes' : 'NO'}`);
console.log(`< 1 s: ${directMs < 1000 ? 'yes' : 'no'} (direct), ${warmMs < 1000 ? 'yes' : 'no'} (started worker), ${cold.ms < 1000 ? 'yes' : 'no'} (cold worker)`);
console.log(`main thread stays responsive with the worker: ${Math.max(...warm.map((r) => r.maxLagMs)) < 50 ? 'yes' : 'no'} (max lag < 50 ms)`);

const r = direct[0]!.result;
console.log('\ndomain                 tray now  wk13 p10-p50-p90   wk25 p50   regular wait now p50 (p10-p90)   target met from');
for (const d of r.domains) {
  const w13 = d.weeks[13]!.tray;
  const now = d.waitNowDays.regular;
  console.log(
    `${d.domain.padEnd(22)} ${String(d.weeks[0]!.tray.p50).padStart(8)}  ${`${w13.p10}-${w13.p50}-${w13.p90}`.padStart(16)}  ${String(d.weeks[25]!.tray.p50).padStart(9)}` +
      `   ${`${now.p50 ?? '>'} (${now.p10 ?? '>'}-${now.p90 ?? '>'})`.padStart(20)}               ${d.targetMetFrom ?? 'not within 26 weeks'}`,
  );
}
const byDate = addDays(START, 7 * 13);
const t = performance.now();
const extra = extraHoursNeeded(input, 'politie-en-justitie', byDate);
console.log(`\nextra hours a week for politie-en-justitie to meet 3 weeks by ${byDate}: ${extra ?? 'more than the cap'} (${(performance.now() - t).toFixed(0)} ms)`);
