import { Random } from '../core/random.ts';
import { nextWorkingDay } from '../core/holidays.ts';
import type { Lane, StaffPeriod, Trace, TraceCase } from './trace.ts';
import { DAY_MS } from './trace.ts';
import { TraceCalendar, addDays, momentOn, weekNumber, weekdayOf, type WeekKind } from './trace.calendar.ts';
import { SCENARIO_BY_NAME, TRACE_DOMAINS, type Scenario, type ScenarioName } from './trace.scenarios.ts';

/**
 * A seeded synthetic trace: complaints arrive on working days, each domain's
 * coordinator assigns from the tray every working day to the investigator
 * hours actually present, and cases close some weeks later. Deterministic per
 * scenario and seed. The figures are CHOSEN (see trace.scenarios.ts for the
 * scenario's own).
 *
 * A working day, per domain:
 * - B session (Friday, from 12:00 UTC): up to a session's worth of B cases, oldest first;
 * - POP day (Wednesday of even weeks, none in the Christmas holiday or in August, from 08:00 UTC): POP cases likewise;
 * - the daily round (a random time 08:00-15:00 UTC): urgent cases first (so the
 *   same or next working day), then regular cases oldest first, as far as the
 *   day's hours go at `hoursPerCase` each with noise. Unused hours are not
 *   saved up (they go to other work); a round that overspends on urgent cases
 *   owes it to the next days.
 * Only cases received before a session or round starts are in it. The hours
 * present follow the staff plan minus sickness (spells, ~6% of days, not in
 * the plan) and leave in holiday weeks (not in the plan either); sessions
 * shrink with the share present. Working days are those of holidays.ts
 * (`isWorkingDay`: no weekends or Atw holidays, so 5 May is off every year
 * and Good Friday is worked); nothing is received or done on other days.
 */

/** CHOSEN. Lane shares of the inflow, as the demo (urgent ~3%, B ~10%, POP ~10%); the rest is regular. */
const LANE_SHARES: Record<Exclude<Lane, 'regular'>, number> = { urgent: 0.03, b: 0.1, pop: 0.1 };
/** CHOSEN. Share of cases for the extended unit (UKB); the staff plan has hours per domain, so they share the domain tray. */
const EXTENDED_SHARE = 0.08;
/** CHOSEN. Mail per weekday, Monday to Friday (Monday brings the weekend's post); nothing is registered at weekends or on holidays. */
const WEEKDAY_INFLOW = [1.35, 1, 0.95, 0.9, 0.8];
const WEEKDAY_TOTAL = WEEKDAY_INFLOW.reduce((a, b) => a + b, 0);
/** CHOSEN. Less mail in holiday weeks, and the chance that an investigator takes that week off. */
const INFLOW_FACTOR: Record<WeekKind, number> = { christmas: 0.6, summer: 0.8, schoolHoliday: 0.9, ordinary: 1 };
const LEAVE_CHANCE: Record<WeekKind, number> = { christmas: 0.5, summer: 0.3, schoolHoliday: 0.15, ordinary: 0.02 };
/** CHOSEN. Sickness: a spell starts on ~1.3% of working days and lasts 5 working days on average: ~6% of days. */
const SICK_START = 0.013;
const SICK_MEAN_DAYS = 5;
/** CHOSEN. Day-to-day variation of what an hour of capacity takes out of the tray. */
const PRODUCTIVITY_SD = 0.2;
/** CHOSEN. How many weeks of their lane's expected inflow a B session and a POP day can take (with all hands present). */
const B_SESSION_WEEKS = 1.3;
const POP_DAY_WEEKS = 3.2;
/** CHOSEN. Median days from assignment to closing, per lane. */
const HANDLING_DAYS: Record<Lane, number> = { regular: 28, urgent: 14, b: 10, pop: 10 };

export function generateTrace(scenario: Scenario | ScenarioName, seed: number): Trace {
  const s = typeof scenario === 'string' ? SCENARIO_BY_NAME[scenario] : scenario;
  const root = new Random(seed);
  const staff = s.plan(root.fork('plan'));
  const sim = new Simulation(s, staff, root);
  for (let day = s.start; day <= s.end; day = addDays(day, 1)) sim.runDay(day);
  return { cases: sim.cases, staff };
}

