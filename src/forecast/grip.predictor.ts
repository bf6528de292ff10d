import { isWorkingDay } from '../core/holidays.ts';
import type { CaseAtReceipt, Prediction, PredictorFactory } from './predictor.ts';
import { DAY_MS, daysBetween, plannedHours, type Lane, type StaffPeriod } from './trace.ts';
import { addDays, TraceCalendar, type WeekKind } from './trace.calendar.ts';
import { TrayBook } from './tray.book.ts';

/**
 * Grip's wait predictor: a queue model over the staff plan (issue 5).
 *
 * - Regular lane: the cases ahead in the domain's tray are served by the
 *   capacity to come — the planned hours of each coming working day (the plan
 *   knows hires, leave and departures), less in school-holiday weeks, times
 *   the cases per planned hour the domain achieved on its recent busy days
 *   (which holds sickness, other work and urgent cases going first).
 * - B and POP lanes: served in sessions. The session rhythm (weekly, every
 *   other week) and the cases a session clears are learnt from when such
 *   cases left the tray; a case waits for the session that reaches its turn.
 * - Urgent: the median of the domain's recent urgent waits.
 *
 * The model's raw estimate is then calibrated per lane on its own realised
 * errors: the point is moved to the median ratio of realised to estimated
 * wait and the 80% interval spans the 10th-90th percentile of those ratios.
 * Everything is learnt from observed events only, so it cannot look ahead.
 */
const LEARN_DAYS = 28;
const HORIZON_DAYS = 730;
const SESSION_MEMORY = 8;
const MAX_RATIOS = 200;
const MIN_RATIOS = 20;

interface Exit { at: number; waitDays: number }

/**
 * How much of the planned capacity a school-holiday week delivers: staff take
 * their leave then, and the plan does not list ordinary leave. A prior from
 * how a directorate works, applied to past days (to learn the ordinary rate)
 * and to coming days alike.
 */
