import { sql } from 'kysely';
import { listKbInvestigators } from '../organisation/organisation.repository.ts';
import type { Executor } from '../db/database.ts';
import type { SessionLane } from './lanes.ts';

/** All SQL of the fast lanes: sessions, their people, the board's cases and what was handed out. Days are read as 'YYYY-MM-DD' text. */
const dayOf = sql<string>`to_char(s.day, 'YYYY-MM-DD')`;

export interface SessionRecord {
  id: string;
  lane: SessionLane;
  domainId: string;
  domainName: string;
  day: string;
  topic: string | null;
  people: string[];
  createdBy: string | null;
}

export interface SessionSummary extends SessionRecord {
  handedOut: number;
  closed: number;
}

function sessions(db: Executor) {
  return db
    .selectFrom('lane_sessions as s')
    .innerJoin('domains as d', 'd.id', 's.domain_id')
    .select(['s.id', 's.lane', 's.domain_id', 'd.name as domain_name', dayOf.as('day'), 's.topic', 's.people', 's.created_by']);
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessions>['execute']>>[number];
const toRecord = (r: SessionRow): SessionRecord => ({
  id: r.id, lane: r.lane, domainId: r.domain_id, domainName: r.domain_name, day: r.day, topic: r.topic, people: r.people, createdBy: r.created_by,
});

export async function insertSession(
  db: Executor,
  s: { lane: SessionLane; domainId: string; day: string; topic: string | null; people: string[]; createdBy: string; at: Date },
): Promise<string> {
  const row = await db
    .insertInto('lane_sessions')
    .values({ lane: s.lane, domain_id: s.domainId, day: s.day, topic: s.topic, people: s.people, created_by: s.createdBy, created_at: s.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findSession(db: Executor, id: string): Promise<SessionRecord | undefined> {
  const row = await sessions(db).where('s.id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

/** A session of this lane, domain and day with the same topic (none counts as the same). */
export async function findSameSession(db: Executor, s: { lane: SessionLane; domainId: string; day: string; topic: string | null }): Promise<string | undefined> {
  const row = await db
    .selectFrom('lane_sessions')
    .select('id')
    .where('lane', '=', s.lane)
    .where('domain_id', '=', s.domainId)
    .where('day', '=', s.day)
    .where(sql<boolean>`coalesce(lower(topic), '') = ${(s.topic ?? '').toLowerCase()}`)
    .executeTakeFirst();
  return row?.id;
}

/** A domain's sessions on or after `from` (ascending) or before it (descending, the latest `limit`), with what each handed out and closed. */
export async function listSessionSummaries(db: Executor, domainId: string, range: { from: string } | { before: string; limit: number }): Promise<SessionSummary[]> {
  let q = sessions(db)
    .leftJoin('lane_session_cases as h', 'h.session_id', 's.id')
    .leftJoin('cases as c', 'c.id', 'h.case_id')
    .select([
      sql<string>`count(h.case_id)`.as('handed_out'),
      sql<string>`count(h.case_id) filter (where c.status = 'closed')`.as('closed'),
    ])
    .where('s.domain_id', '=', domainId)
    .groupBy(['s.id', 'd.name']);
  q = 'from' in range
    ? q.where('s.day', '>=', range.from).orderBy('s.day').orderBy('s.lane').orderBy('s.created_at')
    : q.where('s.day', '<', range.before).orderBy('s.day', 'desc').orderBy('s.lane').orderBy('s.created_at').limit(range.limit);
  const rows = await q.execute();
  return rows.map((r) => ({ ...toRecord(r), handedOut: Number(r.handed_out), closed: Number(r.closed) }));
}

export interface Person {
  id: string;
  name: string;
  login: string;
}

/** The active investigators of a domain's standard unit (KB), where the fast lanes run. */
export async function listLaneInvestigators(db: Executor, domainId: string): Promise<Person[]> {
  return (await listKbInvestigators(db, domainId)).map((r) => ({ id: r.id, name: r.name, login: r.login }));
}

export async function listPeople(db: Executor, ids: readonly string[]): Promise<Person[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('staff').select(['id', 'name', 'login']).where('id', 'in', [...ids]).execute();
}

export interface BoardCaseRow {
  id: string;
  dossierNumber: string;
  receivedAt: Date;
  subject: string;
  description: string;
  keywords: string[];
  agency: string;
  version: number;
}

/** A complaint in a cluster stays queued, but its cluster's handler deals with it: never on a lane's board. */
const inCluster = sql<boolean>`exists (select 1 from cluster_cases cc where cc.case_id = c.id)`;

/** A domain's waiting KB cases with the lane's marker, outside clusters (at most `limit`, oldest first). */
export async function listLaneCases(db: Executor, domainId: string, lane: SessionLane, limit: number): Promise<BoardCaseRow[]> {
  const rows = await db
    .selectFrom('cases as c')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .select(['c.id', 'c.dossier_number', 'c.received_at', 'c.subject', 'c.description', 'c.keywords', 'a.name as agency', 'c.version'])
    .where('c.status', '=', 'queued')
    .where('c.domain_id', '=', domainId)
    .where('c.unit_id', '=', 'standard')
    .where(lane === 'b' ? 'c.lane_b' : 'c.lane_pop', '=', true)
    .where((eb) => eb.not(inCluster))
    .orderBy('c.received_at')
    .orderBy('c.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id, dossierNumber: r.dossier_number, receivedAt: r.received_at, subject: r.subject, description: r.description,
    keywords: r.keywords, agency: r.agency, version: r.version,
  }));
}

/** Whether a complaint belongs to a cluster. */
export async function isClustered(db: Executor, caseId: string): Promise<boolean> {
  const row = await db.selectFrom('cluster_cases').select('case_id').where('case_id', '=', caseId).executeTakeFirst();
  return row !== undefined;
}

/**
 * Records a hand-out. A case that went back to the tray and is handed out
 * again in the same session keeps one row: the latest person and moment
 * replace the earlier ones, so the session counts the case once, for whoever
 * got it last.
 */
export async function upsertHandout(db: Executor, h: { sessionId: string; caseId: string; investigatorId: string; at: Date }): Promise<void> {
  await db
    .insertInto('lane_session_cases')
    .values({ session_id: h.sessionId, case_id: h.caseId, investigator_id: h.investigatorId, handed_out_at: h.at })
    .onConflict((oc) => oc.columns(['session_id', 'case_id']).doUpdateSet({ investigator_id: h.investigatorId, handed_out_at: h.at }))
    .execute();
}

export interface HandoutRow {
  caseId: string;
  dossierNumber: string;
  subject: string;
  agency: string;
  investigatorId: string;
  handedOutAt: Date;
  status: string;
  currentInvestigatorId: string | null;
  outcomeId: string | null;
  outcomeName: string | null;
  closedAt: Date | null;
  version: number;
}

/** The cases a session handed out, in the order it did, with where each stands now. */
export async function listHandouts(db: Executor, sessionId: string): Promise<HandoutRow[]> {
  const rows = await db
    .selectFrom('lane_session_cases as h')
    .innerJoin('cases as c', 'c.id', 'h.case_id')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .leftJoin('outcomes as o', 'o.id', 'c.outcome_id')
    .select([
      'h.case_id', 'c.dossier_number', 'c.subject', 'a.name as agency', 'h.investigator_id', 'h.handed_out_at', 'c.status',
      'c.investigator_id as current_investigator_id', 'c.outcome_id', 'o.name as outcome_name', 'c.closed_at', 'c.version',
    ])
    .where('h.session_id', '=', sessionId)
    .orderBy('h.handed_out_at')
    .orderBy('c.dossier_number')
    .execute();
  return rows.map((r) => ({
    caseId: r.case_id, dossierNumber: r.dossier_number, subject: r.subject, agency: r.agency, investigatorId: r.investigator_id,
    handedOutAt: r.handed_out_at, status: r.status, currentInvestigatorId: r.current_investigator_id, outcomeId: r.outcome_id,
    outcomeName: r.outcome_name, closedAt: r.closed_at, version: r.version,
  }));
}

export async function handoutExists(db: Executor, sessionId: string, caseId: string): Promise<boolean> {
  const row = await db.selectFrom('lane_session_cases').select('case_id').where('session_id', '=', sessionId).where('case_id', '=', caseId).executeTakeFirst();
  return row !== undefined;
}

/** Outcomes with their registration profile, for the board's quick close. */
export async function listOutcomeProfiles(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('outcomes').select(['id', 'name', 'profile']).where('id', 'in', [...ids]).execute();
}

/** How many of a domain's waiting KB cases outside clusters carry the lane's marker. */
export async function countLaneCases(db: Executor, domainId: string, lane: SessionLane): Promise<number> {
  const row = await db
    .selectFrom('cases as c')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('c.status', '=', 'queued')
    .where('c.domain_id', '=', domainId)
    .where('c.unit_id', '=', 'standard')
    .where(lane === 'b' ? 'c.lane_b' : 'c.lane_pop', '=', true)
    .where((eb) => eb.not(inCluster))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
