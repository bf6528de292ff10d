import { applyEvent, EMPTY, weekStart, type ReplayState, type StoredEvent } from '../core/replay.ts';

/**
 * The dashboards' daily figures, from case events alone (pure, no IO).
 * Replays every case once over a run of days and, per day, domain and unit,
 * counts the state at the end of the day (what the tray held at the start of
 * the next) and the flows during it. Stored by `daily.repository.ts`, so a
 * dashboard reads a few hundred rows however long the history is.
 */
export const DAY_MS = 86_400_000;

/** Age bands of the tray in weeks, for its age distribution. */
export const AGE_BANDS = [
  { label: '0-1', below: 1 }, { label: '1-2', below: 2 }, { label: '2-3', below: 3 }, { label: '3-4', below: 4 },
  { label: '4-8', below: 8 }, { label: '8-12', below: 12 }, { label: '12+', below: Infinity },
] as const;

export type WaitKind = 'assignment' | 'first_contact';

export interface DayRow {
  /** The day, YYYY-MM-DD (UTC). State fields hold at its end; flow fields count what happened during it. */
  day: string;
  domainId: string;
  /** '' when a case has no unit. */
  unitId: string;
  unassigned: number;
  inProgress: number;
  /** Receipt of the longest-waiting unassigned case. */
  oldestReceivedAt: Date | null;
  /** Unassigned cases per age band (AGE_BANDS), age at the end of the day. */
  ages: number[];
  urgent: number;
  b: number;
  pop: number;
  ob: number;
  /** Cases routed to a domain for the first time. */
  inflow: number;
  /** Cases assigned to an investigator for the first time. */
  assigned: number;
  closed: number;
  routed: number;
  overridden: number;
}

export interface WaitRow {
  /** The day of the assignment or first contact, YYYY-MM-DD (UTC). */
  day: string;
  domainId: string;
  kind: WaitKind;
  /** Whole days from receipt. */
  waitDays: number;
  cases: number;
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);
export const addDays = (day: string, n: number) => isoDay(new Date(dayDate(day).getTime() + n * DAY_MS));
export const weekOf = (day: string) => weekStart(dayDate(day));

function emptyRow(day: string, domainId: string, unitId: string): DayRow {
  return {
    day, domainId, unitId, unassigned: 0, inProgress: 0, oldestReceivedAt: null, ages: AGE_BANDS.map(() => 0),
    urgent: 0, b: 0, pop: 0, ob: 0, inflow: 0, assigned: 0, closed: 0, routed: 0, overridden: 0,
  };
}

/** The age band index for a wait of `days`. */
export function ageBand(days: number): number {
  return AGE_BANDS.findIndex((b) => days / 7 < b.below);
}

/**
 * Figures for the days [from, to) — both UTC days as YYYY-MM-DD — from the
 * complete event lists (in time order) of every case that may have been open
 * then. State at the end of a day includes events at its closing midnight
 * (as `stateAt` does); flows count events in [day 00:00, next day 00:00).
 */
export function buildDays(cases: Iterable<readonly StoredEvent[]>, from: string, to: string): { days: DayRow[]; waits: WaitRow[] } {
  const start = dayDate(from).getTime();
  const end = dayDate(to).getTime();
  const count = Math.round((end - start) / DAY_MS);
  const rows = new Map<string, DayRow>();
  const waits = new Map<string, WaitRow>();
  const row = (k: number, s: ReplayState) => {
    const day = isoDay(new Date(start + k * DAY_MS));
    const key = `${day}|${s.domainId}|${s.unitId ?? ''}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = emptyRow(day, s.domainId!, s.unitId ?? '')));
    return r;
  };
  const wait = (at: Date, s: ReplayState, kind: WaitKind) => {
    if (!s.receivedAt || !s.domainId) return;
    const day = isoDay(at);
    const waitDays = Math.floor((at.getTime() - s.receivedAt.getTime()) / DAY_MS);
    const key = `${day}|${s.domainId}|${kind}|${waitDays}`;
    const w = waits.get(key);
    if (w) w.cases += 1;
    else waits.set(key, { day, domainId: s.domainId, kind, waitDays, cases: 1 });
  };

  for (const events of cases) {
    let s = EMPTY;
    let i = 0;
    for (let k = 0; k < count; k++) {
      const boundary = start + (k + 1) * DAY_MS;
      while (i < events.length && events[i]!.at.getTime() <= boundary) {
        const e = events[i++]!;
        const prev = s;
        s = applyEvent(s, e);
        const t = e.at.getTime();
        if (t < start || t >= end) continue;
        const flowDay = Math.floor((t - start) / DAY_MS);
        if (e.type === 'routed' && s.domainId) {
          const r = row(flowDay, s);
          r.routed += 1;
          if (e.payload.overridden === true) r.overridden += 1;
          if (prev.domainId === null) r.inflow += 1;
        } else if (e.type === 'assigned' && prev.firstAssignedAt === null && s.domainId) {
          row(flowDay, s).assigned += 1;
          wait(e.at, s, 'assignment');
        } else if (e.type === 'first_contact' && prev.firstContactAt === null) {
          wait(e.at, s, 'first_contact');
        } else if (e.type === 'closed' && s.domainId) {
          row(flowDay, s).closed += 1;
        }
      }
      if (!s.domainId) continue;
      if (s.status === 'queued') {
        const r = row(k, s);
        r.unassigned += 1;
        if (s.receivedAt) {
          if (!r.oldestReceivedAt || s.receivedAt < r.oldestReceivedAt) r.oldestReceivedAt = s.receivedAt;
          r.ages[ageBand(Math.floor((boundary - s.receivedAt.getTime()) / DAY_MS))]! += 1;
        }
        if (s.lanes.urgent) r.urgent += 1;
        if (s.lanes.b) r.b += 1;
        if (s.lanes.pop) r.pop += 1;
        if (s.lanes.ob) r.ob += 1;
      } else if (s.status === 'assigned' || s.status === 'in_progress') {
        row(k, s).inProgress += 1;
      }
    }
  }
  return { days: [...rows.values()], waits: [...waits.values()] };
}

/** The value below which `share` of a histogram's cases fall (nearest rank, as `percentile`). */
export function histogramPercentile(sorted: readonly { waitDays: number; cases: number }[], share: number): number | null {
  const total = sorted.reduce((n, b) => n + b.cases, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(share * total));
  let seen = 0;
  for (const b of sorted) {
    seen += b.cases;
    if (seen >= rank) return b.waitDays;
  }
  return sorted[sorted.length - 1]!.waitDays;
}
