import type { Executor } from '../db/database.ts';
import { createHash } from 'node:crypto';
import { readPlan } from '../capacity/capacity.repository.ts';
import { capacityOn, dailyHours, type CapacityPlan } from '../capacity/plan.ts';
import { isWorkingDay } from '../core/holidays.ts';
import { flowsPerWeek, stockAt } from '../dashboards/daily.repository.ts';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { forecastInflow, type WeekCount } from './inflow.ts';
import {
  laneCountsSince, readExpectation, readExpectations, readRun, saveExpectations, saveFirstExpectations, saveRun, waitingCases, type Expectation,
} from './forecast.repository.ts';
import { RUN_OFF_WEEKS, type QueueDomainInput, type QueueInput, type QueueResult } from './queue.ts';
import { runQueueInWorker } from './queue.runner.ts';
import { applyScenario, type PlanChange } from './scenario.ts';
import { addDays, mondayOf } from './trace.calendar.ts';
import { LANES, type Lane } from './trace.ts';

/**
 * The backlog forecast: from the database (the tray now, the weekly inflow
 * and take-outs of the stored daily figures, the capacity plan) to the queue
 * model's input, run in the worker thread, saved per scenario so pages read
 * it, and — for the plan itself — the expected assignment dates kept on each
 * waiting case.
 *
 * Learnt from history, per domain:
 * - inflow: the inflow forecast (inflow.ts) on the weekly counts of cases
 *   entering the domain's tray;
 * - cases per available hour: take-outs of the tray (inflow minus the change
 *   in stock) per available hour of the plan, over the recent weeks in which
 *   the tray held more than the week took out (capacity was the limit); with
 *   fewer than MIN_BOUND_WEEKS such weeks, over all recent weeks (then the
 *   rate shows the inflow, and the forecast says the tray is not the limit);
 * - lane shares: the markers of the cases received in the last 13 weeks.
 * CHOSEN: a B or POP case takes a third of a regular case's time
 * (LANE_SPEEDUP), so a session of H hours clears H x rate x 3 of them; the
 * rate is learnt on the same footing (slot hours count three times).
 */
export const TARGET_DAYS = 21;
export const FORECAST_WEEKS = 26;
export const FORECAST_PATHS = 1000;
const SEED = 20240201;
const LEARN_WEEKS = 13;
const MIN_BOUND_WEEKS = 4;
const LANE_SPEEDUP = 3;
const HISTORY_START = '2015-01-05';
const PRIOR_CASES_PER_HOUR = 6 / 36;

export interface DomainLearning {
  domain: string;
  casesPerHour: number;
  logSd: number;
  /** Whether the rate comes from weeks in which capacity was the limit. */
  capacityBound: boolean;
  /** False: no history to learn from; the rate is the prior. */
  learnt: boolean;
  laneShares: Record<Lane, number>;
}

