import { isWorkingDay } from '../core/holidays.ts';
import type { CaseAtReceipt, Prediction, PredictorFactory } from './predictor.ts';
import { DAY_MS, daysBetween, plannedHours, type Lane, type StaffPeriod } from './trace.ts';
import { addDays, TraceCalendar, type WeekKind } from './trace.calendar.ts';
import { TrayBook } from './tray.book.ts';
import { LaneCalibration } from './grip.calibration.ts';
import { SessionLane } from './grip.sessions.ts';

/**
 * Grip's wait predictor: a queue model over the staff plan (issue 5).
 *
 * - Regular lane: each working day the domain's coordinator makes one round
 *   and takes the oldest cases, as many as the day's capacity allows. The
 *   capacity of a coming day is its planned hours (the plan knows hires,
 *   leave and departures) times the share of them a week of its kind
 *   delivers (holiday weeks bring leave that the plan does not list), times
 *   the cases per planned hour the domain achieved on its busy days in
 *   ordinary weeks (which holds sickness, other work and urgent cases going
 *   first; see `perHour`). A case is taken in the first round whose capacity
 *   reaches its turn: today's when today's round is still to come (no
 *   assignment in the domain yet today, and rounds have started later than
 *   now), else a coming day's, at the time rounds usually start.
 * - A long queue (a first estimate over four weeks) is walked again at the
 *   throughput of a span matched to its horizon, never below the recent
 *   rate: recent dips recover within such a horizon (`regular`).
 * - The first days of the horizon carry the capacity state of the moment:
 *   the domain's realised throughput on its recent busy days against what
 *   the model expected for them (sickness spells, not in the plan, take a
 *   share of a small team's capacity for days), fading to 1 over about a
 *   spell's length (`capacityState`).
 * - Holiday shares are learnt per week kind from the past year's busy days of
 *   that kind, pooled over the domains; without such days a prior stands in
 *   (`WEEK_CAPACITY`).
 * - B and POP lanes: served in sessions whose rhythm, size and pauses are
 *   learnt from when such cases left the tray (grip.sessions.ts); a session
 *   in a holiday week is smaller by the week's capacity share.
 * - Urgent: the median of the domain's recent urgent waits.
 *
 * The point is the model's estimate; the 80% interval comes from the model's
 * own realised errors per lane and tracks its coverage (grip.calibration.ts).
 * Everything is learnt from observed events only, so it cannot look ahead.
 */
const SHORT_DAYS = 28;
const LONG_DAYS = 112;
const SHARE_MEMORY_DAYS = 400;
const MIN_DAYS = 5;
const HORIZON_DAYS = 730;
const ROUND_MEMORY = 200;
/**
 * The horizon-matched rate (`regular`): used for first estimates over
 * MATCH_MIN_DAYS, measured over MATCH_SPAN times the first estimate, at least
 * MATCH_MIN_DAYS and at most MATCH_MAX_DAYS back.
 */
const MATCH_MIN_DAYS = 28;
const MATCH_SPAN = 3;
const MATCH_MAX_DAYS = 365;
/**
 * The capacity state of the moment (`capacityState`): measured over the last
 * STATE_DAYS working days, shrunk by STATE_PRIOR pseudo-days of ordinary
 * noise (busy days are selected for slow ones, so a few of them alone say
 * little), fading to the usual with a time constant of STATE_FADE_DAYS
 * working days (a sickness spell's remaining length).
 */
const STATE_DAYS = 5;
const STATE_PRIOR = 6;
const STATE_FADE_DAYS = 3;

/**
 * Prior for how much of the planned capacity a holiday week delivers (staff
 * take their leave then, and the plan does not list ordinary leave), until a
 * year of history shows it.
 */
const WEEK_CAPACITY: Record<WeekKind, number> = { ordinary: 1, schoolHoliday: 0.9, summer: 0.75, christmas: 0.6 };
const calendar = new TraceCalendar('2015-01-01', '2035-12-31');

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

class PlanHours {
  private readonly cache = new Map<string, number>();
  constructor(private readonly plan: readonly StaffPeriod[]) {}

  /** Planned hours of a domain on one day: the week's hours spread over its working days. */
  onDay(domain: string, day: string): number {
    const key = `${domain}|${day}`;
    let hours = this.cache.get(key);
    if (hours === undefined) {
      hours = isWorkingDay(day) ? plannedHours(this.plan, day, domain) / 5 : 0;
      this.cache.set(key, hours);
    }
    return hours;
  }
}

