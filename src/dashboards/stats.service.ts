import { z } from 'zod';
import { percentile, stateAt, weekStart } from '../core/replay.ts';
import { ZMoment } from '../cases/case.schema.ts';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { invalidField } from '../shared/errors.ts';
import { applyEvent, EMPTY } from '../core/replay.ts';
import { eventsOf, eventsOfCasesOpenAt, eventsOfCasesOpenBetween, firstAssignments } from './stats.repository.ts';

/**
 * Stock and waiting times computed from case events, for any past moment
 * (DOMAIN.md: steer on the waiting time, not on counts).
 */
const DAY_MS = 86_400_000;

export const ZTrayStatsQuery = z.strictObject({ asOf: ZMoment.optional() });
/** Age bands of the tray in weeks, for its age distribution. */
export const AGE_BANDS = [
  { label: '0-1', below: 1 }, { label: '1-2', below: 2 }, { label: '2-3', below: 3 }, { label: '3-4', below: 4 },
  { label: '4-8', below: 8 }, { label: '8-12', below: 12 }, { label: '12+', below: Infinity },
] as const;

export const ZTrayStats = z.object({
  asOf: z.iso.datetime(),
  items: z.array(z.object({
    domain: z.string(), unassigned: z.number().int(), inProgress: z.number().int(), oldestWaitDays: z.number().int().nullable(),
    /** Unassigned cases per age band in weeks (0-1, 1-2, 2-3, 3-4, 4-8, 8-12, 12+). */
    ageWeeks: z.record(z.string(), z.number().int()),
    /** Unassigned cases per lane marker. */
    lanes: z.object({ urgent: z.number().int(), b: z.number().int(), pop: z.number().int(), ob: z.number().int() }),
  })),
});
export type TrayStats = z.output<typeof ZTrayStats>;

/** Per domain (KB and UKB together): unassigned cases in the tray, cases with an investigator, the oldest wait. */
export async function trayStats(ctx: AppContext, asOfInput?: Date): Promise<TrayStats> {
  const asOf = asOfInput ?? ctx.clock();
  const [domains, byCase] = await Promise.all([listDomains(ctx.db), eventsOfCasesOpenAt(ctx.db, asOf)]);
  const items = new Map(domains.map((d) => [d.id, {
    domain: d.id, unassigned: 0, inProgress: 0, oldestWaitDays: null as number | null,
    ageWeeks: Object.fromEntries(AGE_BANDS.map((b) => [b.label, 0])) as Record<string, number>,
    lanes: { urgent: 0, b: 0, pop: 0, ob: 0 },
  }]));
  for (const events of byCase.values()) {
    const s = stateAt(events, asOf);
    const item = s.domainId ? items.get(s.domainId) : undefined;
    if (!item) continue;
    if (s.status === 'queued') {
      item.unassigned += 1;
      const waited = s.receivedAt ? Math.floor((asOf.getTime() - s.receivedAt.getTime()) / DAY_MS) : null;
      if (waited !== null && (item.oldestWaitDays === null || waited > item.oldestWaitDays)) item.oldestWaitDays = waited;
      const band = AGE_BANDS.find((b) => (waited ?? 0) / 7 < b.below)!;
      item.ageWeeks[band.label]! += 1;
      for (const lane of ['urgent', 'b', 'pop', 'ob'] as const) if (s.lanes[lane]) item.lanes[lane] += 1;
    } else if (s.status === 'assigned' || s.status === 'in_progress') {
      item.inProgress += 1;
    }
  }
  return { asOf: asOf.toISOString(), items: [...items.values()] };
}

export const ZWaitStatsQuery = z
  .strictObject({ from: ZMoment, to: ZMoment })
  .refine((q) => q.to > q.from, { message: 'to must lie after from', path: ['to'] })
  .refine((q) => q.to.getTime() - q.from.getTime() <= 3 * 366 * DAY_MS, { message: 'at most three years at a time', path: ['to'] });
export const ZWaitStats = z.object({
  items: z.array(z.object({
    domain: z.string(), week: z.iso.date(), assigned: z.number().int(),
    p50Days: z.number().nullable(), p80Days: z.number().nullable(), p95Days: z.number().nullable(),
  })),
});
export type WaitStats = z.output<typeof ZWaitStats>;

/**
 * Days from receipt to (first) assignment, per domain and week of assignment,
 * as percentiles. The domain is the one the case was in when it was assigned.
 */
export async function waitStats(ctx: AppContext, q: { from: Date; to: Date; allDomains?: boolean }): Promise<WaitStats> {
  if (q.to <= q.from) throw invalidField('query.to', 'must lie after from', 'Moet na het begin liggen');
  const firsts = await firstAssignments(ctx.db, q.from, q.to);
  const events = await eventsOf(ctx.db, firsts.map((f) => f.case_id));
  const groups = new Map<string, { domain: string; week: string; waits: number[] }>();
  for (const f of firsts) {
    const assignedAt = new Date(f.assigned_at);
    const at = stateAt(events.get(f.case_id) ?? [], assignedAt).domainId;
    if (!at) continue;
    const domain = q.allDomains ? 'all' : at;
    const week = weekStart(assignedAt);
    const key = `${domain}|${week}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { domain, week, waits: [] }));
    g.waits.push((assignedAt.getTime() - f.received_at.getTime()) / DAY_MS);
  }
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  const items = [...groups.values()]
    .sort((a, b) => a.domain.localeCompare(b.domain) || a.week.localeCompare(b.week))
    .map((g) => {
      const sorted = [...g.waits].sort((a, b) => a - b);
      return {
        domain: g.domain, week: g.week, assigned: sorted.length,
        p50Days: round(percentile(sorted, 0.5)), p80Days: round(percentile(sorted, 0.8)), p95Days: round(percentile(sorted, 0.95)),
      };
    });
  return { items };
}

export interface StockPoint {
  date: string;
  /** Unassigned cases per domain at the start of that day. */
  perDomain: Record<string, number>;
  total: number;
}

/**
 * The tray at the start of every Monday in [from, to]: each case's events are
 * replayed once, sampled at each Monday, so a half year costs one pass.
 */
export async function stockSeries(ctx: AppContext, q: { from: Date; to: Date }): Promise<StockPoint[]> {
  const samples: Date[] = [];
  for (let t = new Date(`${weekStart(q.from)}T00:00:00Z`).getTime(); t <= q.to.getTime(); t += 7 * DAY_MS) {
    if (t >= q.from.getTime()) samples.push(new Date(t));
  }
  const points: StockPoint[] = samples.map((d) => ({ date: d.toISOString().slice(0, 10), perDomain: {}, total: 0 }));
  if (samples.length === 0) return points;
  const byCase = await eventsOfCasesOpenBetween(ctx.db, samples[0]!, samples[samples.length - 1]!);
  for (const events of byCase.values()) {
    let state = EMPTY;
    let next = 0;
    for (let i = 0; i < samples.length; i++) {
      const t = samples[i]!.getTime();
      while (next < events.length && events[next]!.at.getTime() <= t) state = applyEvent(state, events[next++]!);
      if (state.status === 'queued' && state.domainId) {
        const point = points[i]!;
        point.perDomain[state.domainId] = (point.perDomain[state.domainId] ?? 0) + 1;
        point.total += 1;
      }
    }
  }
  return points;
}
