import { sql } from 'kysely';
import type { Db, Executor } from '../db/database.ts';
import { addDays, buildDays, DAY_MS, histogramPercentile, isoDay, weekOf, type DayRow, type WaitKind, type WaitRow } from './daily.ts';
import { eventsOfCasesOpenBetween } from './stats.repository.ts';

/**
 * Keeps `stats_days` and the wait histograms up to date and reads them.
 *
 * Days before `complete_before` are final. A refresh extends them to the day
 * before "now minus an hour" (so a transaction still running around midnight
 * cannot be missed), and first recomputes from the week of any event written
 * after the fact (the trigger in migration 0004 records those).
 */
const CHUNK_DAYS = 28;
const GRACE_MS = 60 * 60 * 1000;

/** The first day that is not final at `now`. */
export const cutoffDay = (now: Date) => isoDay(new Date(now.getTime() - GRACE_MS));

/** The first day not stored: what the last refresh reached, but never beyond what is final at `now`. */
async function storedBefore(db: Executor, now: Date): Promise<string> {
  const state = await db.selectFrom('stats_state').select(sql<string | null>`complete_before::text`.as('complete_before')).executeTakeFirstOrThrow();
  const cutoff = cutoffDay(now);
  return state.complete_before !== null && state.complete_before < cutoff ? state.complete_before : cutoff;
}

export interface RefreshProgress {
  (done: number, total: number): void;
}

async function needsRefresh(db: Executor, cutoff: string): Promise<boolean> {
  const state = await db.selectFrom('stats_state')
    .select([
      sql<string | null>`complete_before::text`.as('complete_before'),
      sql<boolean>`exists (select 1 from stats_invalidations)`.as('invalidated'),
    ])
    .executeTakeFirstOrThrow();
  return state.complete_before === null || state.complete_before < cutoff || state.invalidated;
}

