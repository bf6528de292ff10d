import { sql, type ExpressionBuilder, type Insertable, type Updateable } from 'kysely';
import type { Database, Executor, Tx } from '../db/database.ts';
import type { CandidateKeys } from './contact.match.ts';
import type { ContactRow, ContactTable } from './contact.table.ts';

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
  /** Also the contacts about no domain at all (for who takes calls). */
  withoutDomain?: boolean;
}

function inScope(scope: ContactScope) {
  return (eb: ExpressionBuilder<Database & { c: ContactTable }, 'c'>) => {
    const own = eb('c.registered_by', '=', scope.registeredBy);
    const ors = [own];
    if (scope.domains.length) ors.push(eb('c.domain_id', 'in', scope.domains), eb('c.callback_domain_id', 'in', scope.domains));
    if (scope.withoutDomain) ors.push(eb.and([eb('c.domain_id', 'is', null), eb('c.callback_domain_id', 'is', null)]));
    return eb.or(ors);
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

/** The domain a case is in, or is suggested for while it is not routed yet; undefined when there is no such case. */
export async function findCaseDomain(db: Executor, id: string): Promise<{ domainId: string | null } | undefined> {
  const row = await db.selectFrom('cases').select(['domain_id', 'suggested_domain_id']).where('id', '=', id).executeTakeFirst();
  return row ? { domainId: row.domain_id ?? row.suggested_domain_id } : undefined;
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

/** A contact as the case page and the matching of callers need it (no row type above the repository). */
export interface ContactBrief {
  id: string;
  at: Date;
  registeredBy: string;
  caller: { name: string | null; phone: string | null; email: string | null };
  agency: string | null;
  domain: string | null;
  summary: string;
  outcome: ContactRow['outcome'];
  callbackDomain: string | null;
  caseId: string | null;
}

function toBrief(row: ContactWithAgency): ContactBrief {
  return {
    id: row.id,
    at: row.at,
    registeredBy: row.registered_by,
    caller: { name: row.caller_name, phone: row.caller_phone, email: row.caller_email },
    agency: row.agency_name,
    domain: row.domain_id,
    summary: row.summary,
    outcome: row.outcome,
    callbackDomain: row.callback_domain_id,
    caseId: row.case_id,
  };
}

/** The contacts linked to a written case, the earliest first; with a scope, only those the reader may see. */
export async function listContactsOfCase(db: Executor, caseId: string, scope?: ContactScope): Promise<ContactBrief[]> {
  let q = withAgency(db).where('c.case_id', '=', caseId);
  if (scope) q = q.where(inScope(scope));
  return (await q.orderBy('c.at').orderBy('c.id').execute()).map(toBrief);
}

/**
 * Unlinked contacts since `since` that may be the person of `keys` (a superset:
 * contact.match.ts decides). Phone numbers are compared on their last digits,
 * e-mail addresses and names lower-cased, names without whitespace. With a
 * scope, only the contacts that reader may see: the limit then counts only
 * those, so others never crowd them out.
 */
export async function listLinkCandidates(
  db: Executor, q: { since: Date; keys: CandidateKeys; limit: number; scope?: ContactScope },
): Promise<ContactBrief[]> {
  const { phoneSuffix, email, name } = q.keys;
  if (phoneSuffix === null && email === null && name === null) return [];
  let query = withAgency(db)
    .where('c.case_id', 'is', null)
    .where('c.at', '>=', q.since)
    .where((eb) => eb.or([
      ...(phoneSuffix === null ? [] : [
        eb(sql<string>`right(regexp_replace(c.caller_phone, '\\D', '', 'g'), ${phoneSuffix.length})`, '=', phoneSuffix),
      ]),
      ...(email === null ? [] : [eb(sql<string>`lower(c.caller_email)`, '=', sql<string>`lower(${email})`)]),
      ...(name === null ? [] : [eb.and([
        eb(sql<string>`lower(a.name)`, '=', sql<string>`lower(${name.agency})`),
        eb(sql<string>`lower(regexp_replace(c.caller_name, '\\s+', '', 'g'))`, '=', sql<string>`lower(${name.name})`),
      ])]),
    ]));
  if (q.scope) query = query.where(inScope(q.scope));
  const rows = await query.orderBy('c.at', 'desc').orderBy('c.id', 'desc').limit(q.limit).execute();
  return rows.map(toBrief);
}

/** The dossier numbers of cases, by id. */
export async function dossierNumbers(db: Executor, caseIds: readonly string[]): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db.selectFrom('cases').select(['id', 'dossier_number']).where('id', 'in', [...new Set(caseIds)]).execute();
  return new Map(rows.map((r) => [r.id, r.dossier_number]));
}

/** The names of the agencies Grip knows, for suggestions in a form. */
export async function knownAgencyNames(db: Executor): Promise<string[]> {
  return (await db.selectFrom('agencies').select('name').orderBy('name').execute()).map((a) => a.name);
}
