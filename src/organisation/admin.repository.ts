import type { RoutingRuleRow } from '../routing/routing.table.ts';
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

/** All SQL of the administration pages: staff, keywords, settings, routing rules, outcomes. */

export async function listAllStaff(db: Executor) {
  return db
    .selectFrom('staff')
    .select(['id', 'login', 'name', 'email', 'unit_id', 'roles', 'domains', 'skills', 'fte', 'hours_per_week', 'active'])
    .select(sql<boolean>`password_hash is not null`.as('has_password'))
    .orderBy('active', 'desc')
    .orderBy('login')
    .execute();
}

export async function findStaffById(db: Executor, id: string) {
  return db
    .selectFrom('staff')
    .select(['id', 'login', 'name', 'email', 'unit_id', 'roles', 'domains', 'skills', 'fte', 'hours_per_week', 'active'])
    .select(sql<boolean>`password_hash is not null`.as('has_password'))
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function loginTaken(db: Executor, login: string, exceptId: string | null): Promise<boolean> {
  let q = db.selectFrom('staff').select('id').where('login', '=', login);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export interface StaffValues {
  login: string;
  name: string;
  email: string | null;
  unit_id: string;
  roles: string[];
  domains: string[];
  skills: string[];
  fte: number;
  hours_per_week: number;
  active: boolean;
}

export async function insertStaff(db: Executor, values: StaffValues): Promise<string> {
  const row = await db.insertInto('staff').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateStaff(db: Executor, id: string, values: StaffValues): Promise<void> {
  await db.updateTable('staff').set(values).where('id', '=', id).execute();
}

export async function deleteSessionsOf(db: Executor, staffId: string): Promise<void> {
  await db.deleteFrom('sessions').where('staff_id', '=', staffId).execute();
}

export async function countActiveStaff(db: Executor): Promise<number> {
  const row = await db.selectFrom('staff').select((eb) => eb.fn.countAll<string>().as('n')).where('active', '=', true).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Which of these ids exist in a reference table (units, domains, skills, keywords, outcomes). */
export async function existingIds(db: Executor, table: 'units' | 'domains' | 'skills' | 'keywords', ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom(table).select('id').where('id', 'in', [...ids]).execute();
  return new Set(rows.map((r) => r.id));
}

export async function listSkills(db: Executor) {
  return db.selectFrom('skills').select(['id', 'name']).orderBy('name').execute();
}

export async function listAgencies(db: Executor) {
  return db.selectFrom('agencies').select(['id', 'name']).orderBy('name').execute();
}

export async function agencyExists(db: Executor, id: number): Promise<boolean> {
  return (await db.selectFrom('agencies').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

// --- keywords and settings

export async function listAllKeywords(db: Executor) {
  return db.selectFrom('keywords').select(['id', 'label', 'active']).orderBy('active', 'desc').orderBy('label').execute();
}

export async function findKeyword(db: Executor, id: string) {
  return db.selectFrom('keywords').select(['id', 'label', 'active']).where('id', '=', id).executeTakeFirst();
}

export async function findKeywordByLabel(db: Executor, label: string, exceptId: string | null) {
  let q = db.selectFrom('keywords').select(['id', 'label', 'active']).where(sql<boolean>`lower(label) = lower(${label})`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export async function keywordIdsLike(db: Executor, prefix: string): Promise<Set<string>> {
  const rows = await db.selectFrom('keywords').select('id').where(sql<boolean>`left(id, ${prefix.length}) = ${prefix}`).execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertKeyword(db: Executor, id: string, label: string): Promise<void> {
  await db.insertInto('keywords').values({ id, label }).execute();
}

export async function updateKeyword(db: Executor, id: string, values: { label?: string; active?: boolean }): Promise<void> {
  await db.updateTable('keywords').set(values).where('id', '=', id).execute();
}

export async function countActiveKeywords(db: Executor): Promise<number> {
  const row = await db.selectFrom('keywords').select((eb) => eb.fn.countAll<string>().as('n')).where('active', '=', true).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function readSetting(db: Executor, key: string): Promise<unknown> {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function writeSetting(db: Executor, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}

// --- routing rules

const rulesWithNames = (db: Executor) =>
  db
    .selectFrom('routing_rules as r')
    .leftJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('keywords as k', 'k.id', 'r.keyword_id')
    .leftJoin('domains as d', 'd.id', 'r.domain_id')
    .selectAll('r')
    .select(['a.name as agency_name', 'k.label as keyword_label', 'd.name as domain_name']);

export async function listAllRules(db: Executor) {
  return rulesWithNames(db).orderBy('r.position').orderBy('r.id').execute();
}

export async function findRule(db: Executor, id: number) {
  return rulesWithNames(db).where('r.id', '=', id).executeTakeFirst();
}

export type RuleValues = Omit<RoutingRuleRow, 'id'>;

export async function nextRulePosition(db: Executor): Promise<number> {
  const row = await db.selectFrom('routing_rules').select((eb) => eb.fn.max('position').as('max')).executeTakeFirst();
  return (row?.max ?? 0) + 10;
}

export async function insertRule(db: Executor, values: RuleValues): Promise<number> {
  return (await db.insertInto('routing_rules').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateRule(db: Executor, id: number, values: Partial<RuleValues>): Promise<void> {
  await db.updateTable('routing_rules').set(values).where('id', '=', id).execute();
}

export async function countActiveRules(db: Executor): Promise<number> {
  const row = await db.selectFrom('routing_rules').select((eb) => eb.fn.countAll<string>().as('n')).where('active', '=', true).executeTakeFirstOrThrow();
  return Number(row.n);
}

// --- outcomes

export async function listOutcomesWithProfile(db: Executor) {
  return db.selectFrom('outcomes').select(['id', 'name', 'counts_as_closed', 'profile']).orderBy('name').execute();
}

export async function findOutcome(db: Executor, id: string) {
  return db.selectFrom('outcomes').select(['id', 'name', 'counts_as_closed', 'profile']).where('id', '=', id).executeTakeFirst();
}

export async function updateOutcome(db: Executor, id: string, values: { name: string; profile: string }): Promise<void> {
  await db.updateTable('outcomes').set(values).where('id', '=', id).execute();
}
