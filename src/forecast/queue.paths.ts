import { isWorkingDay } from '../core/holidays.ts';
import { Random } from '../core/random.ts';
import type { QueueDomainInput, QueueInput, WeeklyInflow } from './queue.ts';
import { addDays } from './trace.calendar.ts';
import { LANES, type Lane } from './trace.ts';

/**
 * The simulation engine of the queue model (the model itself is described in
 * queue.ts): one domain's input as arrays over days, one path through them as
 * counts per lane, and many paths gathered per metric for the quantiles.
 * Everything here is for speed: typed arrays, no per-case objects.
 */

/** Day-to-day capacity noise (sd of the log, log-logistic): who happens to take a case today. CHOSEN. */
export const DAILY_CAPACITY_LOG_SD = 0.3;
/**
 * The day noise, log-logistic, (u / (1 - u))^power, at 4,096 quantiles scaled
 * to mean 1: one table look-up a day instead of a Math.pow, which took a third
 * of the run.
 */
const NOISE = (() => {
  const power = (DAILY_CAPACITY_LOG_SD * Math.sqrt(3)) / Math.PI;
  const table = Float64Array.from({ length: 4096 }, (_, i) => Math.pow((i + 0.5) / (4096 - i - 0.5), power));
  const mean = table.reduce((a, b) => a + b, 0) / table.length;
  return table.map((v) => v / mean);
})();
/** Share of the weekly inflow variance that is one shift for the whole path: forecast errors persist. CHOSEN. */
export const INFLOW_SHARED_VARIANCE = 0.5;
/** Weeks simulated after the horizon, so late waits can be measured; reported dates stop at the horizon. */
export const RUN_OFF_WEEKS = 8;

const URGENT = 0;
export const REGULAR = 1;
const B = 2;
const POP = 3;
const CLASSES = 4;
/** An assignment later than the simulated span. */
export const NEVER = 0x7fffffff;
const Z90 = 1.2815515655446004;

/**
 * sfc32, as in Random, with its state in an Int32Array: Random keeps its state
 * in object fields, which costs about 20 ns a number, and one forecast draws
 * some ten million. Seeded from a Random, so Random's seeding and forking
 * (one fork per domain and path) decide every number.
 */
class Stream {
  private readonly s = new Int32Array(4);

  constructor(from: Random) {
    for (let i = 0; i < 4; i++) this.s[i] = (from.next() * 4294967296) | 0;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const s = this.s;
    const a = s[0]!;
    const b = s[1]!;
    const c = s[2]!;
    const d = s[3]!;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Standard normal (Box-Muller); always two numbers. */
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }
}

/** One domain's input turned into arrays over the simulated days. */
export interface Prepared {
  days: number; // simulated days, horizon + run-off
  horizon: number; // days within the horizon
  weeks: number; // simulated weeks
  hours: Float64Array;
  session: Int32Array[]; // per class, per day; only B and POP used
  workDaysOfWeek: Int32Array[]; // per week, its working day indices
  inflow: WeeklyInflow[]; // per simulated week
  classShares: Float64Array; // normalised
  classOf: Record<Lane, number>;
  initial: Int32Array; // initial tray per class
  order: number[][]; // per class, input indices of the waiting cases, oldest first
  rate: { mean: number; logSd: number };
}

export function startDayOf(start: string): string {
  const t = Date.parse(start.length === 10 ? `${start}T00:00:00Z` : start);
  if (Number.isNaN(t)) throw new RangeError(`not a day or instant: ${start}`);
  return new Date(t).toISOString().slice(0, 10);
}

