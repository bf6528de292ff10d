import type { Executor } from '../db/database.ts';
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
