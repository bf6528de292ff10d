import { addDays } from './trace.calendar.ts';
import { LANES, type Lane } from './trace.ts';
import { NEVER, prepare, runDomain, startDayOf, type DomainRun } from './queue.paths.ts';

/**
 * The backlog queue model (issue 5): per domain, the tray moves forward day by
 * day as capacity meets inflow, many times over (Monte Carlo), for bands.
 *
 * Simulated, per domain and path, over calendar days from the start day for
 * `weeks` weeks plus RUN_OFF_WEEKS (only so that the wait of a complaint
 * received late in the horizon can still be measured):
 *  - the tray as a count per lane, no per-case objects; each lane is served
 *    oldest first, so a case's assignment day follows from its place in the
 *    lane and the lane's cumulative count served;
 *  - each day: the day's inflow joins; a B or POP session takes up to its
 *    capacity of that lane; then the day's capacity (hours x rate) takes
 *    urgent cases first, then regular, and what is left B, then POP.
 * Drawn, per path: the rate (lognormal, mean `casesPerHour.mean`); per day a
 * capacity noise and a random rounding to whole cases; per week the inflow
 * from its interval (a two-piece normal through p10, centre and p90, half of
 * its variance shared by all weeks of the path), split over the lanes by
 * `laneShares` (multinomial) and spread evenly over the week's working days.
 * CHOSEN, not learnt: the constants in queue.paths.ts (day noise log-logistic
 * with log-sd 0.3, shared inflow variance 0.5); one rate for all lanes;
 * capacity a day cannot use is lost; a B or POP case in a domain without
 * sessions for its lane waits with the regular ones; the start day counts as
 * a whole day; after the horizon, hours and sessions repeat the last four
 * weeks and the inflow its last week.
 * Deterministic given the seed: every path of every domain has its own
 * streams (forked by domain name and path), and the capacity stream draws the
 * same count of numbers whatever the hours, so runs with more hours see the
 * same luck (common random numbers, used by `extraHoursNeeded`).
 */

export { DAILY_CAPACITY_LOG_SD, INFLOW_SHARED_VARIANCE, RUN_OFF_WEEKS, startDayOf } from './queue.paths.ts';

export interface WeeklyInflow {
  /** The centre of the week's expected inflow (cases) and its 80% interval. */
  mean: number;
  p10: number;
  p90: number;
}

export interface WaitingCase {
  caseId: string;
  lane: Lane;
  /** ISO instant or day; only the order within a lane matters. */
  receivedAt: string;
}

export interface LaneSession {
  day: string;
  lane: 'b' | 'pop';
  /** Cases of that lane taken on this day at most (its hours are not in hoursByDay). */
  capacity: number;
}

export interface QueueDomainInput {
  domain: string;
  /** The cases in the tray now, any order. */
  waiting: WaitingCase[];
  /** Expected inflow by week index: [0] is the 7 days from the start day; the last entry repeats. */
  inflow: WeeklyInflow[];
  /** Share of the inflow per lane (normalised here). */
  laneShares: Record<Lane, number>;
  /** Available hours for the tray by day 'YYYY-MM-DD' (plan, after sickness); a day not listed has none. */
  hoursByDay: Record<string, number>;
  /** Cases taken from the tray per available hour (its mean) and the sd of its log: the rate's uncertainty. */
  casesPerHour: { mean: number; logSd: number };
  sessions: LaneSession[];
}

export interface QueueInput {
  /** "Now": 'YYYY-MM-DD' or an ISO instant, read by its UTC day. */
  start: string;
  weeks: number;
  paths: number;
  seed: number;
  /** The wait target in calendar days (3 weeks: 21). */
  targetDays: number;
  domains: QueueDomainInput[];
}

export interface Band {
  p10: number;
  p50: number;
  p90: number;
}

/** A band of which a quantile may lie beyond what was simulated: null means "later" / "after the horizon". */
export interface OpenBand<T = number> {
  p10: T | null;
  p50: T | null;
  p90: T | null;
}

export interface QueueWeek {
  week: number;
  weekStart: string;
  /** Cases in the tray at the start of the week (before that day's inflow). */
  tray: Band;
  /** Calendar days from receipt to assignment of a regular complaint received at the week's start. */
  regularWaitDays: OpenBand;
}

export interface CaseForecast {
  caseId: string;
  lane: Lane;
  /** The day it is assigned, 'YYYY-MM-DD'; null = after the horizon. */
  assignedOn: OpenBand<string>;
}

export interface QueueDomainResult {
  domain: string;
  weeks: QueueWeek[];
  /** The waiting cases, in the order of the input. */
  cases: CaseForecast[];
  /** Calendar days of waiting for a complaint received now, per lane. */
  waitNowDays: Record<Lane, OpenBand>;
  /** First week from which the median regular wait is <= targetDays to the horizon; null: not within the horizon. */
  targetMetWeek: number | null;
  targetMetFrom: string | null;
}

export interface QueueResult {
  startDay: string;
  /** The first day after the horizon. */
  horizonEnd: string;
  weeks: number;
  paths: number;
  seed: number;
  targetDays: number;
  domains: QueueDomainResult[];
  /** The tray over all domains. */
  total: { week: number; weekStart: string; tray: Band }[];
}

/** Nearest-rank quantiles of one metric over the paths (sorts the slice in place). */
function quantiles(values: Int32Array): [number, number, number] {
  values.sort();
  const at = (q: number) => values[Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1))]!;
  return [at(0.1), at(0.5), at(0.9)];
}

