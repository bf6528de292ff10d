import { z } from 'zod';
import { stateAt, weekStart } from '../core/replay.ts';
import { ZMoment } from '../cases/case.schema.ts';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { invalidField } from '../shared/errors.ts';
import { addDays, AGE_BANDS, DAY_MS, dayDate, isoDay, type DayRow, type WaitKind } from './daily.ts';
import { daysAt, flowsPerWeek, refreshDailyStats, stockAt, waitPercentiles } from './daily.repository.ts';
import { eventsOfCasesOpenAt } from './stats.repository.ts';

export { AGE_BANDS } from './daily.ts';

/**
 * Stock and waiting times computed from case events, for any past moment
 * (DOMAIN.md: steer on the waiting time, not on counts).
 */
export const ZTrayStatsQuery = z.strictObject({ asOf: ZMoment.optional() });
export const ZTrayStats = z.object({
  asOf: z.iso.datetime(),
  items: z.array(z.object({
    domain: z.string(), unassigned: z.number().int(), inProgress: z.number().int(), oldestWaitDays: z.number().int().nullable(),
    /** Unassigned cases per age band in weeks (0-1, 1-2, 2-3, 3-4, 4-8, 8-12, 12+). */
    ageWeeks: z.record(z.string(), z.number().int()),
    /** Unassigned cases per lane marker. */
    lanes: z.object({ urgent: z.number().int(), b: z.number().int(), pop: z.number().int(), ob: z.number().int() }),
    /** The same counts per unit: standard (KB) and extended (UKB). */
    units: z.record(z.string(), z.object({ unassigned: z.number().int(), inProgress: z.number().int() })),
  })),
});
export type TrayStats = z.output<typeof ZTrayStats>;

/** Brings the materialised daily figures up to now (cheap when they are). */
export const refreshStats = (ctx: AppContext) => refreshDailyStats(ctx.db, ctx.clock());

const isMidnight = (d: Date) => d.getTime() % DAY_MS === 0;
type TrayItem = TrayStats['items'][number];

/**
 * Per domain (KB and UKB together): unassigned cases in the tray, cases with
 * an investigator, the oldest wait. At the start of a day from the daily
 * figures; at any other moment by replaying the events of the cases open then.
 */
export async function trayStats(ctx: AppContext, asOfInput?: Date): Promise<TrayStats> {
  const asOf = asOfInput ?? ctx.clock();
  return trayFrom(ctx, asOf, isMidnight(asOf) ? await dayRowsAt(ctx, [addDays(isoDay(asOf), -1)]) : await replayedRows(ctx, asOf));
}

/** The same figures, always by replaying events (the reference the daily figures are tested against). */
export async function trayStatsByReplay(ctx: AppContext, asOf: Date): Promise<TrayStats> {
  return trayFrom(ctx, asOf, await replayedRows(ctx, asOf));
}

async function trayFrom(ctx: AppContext, asOf: Date, rows: DayRow[]): Promise<TrayStats> {
  const domains = await listDomains(ctx.db);
  const items = new Map<string, TrayItem>(domains.map((d) => [d.id, {
    domain: d.id, unassigned: 0, inProgress: 0, oldestWaitDays: null,
    ageWeeks: Object.fromEntries(AGE_BANDS.map((b) => [b.label, 0])), lanes: { urgent: 0, b: 0, pop: 0, ob: 0 }, units: {},
  }]));
  for (const r of rows) {
    const item = items.get(r.domainId);
    if (!item) continue;
    item.unassigned += r.unassigned;
    item.inProgress += r.inProgress;
    const unit = (item.units[r.unitId || 'none'] ??= { unassigned: 0, inProgress: 0 });
    unit.unassigned += r.unassigned;
    unit.inProgress += r.inProgress;
    if (r.oldestReceivedAt) {
      const waited = Math.floor((asOf.getTime() - r.oldestReceivedAt.getTime()) / DAY_MS);
      if (item.oldestWaitDays === null || waited > item.oldestWaitDays) item.oldestWaitDays = waited;
    }
    AGE_BANDS.forEach((b, i) => (item.ageWeeks[b.label]! += r.ages[i] ?? 0));
    item.lanes.urgent += r.urgent;
    item.lanes.b += r.b;
    item.lanes.pop += r.pop;
    item.lanes.ob += r.ob;
  }
  return { asOf: asOf.toISOString(), items: [...items.values()] };
}

