import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Lane } from './trace.ts';

/** All SQL of the forecast: the waiting cases, saved runs and scenarios, and the expectation kept per case. */

export interface WaitingRow { caseId: string; domain: string; lane: Lane; receivedAt: Date }

/** The tray now: routed cases waiting for an investigator, in their lane (OB and unmarked cases wait as regular ones). */
export async function waitingCases(db: Executor, caseId?: string): Promise<WaitingRow[]> {
  let q = db
    .selectFrom('cases')
    .select(['id', 'domain_id', 'received_at', 'lane_urgent', 'lane_b', 'lane_pop'])
    .where('status', '=', 'queued')
    .where('domain_id', 'is not', null)
    .orderBy('received_at').orderBy('id');
  if (caseId !== undefined) q = q.where('id', '=', caseId);
  const rows = await q.execute();
  return rows.map((r) => ({
    caseId: r.id, domain: r.domain_id!, receivedAt: r.received_at,
    lane: r.lane_urgent ? 'urgent' : r.lane_b ? 'b' : r.lane_pop ? 'pop' : 'regular',
  }));
}

/** Per domain, how many cases received since `since` carry each lane marker now. */
export async function laneCountsSince(db: Executor, since: Date) {
  const rows = await db
    .selectFrom('cases')
    .select([
      'domain_id',
      sql<string>`count(*)`.as('total'),
      sql<string>`count(*) filter (where lane_urgent)`.as('urgent'),
      sql<string>`count(*) filter (where lane_b and not lane_urgent)`.as('b'),
      sql<string>`count(*) filter (where lane_pop and not lane_b and not lane_urgent)`.as('pop'),
    ])
    .where('received_at', '>=', since)
    .where('domain_id', 'is not', null)
    .groupBy('domain_id')
    .execute();
  return new Map(rows.map((r) => {
    const [total, urgent, b, pop] = [r.total, r.urgent, r.b, r.pop].map(Number) as [number, number, number, number];
    return [r.domain_id!, { urgent, b, pop, regular: total - urgent - b - pop }];
  }));
}

// ---- saved runs

export async function readRun(db: Executor, key: string): Promise<{ madeAt: Date; result: unknown } | null> {
  const row = await db.selectFrom('forecast_runs').select(['made_at', 'result']).where('scenario_key', '=', key).executeTakeFirst();
  return row ? { madeAt: row.made_at, result: row.result } : null;
}

export async function saveRun(db: Executor, key: string, madeAt: Date, result: unknown): Promise<void> {
  const json = JSON.stringify(result);
  await db.insertInto('forecast_runs').values({ scenario_key: key, made_at: madeAt, result: json })
    .onConflict((oc) => oc.column('scenario_key').doUpdateSet({ made_at: madeAt, result: json }))
    .execute();
}

export async function deleteRun(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('forecast_runs').where('scenario_key', '=', key).execute();
}

// ---- scenarios

export interface ScenarioRow { id: string; name: string; changes: unknown; createdAt: Date; createdBy: string; createdById: string }

