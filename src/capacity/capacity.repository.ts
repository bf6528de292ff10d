import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { readSetting, writeSetting } from '../organisation/admin.repository.ts';
import type { CapacityPlan, LaneSlot, PlanPeriod } from './plan.ts';
import type { CapacitySettings } from './capacity.schema.ts';

/** All SQL of the capacity plan. Days are read as 'YYYY-MM-DD' text. */
const SETTINGS_KEY = 'capacity.plan';
const DEFAULT_SETTINGS: CapacitySettings = { formationFte: 0, sicknessShare: 0.05 };

export interface StoredPeriod extends PlanPeriod { id: string; login: string | null }
export interface StoredSlot extends LaneSlot { id: string }

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

export async function readSettings(db: Executor): Promise<CapacitySettings> {
  const value = (await readSetting(db, SETTINGS_KEY)) as Partial<CapacitySettings> | undefined;
  return { ...DEFAULT_SETTINGS, ...value };
}

export async function saveSettings(db: Executor, settings: CapacitySettings): Promise<void> {
  await writeSetting(db, SETTINGS_KEY, settings);
}

export async function listPeriods(db: Executor): Promise<StoredPeriod[]> {
  const rows = await db
    .selectFrom('capacity_periods as p')
    .leftJoin('staff as s', 's.id', 'p.staff_id')
    .select(['p.id', 'p.person', 'p.staff_id', 's.login', 'p.domain_id', 'p.kind', 'p.hours_per_week'])
    .select([day('p.from_day').as('from'), sql<string | null>`to_char(p.to_day, 'YYYY-MM-DD')`.as('to')])
    .orderBy('p.person').orderBy('p.from_day').orderBy('p.kind').orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    id: r.id, person: r.person, staffId: r.staff_id, login: r.login, domain: r.domain_id, kind: r.kind as PlanPeriod['kind'],
    from: r.from, to: r.to, hoursPerWeek: Number(r.hours_per_week),
  }));
}

export async function listSlots(db: Executor): Promise<StoredSlot[]> {
  const rows = await db
    .selectFrom('lane_slots')
    .select(['id', 'domain_id', 'lane', 'weekday', 'every_weeks', 'hours'])
    .select([day('from_day').as('from'), sql<string | null>`to_char(to_day, 'YYYY-MM-DD')`.as('to')])
    .orderBy('domain_id').orderBy('lane').orderBy('from_day').orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id, domain: r.domain_id, lane: r.lane as LaneSlot['lane'], weekday: r.weekday, everyWeeks: r.every_weeks,
    hours: Number(r.hours), from: r.from, to: r.to,
  }));
}

export interface StoredPlan extends CapacityPlan { periods: StoredPeriod[]; slots: StoredSlot[] }

export async function readPlan(db: Executor): Promise<StoredPlan> {
  const [settings, periods, slots] = await Promise.all([readSettings(db), listPeriods(db), listSlots(db)]);
  return { ...settings, periods, slots };
}

const periodRow = (p: PlanPeriod) => ({
  person: p.person, staff_id: p.staffId, domain_id: p.domain, kind: p.kind, from_day: p.from, to_day: p.to, hours_per_week: p.hoursPerWeek,
});
const slotRow = (s: LaneSlot) => ({
  domain_id: s.domain, lane: s.lane, weekday: s.weekday, every_weeks: s.everyWeeks, hours: s.hours, from_day: s.from, to_day: s.to,
});

export async function insertPeriods(db: Executor, periods: readonly PlanPeriod[]): Promise<void> {
  for (let i = 0; i < periods.length; i += 500) await db.insertInto('capacity_periods').values(periods.slice(i, i + 500).map(periodRow)).execute();
}

export async function updatePeriod(db: Executor, id: string, p: PlanPeriod): Promise<boolean> {
  const r = await db.updateTable('capacity_periods').set(periodRow(p)).where('id', '=', id).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function deletePeriod(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom('capacity_periods').where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** Removes the periods of these domains (all, without a list); returns how many. */
export async function deletePeriodsOf(db: Executor, domains: readonly string[] | null): Promise<number> {
  let q = db.deleteFrom('capacity_periods');
  if (domains !== null) q = domains.length ? q.where('domain_id', 'in', domains) : q.where(sql<boolean>`false`);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function findPeriodDomain(db: Executor, id: string): Promise<string | undefined> {
  return (await db.selectFrom('capacity_periods').select('domain_id').where('id', '=', id).executeTakeFirst())?.domain_id;
}

export async function findSlotDomain(db: Executor, id: string): Promise<string | undefined> {
  return (await db.selectFrom('lane_slots').select('domain_id').where('id', '=', id).executeTakeFirst())?.domain_id;
}

export async function insertSlots(db: Executor, slots: readonly LaneSlot[]): Promise<void> {
  if (slots.length > 0) await db.insertInto('lane_slots').values(slots.map(slotRow)).execute();
}

export async function deleteSlot(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom('lane_slots').where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export async function staffIdsByLogin(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('staff').select(['id', 'login']).execute();
  return new Map(rows.map((r) => [r.login, r.id]));
}
