import { sql, type ExpressionBuilder, type Insertable, type Updateable } from 'kysely';
import type { Database, Executor, Tx } from '../db/database.ts';
import type { ContactTable } from './contact.table.ts';

/** All SQL about phone contacts and callback requests. */

function withAgency(db: Executor) {
  return db
    .selectFrom('contacts as c')
    .leftJoin('agencies as a', 'a.id', 'c.agency_id')
    .selectAll('c')
    .select('a.name as agency_name');
}
export type ContactWithAgency = Awaited<ReturnType<ReturnType<typeof withAgency>['executeTakeFirstOrThrow']>>;

export async function insertContact(tx: Executor, values: Insertable<ContactTable>): Promise<string> {
  const row = await tx.insertInto('contacts').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The contacts a reader may see: those about one of `domains` or whose
 * callback request goes to one of them, and those the reader registered.
 * Undefined: every contact.
 */
export interface ContactScope {
  domains: readonly string[];
  registeredBy: string;
}

function inScope(scope: ContactScope) {
  return (eb: ExpressionBuilder<Database & { c: ContactTable }, 'c'>) => {
    const own = eb('c.registered_by', '=', scope.registeredBy);
    if (scope.domains.length === 0) return own;
    return eb.or([own, eb('c.domain_id', 'in', scope.domains), eb('c.callback_domain_id', 'in', scope.domains)]);
  };
}

export async function findContact(db: Executor, id: string, scope?: ContactScope): Promise<ContactWithAgency | undefined> {
  let q = withAgency(db).where('c.id', '=', id);
  if (scope) q = q.where(inScope(scope));
  return q.executeTakeFirst();
}

export async function lockContact(tx: Tx, id: string) {
  return tx.selectFrom('contacts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateContact(tx: Tx, id: string, changes: Updateable<ContactTable>): Promise<void> {
  await tx.updateTable('contacts').set(changes).where('id', '=', id).execute();
}

export async function caseExists(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('cases').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export interface ContactListQuery {
  domain?: string;
  /** Only the contacts the reader may see; undefined: all. */
  scope?: ContactScope;
  limit: number;
  /** The sort key of the last contact of the previous page. */
  after?: { at: Date; id: string };
}

/** Every contact, the latest first. Answers up to limit + 1 rows, so the caller can tell whether there is more. */
export async function listContacts(db: Executor, q: ContactListQuery) {
  let query = withAgency(db).orderBy('c.at', 'desc').orderBy('c.id', 'desc').limit(q.limit + 1);
  if (q.domain !== undefined) {
    const domain = q.domain;
    query = query.where((eb) => eb.or([eb('c.domain_id', '=', domain), eb('c.callback_domain_id', '=', domain)]));
  }
  if (q.scope) query = query.where(inScope(q.scope));
  if (q.after) query = query.where(sql<boolean>`(c.at, c.id) < (${q.after.at}, ${q.after.id}::uuid)`);
  return query.execute();
}

/** Callback requests not yet done, the first due first. Answers up to limit + 1 rows. */
export async function listOpenCallbacks(db: Executor, q: ContactListQuery) {
  let query = withAgency(db)
    .where('c.callback_due_at', 'is not', null)
    .where('c.callback_done_at', 'is', null)
    .orderBy('c.callback_due_at')
    .orderBy('c.id')
    .limit(q.limit + 1);
  if (q.domain !== undefined) query = query.where('c.callback_domain_id', '=', q.domain);
  if (q.scope) query = query.where(inScope(q.scope));
  if (q.after) query = query.where(sql<boolean>`(c.callback_due_at, c.id) > (${q.after.at}, ${q.after.id}::uuid)`);
  return query.execute();
}