export interface ForecastRun {
  key: string;
  madeAt: string;
  inputHash: string;
  scenario: { id: string | null; name: string; changes: PlanChange[] };
  domains: { id: string; name: string }[];
  learning: DomainLearning[];
  /** Available hours per week (after sickness) per domain, for the weeks of the horizon. */
  hoursPerWeek: Record<string, number[]>;
  inflow: Record<string, { week: string; mean: number; p10: number; p90: number }[]>;
  /** The measured inflow of the last 26 complete weeks per domain. */
  inflowHistory: Record<string, WeekCount[]>;
  result: QueueResult;
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const sum = (xs: Iterable<number>) => { let s = 0; for (const x of xs) s += x; return s; };

/** Weekly history per domain: inflow, and take-outs where the stock at both ends is known. */
async function weeklyHistory(ctx: AppContext, now: Date, domains: readonly string[]) {
  const lastWeek = addDays(mondayOf(dayOf(now)), -7); // the last complete week
  const flows = await flowsPerWeek(ctx.db, now, HISTORY_START, addDays(lastWeek, 7));
  const weeks = [...new Set(flows.map((f) => f.week))].sort();
  const first = weeks[0] ?? lastWeek;
  const inflow = new Map<string, WeekCount[]>();
  for (const domain of domains) {
    const byWeek = new Map<string, number>();
    for (const f of flows) if (f.domainId === domain) byWeek.set(f.week, (byWeek.get(f.week) ?? 0) + f.inflow);
    const series: WeekCount[] = [];
    for (let w = first; w <= lastWeek; w = addDays(w, 7)) series.push({ week: w, count: byWeek.get(w) ?? 0 });
    inflow.set(domain, weeks.length ? series : []);
  }
  // Stock at the end of each Sunday of the recent weeks: the tray at the start of the next week.
  const recent = Array.from({ length: 2 * LEARN_WEEKS }, (_, i) => addDays(lastWeek, -7 * (2 * LEARN_WEEKS - 1 - i))).filter((w) => w >= first);
  const sundays = [...recent.map((w) => addDays(w, -1)), addDays(lastWeek, 6)];
  const stock = new Map<string, number>();
  for (const s of await stockAt(ctx.db, now, sundays)) stock.set(`${s.domainId}|${s.day}`, (stock.get(`${s.domainId}|${s.day}`) ?? 0) + s.unassigned);
  return { inflow, recent, stock, lastWeek };
}

function learnRate(plan: CapacityPlan, domain: string, recent: string[], inflow: WeekCount[], stock: Map<string, number>) {
  const weeks = recent.map((week) => {
    const start = stock.get(`${domain}|${addDays(week, -1)}`) ?? 0;
    const end = stock.get(`${domain}|${addDays(week, 6)}`) ?? 0;
    const came = inflow.find((w) => w.week === week)?.count ?? 0;
    const taken = Math.max(0, came + start - end);
    // Hours as the model spends them: regular hours, and slot hours that clear LANE_SPEEDUP times as many cases.
    const { hours, sessions } = dailyHours(plan, domain, week, 7);
    const worth = sum(Object.values(hours)) + LANE_SPEEDUP * sum(sessions.map((x) => x.hours));
    return { taken, hours: worth, bound: start > taken };
  }).filter((w) => w.hours > 0);
  const bound = weeks.filter((w) => w.bound).slice(-LEARN_WEEKS);
  const used = bound.length >= MIN_BOUND_WEEKS ? bound : weeks.slice(-LEARN_WEEKS);
  const taken = sum(used.map((w) => w.taken));
  const hours = sum(used.map((w) => w.hours));
  const rates = used.filter((w) => w.taken > 0).map((w) => Math.log(w.taken / w.hours));
  const meanLog = rates.length ? sum(rates) / rates.length : 0;
  const sd = rates.length > 1 ? Math.sqrt(sum(rates.map((r) => (r - meanLog) ** 2)) / (rates.length - 1)) : 0.3;
  const learnt = hours > 0 && taken > 0;
  return {
    // Without history (a new installation) or a plan for past weeks: a CHOSEN prior of 6 cases per FTE-week, flagged as such.
    casesPerHour: learnt ? taken / hours : PRIOR_CASES_PER_HOUR,
    logSd: learnt ? Math.max(0.05, sd / Math.sqrt(Math.max(1, rates.length))) : 0.3,
    capacityBound: bound.length >= MIN_BOUND_WEEKS,
    learnt,
  };
}

/** Everything the queue model needs for one scenario (no changes: the plan), and what was learnt. */
export async function forecastInput(ctx: AppContext, changes: readonly PlanChange[], options: { paths?: number; weeks?: number } = {}) {
  const now = ctx.clock();
  const weeks = options.weeks ?? FORECAST_WEEKS;
  const domains = await listDomains(ctx.db);
  const ids = domains.map((d) => d.id);
  const [base, waiting, lanes, history] = await Promise.all([
    readPlan(ctx.db), waitingCases(ctx.db), laneCountsSince(ctx.db, new Date(now.getTime() - 91 * 86_400_000)), weeklyHistory(ctx, now, ids),
  ]);
  const scenario = applyScenario(base, changes, ids);
  const startDay = dayOf(now);
  const days = (weeks + RUN_OFF_WEEKS) * 7;
  const learning: DomainLearning[] = [];
  const hoursPerWeek: Record<string, number[]> = {};
  const inflowOut: ForecastRun['inflow'] = {};
  const inflowHistory: ForecastRun['inflowHistory'] = {};
  const inputs: QueueDomainInput[] = ids.map((domain) => {
    const series = history.inflow.get(domain) ?? [];
    const rate = learnRate(base, domain, history.recent, series, history.stock);
    inflowHistory[domain] = series.slice(-26);
    const counts = lanes.get(domain) ?? { regular: 1, urgent: 0, b: 0, pop: 0 };
    const total = sum(Object.values(counts)) || 1;
    const laneShares = Object.fromEntries(LANES.map((l) => [l, counts[l] / total])) as Record<Lane, number>;
    learning.push({ domain, ...rate, laneShares });
    // Forecast from the last complete week to the end of the simulated span; week 0 of the model is the current week.
    const ahead = forecastInflow(series, weeks + RUN_OFF_WEEKS + 1);
    const inflow = (ahead.length ? ahead : [{ week: mondayOf(startDay), mean: 0, p10: 0, p90: 0 }]).map((w) => {
      const f = scenario.inflowFactor(domain, w.week);
      return { week: w.week, mean: w.mean * f, p10: w.p10 * f, p90: w.p90 * f };
    });
    inflowOut[domain] = inflow.slice(0, weeks);
    const { hours, sessions } = dailyHours(scenario.plan, domain, startDay, days);
    const hoursByDay: Record<string, number> = {};
    for (const [day, h] of Object.entries(hours)) hoursByDay[day] = h * scenario.rateFactor(day);
    hoursPerWeek[domain] = Array.from({ length: weeks }, (_, w) => sum(Array.from({ length: 7 }, (_, d) => {
      const day = addDays(startDay, 7 * w + d);
      return (hours[day] ?? 0) + sum(sessions.filter((s) => s.day === day).map((s) => s.hours));
    })));
    return {
      domain,
      waiting: waiting.filter((c) => c.domain === domain).map((c) => ({ caseId: c.caseId, lane: c.lane, receivedAt: c.receivedAt.toISOString() })),
      inflow: inflow.map(({ mean, p10, p90 }) => ({ mean, p10, p90 })),
      laneShares,
      hoursByDay,
      casesPerHour: { mean: rate.casesPerHour, logSd: rate.logSd },
      sessions: sessions.map((s) => ({ day: s.day, lane: s.lane, capacity: Math.max(1, Math.round(s.hours * rate.casesPerHour * LANE_SPEEDUP * scenario.rateFactor(s.day))) })),
    };
  });
  const input: QueueInput = { start: now.toISOString(), weeks, paths: options.paths ?? FORECAST_PATHS, seed: SEED, targetDays: TARGET_DAYS, domains: inputs };
  return { input, domains, learning, hoursPerWeek, inflow: inflowOut, inflowHistory };
}

const hashOf = (input: QueueInput) => createHash('sha256').update(JSON.stringify({ ...input, start: input.start.slice(0, 10) })).digest('hex').slice(0, 16);

/**
 * The forecast of a scenario (null: the plan): the saved run when its input
 * is unchanged and it was made today, else a new run in the worker thread.
 */
export async function forecast(ctx: AppContext, scenario: { id: string; name: string; changes: PlanChange[] } | null): Promise<ForecastRun> {
  const key = scenario?.id ?? 'plan';
  const built = await forecastInput(ctx, scenario?.changes ?? []);
  const inputHash = hashOf(built.input);
  const saved = await readRun(ctx.db, key);
  const savedRun = saved?.result as ForecastRun | undefined;
  if (savedRun && savedRun.inputHash === inputHash && savedRun.madeAt.slice(0, 10) === dayOf(ctx.clock())) return savedRun;
  const result = await runQueueInWorker(built.input);
  const run: ForecastRun = {
    key, madeAt: ctx.clock().toISOString(), inputHash,
    scenario: scenario ?? { id: null, name: 'Plan', changes: [] },
    domains: built.domains, learning: built.learning, hoursPerWeek: built.hoursPerWeek, inflow: built.inflow, inflowHistory: built.inflowHistory, result,
  };
  // Expectations first: a run is only kept (and reused today) once they are stored.
  if (!scenario) await keepExpectations(ctx, run);
  await saveRun(ctx.db, key, ctx.clock(), run);
  return run;
}

/** The expected assignment dates of every waiting case, from a run of the plan; "after the horizon" is kept as the horizon's end. */
async function keepExpectations(ctx: AppContext, run: ForecastRun): Promise<void> {
  const end = new Date(`${run.result.horizonEnd}T00:00:00Z`);
  const at = (day: string | null) => (day === null ? end : new Date(`${day}T12:00:00Z`));
  const list: Expectation[] = [];
  for (const d of run.result.domains) {
    for (const c of d.cases) list.push({ caseId: c.caseId, madeAt: ctx.clock(), p10: at(c.assignedOn.p10), p50: at(c.assignedOn.p50), p90: at(c.assignedOn.p90) });
  }
  await saveExpectations(ctx.db, list);
}

/** Refreshes the plan's forecast and with it every waiting case's expectation (the daily job, and after demo load). */
export async function refreshExpectations(ctx: AppContext): Promise<ForecastRun> {
  return forecast(ctx, null);
}

export interface ExpectedWait {
  caseId: string;
  madeAt: Date;
  /** The 80% interval and median of the day of first assignment. */
  p10: Date;
  p50: Date;
  p90: Date;
  /** The expectation made when the case first waited in a domain tray. */
  first: { madeAt: Date; p10: Date; p50: Date; p90: Date };
}

/**
 * A waiting case's expected assignment date (for the case page, the tray and
 * the notices of a later issue). A case that came into the tray after the
 * last run gets the wait of a complaint received now in its domain and lane,
 * and that is kept as its first expectation. Null for a case not waiting in
 * a domain tray and without a kept expectation, and before the first forecast.
 */
export async function expectedWait(ctx: AppContext, caseId: string): Promise<ExpectedWait | null> {
  let row = await readExpectation(ctx.db, caseId);
  if (!row) {
    const c = (await waitingCases(ctx.db, caseId))[0];
    if (!c) return null;
    // No forecast yet (a new installation before its first morning run): no expectation rather than a slow page.
    const run = (await readRun(ctx.db, 'plan'))?.result as ForecastRun | undefined;
    if (!run) return null;
    const wait = run.result.domains.find((d) => d.domain === c.domain)?.waitNowDays[c.lane];
    if (!wait) return null;
    const now = ctx.clock();
    // Beyond the horizon ("later") counts as the horizon's end, and the three stay in order.
    const horizonDays = run.result.weeks * 7;
    const [p10, p50, p90] = [wait.p10, wait.p50, wait.p90].map((d) => Math.min(d ?? horizonDays, horizonDays)).sort((a, b) => a - b) as [number, number, number];
    const at = (days: number) => new Date(now.getTime() + days * 86_400_000);
    await saveFirstExpectations(ctx.db, [{ caseId, madeAt: now, p10: at(p10), p50: at(p50), p90: at(p90) }]);
    row = (await readExpectation(ctx.db, caseId))!;
  }
  return {
    caseId, madeAt: row.made_at, p10: row.p10, p50: row.p50, p90: row.p90,
    first: { madeAt: row.first_made_at, p10: row.first_p10, p50: row.first_p50, p90: row.first_p90 },
  };
}

/** The kept median and 80% interval of the expected assignment date per case, for lists such as the tray. */
export async function expectationsOf(ctx: AppContext, caseIds: readonly string[]): Promise<Map<string, { p10: Date; p50: Date; p90: Date }>> {
  return readExpectations(ctx.db, caseIds);
}

/**
 * What to tell someone whose complaint arrives now and is not yet routed (the
 * receipt): the wait of a complaint received now in the suggested domain and
 * lane, from the last forecast of the plan — or, without a domain, the widest
 * band over all domains. `open`: the late end lies beyond the horizon. Null
 * before the first forecast.
 */
export async function expectedForNew(db: Executor, now: Date, domainId: string | null, lane: Lane = 'regular'): Promise<{ p10: Date; p50: Date; p90: Date; open: boolean } | null> {
  const run = (await readRun(db, 'plan'))?.result as ForecastRun | undefined;
  if (!run) return null;
  const bands = run.result.domains.filter((d) => domainId === null || d.domain === domainId).map((d) => d.waitNowDays[lane]);
  if (bands.length === 0) return null;
  const horizonDays = run.result.weeks * 7;
  const open = bands.some((b) => b.p90 === null);
  const pick = (f: (b: (typeof bands)[number]) => number | null) => bands.map((b) => Math.min(f(b) ?? horizonDays, horizonDays));
  const [p10, p50, p90] = [Math.min(...pick((b) => b.p10)), Math.max(...pick((b) => b.p50)), Math.max(...pick((b) => b.p90))].sort((a, b) => a - b) as [number, number, number];
  const at = (d: number) => new Date(now.getTime() + Math.ceil(d) * 86_400_000);
  return { p10: at(p10), p50: at(p50), p90: at(p90), open };
}
