import { isWorkingDay } from '../core/holidays.ts';
import { DAY_MS } from './trace.ts';
import { addDays, type TraceCalendar, type WeekKind } from './trace.calendar.ts';

/**
 * A lane that a domain serves in sessions (B, POP), learnt from when its
 * cases left the tray: the session days, their rhythm (the median gap between
 * recent ones: weekly, every other week), the cases one session clears and
 * the time of day it starts.
 *
 * Sessions pause in some holiday periods. Which ones is learnt from the year
 * before: a slot of the rhythm is skipped when, 52 weeks earlier (the same
 * weekday and week parity), the history shows no session then. Without a
 * year of history two priors stand in: once a slot of a holiday period has
 * passed without a session, none for the rest of that period; and a lane that
 * skipped a holiday slot before has no session in the Christmas holiday. A
 * slot on a non-working day is skipped too.
 */
const RHYTHM_MEMORY = 8;
const MAX_SLOTS = 200;

/** A day the lane was served: how many left, when, and whether cases received before it started still waited after it (then `n` is its capacity, else only a lower bound). */
interface SessionDay { day: string; n: number; minutes: number[]; start: number; full: boolean }

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export class SessionLane {
  private readonly days: SessionDay[] = [];
  private readonly dayIndex = new Set<string>();

  constructor(private readonly calendar: TraceCalendar) {}

  /** A case of the lane left the tray at `at` (ms); `oldestWaiting` is the receipt (ms) of the oldest case still waiting after it, if any. */
  exit(at: number, oldestWaiting: number | null): void {
    const day = dayOf(at);
    const minute = (at - dayStart(day)) / 60_000;
    let last = this.days[this.days.length - 1];
    if (last?.day === day) {
      last.n++;
      last.minutes.push(minute);
    } else {
      this.days.push((last = { day, n: 1, minutes: [minute], start: at, full: false }));
      this.dayIndex.add(day);
    }
    last.full = oldestWaiting !== null && oldestWaiting < last.start;
  }

  /**
   * Days from `t` to the session that reaches a case with `ahead` cases before
   * it, or null while fewer than two sessions were seen. `historyFrom` is the
   * first moment the predictor observed anything (what "a year earlier" can use);
   * `shareOn` the share of its usual size a session on a day has (sessions
   * shrink with the staff present, so in holiday weeks).
   */
  waitDays(t: number, ahead: number, historyFrom: number, shareOn: (day: string) => number): number | null {
    const recent = this.days.slice(-RHYTHM_MEMORY);
    if (recent.length < 2) return null;
    const gaps = recent.slice(1).map((s, i) => (dayStart(s.day) - dayStart(recent[i]!.day)) / DAY_MS);
    const gap = Math.max(1, Math.round(median(gaps)));
    // What a session clears: the median, where a session that left no older case waiting cleared "at least n"
    // (counted as unbounded); when most sessions cleared the lane, the most any cleared.
    const bounded = median(recent.map((s) => (s.full ? s.n : Number.POSITIVE_INFINITY)));
    const perSession = Math.max(1, Number.isFinite(bounded) ? bounded : Math.max(...recent.map((s) => s.n)));
    const minute = median(recent.flatMap((s) => s.minutes));
    const last = recent[recent.length - 1]!.day;
    const today = dayOf(t);
    let before = ahead;
    for (let k = 1; k <= MAX_SLOTS; k++) {
      const slot = addDays(last, k * gap);
      const at = dayStart(slot) + minute * 60_000;
      if (at <= t || this.paused(slot, gap, today, last, historyFrom)) continue;
      const size = perSession * shareOn(slot);
      if (before < size) return (at - t) / DAY_MS;
      before -= size;
    }
    return MAX_SLOTS * gap;
  }

  private paused(slot: string, gap: number, today: string, lastSession: string, historyFrom: number): boolean {
    if (!isWorkingDay(slot)) return true;
    const yearAgo = addDays(slot, -364);
    const half = Math.min(3, Math.floor(gap / 2));
    if (dayStart(yearAgo) - gap * DAY_MS >= historyFrom) {
      for (let d = -half; d <= half; d++) if (this.dayIndex.has(addDays(yearAgo, d))) return false;
      return true;
    }
    const kind = this.calendar.weekKind(slot);
    if (kind === 'ordinary') return false;
    if (kind === 'christmas' && this.pausedInHolidays(gap)) return true;
    // A slot of this holiday period already passed without a session: the period is a pause.
    for (let missed = addDays(lastSession, gap); missed < today; missed = addDays(missed, gap)) {
      if (isWorkingDay(missed) && this.sameHolidayPeriod(missed, slot, kind)) return true;
    }
    return false;
  }

  /** The lane skipped a working-day slot of its rhythm in a holiday week before (it pauses for holidays). */
  private pausedInHolidays(gap: number): boolean {
    for (let i = 1; i < this.days.length; i++) {
      for (let slot = addDays(this.days[i - 1]!.day, gap); slot < this.days[i]!.day; slot = addDays(slot, gap)) {
        if (isWorkingDay(slot) && this.calendar.weekKind(slot) !== 'ordinary') return true;
      }
    }
    return false;
  }

  /** `a` (earlier) and `b` lie in one run of consecutive weeks of `kind`. */
  private sameHolidayPeriod(a: string, b: string, kind: WeekKind): boolean {
    for (let d = a; d <= b; d = addDays(d, 7)) if (this.calendar.weekKind(d) !== kind) return false;
    return this.calendar.weekKind(b) === kind;
  }
}