async function dayRowsAt(ctx: AppContext, days: string[]) {
  await refreshStats(ctx);
  return daysAt(ctx.db, ctx.clock(), days);
}

/** The tray at an exact moment, as day-row-shaped counts, by replaying events. */
async function replayedRows(ctx: AppContext, asOf: Date): Promise<DayRow[]> {
  const rows = new Map<string, DayRow>();
  for (const events of (await eventsOfCasesOpenAt(ctx.db, asOf)).values()) {
    const s = stateAt(events, asOf);
    if (!s.domainId || !['queued', 'assigned', 'in_progress'].includes(s.status)) continue;
    const key = `${s.domainId}|${s.unitId ?? ''}`;
    let r = rows.get(key);
    if (!r) {
      rows.set(key, (r = {
        day: isoDay(asOf), domainId: s.domainId, unitId: s.unitId ?? '', unassigned: 0, inProgress: 0, oldestReceivedAt: null, ages: AGE_BANDS.map(() => 0),
        urgent: 0, b: 0, pop: 0, ob: 0, inflow: 0, assigned: 0, closed: 0, routed: 0, overridden: 0,
      }));
    }
    if (s.status !== 'queued') {
      r.inProgress += 1;
      continue;
    }
    r.unassigned += 1;
    if (s.receivedAt) {
      if (!r.oldestReceivedAt || s.receivedAt < r.oldestReceivedAt) r.oldestReceivedAt = s.receivedAt;
      const waited = Math.floor((asOf.getTime() - s.receivedAt.getTime()) / DAY_MS);
      r.ages[AGE_BANDS.findIndex((b) => waited / 7 < b.below)]! += 1;
    }
    if (s.lanes.urgent) r.urgent += 1;
    if (s.lanes.b) r.b += 1;
    if (s.lanes.pop) r.pop += 1;
    if (s.lanes.ob) r.ob += 1;
  }
  return [...rows.values()];
}

export const ZWaitStatsQuery = z
  .strictObject({ from: ZMoment, to: ZMoment, kind: z.enum(['assignment', 'first_contact']).default('assignment') })
  .refine((q) => q.to > q.from, { message: 'to must lie after from', path: ['to'] })
  .refine((q) => q.to.getTime() - q.from.getTime() <= 3 * 366 * DAY_MS, { message: 'at most three years at a time', path: ['to'] });
export const ZWaitStats = z.object({
  items: z.array(z.object({
    domain: z.string(), week: z.iso.date(), assigned: z.number().int(),
    p50Days: z.number().nullable(), p80Days: z.number().nullable(), p95Days: z.number().nullable(),
    /** Share of these cases within the 3-week target (21 days). */
    withinTarget: z.number().nullable(),
  })),
});
export type WaitStats = z.output<typeof ZWaitStats>;
export const TARGET_DAYS = 21;

/**
 * Whole days from receipt to first assignment (or to first contact), per
 * domain and week of that event, as percentiles. The domain is the one the
 * case was in at that moment. Weeks run from the week of `from`; the week of
 * `to` counts up to `to`. Times are taken as their day (UTC).
 */
export async function waitStats(ctx: AppContext, q: { from: Date; to: Date; kind?: WaitKind; allDomains?: boolean }): Promise<WaitStats> {
  if (q.to <= q.from) throw invalidField('query.to', 'must lie after from', 'Moet na het begin liggen');
  await refreshStats(ctx);
  const rows = await waitPercentiles(ctx.db, ctx.clock(), {
    from: weekStart(q.from), to: dayAfterOrAt(q.to), kind: q.kind ?? 'assignment', allDomains: q.allDomains ?? false, targetDays: TARGET_DAYS,
  });
  return {
    items: rows.map((r) => ({
      domain: r.domain, week: r.week, assigned: r.total, p50Days: r.p50, p80Days: r.p80, p95Days: r.p95,
      withinTarget: r.total ? Math.round((r.within / r.total) * 1000) / 1000 : null,
    })),
  };
}

