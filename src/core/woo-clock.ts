import { addDays, isWorkingDay, nextWorkingDay } from './holidays.ts';

/**
 * The Woo decision clock (art. 4.4 Woo), pure. The decision is due four
 * weeks after the day of receipt; it may be extended once by two weeks (with
 * a reason, told to the requester); it is suspended while third parties are
 * asked for their view (art. 4.4 lid 3), for the days that takes. Weeks are
 * calendar weeks: four weeks after Monday 2 November is Monday 30 November.
 * A deadline ending on a Saturday, Sunday or holiday of the Algemene
 * termijnenwet moves to the next working day (art. 1 and 3 Atw); only the
 * final deadline moves, the extension counts from the unmoved four weeks.
 *
 * Days are 'YYYY-MM-DD'.
 */
export const DECISION_WEEKS = 4;
export const EXTENSION_WEEKS = 2;
/** A warning shows this many working days before the deadline. */
export const WARN_WORKING_DAYS = 5;

export interface ClockInput {
  received: string;
  extended?: boolean;
  suspendedDays?: number;
}

export function wooDeadline({ received, extended = false, suspendedDays = 0 }: ClockInput): string {
  if (!Number.isInteger(suspendedDays) || suspendedDays < 0) throw new RangeError('suspendedDays must be a whole number >= 0');
  const days = 7 * (DECISION_WEEKS + (extended ? EXTENSION_WEEKS : 0)) + suspendedDays;
  return nextWorkingDay(addDays(received, days));
}

/** Calendar days from `from` to `to` ('YYYY-MM-DD'); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Working days (Atw) after `from` up to and including `to`; 0 when `to` is not later. */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}

export interface Suspension {
  startedOn: string;
  /** null while the third party's view is still awaited */
  endedOn: string | null;
}

/** Days the clock stood still: closed suspensions in full, an open one up to today. */
export function suspendedDays(suspensions: readonly Suspension[], today: string): number {
  return suspensions.reduce((sum, s) => sum + Math.max(0, daysBetween(s.startedOn, s.endedOn ?? (today > s.startedOn ? today : s.startedOn))), 0);
}

export type ClockState =
  | { kind: 'decided'; due: string }
  | { kind: 'suspended'; due: string; since: string }
  | { kind: 'overdue'; due: string; daysLate: number }
  | { kind: 'soon'; due: string; workingDaysLeft: number }
  | { kind: 'running'; due: string; workingDaysLeft: number };

/**
 * Where a request stands on its clock today. While suspended the due date
 * shown is the one if the view came in today (it moves on every day).
 */
export function clockState(r: {
  received: string;
  extended: boolean;
  suspensions: readonly Suspension[];
  decided: boolean;
}, today: string): ClockState {
  const due = wooDeadline({ received: r.received, extended: r.extended, suspendedDays: suspendedDays(r.suspensions, today) });
  if (r.decided) return { kind: 'decided', due };
  const open = r.suspensions.find((s) => s.endedOn === null);
  if (open) return { kind: 'suspended', due, since: open.startedOn };
  if (today > due) return { kind: 'overdue', due, daysLate: daysBetween(due, today) };
  const workingDaysLeft = workingDaysBetween(today, due);
  return workingDaysLeft <= WARN_WORKING_DAYS ? { kind: 'soon', due, workingDaysLeft } : { kind: 'running', due, workingDaysLeft };
}

const amsterdam = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
/** The calendar day ('YYYY-MM-DD') a moment falls on in the Netherlands. */
export const dutchDay = (at: Date): string => amsterdam.format(at);
