import { sql, type ExpressionBuilder } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import { readableBy } from '../cases/case.access.ts';
import type { Database, Db, Executor } from '../db/database.ts';
import type { MailRow } from './mail.table.ts';

/** The mail outbox in SQL. Rows are inserted once per dedupe key and claimed by one node at a time. */

export async function insertMail(
  db: Executor,
  row: {
    kind: string; dedupe_key: string; staff_id: string | null; recipient: string; subject: string;
    body_text: string; body_html: string | null; created_at: Date;
  },
): Promise<{ id: string } | undefined> {
  return db
    .insertInto('mail_outbox')
    .values({ ...row, next_attempt_at: row.created_at })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
}

/**
 * Claims up to `limit` messages that are due: their next attempt moves to
 * `leaseUntil` and the attempt is counted, in one statement. SKIP LOCKED lets
 * two nodes claim side by side without waiting for or doubling each other; a
 * node that dies mid-send leaves the claim to lapse, and the message is due again.
 *
 * Each claim counts `attempts` up by one, so the returned row's `attempts` is
 * the claim's token: markSent and markFailed change the row only while it is
 * still the same (see MailClaim). Delivery claims one message at a time, right
 * before sending it (mail.service.ts), so a lease covers one send only.
 */
export async function claimDueMail(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<MailRow[]> {
  return db
    .with('due', (q) => q
      .selectFrom('mail_outbox')
      .select('id')
      .where('sent_at', 'is', null)
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .forUpdate()
      .skipLocked())
    .updateTable('mail_outbox')
    .from('due')
    .whereRef('mail_outbox.id', '=', 'due.id')
    .set({ next_attempt_at: leaseUntil, attempts: sql<number>`mail_outbox.attempts + 1` })
    .returningAll('mail_outbox')
    .execute();
}

/**
 * A claim on one message: its id and the attempt count the claim set. Another
 * node can claim the message only after this claim's lease lapsed, and its claim
 * counts the attempts up again; from then on this claim is lost, and marking
 * the message through it changes nothing.
 */
export type MailClaim = Pick<MailRow, 'id' | 'attempts'>;

/** Marks the message sent, if the claim is still ours; answers whether it was. */
export async function markSent(db: Db, claim: MailClaim, at: Date, transport: 'smtp' | 'outbox', ref: string): Promise<boolean> {
  const r = await db
    .updateTable('mail_outbox')
    .set({ sent_at: at, next_attempt_at: null, transport, delivery_ref: ref, last_error: null })
    .where('id', '=', claim.id)
    .where('attempts', '=', claim.attempts)
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Records a failed attempt and when to try again (null: given up), if the claim is still ours; answers whether it was. */
export async function markFailed(db: Db, claim: MailClaim, error: string, nextAttemptAt: Date | null): Promise<boolean> {
  const r = await db
    .updateTable('mail_outbox')
    .set({ last_error: error, next_attempt_at: nextAttemptAt })
    .where('id', '=', claim.id)
    .where('attempts', '=', claim.attempts)
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Whose messages a reader may see: their own; those to staff who share one of
 * `domains` (or to every staff member: `allStaff`); and the messages to
 * petitioners (no staff member) about cases `petitionersOf` may read — a
 * receipt, delay notice or cluster reaction is its case's personal data.
 * Undefined scope: all.
 */
export interface MailScope {
  staffId: string;
  domains: readonly string[];
  /** Every message to a staff member (directors: weekly overviews hold no petitioner data). */
  allStaff?: boolean;
  /** Also the messages to petitioners about the cases this reader may see (mayReadPersonalData, as readableBy). */
  petitionersOf?: Actor;
  /** Also the messages to no staff member and about no case (none are made today; directors). */
  unlinked?: boolean;
}

function inScope(scope: MailScope) {
  return (eb: ExpressionBuilder<Database, 'mail_outbox'>) => {
    const ors = [eb('mail_outbox.staff_id', '=', scope.staffId)];
    if (scope.allStaff) ors.push(eb('mail_outbox.staff_id', 'is not', null));
    else if (scope.domains.length > 0) {
      const domains = sql<string[]>`array[${sql.join(scope.domains)}]::text[]`;
      ors.push(eb('mail_outbox.staff_id', 'in', eb.selectFrom('staff').select('staff.id').where(sql<boolean>`staff.domains && ${domains}`)));
    }
    const aboutCase = eb.selectFrom('case_notices as n').select('n.id').whereRef('n.mail_id', '=', 'mail_outbox.id');
    if (scope.petitionersOf) {
      const reader = scope.petitionersOf;
      ors.push(eb.and([
        eb('mail_outbox.staff_id', 'is', null),
        eb.exists(eb.selectFrom('case_notices as n').innerJoin('cases as c', 'c.id', 'n.case_id').select('n.id')
          .whereRef('n.mail_id', '=', 'mail_outbox.id').where(readableBy(reader))),
      ]));
    }
    if (scope.unlinked) ors.push(eb.and([eb('mail_outbox.staff_id', 'is', null), eb.not(eb.exists(aboutCase))]));
    return eb.or(ors);
  };
}

export interface MailListFilter {
  /** Only the messages in this scope; undefined: all. */
  scope?: MailScope;
  limit: number;
  /** The sort key (created_at, id) of the last row of the previous page. */
  after?: { createdAt: Date; id: string };
}

/** Newest first; one row more than asked, to tell whether there is a next page. */
export async function listMail(db: Db, f: MailListFilter): Promise<Omit<MailRow, 'body_text' | 'body_html'>[]> {
  let q = db
    .selectFrom('mail_outbox')
    .select([
      'id', 'kind', 'dedupe_key', 'staff_id', 'recipient', 'subject', 'created_at', 'next_attempt_at', 'attempts',
      'sent_at', 'transport', 'delivery_ref', 'last_error',
    ]);
  if (f.scope) q = q.where(inScope(f.scope));
  if (f.after) {
    const { createdAt, id } = f.after;
    q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(createdAt, id)));
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute();
}

/** One message, if it is within the scope (undefined: any). */
export async function findMail(db: Db, id: string, scope?: MailScope): Promise<MailRow | undefined> {
  let q = db.selectFrom('mail_outbox').selectAll().where('id', '=', id);
  if (scope) q = q.where(inScope(scope));
  return q.executeTakeFirst();
}

/** The case(s) a message to a petitioner is about (through its notice), for the audit log. */
export async function casesOfMail(db: Db, mailId: string): Promise<{ caseId: string; dossierNumber: string }[]> {
  return db.selectFrom('case_notices as n').innerJoin('cases as c', 'c.id', 'n.case_id')
    .select(['c.id as caseId', 'c.dossier_number as dossierNumber']).where('n.mail_id', '=', mailId).execute();
}

export async function countMailByState(db: Db, scope?: MailScope): Promise<{ sent: number; kept: number; waiting: number; failed: number }> {
  let q = db.selectFrom('mail_outbox').select([
    sql<string>`count(*) filter (where transport = 'smtp' and sent_at is not null)`.as('sent'),
    sql<string>`count(*) filter (where transport = 'outbox' and sent_at is not null)`.as('kept'),
    sql<string>`count(*) filter (where sent_at is null and last_error is null)`.as('waiting'),
    sql<string>`count(*) filter (where sent_at is null and last_error is not null)`.as('failed'),
  ]);
  if (scope) q = q.where(inScope(scope));
  const r = await q.executeTakeFirstOrThrow();
  return { sent: Number(r.sent), kept: Number(r.kept), waiting: Number(r.waiting), failed: Number(r.failed) };
}
