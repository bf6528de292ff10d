import { sql } from 'kysely';
import type { Db, Executor } from '../db/database.ts';
import { notFound } from '../shared/errors.ts';
import { clockState, suspendedDays, type ClockState, type Suspension } from '../core/woo-clock.ts';
import { inventoryGrounds, type Decision, type Ground, type InventoryRow, type Redaction } from './woo.ts';
import type { DocumentSource } from './woo.table.ts';

/** Reading Woo requests: the list with each clock, one request whole, one document with its redactions. */
const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const nullableDay = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

export interface RequestSummary {
  id: string;
  number: string;
  receivedOn: string;
  subject: string;
  requesterName: string;
  extended: boolean;
  decidedOn: string | null;
  documents: number;
  clock: ClockState;
}

export async function listGrounds(db: Executor): Promise<Ground[]> {
  return db.selectFrom('woo_grounds').select(['code', 'name', 'article', 'colour', 'explanation']).orderBy('position').execute();
}

async function suspensionsByRequest(db: Executor, ids: readonly string[]): Promise<Map<string, (Suspension & { thirdParty: string })[]>> {
  const map = new Map<string, (Suspension & { thirdParty: string })[]>();
  if (!ids.length) return map;
  const rows = await db.selectFrom('woo_suspensions')
    .select(['request_id', day('started_on').as('startedOn'), nullableDay('ended_on').as('endedOn'), 'third_party'])
    .where('request_id', 'in', ids).orderBy('started_on').execute();
  for (const r of rows) map.set(r.request_id, [...(map.get(r.request_id) ?? []), { startedOn: r.startedOn, endedOn: r.endedOn, thirdParty: r.third_party }]);
  return map;
}

/** Open requests first (most urgent deadline first), then decided ones, newest first. */
export async function listRequests(db: Db, today: string): Promise<RequestSummary[]> {
  const rows = await db.selectFrom('woo_requests as r')
    .select(['r.id', 'r.number', day('r.received_on').as('receivedOn'), 'r.subject', 'r.requester_name', 'r.extended_at', nullableDay('r.decided_on').as('decidedOn')])
    .select((eb) => eb.selectFrom('woo_documents as d').select((e) => e.fn.countAll<number>().as('n')).whereRef('d.request_id', '=', 'r.id').as('documents'))
    .orderBy('r.received_on', 'desc').orderBy('r.number', 'desc').limit(1000).execute();
  const suspensions = await suspensionsByRequest(db, rows.map((r) => r.id));
  const list = rows.map((r) => ({
    id: r.id, number: r.number, receivedOn: r.receivedOn, subject: r.subject, requesterName: r.requester_name,
    extended: r.extended_at !== null, decidedOn: r.decidedOn, documents: Number(r.documents ?? 0),
    clock: clockState({ received: r.receivedOn, extended: r.extended_at !== null, suspensions: suspensions.get(r.id) ?? [], decided: r.decidedOn !== null }, today),
  }));
  const rank = (c: ClockState) => ({ overdue: 0, soon: 1, suspended: 2, running: 3, decided: 4 })[c.kind];
  return list.sort((a, b) => rank(a.clock) - rank(b.clock) || (a.clock.kind === 'decided' ? 0 : a.clock.due.localeCompare(b.clock.due)));
}

export interface DocumentSummary {
  id: string;
  number: number;
  source: DocumentSource;
  title: string;
  date: string | null;
  decision: Decision | null;
  grounds: string[];
  redactions: number;
  caseId: string | null;
  filename: string | null;
}