/** A POP day: Wednesday of even weeks, but none in the Christmas holiday or in August. */
function isPopDay(day: string, weekKind: WeekKind): boolean {
  return weekdayOf(day) === 2 && weekNumber(day) % 2 === 0 && weekKind !== 'christmas' && day.slice(5, 7) !== '08';
}

interface DomainTray {
  id: string;
  share: number;
  queues: Record<Lane, TraceCase[]>;
  heads: Record<Lane, number>;
  /** Cases the daily round may still take out (may be negative after many urgent cases). */
  credit: number;
}

class Simulation {
  readonly cases: TraceCase[] = [];
  private readonly calendar: TraceCalendar;
  private readonly trays: DomainTray[];
  private readonly intake: Random;
  private readonly presence: Random;
  private readonly work: Random;
  private readonly closing: Random;
  private readonly people: Map<string, StaffPeriod[]>;
  private readonly sickDaysLeft = new Map<string, number>();
  private readonly onLeave = new Set<string>();
  private readonly endMs: number;
  /** The week whose leave was drawn last. */
  private leaveWeek = -1;

  constructor(private readonly scenario: Scenario, staff: readonly StaffPeriod[], root: Random) {
    this.calendar = new TraceCalendar(scenario.start, scenario.end);
    this.trays = TRACE_DOMAINS.map((d) => ({
      id: d.id, share: d.share, credit: 0,
      queues: { regular: [], urgent: [], b: [], pop: [] },
      heads: { regular: 0, urgent: 0, b: 0, pop: 0 },
    }));
    this.intake = root.fork('intake');
    this.presence = root.fork('presence');
    this.work = root.fork('work');
    this.closing = root.fork('closing');
    this.people = new Map();
    for (const p of staff) this.people.set(p.investigator, [...(this.people.get(p.investigator) ?? []), p]);
    this.endMs = Date.parse(`${scenario.end}T00:00:00Z`) + DAY_MS;
  }

  runDay(day: string): void {
    if (!this.calendar.isWorking(day)) return;
    const weekKind = this.calendar.weekKind(day);
    if (weekNumber(day) !== this.leaveWeek) this.drawLeave(day, weekKind);
    this.receive(day, weekKind);
    const present = this.presentHours(day);
    for (const tray of this.trays) {
      const { planned, actual } = present.get(tray.id) ?? { planned: 0, actual: 0 };
      let hours = actual;
      const presentShare = planned > 0 ? actual / planned : 0;
      if (weekdayOf(day) === 4) hours -= this.session(tray, 'b', day, 12 * 60, presentShare, B_SESSION_WEEKS);
      if (isPopDay(day, weekKind)) hours -= this.session(tray, 'pop', day, 8 * 60, presentShare, POP_DAY_WEEKS);
      this.dailyRound(tray, day, Math.max(0, hours));
    }
  }

  /** Leave is taken by the week, decided on its first working day. */
  private drawLeave(day: string, kind: WeekKind): void {
    this.leaveWeek = weekNumber(day);
    this.onLeave.clear();
    for (const id of this.people.keys()) if (this.presence.chance(LEAVE_CHANCE[kind])) this.onLeave.add(id);
  }

  private receive(day: string, weekKind: WeekKind): void {
    const arrivals: TraceCase[] = [];
    const perDay = (this.scenario.weeklyInflow(day) * INFLOW_FACTOR[weekKind] * WEEKDAY_INFLOW[weekdayOf(day)]!) / WEEKDAY_TOTAL;
    for (const tray of this.trays) {
      const n = this.intake.poisson(perDay * tray.share);
      for (let i = 0; i < n; i++) arrivals.push(this.newCase(tray.id, momentOn(day, this.intake.int(7 * 60, 16 * 60 - 1))));
    }
    arrivals.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    for (const c of arrivals) {
      c.caseId = `C${String(this.cases.length + 1).padStart(6, '0')}`;
      this.cases.push(c);
      this.trays.find((t) => t.id === c.domain)!.queues[c.lane].push(c);
    }
  }

