import { easterSunday } from '../core/holidays.ts';
/**
 * The calendar and the capacity story behind the demo history, as data and
 * pure functions over day numbers (day 0 = Monday 2 January 2023, UTC days).
 *
 * Facts from the source file (DOMAIN.md, "Steering figures") are marked FILE;
 * everything else is a calibration choice, marked CHOSEN, made so that the
 * generated tray tells the file's story (see history.test.ts).
 */
const DAY_MS = 86_400_000;
export const HISTORY_START_MS = Date.UTC(2023, 0, 2);

export function dayOf(date: Date): number {
  return Math.floor((date.getTime() - HISTORY_START_MS) / DAY_MS);
}

/** A moment on a day; `minute` counts from 00:00 UTC (work happens 07:00-16:00 UTC, ~08:00-17:00 in Amsterdam). */
export function momentOf(day: number, minute: number): Date {
  return new Date(HISTORY_START_MS + day * DAY_MS + Math.round(minute) * 60_000);
}

function dayOfUtc(year: number, month: number, date: number): number {
  return Math.round((Date.UTC(year, month - 1, date) - HISTORY_START_MS) / DAY_MS);
}

function calendarOf(day: number): { year: number; month: number; date: number; weekday: number } {
  const d = new Date(HISTORY_START_MS + day * DAY_MS);
  // weekday: 0 = Monday ... 6 = Sunday
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate(), weekday: (d.getUTCDay() + 6) % 7 };
}

/** Easter Sunday as a day number. */
function easter(year: number): number {
  const [y, m, d] = easterSunday(year).split('-').map(Number) as [number, number, number];
  return dayOfUtc(y, m, d);
}

/** Dutch public holidays on which the office is closed (Good Friday is not one for the civil service). */
function publicHolidays(year: number): number[] {
  const e = easter(year);
  const kingsDay = dayOfUtc(year, 4, 27);
  const days = [
    dayOfUtc(year, 1, 1),
    e + 1, // Easter Monday
    calendarOf(kingsDay).weekday === 6 ? kingsDay - 1 : kingsDay,
    e + 39, // Ascension Day
    e + 50, // Whit Monday
    dayOfUtc(year, 12, 25),
    dayOfUtc(year, 12, 26),
  ];
  if (year % 5 === 0) days.push(dayOfUtc(year, 5, 5)); // Liberation Day, a day off in lustrum years
  return days;
}

/** Precomputed per-day facts, so the simulation's inner loop only reads arrays. */
export class Calendar {
  readonly working: boolean[] = [];
  readonly weekday: number[] = [];
  private readonly holidays = new Set<number>();

  constructor(readonly lastDay: number) {
    const lastYear = calendarOf(lastDay).year;
    for (let y = 2023; y <= lastYear; y++) for (const d of publicHolidays(y)) this.holidays.add(d);
    for (let day = 0; day <= lastDay; day++) {
      const { weekday } = calendarOf(day);
      this.weekday.push(weekday);
      this.working.push(weekday < 5 && !this.holidays.has(day));
    }
  }

  isWorking(day: number): boolean {
    return this.working[day] ?? (calendarOf(day).weekday < 5);
  }

  /** The first working day that is `n` working days after `day` (n = 0: `day` itself if working). */
  addWorkingDays(day: number, n: number): number {
    let d = day;
    while (!this.isWorking(d)) d++;
    for (let left = n; left > 0; ) {
      d++;
      if (this.isWorking(d)) left--;
    }
    return d;
  }

  isPublicHoliday(day: number): boolean {
    return this.holidays.has(day);
  }
}

// ---------------------------------------------------------------- seasons

/** Day-of-year windows, as [month, date] pairs, inclusive. */
function inWindow(day: number, from: [number, number], to: [number, number]): boolean {
  const { month, date } = calendarOf(day);
  const v = month * 100 + date;
  const a = from[0] * 100 + from[1];
  const b = to[0] * 100 + to[1];
  return a <= b ? v >= a && v <= b : v >= a || v <= b;
}

export function isChristmasBreak(day: number): boolean {
  return inWindow(day, [12, 22], [1, 2]);
}

export function isSummerBreak(day: number): boolean {
  return inWindow(day, [7, 8], [8, 31]);
}

/**
 * CHOSEN. Written complaints per week in an ordinary week: ~165 in 2023,
 * growing ~4% a year (the brief: ~150-200 a week).
 */
export function weeklyInflow(day: number): number {
  return 165 * (1 + 0.04 * (day / 365));
}

/** Share of a week's mail arriving on each weekday (Monday busiest; web forms also come in at weekends). */
const WEEKDAY_SHARE = [1.2, 1.05, 1, 0.95, 0.8, 0.25, 0.25];
const WEEK_SHARE_TOTAL = WEEKDAY_SHARE.reduce((a, b) => a + b, 0);

/** CHOSEN. Expected complaints received on a day: fewer on holidays, in summer and around Christmas. */
export function expectedInflow(cal: Calendar, day: number): number {
  const weekday = cal.weekday[day] ?? calendarOf(day).weekday;
  let factor = cal.isPublicHoliday(day) ? 0.25 : WEEKDAY_SHARE[weekday]!;
  if (inWindow(day, [12, 24], [1, 1])) factor *= 0.5;
  else if (inWindow(day, [7, 15], [8, 20])) factor *= 0.8;
  else if (inWindow(day, [1, 2], [1, 12])) factor *= 1.1; // post that waited over the holidays
  return (weeklyInflow(day) * factor) / WEEK_SHARE_TOTAL;
}