/** A request whole, its clock read on `today` (or on the day of its decision). */
export async function getRequest(db: Executor, id: string, today: string) {
  const r = await db.selectFrom('woo_requests')
    .select(['id', 'number', 'requester_name', 'requester_email', 'requester_address', 'subject', 'request_text', 'extended_at', 'extension_reason', 'decided_at', 'decided_by', 'version'])
    .select([day('received_on').as('receivedOn'), nullableDay('decided_on').as('decidedOn')])
    .where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('Woo request', id);
  const [suspensions, docs, redactions, grounds, events] = await Promise.all([
    suspensionsByRequest(db, [id]).then((m) => m.get(id) ?? []),
    db.selectFrom('woo_documents').select(['id', 'number', 'source', 'title', nullableDay('document_date').as('date'), 'decision', 'grounds', 'case_id', 'filename'])
      .where('request_id', '=', id).orderBy('number').execute(),
    db.selectFrom('woo_redactions as x').innerJoin('woo_documents as d', 'd.id', 'x.document_id')
      .select(['x.document_id', 'x.ground']).where('d.request_id', '=', id).execute(),
    listGrounds(db),
    db.selectFrom('woo_events as e').leftJoin('staff as s', 's.id', 'e.actor_id')
      .select(['e.type', 'e.at', 'e.payload', 's.name as actor']).where('e.request_id', '=', id).orderBy('e.id').execute(),
  ]);
  const documents: DocumentSummary[] = docs.map((d) => {
    const own = redactions.filter((x) => x.document_id === d.id);
    return {
      id: d.id, number: d.number, source: d.source, title: d.title, date: d.date, decision: d.decision, caseId: d.case_id, filename: d.filename,
      grounds: inventoryGrounds(d.decision, own.map((x) => x.ground), d.grounds, grounds), redactions: own.length,
    };
  });
  const extended = r.extended_at !== null;
  // a decided request's clock stopped on the day of the decision
  const asOf = r.decidedOn ?? today;
  const decider = r.decided_by ? await db.selectFrom('staff').select('name').where('id', '=', r.decided_by).executeTakeFirst() : undefined;
  return {
    request: r,
    deciderName: decider?.name ?? null,
    suspensions,
    asOf,
    suspendedDays: suspendedDays(suspensions, asOf),
    clock: clockState({ received: r.receivedOn, extended, suspensions, decided: r.decided_at !== null }, asOf),
    documents,
    grounds,
    events,
  };
}
export type RequestView = Awaited<ReturnType<typeof getRequest>>;

export const inventoryOf = (documents: readonly DocumentSummary[]): InventoryRow[] =>
  documents.map((d) => ({ number: d.number, date: d.date, title: d.title, decision: d.decision, grounds: d.grounds }));

export async function getDocument(db: Db, requestId: string, documentId: string) {
  const d = await db.selectFrom('woo_documents').select(['id', 'number', 'source', 'title', nullableDay('document_date').as('date'), 'body', 'decision', 'grounds', 'filename', 'case_id', 'author'])
    .where('id', '=', documentId).where('request_id', '=', requestId).executeTakeFirst();
  if (!d) throw notFound('Document', documentId);
  const redactions = await db.selectFrom('woo_redactions as x').leftJoin('staff as s', 's.id', 'x.created_by')
    .select(['x.id', 'x.start_at', 'x.end_at', 'x.ground', 'x.origin', 'x.created_at', 's.name as by'])
    .where('x.document_id', '=', documentId).orderBy('x.start_at').orderBy('x.end_at').execute();
  return {
    document: d,
    redactions: redactions.map((x) => ({ id: x.id, start: x.start_at, end: x.end_at, ground: x.ground, origin: x.origin, at: x.created_at, by: x.by })),
  };
}

export const asRedactions = (list: readonly { start: number; end: number; ground: string }[]): Redaction[] =>
  list.map((x) => ({ start: x.start, end: x.end, ground: x.ground }));

export async function documentsForOutput(db: Executor, requestId: string) {
  const docs = await db.selectFrom('woo_documents').select(['id', 'number', 'title', nullableDay('document_date').as('date'), 'body', 'decision'])
    .where('request_id', '=', requestId).orderBy('number').execute();
  const redactions = docs.length
    ? await db.selectFrom('woo_redactions').select(['document_id', 'start_at', 'end_at', 'ground']).where('document_id', 'in', docs.map((d) => d.id)).execute()
    : [];
  return docs.map((d) => ({
    ...d,
    redactions: redactions.filter((x) => x.document_id === d.id).map((x) => ({ start: x.start_at, end: x.end_at, ground: x.ground })),
  }));
}
