import type { Actor } from '../auth/policy.ts';
import { readableBy } from '../cases/case.access.ts';
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { NoticeCase } from './notice.service.ts';
import type { NoticeSettings } from './notice.settings.ts';
import type { CaseNoticeRow, NoticeChannel, NoticeKind } from './notice.table.ts';

/** The notices given per case, in SQL. One row per (case, kind, seq): the exactly-once guard. */

export interface NewNotice {
  caseId: string;
  kind: NoticeKind;
  seq: number;
  channel: NoticeChannel;
  expected: { p10: Date; p50: Date; p90: Date } | null;
  mailId?: string | null;
  recipient?: string | null;
  subject?: string | null;
  body?: string | null;
  createdAt: Date;
}

/** Inserts the notice unless that (case, kind, seq) exists; answers its id, or null when it was there already. */
export async function insertNotice(db: Executor, n: NewNotice): Promise<string | null> {
  const row = await db
    .insertInto('case_notices')
    .values({
      case_id: n.caseId, kind: n.kind, seq: n.seq, channel: n.channel,
      expected_p10: n.expected?.p10 ?? null, expected_p50: n.expected?.p50 ?? null, expected_p90: n.expected?.p90 ?? null,
      mail_id: n.mailId ?? null, recipient: n.recipient ?? null, subject: n.subject ?? null, body: n.body ?? null,
      created_at: n.createdAt,
    })
    .onConflict((oc) => oc.columns(['case_id', 'kind', 'seq']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function setNoticeMail(db: Executor, id: string, mailId: string): Promise<void> {
  await db.updateTable('case_notices').set({ mail_id: mailId }).where('id', '=', id).execute();
}

export async function noticesOfCase(db: Executor, caseId: string): Promise<CaseNoticeRow[]> {
  return db.selectFrom('case_notices').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('seq').execute();
}

// ---- the cases the delay notice job looks at ----

/** A complaint still waiting for an investigator, with what a notice needs. */
export interface WaitingCase extends NoticeCase {
  phone: string | null;
  status: string;
  domainId: string | null;
  suggestedDomainId: string | null;
  urgent: boolean;
}

const waitingCases = (db: Executor) => db
  .selectFrom('cases')
  .innerJoin('petitioners', 'petitioners.id', 'cases.petitioner_id')
  .innerJoin('agencies', 'agencies.id', 'cases.agency_id')
  .select([
    'cases.id as caseId', 'cases.dossier_number as dossierNumber', 'cases.received_at as receivedAt', 'cases.status',
    'cases.domain_id as domainId', 'cases.suggested_domain_id as suggestedDomainId', 'cases.lane_urgent as urgent',
    'petitioners.name', 'petitioners.email', 'petitioners.address', 'petitioners.phone', 'agencies.name as agency',
  ])
  .where('cases.status', 'in', ['received', 'queued'])
  .where('cases.investigator_id', 'is', null);

/** Waiting cases whose notice day has come and that have no delay notice yet. */
export async function dueFirstNotices(db: Executor, today: string, s: Pick<NoticeSettings, 'delayDay' | 'startsOn'>): Promise<WaitingCase[]> {
  const noticeDay = sql<string>`((cases.received_at at time zone 'Europe/Amsterdam')::date + ${s.delayDay}::int)`;
  let q = waitingCases(db)
    .where(sql<boolean>`${noticeDay} <= ${today}::date`)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('case_notices').select('case_notices.id')
      .whereRef('case_notices.case_id', '=', 'cases.id').where('case_notices.kind', '=', 'delay'))));
  if (s.startsOn) q = q.where(sql<boolean>`${noticeDay} >= ${s.startsOn}::date`);
  return q.orderBy('cases.received_at').orderBy('cases.id').execute();
}

/**
 * Cases waiting in a domain tray with a delay notice by e-mail or letter: the last one told, to compare with
 * the case's own expectation now. (A case not yet routed has none of its own — only a new complaint's wait,
 * counted from today — so it is compared once it is in a tray.)
 */
export async function toldCases(db: Executor) {
  return waitingCases(db)
    .where('cases.status', '=', 'queued')
    .innerJoin('case_notices as n', 'n.case_id', 'cases.id')
    .select(['n.seq', 'n.channel', 'n.expected_p50'])
    .where('n.kind', '=', 'delay')
    .where('n.channel', 'in', ['email', 'letter'])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('case_notices as later').select('later.id')
      .whereRef('later.case_id', '=', 'n.case_id').where('later.kind', '=', 'delay').whereRef('later.seq', '>', 'n.seq'))))
    .orderBy('cases.received_at').orderBy('cases.id')
    .execute();
}


// ---- what was told, and the letters to print ----

/** The latest notices (newest first), with their case's dossier number. */
export async function listRecentNotices(db: Executor, limit = 100) {
  return db
    .selectFrom('case_notices as n')
    .innerJoin('cases', 'cases.id', 'n.case_id')
    .select(['n.id', 'n.case_id', 'n.kind', 'n.seq', 'n.channel', 'n.expected_p10', 'n.expected_p90', 'n.created_at', 'n.printed_at', 'cases.dossier_number'])
    .orderBy('n.created_at', 'desc').orderBy('n.id', 'desc')
    .limit(limit)
    .execute();
}

/** Per kind and channel, how many notices since `since`. */
export async function countNotices(db: Executor, since: Date) {
  const rows = await db
    .selectFrom('case_notices')
    .select(['kind', 'channel', (eb) => eb.fn.countAll<string>().as('n')])
    .where('created_at', '>=', since)
    .groupBy(['kind', 'channel'])
    .execute();
  return rows.map((r) => ({ kind: r.kind, channel: r.channel, n: Number(r.n) }));
}

/** The letters not yet printed, oldest first (at most one batch). */
export async function listLettersToPrint(db: Executor, reader: Actor, limit = 500) {
  return db
    .selectFrom('case_notices as n')
    .innerJoin('cases as c', 'c.id', 'n.case_id')
    .select(['n.id', 'n.case_id', 'n.kind', 'n.seq', 'n.recipient', 'n.subject', 'n.body', 'n.created_at', 'c.dossier_number'])
    .where(readableBy(reader))
    .where('n.channel', '=', 'letter')
    .where('n.printed_at', 'is', null)
    .orderBy('n.created_at').orderBy('n.id')
    .limit(limit)
    .execute();
}


/** The letters with these ids (only letters), for a print batch. */
export async function findLetters(db: Executor, reader: Actor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('case_notices as n')
    .innerJoin('cases as c', 'c.id', 'n.case_id')
    .select(['n.id', 'n.case_id', 'n.recipient', 'n.subject', 'n.body', 'n.created_at', 'c.dossier_number'])
    .where(readableBy(reader))
    .where('n.channel', '=', 'letter')
    .where('n.id', 'in', ids)
    .execute();
}

/** Marks a printed batch; letters printed before stay as they were. Answers how many were marked. */
export async function markLettersPrinted(db: Executor, ids: readonly string[], at: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db.updateTable('case_notices').set({ printed_at: at })
    .where('id', 'in', ids).where('channel', '=', 'letter').where('printed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