export const createGripPredictor: PredictorFactory = (context) => {
  const book = new TrayBook();
  const hours = new PlanHours(context.plan);
  const pending = new Map<string, { raw: number; prediction: Prediction }>();
  const urgentWaits = new Map<string, number[]>();
  const regularWaits = new Map<string, number[]>();
  const sessionLanes = new Map<string, SessionLane>();
  /** Regular cases served per domain and day, for the days the domain was capacity-bound. */
  const busy = new Map<string, number>();
  const exitsOnDay = new Map<string, number>();
  /** Per domain, the day of its last round; and the start minutes of recent rounds, all domains. */
  const lastRound = new Map<string, string>();
  const roundStart = new Map<string, number>();
  const roundMinutes: number[] = [];
  const calibrations = new Map<Lane, LaneCalibration>();
  const rateCache = new Map<string, number | null>();
  const shareCache = new Map<string, number>();
  let historyFrom = Number.POSITIVE_INFINITY;
  const domains = new Set<string>();

  const sessionLane = (domain: string, lane: Lane) => {
    const k = `${domain}|${lane}`;
    let s = sessionLanes.get(k);
    if (!s) sessionLanes.set(k, (s = new SessionLane(calendar)));
    return s;
  };

  /**
   * Regular cases served per planned hour on the busy days of ordinary weeks
   * before `today` (cases that waited when the day's round began still waited
   * after it: on other days the round emptied the tray and its exits show the
   * inflow, not the capacity). A small team's capacity swings from week to
   * week (sickness, leave), so the rate of the last LONG_DAYS is the base
   * (a longer window when it has too few busy days); the rate of the
   * last SHORT_DAYS moves it as far as their difference stands out from that
   * week-to-week noise (a shrinkage estimate): a real change of productivity
   * is followed within weeks, a bad week is not. Null while fewer than
   * MIN_DAYS busy days were seen lately.
   */
  function perHour(domain: string, today: string): number | null {
    const k = `${domain}|${today}`;
    if (rateCache.has(k)) return rateCache.get(k)!;
    let rate: number | null = null;
    for (let window = LONG_DAYS; window <= 4 * LONG_DAYS && rate === null; window *= 2) {
      const weeks = new Map<number, { served: number; hours: number; recent: boolean }>();
      let busyDays = 0;
      for (let d = 1; d <= window; d++) {
        const day = addDays(today, -d);
        const record = busy.get(`${domain}|${day}`);
        if (record === undefined || calendar.weekKind(day) !== 'ordinary') continue;
        const week = Math.floor((d - 1) / 7);
        const w = weeks.get(week) ?? { served: 0, hours: 0, recent: d <= SHORT_DAYS };
        w.served += record;
        w.hours += hours.onDay(domain, day);
        weeks.set(week, w);
        busyDays++;
      }
      const all = [...weeks.values()].filter((w) => w.hours > 0);
      const planned = all.reduce((n, w) => n + w.hours, 0);
      if (busyDays < MIN_DAYS || planned <= 0) continue;
      const long = all.reduce((n, w) => n + w.served, 0) / planned;
      const recent = all.filter((w) => w.recent);
      rate = long;
      if (recent.length > 0 && all.length >= 3) {
        const short = recent.reduce((n, w) => n + w.served, 0) / recent.reduce((n, w) => n + w.hours, 0);
        const rates = all.map((w) => w.served / w.hours);
        const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
        const noise = rates.reduce((a, r) => a + (r - mean) ** 2, 0) / (rates.length - 1) / recent.length;
        const gap = (short - long) ** 2;
        rate = gap + noise > 0 ? long + ((short - long) * gap) / (gap + noise) : long;
      }
    }
    rateCache.set(k, rate);
    return rate;
  }

  /**
   * The share of planned capacity a week of `kind` delivers: learnt from the
   * past year's busy days of that kind in all domains (leave is taken
   * directorate-wide, and one small team's leave is noise), as cases served
   * against the ordinary rate of the time; the prior until MIN_DAYS such days.
   */
  function capacityShare(kind: WeekKind, today: string): number {
    if (kind === 'ordinary') return 1;
    const k = `${kind}|${today}`;
    let share = shareCache.get(k);
    if (share !== undefined) return share;
    let served = 0;
    let expected = 0;
    let days = 0;
    for (const domain of domains) {
      for (let d = 1; d <= SHARE_MEMORY_DAYS; d++) {
        const day = addDays(today, -d);
        const record = busy.get(`${domain}|${day}`);
        if (record === undefined || calendar.weekKind(day) !== kind) continue;
        const rate = perHour(domain, day);
        if (rate === null) continue;
        served += record;
        expected += hours.onDay(domain, day) * rate;
        days++;
      }
    }
    share = days >= MIN_DAYS && expected > 0 ? served / expected : WEEK_CAPACITY[kind];
    shareCache.set(k, share);
    return share;
  }

  /**
   * The domain's capacity state of the moment: regular cases served on the
   * busy days among its last STATE_DAYS working days before `today`, against
   * what the plan-rate model expected for them (sickness spells take days
   * out of a small team's capacity, and the plan does not list them). Shrunk
   * towards 1 by STATE_PRIOR pseudo-days of ordinary noise; 1 without busy days.
   */
  function capacityState(domain: string, today: string, rate: number): number {
    let served = 0;
    let expected = 0;
    let n = 0;
    let seen = 0;
    for (let d = 1; seen < STATE_DAYS && d <= 3 * STATE_DAYS; d++) {
      const day = addDays(today, -d);
      if (!isWorkingDay(day)) continue;
      seen++;
      const record = busy.get(`${domain}|${day}`);
      if (record === undefined) continue;
      served += record;
      expected += hours.onDay(domain, day) * capacityShare(calendar.weekKind(day), today) * rate;
      n++;
    }
    if (n === 0 || expected <= 0) return 1;
    const ratio = served / expected;
    return 1 + ((ratio - 1) * n) / (n + STATE_PRIOR);
  }

  /** The minute (of the day, UTC) a round starts: the median of recent rounds, of those after `afterMinute` when given. */
  function roundMinute(afterMinute = -1): number | null {
    return median(roundMinutes.filter((m) => m > afterMinute));
  }

  /**
   * Regular cases served per planned hour on the busy days of ordinary weeks
   * among the last `days` days before `today`, a plain mean (no shrinkage);
   * null with fewer than MIN_DAYS such days.
   */
  function rateOver(domain: string, today: string, days: number): number | null {
    const k = `${domain}|${today}|${days}`;
    if (rateCache.has(k)) return rateCache.get(k)!;
    let served = 0;
    let planned = 0;
    let n = 0;
    for (let d = 1; d <= days; d++) {
      const day = addDays(today, -d);
      const record = busy.get(`${domain}|${day}`);
      if (record === undefined || calendar.weekKind(day) !== 'ordinary') continue;
      served += record;
      planned += hours.onDay(domain, day);
      n++;
    }
    const rate = n >= MIN_DAYS && planned > 0 ? served / planned : null;
    rateCache.set(k, rate);
    return rate;
  }

  /**
   * The regular wait: first with the recent rate (`perHour`); when that wait
   * is longer than MATCH_MIN_DAYS, again with a rate matched to the horizon
   * (`rateOver` the last MATCH_SPAN times the first wait, within
   * MATCH_MIN_DAYS..MATCH_MAX_DAYS), but never below the recent rate. A long
   * queue is served over weeks, so what counts is the throughput over such a
   * span (as for HOL, whose oldest case measures exactly it): a dip in the
   * recent rate (sickness spells, a bad month of a small team) recovers
   * within the horizon, while a rise (a productivity gain) is kept.
   */
  function regular(c: CaseAtReceipt): number {
    const today = dayOf(c.receivedAt.getTime());
    const rate = perHour(c.domain, today);
    const first = walk(c, rate);
    if (rate === null || first <= MATCH_MIN_DAYS) return first;
    const span = Math.round(Math.min(MATCH_MAX_DAYS, Math.max(MATCH_MIN_DAYS, first * MATCH_SPAN)));
    const matched = rateOver(c.domain, today, span);
    return matched === null ? first : walk(c, Math.max(rate, matched));
  }

  /** Walks the coming rounds at `rate` cases per planned hour until one reaches the case's turn; its wait in days. */
  function walk(c: CaseAtReceipt, rate: number | null): number {
    const t = c.receivedAt.getTime();
    const today = dayOf(t);
    const fallback = median((regularWaits.get(c.domain) ?? []).slice(-15)) ?? 1;
    const usual = roundMinute();
    if (usual === null) return fallback;
    // Today's round is still to come when the domain has not assigned today and rounds have started later than now.
    const nowMinute = (t - dayStart(today)) / 60_000;
    const laterToday = lastRound.get(c.domain) === today || !isWorkingDay(today) ? null : roundMinute(nowMinute);
    let need = book.waitingCount(c.domain, 'regular', c.caseId) + 1;
    // The capacity state of the moment fades to the usual over the length of a sickness spell.
    const state = rate === null ? 1 : capacityState(c.domain, today, rate);
    let ahead = 0;
    for (let k = laterToday === null ? 1 : 0; k <= HORIZON_DAYS; k++) {
      const day = addDays(today, k);
      if (!isWorkingDay(day)) continue;
      const now = 1 + (state - 1) * Math.exp(-ahead++ / STATE_FADE_DAYS);
      const capacity = rate === null ? Number.POSITIVE_INFINITY : hours.onDay(c.domain, day) * capacityShare(calendar.weekKind(day), today) * rate * now;
      if (capacity >= need) return Math.max(0, (dayStart(day) + (k === 0 ? laterToday! : usual) * 60_000 - t) / DAY_MS);
      need -= capacity;
    }
    return HORIZON_DAYS;
  }

  function urgent(c: CaseAtReceipt): number {
    return median((urgentWaits.get(c.domain) ?? []).slice(-15)) ?? 1;
  }

  function raw(c: CaseAtReceipt): number {
    if (c.lane === 'regular') return regular(c);
    if (c.lane === 'urgent') return urgent(c);
    const ahead = book.waitingCount(c.domain, c.lane, c.caseId);
    const today = dayOf(c.receivedAt.getTime());
    const shareOn = (day: string) => capacityShare(calendar.weekKind(day), today);
    return sessionLane(c.domain, c.lane).waitDays(c.receivedAt.getTime(), ahead, historyFrom, shareOn) ?? regular({ ...c, lane: 'regular' });
  }

  const calibration = (lane: Lane) => {
    let cal = calibrations.get(lane);
    if (!cal) calibrations.set(lane, (cal = new LaneCalibration()));
    return cal;
  };

  function observeExit(c: CaseAtReceipt, at: number, assigned: boolean): void {
    const wait = (at - c.receivedAt.getTime()) / DAY_MS;
    if (c.lane === 'b' || c.lane === 'pop') sessionLane(c.domain, c.lane).exit(at, book.oldestWaiting(c.domain, c.lane)?.getTime() ?? null);
    if (c.lane === 'urgent' && assigned) push(urgentWaits, c.domain, wait);
    if ((c.lane === 'regular' || c.lane === 'urgent') && assigned) {
      const day = dayOf(at);
      if (lastRound.get(c.domain) !== day) {
        lastRound.set(c.domain, day);
        roundStart.set(c.domain, at);
        roundMinutes.push((at - dayStart(day)) / 60_000);
        if (roundMinutes.length > ROUND_MEMORY) roundMinutes.shift();
      }
    }
    if (c.lane !== 'regular') return;
    if (assigned) push(regularWaits, c.domain, wait);
    const dayKey = `${c.domain}|${dayOf(at)}`;
    exitsOnDay.set(dayKey, (exitsOnDay.get(dayKey) ?? 0) + 1);
    // Capacity-bound: cases already waiting when today's round began are still waiting after this exit.
    const oldest = book.oldestWaiting(c.domain, 'regular');
    const start = lastRound.get(c.domain) === dayOf(at) ? roundStart.get(c.domain)! : at;
    if (oldest && oldest.getTime() < start) busy.set(dayKey, exitsOnDay.get(dayKey)!);
    else busy.delete(dayKey);
  }

  return {
    name: 'Grip',
    observe(event) {
      historyFrom = Math.min(historyFrom, event.at.getTime());
      book.observe(event);
      const c = event.case;
      if (event.type === 'received') {
        domains.add(c.domain);
        const estimate = raw(c);
        pending.set(c.caseId, { raw: estimate, prediction: calibration(c.lane).predict(estimate) });
        return;
      }
      const p = pending.get(c.caseId);
      if (!p) return;
      pending.delete(c.caseId);
      observeExit(c, event.at.getTime(), event.type === 'assigned');
      if (event.type === 'assigned') calibration(c.lane).resolve(p.raw, daysBetween(c.receivedAt, event.at), p.prediction);
    },
    predict(c): Prediction {
      return pending.get(c.caseId)?.prediction ?? calibration(c.lane).predict(raw(c));
    },
  };
};

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key) ?? [];
  list.push(value);
  if (list.length > 50) list.shift();
  map.set(key, list);
}