/** Brings the materialised days up to `now`; returns the number of days computed. */
export async function refreshDailyStats(db: Db, now: Date, progress?: RefreshProgress): Promise<number> {
  const cutoff = cutoffDay(now);
  if (!(await needsRefresh(db, cutoff))) return 0;
  return db.transaction().execute(async (tx) => {
    // One refresher at a time; others wait here and then find the work done.
    const state = await tx.selectFrom('stats_state').select(sql<string | null>`complete_before::text`.as('complete_before')).forUpdate().executeTakeFirstOrThrow();
    const invalidations = await tx.selectFrom('stats_invalidations').select(['id', 'since']).execute();
    let start = state.complete_before;
    // Another refresher got here first (or this one's clock is behind theirs): nothing to do.
    if (invalidations.length === 0 && start !== null && start >= cutoff) return 0;
    if (invalidations.length > 0 || start === null) {
      // Recompute whole weeks, from the week of the earliest event written after the fact.
      // (An event at exactly midnight belongs to the state at the end of the day before.)
      const since = invalidations.map((r) => isoDay(new Date(r.since.getTime() - 1)));
      if (start === null) {
        const first = await tx.selectFrom('cases').select(sql<Date | null>`min(received_at)`.as('first')).executeTakeFirstOrThrow();
        start = first.first ? isoDay(first.first) : cutoff;
      }
      start = weekOf([start, ...since].sort()[0]!);
      await tx.deleteFrom('stats_waits_weeks').where('week', '>=', start).execute();
    }
    await tx.deleteFrom('stats_days').where('day', '>=', start).execute();
    await tx.deleteFrom('stats_waits_days').where('day', '>=', start).execute();

    const total = Math.max(0, Math.round((Date.parse(cutoff) - Date.parse(start)) / DAY_MS));
    for (let from = start; from < cutoff; ) {
      const to = [addDays(from, CHUNK_DAYS), cutoff].sort()[0]!;
      const cases = await eventsOfCasesOpenBetween(tx, new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`));
      const built = buildDays(cases.values(), from, to);
      await insertDays(tx, built.days);
      await insertWaits(tx, built.waits);
      from = to;
      progress?.(Math.round((Date.parse(from) - Date.parse(start)) / DAY_MS), total);
    }
    await tx.updateTable('stats_state').set({ complete_before: cutoff }).execute();
    // After a large recomputation the planner needs fresh statistics (PGlite has no autovacuum).
    if (total > 28) await sql`analyze stats_days, stats_waits_days, stats_waits_weeks`.execute(tx);
    if (invalidations.length > 0) await tx.deleteFrom('stats_invalidations').where('id', 'in', invalidations.map((r) => r.id)).execute();
    return total;
  });
}

async function insertDays(tx: Executor, days: DayRow[]) {
  for (let i = 0; i < days.length; i += 2000) {
    await tx.insertInto('stats_days').values(days.slice(i, i + 2000).map((r) => ({
      day: r.day, domain_id: r.domainId, unit_id: r.unitId, unassigned: r.unassigned, in_progress: r.inProgress,
      oldest_received_at: r.oldestReceivedAt, ages: r.ages, urgent: r.urgent, lane_b: r.b, pop: r.pop, ob: r.ob,
      inflow: r.inflow, assigned: r.assigned, closed: r.closed, routed: r.routed, overridden: r.overridden,
    }))).execute();
  }
}

async function insertWaits(tx: Executor, waits: WaitRow[]) {
  for (let i = 0; i < waits.length; i += 2000) {
    const chunk = waits.slice(i, i + 2000);
    await tx.insertInto('stats_waits_days').values(chunk.map((w) => ({ day: w.day, domain_id: w.domainId, kind: w.kind, wait_days: w.waitDays, cases: w.cases }))).execute();
  }
  // The same cases per week of the day: added to what earlier days of that week already hold.
  const weekly = new Map<string, { week: string; domain_id: string; kind: string; wait_days: number; cases: number }>();
  for (const w of waits) {
    const week = weekOf(w.day);
    const key = `${week}|${w.domainId}|${w.kind}|${w.waitDays}`;
    const row = weekly.get(key);
    if (row) row.cases += w.cases;
    else weekly.set(key, { week, domain_id: w.domainId, kind: w.kind, wait_days: w.waitDays, cases: w.cases });
  }
  const rows = [...weekly.values()];
  for (let i = 0; i < rows.length; i += 2000) {
    await tx.insertInto('stats_waits_weeks').values(rows.slice(i, i + 2000))
      .onConflict((oc) => oc.columns(['week', 'domain_id', 'kind', 'wait_days']).doUpdateSet({ cases: sql`stats_waits_weeks.cases + excluded.cases` }))
      .execute();
  }
}

/** Day rows for the given days (stored where final, computed for the rest). */
export async function daysAt(db: Db, now: Date, days: readonly string[]): Promise<DayRow[]> {
  if (days.length === 0) return [];
  const cutoff = await storedBefore(db, now);
  const stored = days.filter((d) => d < cutoff);
  const live = days.filter((d) => d >= cutoff);
  const out: DayRow[] = [];
  if (stored.length > 0) {
    const rows = await db.selectFrom('stats_days').selectAll().select(sql<string>`day::text`.as('day')).where('day', 'in', stored).execute();
    out.push(...rows.map(toDayRow));
  }
  if (live.length > 0) {
    const sorted = [...live].sort();
    const built = await liveDays(db, sorted[0]!, addDays(sorted[sorted.length - 1]!, 1));
    const wanted = new Set(live);
    out.push(...built.days.filter((r) => wanted.has(r.day)));
  }
  return out;
}

/** Unassigned cases per domain at the end of each given day, summed in the database. */
export async function stockAt(db: Db, now: Date, days: readonly string[]): Promise<{ day: string; domainId: string; unassigned: number }[]> {
  if (days.length === 0) return [];
  const cutoff = await storedBefore(db, now);
  const stored = days.filter((d) => d < cutoff);
  const out: { day: string; domainId: string; unassigned: number }[] = [];
  if (stored.length > 0) {
    const rows = await db.selectFrom('stats_days')
      .select([sql<string>`day::text`.as('day'), 'domain_id', sql<string>`sum(unassigned)`.as('unassigned')])
      .where('day', 'in', stored).groupBy(['day', 'domain_id']).execute();
    out.push(...rows.map((r) => ({ day: r.day, domainId: r.domain_id, unassigned: Number(r.unassigned) })));
  }
  const live = days.filter((d) => d >= cutoff);
  if (live.length > 0) out.push(...(await daysAt(db, now, live)).map((r) => ({ day: r.day, domainId: r.domainId, unassigned: r.unassigned })));
  return out;
}

export interface FlowRow { week: string; domainId: string; unitId: string; inflow: number; assigned: number; closed: number; routed: number; overridden: number }

/** Flows per week, domain and unit for the days [from, to), summed in the database where final. */
export async function flowsPerWeek(db: Db, now: Date, from: string, to: string): Promise<FlowRow[]> {
  const cutoff = await storedBefore(db, now);
  const out: FlowRow[] = [];
  if (from < cutoff) {
    const rows = await db.selectFrom('stats_days')
      .select([
        sql<string>`date_trunc('week', day)::date::text`.as('week'), 'domain_id', 'unit_id',
        sql<string>`sum(inflow)`.as('inflow'), sql<string>`sum(assigned)`.as('assigned'), sql<string>`sum(closed)`.as('closed'),
        sql<string>`sum(routed)`.as('routed'), sql<string>`sum(overridden)`.as('overridden'),
      ])
      .where('day', '>=', from).where('day', '<', to < cutoff ? to : cutoff)
      .groupBy([sql`date_trunc('week', day)`, 'domain_id', 'unit_id']).execute();
    out.push(...rows.map((r) => ({
      week: r.week, domainId: r.domain_id, unitId: r.unit_id, inflow: Number(r.inflow), assigned: Number(r.assigned), closed: Number(r.closed),
      routed: Number(r.routed), overridden: Number(r.overridden),
    })));
  }
  if (to > cutoff) {
    for (const r of (await liveDays(db, from > cutoff ? from : cutoff, to)).days) {
      out.push({ week: weekOf(r.day), domainId: r.domainId, unitId: r.unitId, inflow: r.inflow, assigned: r.assigned, closed: r.closed, routed: r.routed, overridden: r.overridden });
    }
  }
  return out;
}

export interface WaitPercentiles { week: string; domain: string; total: number; p50: number | null; p80: number | null; p95: number | null; within: number }

/**
 * Percentiles of the wait per week (and domain, or 'all') for the weeks from
 * `from` (a Monday) up to the day `to`: computed in the database from the
 * stored histograms, so the answer is a row per week whatever the volume.
 */
export async function waitPercentiles(
  db: Db, now: Date, q: { from: string; to: string; kind: WaitKind; allDomains: boolean; targetDays: number },
): Promise<WaitPercentiles[]> {
  const cutoff = await storedBefore(db, now);
  if (q.to > cutoff) return percentilesOf(await waitsPerWeek(db, now, q.from, q.to), q);
  const from = weekOf(q.from);
  let partial = from;
  while (addDays(partial, 7) <= q.to) partial = addDays(partial, 7);
  const domain = q.allDomains ? sql<string>`'all'` : sql<string>`domain_id`;
  const rows = await sql<{ week: string; domain: string; total: string; p50: number | null; p80: number | null; p95: number | null; within: string }>`
    with h as (
      select week, ${domain} as domain, wait_days, sum(cases) as n from (
        select week, domain_id, wait_days, cases from stats_waits_weeks
        where kind = ${q.kind} and week >= ${from}::date and week < ${partial}::date
        union all
        select date_trunc('week', day)::date, domain_id, wait_days, cases from stats_waits_days
        where kind = ${q.kind} and day >= ${partial}::date and day < ${q.to}::date
      ) x group by 1, 2, 3
    ), c as (
      select *, sum(n) over (partition by week, domain order by wait_days) as cum, sum(n) over (partition by week, domain) as total from h
    )
    select week::text as week, domain, total,
      min(wait_days) filter (where cum >= greatest(1, ceil(0.5 * total))) as p50,
      min(wait_days) filter (where cum >= greatest(1, ceil(0.8 * total))) as p80,
      min(wait_days) filter (where cum >= greatest(1, ceil(0.95 * total))) as p95,
      coalesce(sum(n) filter (where wait_days <= ${q.targetDays}), 0) as within
    from c group by week, domain, total order by domain, week`.execute(db);
  return rows.rows.map((r) => ({ week: r.week, domain: r.domain, total: Number(r.total), p50: r.p50, p80: r.p80, p95: r.p95, within: Number(r.within) }));
}

/** The same percentiles from histogram buckets, when some days are not final yet. */
function percentilesOf(buckets: WaitBucket[], q: { kind: WaitKind; allDomains: boolean; targetDays: number }): WaitPercentiles[] {
  const groups = new Map<string, { week: string; domain: string; hist: Map<number, number> }>();
  for (const b of buckets) {
    if (b.kind !== q.kind) continue;
    const domain = q.allDomains ? 'all' : b.domainId;
    const key = `${domain}|${b.period}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { week: b.period, domain, hist: new Map() }));
    g.hist.set(b.waitDays, (g.hist.get(b.waitDays) ?? 0) + b.cases);
  }
  return [...groups.values()]
    .sort((a, b) => a.domain.localeCompare(b.domain) || a.week.localeCompare(b.week))
    .map((g) => {
      const sorted = [...g.hist].map(([waitDays, cases]) => ({ waitDays, cases })).sort((a, b) => a.waitDays - b.waitDays);
      return {
        week: g.week, domain: g.domain, total: sorted.reduce((n, b) => n + b.cases, 0),
        p50: histogramPercentile(sorted, 0.5), p80: histogramPercentile(sorted, 0.8), p95: histogramPercentile(sorted, 0.95),
        within: sorted.filter((b) => b.waitDays <= q.targetDays).reduce((n, b) => n + b.cases, 0),
      };
    });
}

export interface WaitBucket { period: string; domainId: string; kind: WaitKind; waitDays: number; cases: number }

/**
 * Wait histograms per week for the weeks from the week of `fromDay` up to the day
 * `to` (exclusive): whole weeks from the weekly table, the week containing
 * `to` only up to `to`, from the daily table or — for days not yet final —
 * computed.
 */
export async function waitsPerWeek(db: Db, now: Date, fromDay: string, to: string): Promise<WaitBucket[]> {
  const cutoff = await storedBefore(db, now);
  const from = weekOf(fromDay);
  const bound = to < cutoff ? to : cutoff;
  let partial = from; // the first week that is not whole and final
  while (addDays(partial, 7) <= bound) partial = addDays(partial, 7);
  const whole = await db.selectFrom('stats_waits_weeks')
    .select([sql<string>`week::text`.as('period'), 'domain_id', 'kind', 'wait_days', 'cases'])
    .where('week', '>=', from).where('week', '<', partial).execute();
  const out: WaitBucket[] = whole.map((r) => ({ period: r.period, domainId: r.domain_id, kind: r.kind as WaitKind, waitDays: r.wait_days, cases: r.cases }));
  if (partial < bound) {
    const days = await db.selectFrom('stats_waits_days')
      .select([sql<string>`day::text`.as('day'), 'domain_id', 'kind', 'wait_days', 'cases'])
      .where('day', '>=', partial).where('day', '<', bound).execute();
    out.push(...days.map((r) => ({ period: weekOf(r.day), domainId: r.domain_id, kind: r.kind as WaitKind, waitDays: r.wait_days, cases: r.cases })));
  }
  if (to > cutoff) {
    const built = await liveDays(db, partial > cutoff ? partial : cutoff, to);
    out.push(...built.waits.map((w) => ({ period: weekOf(w.day), domainId: w.domainId, kind: w.kind, waitDays: w.waitDays, cases: w.cases })));
  }
  return out;
}

async function liveDays(db: Db, from: string, to: string) {
  const cases = await eventsOfCasesOpenBetween(db, new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`));
  return buildDays(cases.values(), from, to);
}

function toDayRow(r: {
  day: string; domain_id: string; unit_id: string; unassigned: number; in_progress: number; oldest_received_at: Date | null; ages: number[];
  urgent: number; lane_b: number; pop: number; ob: number; inflow: number; assigned: number; closed: number; routed: number; overridden: number;
}): DayRow {
  return {
    day: r.day, domainId: r.domain_id, unitId: r.unit_id, unassigned: r.unassigned, inProgress: r.in_progress, oldestReceivedAt: r.oldest_received_at,
    ages: r.ages, urgent: r.urgent, b: r.lane_b, pop: r.pop, ob: r.ob, inflow: r.inflow, assigned: r.assigned, closed: r.closed,
    routed: r.routed, overridden: r.overridden,
  };
}

/** Whether the materialised figures are final up to `now` (for tests and the demo). */
export const isFresh = async (db: Executor, now: Date) => !(await needsRefresh(db, cutoffDay(now)));