export function prepare(input: QueueInput, dom: QueueDomainInput, extraHoursPerWeek = 0): Prepared {
  const startDay = startDayOf(input.start);
  if (!(input.weeks >= 1) || !(dom.inflow.length >= 1)) throw new RangeError(`${dom.domain}: needs weeks >= 1 and inflow`);
  const weeks = input.weeks + RUN_OFF_WEEKS;
  const days = weeks * 7;
  const horizon = input.weeks * 7;
  const dayNames = Array.from({ length: days }, (_, d) => addDays(startDay, d));
  const working = dayNames.map((day) => isWorkingDay(day));
  const index = new Map(dayNames.map((day, d) => [day, d]));
  const hours = new Float64Array(days);
  for (const [day, h] of Object.entries(dom.hoursByDay)) {
    const d = index.get(day);
    if (d !== undefined && d < horizon) hours[d] = Math.max(0, h);
  }
  const session = Array.from({ length: CLASSES }, () => new Int32Array(days));
  for (const s of dom.sessions) {
    const d = index.get(s.day);
    if (d !== undefined && d < horizon) session[s.lane === 'b' ? B : POP]![d]! += Math.max(0, Math.floor(s.capacity));
  }
  // Run-off: repeat the last four horizon weeks (same weekday), on working days only.
  const cycle = Math.min(28, horizon);
  for (let d = horizon; d < days; d++) {
    if (!working[d]) continue;
    let m = d - cycle * Math.ceil((d - horizon + 1) / cycle);
    if (!working[m]) m = [m - 7, m + 7, m - 14].find((x) => x >= 0 && x < horizon && working[x]) ?? m;
    hours[d] = hours[m]!;
    session[B]![d] = session[B]![m]!;
    session[POP]![d] = session[POP]![m]!;
  }
  const workDaysOfWeek: Int32Array[] = [];
  for (let w = 0; w < weeks; w++) {
    const list: number[] = [];
    for (let d = w * 7; d < w * 7 + 7; d++) if (working[d]) list.push(d);
    if (list.length === 0) list.push(w * 7);
    workDaysOfWeek.push(Int32Array.from(list));
    if (extraHoursPerWeek > 0) for (const d of list) hours[d]! += extraHoursPerWeek / list.length;
  }
  const hasSession = (c: number) => session[c]!.some((n) => n > 0);
  const classOf: Record<Lane, number> = {
    urgent: URGENT,
    regular: REGULAR,
    b: hasSession(B) ? B : REGULAR,
    pop: hasSession(POP) ? POP : REGULAR,
  };
  const classShares = new Float64Array(CLASSES);
  let shareSum = 0;
  for (const lane of LANES) {
    const share = Math.max(0, dom.laneShares[lane] ?? 0);
    classShares[classOf[lane]]! += share;
    shareSum += share;
  }
  if (!(shareSum > 0)) throw new RangeError(`${dom.domain}: laneShares must have a positive share`);
  for (let c = 0; c < CLASSES; c++) classShares[c]! /= shareSum;
  const order: number[][] = Array.from({ length: CLASSES }, () => []);
  dom.waiting.forEach((w, i) => order[classOf[w.lane]]!.push(i));
  const received = dom.waiting.map((w) => Date.parse(w.receivedAt));
  for (const list of order) {
    list.sort((a, b) => received[a]! - received[b]! || (dom.waiting[a]!.caseId < dom.waiting[b]!.caseId ? -1 : 1));
  }
  const inflow = Array.from({ length: weeks }, (_, w) => dom.inflow[Math.min(w, dom.inflow.length - 1)]!);
  if (!(dom.casesPerHour.mean >= 0 && dom.casesPerHour.logSd >= 0)) throw new RangeError(`${dom.domain}: bad casesPerHour`);
  return {
    days, horizon, weeks, hours, session, workDaysOfWeek, inflow, classShares, classOf,
    initial: Int32Array.from(order, (list) => list.length), order, rate: dom.casesPerHour,
  };
}

/** What one path leaves behind: per class the cumulative count served after each day, and the tray at week starts. */
class PathState {
  readonly served: Int32Array[];
  /** Per class and day: arrivals[class * days + day]. */
  readonly arrivals: Int32Array;
  /** Per class and day (same layout): 1 when the lane emptied with capacity to spare. */
  readonly spare: Uint8Array;
  readonly arrivedBeforeWeek: Int32Array[];
  readonly trayAtWeek: Int32Array;