/** The day a moment falls on, exclusive: midnight stays, any later time counts its whole day. */
const dayAfterOrAt = (t: Date) => (isMidnight(t) ? isoDay(t) : addDays(isoDay(t), 1));

const ZRange = z
  .strictObject({ from: ZMoment, to: ZMoment })
  .refine((q) => q.to > q.from, { message: 'to must lie after from', path: ['to'] })
  .refine((q) => q.to.getTime() - q.from.getTime() <= 3 * 366 * DAY_MS, { message: 'at most three years at a time', path: ['to'] });
export const ZStockQuery = ZRange;
export const ZStock = z.object({
  items: z.array(z.object({ date: z.iso.date(), domain: z.string(), unassigned: z.number().int() })),
});
export const ZFlowQuery = ZRange;
export const ZFlows = z.object({
  items: z.array(z.object({
    week: z.iso.date(), domain: z.string(), inflow: z.number().int(), assigned: z.number().int(), closed: z.number().int(), net: z.number().int(),
    routed: z.number().int(), routedExtended: z.number().int(), overridden: z.number().int(),
  })),
});

export interface StockPoint {
  date: string;
  /** Unassigned cases per domain at the start of that day. */
  perDomain: Record<string, number>;
  total: number;
}

/** The tray at the start of every Monday in [from, to], from the daily figures. */
export async function stockSeries(ctx: AppContext, q: { from: Date; to: Date }): Promise<StockPoint[]> {
  const samples: string[] = [];
  for (let day = weekStart(q.from); dayDate(day) <= q.to; day = addDays(day, 7)) {
    if (dayDate(day) >= q.from) samples.push(day);
  }
  const points = new Map(samples.map((date) => [addDays(date, -1), { date, perDomain: {} as Record<string, number>, total: 0 }]));
  await refreshStats(ctx);
  for (const r of await stockAt(ctx.db, ctx.clock(), [...points.keys()])) {
    const point = points.get(r.day)!;
    point.perDomain[r.domainId] = (point.perDomain[r.domainId] ?? 0) + r.unassigned;
    point.total += r.unassigned;
  }
  return [...points.values()];
}

export interface FlowWeek {
  week: string;
  domain: string;
  /** New cases routed to the domain. */
  inflow: number;
  /** Cases assigned to an investigator for the first time. */
  assigned: number;
  closed: number;
  /** Inflow minus closed. */
  net: number;
  routed: number;
  routedExtended: number;
  overridden: number;
}

/** Inflow, assignments and closings per domain and week, for the weeks from `from` up to the day `to`. */
export async function flowSeries(ctx: AppContext, q: { from: Date; to: Date }): Promise<FlowWeek[]> {
  await refreshStats(ctx);
  const rows = await flowsPerWeek(ctx.db, ctx.clock(), weekStart(q.from), dayAfterOrAt(q.to));
  const weeks = new Map<string, FlowWeek>();
  for (const r of rows) {
    const week = r.week;
    const key = `${r.domainId}|${week}`;
    let w = weeks.get(key);
    if (!w) weeks.set(key, (w = { week, domain: r.domainId, inflow: 0, assigned: 0, closed: 0, net: 0, routed: 0, routedExtended: 0, overridden: 0 }));
    w.inflow += r.inflow;
    w.assigned += r.assigned;
    w.closed += r.closed;
    w.net = w.inflow - w.closed;
    w.routed += r.routed;
    if (r.unitId === 'extended') w.routedExtended += r.routed;
    w.overridden += r.overridden;
  }
  return [...weeks.values()].sort((a, b) => a.domain.localeCompare(b.domain) || a.week.localeCompare(b.week));
}
