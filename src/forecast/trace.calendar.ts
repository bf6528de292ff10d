import { holidayWeeks, isWorkingDay } from '../core/holidays.ts';
import { DAY_MS } from './trace.ts';

/**
 * Day arithmetic for the trace generator, on 'YYYY-MM-DD' strings (UTC
 * calendar days), and the Dutch holiday calendar of src/core/holidays.ts read
 * as what it does to a complaint directorate: no work on public holidays and
 * weekends, less mail and more staff on leave in school holiday weeks.
 */

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday ... 6 = Sunday. */
export function weekdayOf(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** The moment `minute` minutes after 00:00 UTC of `day`. */
export function momentOn(day: string, minute: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + Math.round(minute) * 60_000);
}

/** Weeks since Monday 5 January 1970: a week number that does not depend on where a trace starts. */
export function weekNumber(day: string): number {
  return Math.floor((Date.parse(`${day}T00:00:00Z`) - Date.UTC(1970, 0, 5)) / (7 * DAY_MS));
}

export function mondayOf(day: string): string {
  return addDays(day, -weekdayOf(day));
}

/** What kind of week it is for the directorate: school holidays bring less mail and more leave. */
export type WeekKind = 'christmas' | 'summer' | 'schoolHoliday' | 'ordinary';

export class TraceCalendar {
  private readonly kinds = new Map<string, WeekKind>();

  constructor(from: string, to: string) {
    for (const w of holidayWeeks(from, to)) {
      const kind: WeekKind = w.names.includes('kerstvakantie')
        ? 'christmas'
        : w.names.includes('zomervakantie')
          ? 'summer'
          : w.names.some((n) => n.endsWith('vakantie'))
            ? 'schoolHoliday'
            : 'ordinary'; // a public holiday alone: that day is closed, the week is otherwise ordinary
      this.kinds.set(w.week, kind);
    }
  }

  /** A working day: not a weekend day or public holiday (holidays.ts, Atw). */
  isWorking(day: string): boolean {
    return isWorkingDay(day);
  }

  weekKind(day: string): WeekKind {
    return this.kinds.get(mondayOf(day)) ?? 'ordinary';
  }
}
