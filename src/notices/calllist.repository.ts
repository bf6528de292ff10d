import { sql, type Insertable } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import { readableBy } from '../cases/case.access.ts';
import type { Executor, Tx } from '../db/database.ts';
import type { CallFact, NoticeFact } from './calllist.report.ts';
import type { CallOutcomeRow, CallOutcomeTable } from './notice.table.ts';

/**
 * All SQL of the call-list pilot (issue 6). A case is on the call list while
 * it has a delay notice by 'call', still waits without an investigator
 * (received or queued), and nobody has reached the petitioner yet.
 */

/** The statuses in which a case waits in the tray (or to be routed to one). */
export const WAITING_STATUSES = ['received', 'queued'] as const;

export interface CallListRow {
  caseId: string;
  dossierNumber: string;
  receivedAt: Date;
  status: string;
  domainId: string | null;
  urgent: boolean;
  petitionerName: string;
  phone: string | null;
  email: string | null;
  /** When the case came on the call list (its first call notice). */
  listedAt: Date;
  attempts: number;
  lastAttemptAt: Date | null;
}

/**
 * The call list, oldest complaint first; optionally one domain's (the routed
 * domain, else the suggested one). With a reader: only the cases whose
 * petitioner they may see (mayReadPersonalData, as readableBy).
 */
export async function listCallList(db: Executor, options: { domainId?: string; caseId?: string; reader?: Actor } = {}): Promise<CallListRow[]> {
  let q = db
    .selectFrom('cases as c')
    .innerJoin('petitioners as p', 'p.id', 'c.petitioner_id')
    .innerJoin(
      (eb) => eb.selectFrom('case_notices').select(['case_id', (e) => e.fn.min('created_at').as('listed_at')])
        .where('kind', '=', 'delay').where('channel', '=', 'call').groupBy('case_id').as('n'),
      (join) => join.onRef('n.case_id', '=', 'c.id'),
    )
    .leftJoin(
      (eb) => eb.selectFrom('call_outcomes').select(['case_id', (e) => e.fn.countAll<string>().as('attempts'), (e) => e.fn.max('called_at').as('last_at')])
        .groupBy('case_id').as('o'),
      (join) => join.onRef('o.case_id', '=', 'c.id'),
    )
    .select([
      'c.id', 'c.dossier_number', 'c.received_at', 'c.status', 'c.lane_urgent', 'p.name', 'p.phone', 'p.email', 'n.listed_at', 'o.attempts', 'o.last_at',
      sql<string | null>`coalesce(c.domain_id, c.suggested_domain_id)`.as('domain_id'),
    ])
    .where('c.status', 'in', WAITING_STATUSES)
    .where('c.investigator_id', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('call_outcomes as r').select('r.id').whereRef('r.case_id', '=', 'c.id').where('r.reached', '=', true))));
  if (options.domainId) q = q.where(sql<boolean>`coalesce(c.domain_id, c.suggested_domain_id) = ${options.domainId}`);
  if (options.caseId) q = q.where('c.id', '=', options.caseId);
  if (options.reader) q = q.where(readableBy(options.reader));
  const rows = await q.orderBy('c.received_at').orderBy('c.dossier_number').execute();
  // Only reached = false outcomes remain for a listed case: every outcome is an attempt that failed.
  return rows.map((r) => ({
    caseId: r.id,
    dossierNumber: r.dossier_number,
    receivedAt: r.received_at,
    status: r.status,
    domainId: r.domain_id,
    urgent: r.lane_urgent,
    petitionerName: r.name,
    phone: r.phone,
    email: r.email,
    listedAt: new Date(r.listed_at as Date),
    attempts: Number(r.attempts ?? 0),
    lastAttemptAt: r.last_at ? new Date(r.last_at as Date) : null,
  }));
}

/** Whether the case ever came on the call list. */
export async function hasCallNotice(db: Executor, caseId: string): Promise<boolean> {
  const row = await db.selectFrom('case_notices').select('id')
    .where('case_id', '=', caseId).where('kind', '=', 'delay').where('channel', '=', 'call').executeTakeFirst();
  return row !== undefined;
}

/** A case's calls, the first first, with the name of who called. */
export async function callOutcomesOf(db: Executor, caseId: string): Promise<(CallOutcomeRow & { caller: string | null })[]> {
  return db
    .selectFrom('call_outcomes as o')
    .leftJoin('staff as s', 's.id', 'o.called_by')
    .selectAll('o')
    .select('s.name as caller')
    .where('o.case_id', '=', caseId)
    .orderBy('o.called_at')
    .orderBy('o.id')
    .execute();
}

export async function insertCallOutcome(tx: Tx, values: Insertable<CallOutcomeTable>): Promise<CallOutcomeRow> {
  return tx.insertInto('call_outcomes').values(values).returningAll().executeTakeFirstOrThrow();
}

// ---- the weekly report's raw facts (calllist.report.ts counts them) ----

/**
 * Every case's first delay notice (by call, e-mail or letter) since `since`;
 * a re-notice tells a case already counted, and a notice by no channel
 * ('none') reached nobody.
 */
export async function noticeFacts(db: Executor, since: Date): Promise<NoticeFact[]> {
  const rows = await db
    .selectFrom('case_notices as n')
    .innerJoin('cases as c', 'c.id', 'n.case_id')
    .select([
      'n.case_id', 'n.channel', 'n.created_at', 'c.status', 'c.assigned_at', 'c.closed_at',
      sql<string | null>`coalesce(c.domain_id, c.suggested_domain_id)`.as('domain_id'),
    ])
    .where('n.kind', '=', 'delay')
    .where('n.seq', '=', 0)
    .where('n.channel', 'in', ['call', 'email', 'letter'])
    .where('n.created_at', '>=', since)
    .execute();
  return rows.map((r) => ({
    caseId: r.case_id,
    domainId: r.domain_id,
    channel: r.channel as NoticeFact['channel'],
    at: r.created_at,
    closedWithoutInvestigatorAt: r.status === 'closed' && r.assigned_at === null ? r.closed_at : null,
  }));
}

export async function callFacts(db: Executor, since: Date): Promise<CallFact[]> {
  const rows = await db
    .selectFrom('call_outcomes as o')
    .innerJoin('cases as c', 'c.id', 'o.case_id')
    .select(['o.case_id', 'o.called_at', 'o.reached', 'o.effect', sql<string | null>`coalesce(c.domain_id, c.suggested_domain_id)`.as('domain_id')])
    .where('o.called_at', '>=', since)
    .execute();
  return rows.map((r) => ({ caseId: r.case_id, domainId: r.domain_id, at: r.called_at, reached: r.reached, effect: r.effect }));
}