// ---------------------------------------------------------------- capacity

/**
 * Available investigator FTE over time. FILE: 34 formation; 21.4 available on
 * 1 Dec 2023, 25.5 on 1 Feb 2024, 32 on 1 Jun 2024 (available = occupied
 * minus parental leave, onboarding and re-integration). CHOSEN: the decline
 * through 2023 before the first known figure, and a slow rise after June 2024.
 */
export const FORMATION_FTE = 34;
export const AVAILABLE_FTE: readonly [date: string, fte: number][] = [
  ['2023-01-02', 29.5],
  ['2023-06-01', 29],
  ['2023-10-01', 25.8],
  ['2023-12-01', 21.4],
  ['2024-02-01', 25.5],
  ['2024-06-01', 32],
  ['2025-06-01', 32.5],
  ['2026-12-31', 33],
];

/**
 * Closed cases per available FTE-week. FILE: the 2024 growth path of the
 * production norm (Jan-Feb 8, Feb-Mar 9, Apr-May 10, Jun-Jul 11, from Aug 12;
 * read here as 9 from mid-February). CHOSEN: 6 in 2023, the realised
 * production that, with the FTE above, lets the tray grow as the file tells.
 */
export const PRODUCTION_NORM: readonly [from: string, perFteWeek: number][] = [
  ['2023-01-02', 6],
  ['2024-01-01', 8],
  ['2024-02-15', 9],
  ['2024-04-01', 10],
  ['2024-06-01', 11],
  ['2024-08-01', 12],
];

function isoDay(iso: string): number {
  return dayOf(new Date(`${iso}T00:00:00Z`));
}

const FTE_POINTS = AVAILABLE_FTE.map(([iso, fte]) => [isoDay(iso), fte] as const);
const NORM_POINTS = PRODUCTION_NORM.map(([iso, norm]) => [isoDay(iso), norm] as const);

/** Available FTE on a day, linear between the known points. */
export function availableFte(day: number): number {
  const first = FTE_POINTS[0]!;
  if (day <= first[0]) return first[1];
  for (let i = 1; i < FTE_POINTS.length; i++) {
    const [d1, v1] = FTE_POINTS[i]!;
    if (day <= d1) {
      const [d0, v0] = FTE_POINTS[i - 1]!;
      return v0 + ((v1 - v0) * (day - d0)) / (d1 - d0);
    }
  }
  return FTE_POINTS[FTE_POINTS.length - 1]![1];
}

export function productionNorm(day: number): number {
  let norm = NORM_POINTS[0]![1];
  for (const [from, value] of NORM_POINTS) if (day >= from) norm = value;
  return norm;
}

/** CHOSEN. Share of available staff at work: leave in summer and at Christmas. */
export function presence(day: number): number {
  if (isChristmasBreak(day)) return 0.4;
  if (inWindow(day, [7, 15], [8, 18])) return 0.65;
  if (isSummerBreak(day)) return 0.85;
  if (inWindow(day, [4, 29], [5, 5])) return 0.85;
  return 1;
}

/**
 * FILE (action plan, Jan 2024): extra take-out of the tray through the first
 * POP days, fast-lane sessions and OB screening; CHOSEN: the week and size,
 * so that the tray fell by about 70 in one week of January 2024.
 */
export const TRAY_ACTIONS: readonly { from: string; to: string; extraPerDay: number }[] = [
  { from: '2024-01-15', to: '2024-01-19', extraPerDay: 9 },
];
const ACTION_DAYS = TRAY_ACTIONS.map((a) => ({ from: isoDay(a.from), to: isoDay(a.to), extra: a.extraPerDay }));

/**
 * Cases the directorate can take out of the tray on a working day. In the
 * first six weeks of 2023 the investigators still work off their caseload
 * from 2022, which is not part of the demo: their room for new cases ramps up.
 */
export function takeOutCapacity(day: number): number {
  const rampUp = Math.min(1, day / 42);
  const action = ACTION_DAYS.find((a) => day >= a.from && day <= a.to)?.extra ?? 0;
  return (availableFte(day) * productionNorm(day) * presence(day) * rampUp) / 5 + action;
}

/**
 * CHOSEN policy once capacity suffices: keep about 1.5 weeks of inflow in the
 * tray (the file's aim: a total tray of 200-300), a little more in holidays.
 * Hours beyond that go to clusters, phone duty and longer investigations.
 */
export function trayBuffer(day: number): number {
  const holiday = isChristmasBreak(day) || isSummerBreak(day) ? 1.25 : 1;
  return 1.5 * weeklyInflow(day) * holiday;
}

/**
 * The expected total tray at the end of each day: expected inflow (routed on
 * working days) minus what capacity takes out, but never below the buffer.
 * The simulation steers every domain tray towards its share of this path.
 */
export function targetTrayPath(cal: Calendar): number[] {
  const path: number[] = [];
  let tray = 0;
  let waiting = 0; // received but not yet routed (weekend, holiday)
  for (let day = 0; day <= cal.lastDay; day++) {
    waiting += expectedInflow(cal, day);
    if (cal.isWorking(day)) {
      tray += waiting;
      waiting = 0;
      const excess = tray - trayBuffer(day);
      if (excess > 0) tray -= Math.min(excess, takeOutCapacity(day));
    }
    path.push(tray);
  }
  return path;
}
