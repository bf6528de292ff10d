import { sql } from 'kysely';
import { listKbInvestigators } from '../organisation/organisation.repository.ts';
import type { Executor, Tx } from '../db/database.ts';

/** All SQL of the on-call roster. Days are read as 'YYYY-MM-DD' text (the two drivers return a date differently). */

const dayText = sql<string>`to_char(r.day, 'YYYY-MM-DD')`;

export interface StoredRosterDay {
  day: string;
  investigatorId: string;
  investigatorName: string;
  editedBy: string | null;
  editedByName: string | null;
  editedAt: Date | null;
}

/** The stored days of a domain from `from` to `to` (inclusive), in date order. */
export async function listRosterDays(db: Executor, domainId: string, from: string, to: string): Promise<StoredRosterDay[]> {
  const rows = await db
    .selectFrom('roster_days as r')
    .innerJoin('staff as s', 's.id', 'r.investigator_id')
    .leftJoin('staff as e', 'e.id', 'r.edited_by')
    .select(['r.investigator_id', 's.name as investigator_name', 'r.edited_by', 'e.name as edited_by_name', 'r.edited_at'])
    .select(dayText.as('day'))
    .where('r.domain_id', '=', domainId)
    .where('r.day', '>=', from)
    .where('r.day', '<=', to)
    .orderBy('r.day')
    .execute();
  return rows.map((r) => ({
    day: r.day, investigatorId: r.investigator_id, investigatorName: r.investigator_name,
    editedBy: r.edited_by, editedByName: r.edited_by_name, editedAt: r.edited_at,
  }));
}

/** Turns per investigator of a domain from `from` to `to` (inclusive). */
export async function countTurns(db: Executor, domainId: string, from: string, to: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('roster_days')
    .select(['investigator_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('domain_id', '=', domainId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('investigator_id')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.investigator_id, Number(r.n)]));
}

/** The last stored day of a domain before `day`, if any. */
export async function lastRosterDayBefore(db: Executor, domainId: string, day: string): Promise<{ day: string; investigatorId: string } | undefined> {
  const row = await db
    .selectFrom('roster_days as r')
    .select(['r.investigator_id', dayText.as('day')])
    .where('r.domain_id', '=', domainId)
    .where('r.day', '<', day)
    .orderBy('r.day', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { day: row.day, investigatorId: row.investigator_id } : undefined;
}

/**
 * Serialises changes to one domain's roster (generating, editing): the
 * domain's row is locked until the transaction ends. Answers whether the
 * domain exists.
 */
export async function lockDomain(tx: Tx, domainId: string): Promise<boolean> {
  return (await tx.selectFrom('domains').select('id').where('id', '=', domainId).forUpdate().executeTakeFirst()) !== undefined;
}

/** Removes the stored days of a domain from `from` to `to`, except the listed ones (those kept). */
export async function deleteRosterDays(tx: Tx, domainId: string, from: string, to: string, keep: readonly string[]): Promise<void> {
  let q = tx.deleteFrom('roster_days').where('domain_id', '=', domainId).where('day', '>=', from).where('day', '<=', to);
  if (keep.length > 0) q = q.where(sql<boolean>`to_char(day, 'YYYY-MM-DD') not in (${sql.join(keep)})`);
  await q.execute();
}

/** Removes the listed stored days of a domain that were not edited by hand (a hand edit is never removed by a repair). */
export async function deleteRosterDaysOn(tx: Tx, domainId: string, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  await tx.deleteFrom('roster_days').where('domain_id', '=', domainId).where('edited_by', 'is', null)
    .where(sql<boolean>`to_char(day, 'YYYY-MM-DD') in (${sql.join(days)})`).execute();
}

export async function insertRosterDays(tx: Tx, domainId: string, days: readonly { day: string; investigatorId: string }[]): Promise<void> {
  if (days.length === 0) return;
  await tx
    .insertInto('roster_days')
    .values(days.map((d) => ({ domain_id: domainId, day: d.day, investigator_id: d.investigatorId, edited_by: null, edited_at: null })))
    .execute();
}

/** Sets one day by hand (edited_by and edited_at mark it, so a new generation keeps it). */
export async function upsertRosterDay(tx: Tx, domainId: string, day: string, investigatorId: string, editedBy: string, editedAt: Date): Promise<void> {
  await tx
    .insertInto('roster_days')
    .values({ domain_id: domainId, day, investigator_id: investigatorId, edited_by: editedBy, edited_at: editedAt })
    .onConflict((oc) => oc.columns(['domain_id', 'day']).doUpdateSet({ investigator_id: investigatorId, edited_by: editedBy, edited_at: editedAt }))
    .execute();
}

export interface RosterCandidate {
  id: string;
  name: string;
  hoursPerWeek: number;
}

/** The investigators of a domain: active staff of the standard unit (KB) with the role investigator and the domain among theirs. */
export async function listDomainInvestigators(db: Executor, domainId: string): Promise<RosterCandidate[]> {
  return (await listKbInvestigators(db, domainId)).map((r) => ({ id: r.id, name: r.name, hoursPerWeek: Number(r.hours_per_week) }));
}

/** The capacity plan periods of these staff members that touch `from`..`to` (read-only: the plan is kept in src/capacity). */
export async function listPlanPeriodsOf(db: Executor, staffIds: readonly string[], from: string, to: string) {
  if (staffIds.length === 0) return [];
  const rows = await db
    .selectFrom('capacity_periods')
    .select(['staff_id', 'kind', 'hours_per_week'])
    .select([sql<string>`to_char(from_day, 'YYYY-MM-DD')`.as('from'), sql<string | null>`to_char(to_day, 'YYYY-MM-DD')`.as('to')])
    .where('staff_id', 'in', staffIds)
    .where('from_day', '<=', to)
    .where((eb) => eb.or([eb('to_day', 'is', null), eb('to_day', '>=', from)]))
    .execute();
  return rows.map((r) => ({ staffId: r.staff_id!, kind: r.kind, from: r.from, to: r.to, hoursPerWeek: Number(r.hours_per_week) }));
}
