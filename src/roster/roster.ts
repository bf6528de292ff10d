import { isWorkingDay } from '../core/holidays.ts';

/**
 * The on-call roster (DOMAIN.md, "Phone channel"): per domain per working day
 * the investigator front office may put a caller through to. Pure: the days,
 * the people and who is absent come in; the roster goes out.
 */

export interface RosterInvestigator {
  id: string;
  name: string;
}

export interface RosterDay {
  /** 'YYYY-MM-DD' */
  date: string;
  /** Null when nobody is available: front office then makes a callback request (TBV). */
  investigatorId: string | null;
}

export interface RosterInput {
  /** The working days to fill, 'YYYY-MM-DD', in date order. */
  days: readonly string[];
  investigators: readonly RosterInvestigator[];
  absent: (investigatorId: string, day: string) => boolean;
  /**
   * Turns each investigator had in earlier months. They only break ties: whoever
   * had fewer goes first, so the months even out while each month on its own
   * stays fair (a newcomer is not put on every day to catch up).
   */
  previous?: Readonly<Record<string, number>>;
  /** Who was on call on the working day before the first day (not twice running across months either). */
  dayBefore?: string | null;
  /** Days already decided (edited by hand): kept as they are, and counted as turns. */
  fixed?: ReadonlyMap<string, string>;
}

/** A stable order for ties: by name, then by id (two namesakes stay apart). */
const byName = (a: RosterInvestigator, b: RosterInvestigator) => a.name.localeCompare(b.name, 'nl') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One investigator per day, rotating fairly: each day the person with the
 * fewest turns so far this month among those not absent; ties go first to
 * someone who was not on call the day before, then to whoever had fewer turns
 * in earlier months, then by name. Fairness comes first: nobody is skipped to
 * avoid two days running if that would give someone a turn too many.
 * Among the investigators available on every day the counts then differ by at
 * most one (only the least-counted are ever chosen). A day on which everybody
 * is absent has nobody.
 */
export function generateRoster(input: RosterInput): RosterDay[] {
  const order = [...input.investigators].sort(byName);
  const rank = new Map(order.map((inv, i) => [inv.id, i]));
  const turns = new Map(order.map((inv) => [inv.id, 0]));
  const previous = (id: string) => input.previous?.[id] ?? 0;
  let yesterday = input.dayBefore ?? null;
  const out: RosterDay[] = [];
  for (const day of input.days) {
    const fixed = input.fixed?.get(day);
    let chosen: string | null;
    if (fixed !== undefined) {
      chosen = fixed;
    } else {
      chosen = null;
      for (const inv of order) {
        if (input.absent(inv.id, day)) continue;
        if (chosen === null || before(inv.id, chosen)) chosen = inv.id;
      }
    }
    if (chosen !== null && turns.has(chosen)) turns.set(chosen, turns.get(chosen)! + 1);
    out.push({ date: day, investigatorId: chosen });
    yesterday = chosen;
  }
  return out;

  /** Whether a goes before b today. */
  function before(a: string, b: string): boolean {
    const byTurns = turns.get(a)! - turns.get(b)!;
    if (byTurns !== 0) return byTurns < 0;
    const again = Number(a === yesterday) - Number(b === yesterday);
    if (again !== 0) return again < 0;
    const byPrevious = previous(a) - previous(b);
    if (byPrevious !== 0) return byPrevious < 0;
    return rank.get(a)! < rank.get(b)!;
  }
}

// ---- Months and days ----------------------------------------------------------

/** 'YYYY-MM' of a year Grip can plan (2000-2099). */
export const MONTH_PATTERN = /^20\d{2}-(0[1-9]|1[0-2])$/;

/** The working days of a month ('YYYY-MM'): Monday to Friday minus the Dutch public holidays (Atw, as src/core/holidays.ts). */
export function workingDaysOf(month: string): string[] {
  if (!MONTH_PATTERN.test(month)) throw new RangeError(`Not a month (YYYY-MM): ${month}`);
  const [year, m] = month.split('-').map(Number) as [number, number];
  const days: string[] = [];
  for (let d = new Date(Date.UTC(year, m - 1, 1)); d.getUTCMonth() === m - 1; d = new Date(d.getTime() + 86_400_000)) {
    const day = d.toISOString().slice(0, 10);
    if (isWorkingDay(day)) days.push(day);
  }
  return days;
}

/** The last calendar day of a month, 'YYYY-MM-DD'. */
export function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

/** The month n months before 'YYYY-MM'. */
export function monthsBefore(month: string, n: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m - 1 - n, 1)).toISOString().slice(0, 7);
}

/** The month n months after 'YYYY-MM'. */
export const monthsAfter = (month: string, n: number): string => monthsBefore(month, -n);

// ---- Absence from the capacity plan ----------------------------------------------

/** A capacity plan period of one person (src/capacity/plan.ts), as far as the roster needs it. */
export interface PersonPeriod {
  kind: string;
  from: string;
  /** Inclusive; null = open ended. */
  to: string | null;
  hoursPerWeek: number;
}

/**
 * The absence rule. The plan holds hours per week, not days, so a person is
 * absent on a day when the hours NOT available in the periods covering that
 * day (parental leave, onboarding, re-integration, planned absence: every kind
 * but `contract`) add up to at least their contract hours that day: they have
 * no hours left to take calls. The contract hours are those of the person's
 * contract periods covering the day; without one, the contract hours of their
 * staff record. Someone only partly away (8 hours parental leave a week) is
 * not absent: the plan does not say on which day those hours fall.
 */
export function isAbsentOn(periods: readonly PersonPeriod[], staffHoursPerWeek: number, day: string): boolean {
  let contract = 0;
  let hasContract = false;
  let away = 0;
  for (const p of periods) {
    if (day < p.from || (p.to !== null && day > p.to)) continue;
    if (p.kind === 'contract') {
      contract += p.hoursPerWeek;
      hasContract = true;
    } else {
      away += p.hoursPerWeek;
    }
  }
  return away > 0 && away >= (hasContract ? contract : staffHoursPerWeek);
}