function band(values: Int32Array): Band {
  const [p10, p50, p90] = quantiles(values);
  return { p10, p50, p90 };
}

function openBand<T>(values: Int32Array, shown: (v: number) => T | null): OpenBand<T> {
  const [p10, p50, p90] = quantiles(values);
  const show = (v: number) => (v === NEVER ? null : shown(v));
  return { p10: show(p10), p50: show(p50), p90: show(p90) };
}

function targetMetWeek(run: DomainRun, targetDays: number): number | null {
  let met: number | null = null;
  for (let w = run.regularWait.length - 1; w >= 0; w--) {
    const median = quantiles(Int32Array.from(run.regularWait[w]!))[1];
    if (median === NEVER || median > targetDays) break;
    met = w;
  }
  return met;
}

function validate(input: QueueInput): void {
  if (!Number.isInteger(input.weeks) || input.weeks < 1) throw new RangeError('weeks must be a positive integer');
  if (!Number.isInteger(input.paths) || input.paths < 1) throw new RangeError('paths must be a positive integer');
  if (!(input.targetDays >= 0)) throw new RangeError('targetDays must be >= 0');
}

/** The Monte Carlo forecast of every domain's tray: pure, the same result for the same input and seed. */
export function simulateQueue(input: QueueInput): QueueResult {
  validate(input);
  const startDay = startDayOf(input.start);
  const weekStart = (w: number) => addDays(startDay, 7 * w);
  const total = Array.from({ length: input.weeks }, () => new Int32Array(input.paths));
  const domains = input.domains.map((dom): QueueDomainResult => {
    const p = prepare(input, dom);
    const run = runDomain(input, p, dom, input.paths, true);
    run.trayByWeek.forEach((values, w) => values.forEach((v, path) => (total[w]![path]! += v)));
    const asDay = (d: number) => addDays(startDay, d);
    const asDays = (d: number) => d;
    const met = targetMetWeek(run, input.targetDays);
    const assign = run.assignDay!;
    const waitNowDays = {} as Record<Lane, OpenBand>;
    for (const lane of LANES) waitNowDays[lane] = openBand(run.waitNow[p.classOf[lane]]!, asDays);
    return {
      domain: dom.domain,
      weeks: run.trayByWeek.map((values, w) => ({
        week: w,
        weekStart: weekStart(w),
        tray: band(values),
        regularWaitDays: openBand(run.regularWait[w]!, asDays),
      })),
      cases: dom.waiting.map((c, i) => ({
        caseId: c.caseId,
        lane: c.lane,
        assignedOn: openBand(assign.subarray(i * input.paths, (i + 1) * input.paths), asDay),
      })),
      waitNowDays,
      targetMetWeek: met,
      targetMetFrom: met === null ? null : weekStart(met),
    };
  });
  return {
    startDay,
    horizonEnd: weekStart(input.weeks),
    weeks: input.weeks,
    paths: input.paths,
    seed: input.seed,
    targetDays: input.targetDays,
    domains,
    total: total.map((values, w) => ({ week: w, weekStart: weekStart(w), tray: band(values) })),
  };
}

export interface ExtraHoursOptions {
  /** Paths per evaluation (fewer than the forecast: it runs a dozen times). Default min(input.paths, 200). */
  paths?: number;
  /** The most extra hours per week tried. Default: four times the domain's planned hours per week, at least 400. */
  maxHoursPerWeek?: number;
}

/**
 * The least extra available hours per week for `domain`, added from the start
 * and spread over each week's working days, with which the target is met by
 * `byDate` (the week it is met from starts on or before that day); 0 when it
 * already is, null when even the maximum is not enough. Bisection to the hour;
 * every evaluation uses the same paths (common random numbers), so more hours
 * never look worse through chance.
 */
export function extraHoursNeeded(input: QueueInput, domain: string, byDate: string, options: ExtraHoursOptions = {}): number | null {
  validate(input);
  const dom = input.domains.find((d) => d.domain === domain);
  if (!dom) throw new RangeError(`unknown domain: ${domain}`);
  const startDay = startDayOf(input.start);
  const byWeek = Math.floor((Date.parse(`${startDayOf(byDate)}T00:00:00Z`) - Date.parse(`${startDay}T00:00:00Z`)) / (7 * 86_400_000));
  if (!(byWeek >= 0 && byWeek < input.weeks)) throw new RangeError(`${byDate} is not within the ${input.weeks}-week horizon`);
  const paths = options.paths ?? Math.min(input.paths, 200);
  if (!Number.isInteger(paths) || paths < 1) throw new RangeError('paths must be a positive integer');
  const metWith = (extra: number) => {
    const week = targetMetWeek(runDomain(input, prepare(input, dom, extra), dom, paths, false), input.targetDays);
    return week !== null && week <= byWeek;
  };
  if (metWith(0)) return 0;
  const plannedPerWeek = (Object.values(dom.hoursByDay).reduce((a, b) => a + b, 0) / input.weeks) || 0;
  let high = options.maxHoursPerWeek ?? Math.max(400, 4 * plannedPerWeek);
  if (!metWith(high)) return null;
  let low = 0;
  while (high - low > 1) {
    const mid = (low + high) / 2;
    if (metWith(mid)) high = mid;
    else low = mid;
  }
  return Math.ceil(high);
}