const WEEK_CAPACITY: Record<WeekKind, number> = { ordinary: 1, schoolHoliday: 0.9, summer: 0.75, christmas: 0.6 };
const calendar = new TraceCalendar('2015-01-01', '2035-12-31');
const capacityShare = (day: string) => WEEK_CAPACITY[calendar.weekKind(day)];

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
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
  const exits = new Map<string, Exit[]>(); // per domain and lane, in time order
  const pending = new Map<string, { lane: Lane; raw: number }>();
  /** Regular exits per domain and day, for the days the domain was capacity-bound. */
  const busy = new Map<string, number>();
  const exitsOnDay = new Map<string, number>();
  const ratios = new Map<Lane, number[]>();
  const key = (domain: string, lane: Lane) => `${domain}|${lane}`;

  /** Cases of a lane that left the domain's tray in (t - days, t]. */
  const exitsSince = (domain: string, lane: Lane, t: number, days: number) => {
    const list = exits.get(key(domain, lane)) ?? [];
    let n = 0;
    for (let i = list.length - 1; i >= 0 && list[i]!.at > t - days * DAY_MS; i--) n++;
    return n;
  };

  /**
   * Regular cases served per planned hour, on the recent days the domain was
   * capacity-bound (cases older than a day still waited after its round): on
   * other days the tray ran empty and the exits show the inflow, not the
   * capacity. Null when no such day was seen lately.
   */
  function perHour(domain: string, today: string): number | null {
    for (let window = LEARN_DAYS; window <= 4 * LEARN_DAYS; window *= 2) {
      let served = 0;
      let pastHours = 0;
      let days = 0;
      for (let d = 1; d <= window; d++) {
        const day = addDays(today, -d);
        const record = busy.get(`${domain}|${day}`);
        if (!record) continue;
        served += record;
        pastHours += hours.onDay(domain, day) * capacityShare(day);
        days++;
      }
      if (days >= 5 && pastHours > 0) return served / pastHours;
    }
    return null;
  }

  function regular(c: CaseAtReceipt): number {
    const t = c.receivedAt.getTime();
    const today = dayOf(t);
    const rate = perHour(c.domain, today);
    if (rate === null) return median((exits.get(key(c.domain, 'regular')) ?? []).slice(-15).map((e) => e.waitDays)) ?? 1;
    let need = book.waitingCount(c.domain, 'regular', c.caseId) + 1;
    // Today: the part of the working day still to come.
    const dayFraction = (t - Date.parse(`${today}T00:00:00Z`)) / DAY_MS;
    for (let k = 0; k <= HORIZON_DAYS; k++) {
      const day = addDays(today, k);
      const share = k === 0 ? Math.max(0, 1 - dayFraction) : 1;
      const capacity = hours.onDay(c.domain, day) * capacityShare(day) * rate * share;
      if (capacity >= need) {
        const at = Date.parse(`${day}T00:00:00Z`) + (k === 0 ? dayFraction * DAY_MS : 0) + (need / capacity) * share * DAY_MS;
        return Math.max(0, (at - t) / DAY_MS);
      }
      need -= capacity;
    }
    return HORIZON_DAYS;
  }

  /** A lane served in sessions: the session that reaches the case's turn. */
  function sessions(c: CaseAtReceipt): number {
    const list = exits.get(key(c.domain, c.lane)) ?? [];
    const days: { day: string; n: number; minute: number[] }[] = [];
    for (const e of list) {
      const day = dayOf(e.at);
      const last = days[days.length - 1];
      if (last?.day === day) {
        last.n++;
        last.minute.push((e.at % DAY_MS) / 60_000);
      } else days.push({ day, n: 1, minute: [(e.at % DAY_MS) / 60_000] });
    }
    const recent = days.slice(-SESSION_MEMORY);
    if (recent.length < 2) return regular({ ...c, lane: 'regular' });
    const gaps = recent.slice(1).map((s, i) => daysBetween(new Date(`${recent[i]!.day}T00:00:00Z`), new Date(`${s.day}T00:00:00Z`)));
    const gap = Math.max(1, Math.round(median(gaps)!));
    const perSession = Math.max(1, median(recent.map((s) => s.n))!);
    const minute = median(recent.flatMap((s) => s.minute))!;
    const ahead = book.waitingCount(c.domain, c.lane, c.caseId);
    const t = c.receivedAt.getTime();
    let session = Date.parse(`${recent[recent.length - 1]!.day}T00:00:00Z`) + minute * 60_000;
    while (session <= t) session += gap * DAY_MS;
    session += Math.floor(ahead / perSession) * gap * DAY_MS;
    return (session - t) / DAY_MS;
  }

  function urgent(c: CaseAtReceipt): number {
    const list = exits.get(key(c.domain, 'urgent')) ?? [];
    return median(list.slice(-15).map((e) => e.waitDays)) ?? 1;
  }

  const raw = (c: CaseAtReceipt) => (c.lane === 'regular' ? regular(c) : c.lane === 'urgent' ? urgent(c) : sessions(c));

  return {
    name: 'Grip',
    observe(event) {
      book.observe(event);
      const c = event.case;
      if (event.type === 'received') {
        pending.set(c.caseId, { lane: c.lane, raw: raw(c) });
        return;
      }
      const p = pending.get(c.caseId);
      if (!p) return;
      pending.delete(c.caseId);
      const wait = daysBetween(c.receivedAt, event.at);
      const list = exits.get(key(c.domain, c.lane)) ?? [];
      list.push({ at: event.at.getTime(), waitDays: wait });
      exits.set(key(c.domain, c.lane), list);
      if (c.lane === 'regular') {
        const dayKey = `${c.domain}|${dayOf(event.at.getTime())}`;
        exitsOnDay.set(dayKey, (exitsOnDay.get(dayKey) ?? 0) + 1);
        const oldest = book.oldestWaiting(c.domain, 'regular');
        if (oldest && event.at.getTime() - oldest.getTime() > DAY_MS) busy.set(dayKey, exitsOnDay.get(dayKey)!);
        else if (busy.has(dayKey)) busy.set(dayKey, exitsOnDay.get(dayKey)!);
      }
      if (event.type !== 'assigned') return;
      const r = ratios.get(p.lane) ?? [];
      r.push((wait + 1) / (p.raw + 1));
      if (r.length > MAX_RATIOS) r.shift();
      ratios.set(p.lane, r);
    },
    predict(c): Prediction {
      const estimate = pending.get(c.caseId)?.raw ?? raw(c);
      const r = ratios.get(c.lane) ?? [];
      if (r.length < MIN_RATIOS) return { predictedDays: estimate, p10Days: estimate * 0.5, p90Days: estimate * 1.5 + 1 };
      const sorted = [...r].sort((a, b) => a - b);
      const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
      const scaled = (ratio: number) => Math.max(0, (estimate + 1) * ratio - 1);
      const point = scaled(at(0.5));
      return { predictedDays: point, p10Days: Math.min(point, scaled(at(0.1))), p90Days: Math.max(point, scaled(at(0.9))) };
    },
  };
};
