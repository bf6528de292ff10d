import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

/** All SQL about the organisation's reference data and staff. */

export async function listDomains(db: Executor) {
  return db.selectFrom('domains').select(['id', 'name']).orderBy('name').execute();
}

export async function listUnits(db: Executor) {
  return db.selectFrom('units').select(['id', 'name', 'short_name']).orderBy('id').execute();
}

export async function domainExists(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('domains').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function findOutcome(db: Executor, id: string) {
  return db.selectFrom('outcomes').select(['id', 'name', 'profile']).where('id', '=', id).executeTakeFirst();
}

export async function listOutcomes(db: Executor) {
  return db.selectFrom('outcomes').select(['id', 'name']).orderBy('id').execute();
}

export async function listKeywords(db: Executor) {
  return db.selectFrom('keywords').select(['id', 'label']).where('active', '=', true).orderBy('id').execute();
}

export async function findStaff(db: Executor, id: string) {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findStaffByLogin(db: Executor, login: string) {
  return db.selectFrom('staff').selectAll().where('login', '=', login).executeTakeFirst();
}

export async function listStaff(db: Executor, page: { limit: number; afterLogin?: string }) {
  let q = db.selectFrom('staff').selectAll().where('active', '=', true).orderBy('login').limit(page.limit + 1);
  if (page.afterLogin !== undefined) q = q.where('login', '>', page.afterLogin);
  return q.execute();
}

/** The investigators of a domain's KB: active staff of the standard unit with the role and the domain (the roster, the fast lanes). */
export async function listKbInvestigators(db: Executor, domainId: string) {
  return db
    .selectFrom('staff')
    .select(['id', 'name', 'login', 'hours_per_week'])
    .where('active', '=', true)
    .where('unit_id', '=', 'standard')
    .where(sql<boolean>`'investigator' = any(roles)`)
    .where(sql<boolean>`${domainId} = any(domains)`)
    .orderBy('name')
    .orderBy('id')
    .execute();
}