  private newCase(domain: string, receivedAt: Date): TraceCase {
    const r = this.intake.next();
    const lane: Lane = r < LANE_SHARES.urgent ? 'urgent' : r < LANE_SHARES.urgent + LANE_SHARES.b ? 'b' : r < LANE_SHARES.urgent + LANE_SHARES.b + LANE_SHARES.pop ? 'pop' : 'regular';
    const unit = this.intake.chance(EXTENDED_SHARE) ? 'extended' : 'standard';
    return { caseId: '', receivedAt, domain, unit, lane, assignedAt: null, closedAt: null };
  }

  /** Planned and actually present hours today per domain (a day is a fifth of the week's hours). */
  private presentHours(day: string): Map<string, { planned: number; actual: number }> {
    const out = new Map<string, { planned: number; actual: number }>();
    for (const [id, periods] of this.people) {
      const here = this.isPresent(id);
      for (const p of periods) {
        if (p.from > day || (p.to !== null && day > p.to)) continue;
        const sum = out.get(p.domain) ?? { planned: 0, actual: 0 };
        sum.planned += p.hoursPerWeek / 5;
        if (here) sum.actual += p.hoursPerWeek / 5;
        out.set(p.domain, sum);
      }
    }
    return out;
  }

  private isPresent(id: string): boolean {
    const left = this.sickDaysLeft.get(id) ?? 0;
    if (left > 0) {
      this.sickDaysLeft.set(id, left - 1);
      return false;
    }
    if (this.presence.chance(SICK_START)) {
      this.sickDaysLeft.set(id, Math.floor(-Math.log(1 - this.presence.next()) * SICK_MEAN_DAYS));
      return false;
    }
    return !this.onLeave.has(id);
  }

  /** A B session or POP day: takes out up to its size of the lane, oldest first; returns the hours it used. */
  private session(tray: DomainTray, lane: 'b' | 'pop', day: string, startMinute: number, presentShare: number, weeksOfInflow: number): number {
    const expected = this.scenario.sessionInflow * tray.share * LANE_SHARES[lane] * weeksOfInflow;
    const size = Math.floor(expected * presentShare * this.noise() + this.work.next());
    const taken = this.assign(tray, lane, day, startMinute, size, 6);
    return (taken * this.scenario.hoursPerCase(day)) / 2;
  }

  private dailyRound(tray: DomainTray, day: string, hours: number): void {
    tray.credit += (hours / this.scenario.hoursPerCase(day)) * this.noise();
    const start = this.work.int(8 * 60, 15 * 60);
    const urgent = this.assign(tray, 'urgent', day, start, Infinity, 3);
    tray.credit -= urgent;
    const regular = this.assign(tray, 'regular', day, start + urgent * 3, Math.max(0, Math.floor(tray.credit)), 3);
    tray.credit = Math.max(-3, Math.min(1, tray.credit - regular));
  }

  private noise(): number {
    return Math.max(0.2, this.work.normal(1, PRODUCTIVITY_SD));
  }

  /** Assigns up to `max` cases of a lane received before the start, oldest first, `stepMinutes` apart; returns how many. */
  private assign(tray: DomainTray, lane: Lane, day: string, startMinute: number, max: number, stepMinutes: number): number {
    const queue = tray.queues[lane];
    const start = momentOn(day, startMinute);
    let taken = 0;
    while (taken < max && tray.heads[lane] < queue.length && queue[tray.heads[lane]]!.receivedAt < start) {
      const c = queue[tray.heads[lane]++]!;
      c.assignedAt = momentOn(day, startMinute + taken * stepMinutes);
      c.closedAt = this.closingOf(c);
      taken++;
    }
    return taken;
  }

  private closingOf(c: TraceCase): Date | null {
    const days = Math.max(1, Math.round(HANDLING_DAYS[c.lane] * Math.exp(this.closing.normal(0, 0.5))));
    const day = nextWorkingDay(addDays(c.assignedAt!.toISOString().slice(0, 10), days));
    const at = momentOn(day, this.closing.int(7 * 60, 16 * 60));
    return at.getTime() < this.endMs ? at : null;
  }
}