  constructor(p: Prepared) {
    this.served = Array.from({ length: CLASSES }, () => new Int32Array(p.days));
    this.arrivals = new Int32Array(CLASSES * p.days);
    this.spare = new Uint8Array(CLASSES * p.days);
    this.arrivedBeforeWeek = Array.from({ length: CLASSES }, () => new Int32Array(p.weeks));
    this.trayAtWeek = new Int32Array(p.weeks);
  }
}

/**
 * A binomial count by inversion of its distribution with the uniform `u`
 * (one number, whatever the count); above ~1,000 trials the normal
 * approximation, whose q^n would underflow.
 */
function binomial(n: number, prob: number, u: number, rng: Stream): number {
  if (n <= 0 || prob <= 0) return 0;
  if (prob >= 1) return n;
  if (prob > 0.5) return n - binomial(n, 1 - prob, 1 - u, rng);
  const q = 1 - prob;
  let pmf = Math.pow(q, n);
  if (pmf < 1e-280) return Math.min(n, Math.max(0, Math.round(n * prob + Math.sqrt(n * prob * q) * rng.normal())));
  let k = 0;
  let cdf = pmf;
  while (u >= cdf && k < n) {
    pmf *= ((n - k) / (k + 1)) * (prob / q);
    k++;
    cdf += pmf;
  }
  return k;
}

function runPath(p: Prepared, capacityRng: Stream, inflowRng: Stream, s: PathState): void {
  const arrivals = s.arrivals;
  arrivals.fill(0);
  const spare = s.spare;
  spare.fill(0);
  const days = p.days;
  // Inflow: a path-wide shift plus a weekly part, on the interval's two halves.
  const shared = inflowRng.normal();
  for (let w = 0; w < p.weeks; w++) {
    const f = p.inflow[w]!;
    const z = Math.sqrt(INFLOW_SHARED_VARIANCE) * shared + Math.sqrt(1 - INFLOW_SHARED_VARIANCE) * inflowRng.normal();
    const halfWidth = z < 0 ? Math.max(0, f.mean - f.p10) : Math.max(0, f.p90 - f.mean);
    let left = Math.max(0, Math.round(f.mean + (z * halfWidth) / Z90));
    let shareLeft = 1;
    const workDays = p.workDaysOfWeek[w]!;
    for (let c = 0; c < CLASSES; c++) {
      // The lanes: a multinomial split of the week's count, as conditional binomials.
      const share = p.classShares[c]!;
      const n = c === CLASSES - 1 || shareLeft <= share ? left : binomial(left, share / shareLeft, inflowRng.next(), inflowRng);
      left -= n;
      shareLeft -= share;
      // The days: spread evenly over the working days, rounded at random.
      const u = inflowRng.next();
      let before = 0;
      for (let k = 0; k < workDays.length; k++) {
        const upTo = Math.floor(((k + 1) * n) / workDays.length + u);
        arrivals[c * days + workDays[k]!]! += upTo - before;
        before = upTo;
      }
    }
  }
  const rate = p.rate.mean * Math.exp(p.rate.logSd * capacityRng.normal() - (p.rate.logSd * p.rate.logSd) / 2);
  const tray = Int32Array.from(p.initial);
  const served = new Int32Array(CLASSES);
  const arrived = Int32Array.from(p.initial);
  for (let d = 0; d < p.days; d++) {
    if (d % 7 === 0) {
      const w = d / 7;
      s.trayAtWeek[w] = tray[0]! + tray[1]! + tray[2]! + tray[3]!;
      for (let c = 0; c < CLASSES; c++) s.arrivedBeforeWeek[c]![w] = arrived[c]!;
    }
    for (let c = 0; c < CLASSES; c++) {
      const n = arrivals[c * days + d]!;
      tray[c]! += n;
      arrived[c]! += n;
    }
    for (let c = B; c <= POP; c++) {
      const n = Math.min(tray[c]!, p.session[c]![d]!);
      tray[c]! -= n;
      served[c]! += n;
      if (n < p.session[c]![d]!) spare[c * days + d] = 1;
    }
    // Always the same two numbers a day, so more hours change nothing else (common random numbers).
    const noise = NOISE[Math.floor(capacityRng.next() * 4096)]!;
    let capacity = Math.floor(p.hours[d]! * rate * noise + capacityRng.next());
    for (let c = 0; c < CLASSES && capacity > 0; c++) {
      const n = Math.min(tray[c]!, capacity);
      tray[c]! -= n;
      served[c]! += n;
      capacity -= n;
      if (capacity > 0) spare[c * days + d] = 1;
    }
    for (let c = 0; c < CLASSES; c++) s.served[c]![d] = served[c]!;
  }
}

