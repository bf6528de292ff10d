import { sql } from 'kysely';
import type { Executor, Tx } from '../db/database.ts';
import type { CriterionCount, NewTransferCriterion, TransferCriterion, TransferKind } from './screening.ts';
import type { TransferCriterionRow } from './screening.table.ts';

/** All SQL of OB screening, transfer criteria and escalations. */

export interface ObCriterion {
  id: string;
  label: string;
  active: boolean;
  position: number;
}

const OB_COLUMNS = ['id', 'label', 'active', 'position'] as const;

export async function listObCriteria(db: Executor): Promise<ObCriterion[]> {
  return db.selectFrom('ob_criteria').select(OB_COLUMNS).orderBy('position').orderBy('created_at').orderBy('id').execute();
}

export async function countObCriteria(db: Executor): Promise<number> {
  const row = await db.selectFrom('ob_criteria').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Serialises seeding: of two first readers at once, the second waits here and
 * then finds the table filled. The lock ends with the transaction.
 */
export async function lockTable(tx: Tx, table: 'ob_criteria' | 'transfer_criteria'): Promise<void> {
  await sql`lock table ${sql.table(table)} in share row exclusive mode`.execute(tx);
}

export async function insertObCriteria(db: Executor, labels: readonly string[], firstPosition: number): Promise<string[]> {
  if (labels.length === 0) return [];
  const rows = await db
    .insertInto('ob_criteria')
    .values(labels.map((label, i) => ({ label, position: firstPosition + i * 10 })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function maxObPosition(db: Executor): Promise<number> {
  const row = await db.selectFrom('ob_criteria').select(sql<number | null>`max(position)`.as('m')).executeTakeFirstOrThrow();
  return row.m ?? 0;
}

export async function findObCriterion(db: Executor, id: string): Promise<ObCriterion | undefined> {
  return db.selectFrom('ob_criteria').select(OB_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function findObCriteria(db: Executor, ids: readonly string[]): Promise<ObCriterion[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('ob_criteria').select(OB_COLUMNS).where('id', 'in', [...ids]).orderBy('position').orderBy('created_at').execute();
}

export async function updateObCriterion(db: Executor, id: string, changes: { label?: string; active?: boolean; position?: number }): Promise<boolean> {
  const result = await db.updateTable('ob_criteria').set(changes).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Criterion ids per domain of the OB closings screened since `since` (decision 'ob' only). */
export async function countObCriteriaUsed(db: Executor, since: Date, until: Date): Promise<CriterionCount[]> {
  const { rows } = await sql<{ criterion_id: string; domain_id: string | null; n: string }>`
    select k.criterion_id, c.domain_id, count(*) as n
    from case_events e
    join cases c on c.id = e.case_id
    cross join lateral jsonb_array_elements_text(e.payload -> 'criteria') as k(criterion_id)
    where e.type = 'ob_screened' and e.at >= ${since} and e.at <= ${until} and e.payload ->> 'decision' = 'ob'
    group by k.criterion_id, c.domain_id
  `.execute(db);
  return rows.map((r) => ({ criterionId: r.criterion_id, domainId: r.domain_id, count: Number(r.n) }));
}

/** The number of OB screenings since `since`, per decision. */
export async function countScreenings(db: Executor, since: Date, until: Date): Promise<{ ob: number; notOb: number }> {
  const rows = await db
    .selectFrom('case_events')
    .select([sql<string>`payload ->> 'decision'`.as('decision'), sql<string>`count(*)`.as('n')])
    .where('type', '=', 'ob_screened')
    .where('at', '>=', since)
    .where('at', '<=', until)
    .groupBy(sql`payload ->> 'decision'`)
    .execute();
  const of = (d: string) => Number(rows.find((r) => r.decision === d)?.n ?? 0);
  return { ob: of('ob'), notOb: of('not_ob') };
}

// ---- transfer criteria ----

const toTransferCriterion = (r: Pick<TransferCriterionRow, 'id' | 'label' | 'kind' | 'weeks' | 'keyword_id' | 'active'>): TransferCriterion => ({
  id: r.id, label: r.label, kind: r.kind as TransferKind, weeks: r.weeks, keywordId: r.keyword_id, active: r.active,
});

export async function listTransferCriteria(db: Executor): Promise<TransferCriterion[]> {
  const rows = await db
    .selectFrom('transfer_criteria')
    .select(['id', 'label', 'kind', 'weeks', 'keyword_id', 'active'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toTransferCriterion);
}

export async function countTransferCriteria(db: Executor): Promise<number> {
  const row = await db.selectFrom('transfer_criteria').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertTransferCriteria(db: Executor, criteria: readonly NewTransferCriterion[], at: Date): Promise<string[]> {
  if (criteria.length === 0) return [];
  // Seconds apart, so the list keeps the order given (it is ordered by creation).
  const rows = await db
    .insertInto('transfer_criteria')
    .values(criteria.map((c, i) => ({ label: c.label, kind: c.kind, weeks: c.weeks, keyword_id: c.keywordId, created_at: new Date(at.getTime() + i * 1000) })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function setTransferCriterionActive(db: Executor, id: string, active: boolean): Promise<boolean> {
  const result = await db.updateTable('transfer_criteria').set({ active }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface OpenCaseRow {
  id: string;
  dossierNumber: string;
  subject: string;
  domainId: string;
  status: string;
  receivedAt: Date;
  complex: boolean;
  keywords: string[];
  reopened: boolean;
  version: number;
}

/**
 * The open KB cases of the given domains that may meet one of the criteria:
 * a coarse filter in SQL (older than the shortest age, complex, one of the
 * keywords, reopened); the pure core decides which criteria each one meets.
 */
export async function listTransferCandidates(
  db: Executor,
  filter: { domainIds: readonly string[]; receivedBefore: Date | null; complex: boolean; keywords: readonly string[]; reopened: boolean; caseId?: string },
): Promise<OpenCaseRow[]> {
  const { domainIds } = filter;
  if (domainIds.length === 0) return [];
  if (filter.receivedBefore === null && !filter.complex && filter.keywords.length === 0 && !filter.reopened) return [];
  const reopened = sql<boolean>`exists (select 1 from case_events r where r.case_id = c.id and r.type = 'reopened')`;
  let q = db
    .selectFrom('cases as c')
    .select([
      'c.id', 'c.dossier_number', 'c.subject', 'c.domain_id', 'c.status', 'c.received_at', 'c.complex', 'c.keywords', 'c.version',
      reopened.as('reopened'),
    ])
    .where('c.status', 'in', ['queued', 'assigned', 'in_progress'])
    .where('c.unit_id', '=', 'standard')
    .where('c.domain_id', 'in', [...domainIds])
    .where((eb) => eb.or([
      ...(filter.receivedBefore ? [eb('c.received_at', '<', filter.receivedBefore)] : []),
      ...(filter.complex ? [eb('c.complex', '=', true)] : []),
      ...(filter.keywords.length ? [sql<boolean>`c.keywords && array[${sql.join([...filter.keywords])}]::text[]`] : []),
      ...(filter.reopened ? [reopened] : []),
    ]));
  if (filter.caseId) q = q.where('c.id', '=', filter.caseId);
  const rows = await q.orderBy('c.received_at').orderBy('c.id').execute();
  return rows.map((r) => ({
    id: r.id, dossierNumber: r.dossier_number, subject: r.subject, domainId: r.domain_id!, status: r.status, receivedAt: r.received_at,
    complex: r.complex, keywords: r.keywords, reopened: Boolean(r.reopened), version: r.version,
  }));
}

// ---- escalations ----

export async function findCasesByDossier(db: Executor, numbers: readonly string[]) {
  if (numbers.length === 0) return [];
  return db.selectFrom('cases').select(['id', 'dossier_number', 'domain_id']).where('dossier_number', 'in', [...numbers]).execute();
}

export async function findAgencyByName(db: Executor, name: string): Promise<{ id: number; name: string } | undefined> {
  return db.selectFrom('agencies').select(['id', 'name']).where(sql<boolean>`lower(name) = lower(${name})`).executeTakeFirst();
}

export async function listAgencyNames(db: Executor, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('agencies').select('name').orderBy('name').limit(limit).execute();
  return rows.map((r) => r.name);
}

export async function insertEscalation(
  tx: Tx,
  e: { title: string; description: string; agencyId: number | null; createdBy: string; at: Date; caseIds: readonly string[] },
): Promise<string> {
  const row = await tx
    .insertInto('escalations')
    .values({ title: e.title, description: e.description, agency_id: e.agencyId, created_by: e.createdBy, created_at: e.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('escalation_cases').values(e.caseIds.map((caseId) => ({ escalation_id: row.id, case_id: caseId }))).execute();
  return row.id;
}

export interface EscalationRecord {
  id: string;
  title: string;
  description: string;
  agencyName: string | null;
  createdByName: string | null;
  createdAt: Date;
  cases: { id: string; dossierNumber: string; subject: string; status: string; domainId: string | null }[];
}

/**
 * The latest escalations (newest first), each with all its cases in dossier
 * order. With `domainIds`, only escalations linking a case of those domains
 * or a case without a domain (not routed yet); 'all' for no filter.
 */
export async function listEscalations(db: Executor, limit: number, domainIds: readonly string[] | 'all'): Promise<EscalationRecord[]> {
  let q = db
    .selectFrom('escalations as e')
    .leftJoin('agencies as a', 'a.id', 'e.agency_id')
    .leftJoin('staff as s', 's.id', 'e.created_by')
    .select(['e.id', 'e.title', 'e.description', 'e.created_at', 'a.name as agency_name', 's.name as staff_name']);
  if (domainIds !== 'all') {
    q = q.where((eb) => eb.exists(eb
      .selectFrom('escalation_cases as x')
      .innerJoin('cases as c', 'c.id', 'x.case_id')
      .select('x.case_id')
      .whereRef('x.escalation_id', '=', 'e.id')
      .where((w) => w.or([w('c.domain_id', 'is', null), ...(domainIds.length ? [w('c.domain_id', 'in', [...domainIds])] : [])]))));
  }
  const heads = await q.orderBy('e.created_at', 'desc').orderBy('e.id').limit(limit).execute();
  if (heads.length === 0) return [];
  const links = await db
    .selectFrom('escalation_cases as x')
    .innerJoin('cases as c', 'c.id', 'x.case_id')
    .select(['x.escalation_id', 'c.id', 'c.dossier_number', 'c.subject', 'c.status', 'c.domain_id'])
    .where('x.escalation_id', 'in', heads.map((h) => h.id))
    .orderBy('c.dossier_number')
    .execute();
  return heads.map((h) => ({
    id: h.id, title: h.title, description: h.description, agencyName: h.agency_name, createdByName: h.staff_name, createdAt: h.created_at,
    cases: links.filter((l) => l.escalation_id === h.id).map((l) => ({ id: l.id, dossierNumber: l.dossier_number, subject: l.subject, status: l.status, domainId: l.domain_id })),
  }));
}