export async function listScenarios(db: Executor): Promise<ScenarioRow[]> {
  const rows = await db.selectFrom('forecast_scenarios as s').innerJoin('staff as st', 'st.id', 's.created_by')
    .select(['s.id', 's.name', 's.changes', 's.created_at', 's.created_by', 'st.name as by']).orderBy('s.created_at').orderBy('s.id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, changes: r.changes, createdAt: r.created_at, createdBy: r.by, createdById: r.created_by }));
}

export async function insertScenario(db: Executor, s: { name: string; changes: unknown; createdBy: string }): Promise<string | null> {
  const row = await db.insertInto('forecast_scenarios').values({ name: s.name, changes: JSON.stringify(s.changes), created_by: s.createdBy })
    .onConflict((oc) => oc.column('name').doNothing()).returning('id').executeTakeFirst();
  return row?.id ?? null;
}

export async function deleteScenario(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom('forecast_scenarios').where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

// ---- expectations per case

export interface Expectation { caseId: string; madeAt: Date; p10: Date; p50: Date; p90: Date }

/** Keeps the latest expectation of each case; the first one made stays as it was (for accuracy). */
export async function saveExpectations(db: Executor, list: readonly Expectation[]): Promise<void> {
  for (let i = 0; i < list.length; i += 1000) {
    const rows = list.slice(i, i + 1000).map((e) => ({
      case_id: e.caseId, first_made_at: e.madeAt, first_p10: e.p10, first_p50: e.p50, first_p90: e.p90, made_at: e.madeAt, p10: e.p10, p50: e.p50, p90: e.p90,
    }));
    await db.insertInto('case_wait_forecasts').values(rows)
      .onConflict((oc) => oc.column('case_id').doUpdateSet({
        made_at: sql`excluded.made_at`, p10: sql`excluded.p10`, p50: sql`excluded.p50`, p90: sql`excluded.p90`,
      }))
      .execute();
  }
}

/** Only where none was kept yet: the expectation made at registration (used by the history backfill). */
export async function saveFirstExpectations(db: Executor, list: readonly Expectation[]): Promise<void> {
  for (let i = 0; i < list.length; i += 1000) {
    const rows = list.slice(i, i + 1000).map((e) => ({
      case_id: e.caseId, first_made_at: e.madeAt, first_p10: e.p10, first_p50: e.p50, first_p90: e.p90, made_at: e.madeAt, p10: e.p10, p50: e.p50, p90: e.p90,
    }));
    await db.insertInto('case_wait_forecasts').values(rows).onConflict((oc) => oc.column('case_id').doNothing()).execute();
  }
}

export async function readExpectation(db: Executor, caseId: string) {
  return db.selectFrom('case_wait_forecasts').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export async function readExpectations(db: Executor, caseIds: readonly string[]) {
  if (caseIds.length === 0) return new Map<string, { p10: Date; p50: Date; p90: Date; made_at: Date }>();
  const rows = await db.selectFrom('case_wait_forecasts').select(['case_id', 'p10', 'p50', 'p90', 'made_at']).where('case_id', 'in', caseIds).execute();
  return new Map(rows.map((r) => [r.case_id, r]));
}

/**
 * Predicted (on arrival in the tray) against realised waits, per domain and
 * month of receipt, for the cases assigned since `since`: mean and median of
 * both, and how often the realised assignment day (Amsterdam) fell within
 * the 80% interval's days.
 */
export async function accuracyPerMonth(db: Executor, since: Date) {
  const rows = await sql<{ month: string; domain_id: string; cases: string; predicted: string; realised: string; predicted_p50: string; realised_p50: string; within: string; mae: string }>`
    select to_char(date_trunc('month', c.received_at at time zone 'UTC'), 'YYYY-MM') as month, c.domain_id,
           count(*) as cases,
           avg(extract(epoch from f.first_p50 - c.received_at) / 86400) as predicted,
           avg(extract(epoch from c.assigned_at - c.received_at) / 86400) as realised,
           percentile_cont(0.5) within group (order by extract(epoch from f.first_p50 - c.received_at) / 86400) as predicted_p50,
           percentile_cont(0.5) within group (order by extract(epoch from c.assigned_at - c.received_at) / 86400) as realised_p50,
           count(*) filter (where (c.assigned_at at time zone 'Europe/Amsterdam')::date
                            between (f.first_p10 at time zone 'Europe/Amsterdam')::date and (f.first_p90 at time zone 'Europe/Amsterdam')::date) as within,
           avg(abs(extract(epoch from c.assigned_at - f.first_p50) / 86400)) as mae
    from case_wait_forecasts f
    join cases c on c.id = f.case_id
    where c.assigned_at is not null and c.received_at >= ${since} and c.domain_id is not null
      -- only expectations made as the case came into the tray (not a first forecast months later)
      and f.first_made_at <= coalesce(c.queued_at, c.received_at) + interval '1 day'
    group by 1, 2
    order by 1, 2
  `.execute(db);
  return rows.rows.map((r) => ({
    month: r.month, domain: r.domain_id, cases: Number(r.cases), predictedMean: Number(r.predicted), realisedMean: Number(r.realised),
    predictedMedian: Number(r.predicted_p50), realisedMedian: Number(r.realised_p50), within: Number(r.within), mae: Number(r.mae),
  }));
}