/**
 * The day a case at `position` in its lane (0 = first in line), present from
 * day `from`, is assigned; NEVER when not within the simulated span. Either a
 * case at or behind its place was taken that day, or everyone ahead of it had
 * been and the lane had capacity to spare: the latter is how a complaint that
 * is not in the simulated inflow (one received at a week's start) is timed.
 */
function dayServed(s: PathState, c: number, position: number, from: number): number {
  const served = s.served[c]!;
  const spare = s.spare;
  const offset = c * served.length;
  for (let d = from; d < served.length; d++) {
    const n = served[d]!;
    if (n > position || (n === position && spare[offset + d] === 1)) return d;
  }
  return NEVER;
}

export interface DomainRun {
  trayByWeek: Int32Array[]; // per week, per path
  regularWait: Int32Array[]; // per week, per path; NEVER when not within the simulated span
  waitNow: Int32Array[]; // per class, per path
  assignDay: Int32Array | null; // per input case index, per path (case-major)
}

export function runDomain(input: QueueInput, p: Prepared, dom: QueueDomainInput, paths: number, withCases: boolean): DomainRun {
  const domainRng = new Random(input.seed).fork(`queue:${dom.domain}`);
  const weeks = input.weeks;
  const run: DomainRun = {
    trayByWeek: Array.from({ length: weeks }, () => new Int32Array(paths)),
    regularWait: Array.from({ length: weeks }, () => new Int32Array(paths)),
    waitNow: Array.from({ length: CLASSES }, () => new Int32Array(paths)),
    assignDay: withCases ? new Int32Array(dom.waiting.length * paths) : null,
  };
  const state = new PathState(p);
  for (let path = 0; path < paths; path++) {
    // Two streams per path: capacity draws a fixed count of numbers, so extra hours leave the inflow and the other days alone.
    const pathRng = domainRng.fork(`path:${path}`);
    runPath(p, new Stream(pathRng), new Stream(pathRng), state);
    for (let w = 0; w < weeks; w++) {
      run.trayByWeek[w]![path] = state.trayAtWeek[w]!;
      // Weeks move forward, so their assignment days do too: one sweep.
      const prev = w === 0 ? 0 : run.regularWait[w - 1]![path]!;
      const from = prev === NEVER ? p.days : Math.max(w * 7, (w - 1) * 7 + prev);
      const d = dayServed(state, REGULAR, state.arrivedBeforeWeek[REGULAR]![w]!, from);
      run.regularWait[w]![path] = d === NEVER ? NEVER : d - w * 7;
    }
    for (let c = 0; c < CLASSES; c++) {
      const d = dayServed(state, c, p.initial[c]!, 0);
      run.waitNow[c]![path] = d;
    }
    if (run.assignDay) {
      for (let c = 0; c < CLASSES; c++) {
        let d = 0;
        p.order[c]!.forEach((caseIndex, position) => {
          d = dayServed(state, c, position, d === NEVER ? p.days : d);
          run.assignDay![caseIndex * paths + path] = d < p.horizon ? d : NEVER;
        });
      }
    }
  }
  return run;
}
