import { z } from 'zod';
import { can, type Actor } from '../auth/policy.ts';
import { recordAccess } from '../audit/audit.service.ts';
import type { Executor } from '../db/database.ts';
import type { AppContext } from '../shared/context.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { LIMITS } from '../shared/limits.ts';
import {
  casesOfMail, claimDueMail, countMailByState, findMail, insertMail, listMail, markFailed, markSent, type MailScope,
} from './mail.repository.ts';
import type { MailRow } from './mail.table.ts';
import type { MailTransport } from './mail.transport.ts';

/**
 * The mail outbox: every message Grip sends is first a row here, queued in
 * the transaction that decided to send it; a job hands due rows to the
 * transport. Producing is exactly once per dedupe key; delivery is at least
 * once (see deliverDueMail).
 */
export const ZQueueMail = z.strictObject({
  /** What kind of message: `weekmail`, later `receipt`, `delayNotice`. */
  kind: z.string().regex(/^[a-zA-Z][\w-]{0,39}$/),
  /** Producing the same message again (a second node, a retried job) is a no-op under the same key. */
  dedupeKey: z.string().min(1).max(300),
  staffId: z.uuid().nullable().default(null),
  recipient: z.email().max(LIMITS.email),
  // no line breaks in a header
  subject: z.string().min(1).max(LIMITS.subject).regex(/^[^\r\n]*$/),
  text: z.string().min(1).max(200_000),
  html: z.string().max(500_000).nullable().default(null),
});
export type QueueMail = z.input<typeof ZQueueMail>;

/**
 * Checks a message as queueMail would, without queueing it: null when it would
 * be accepted, otherwise why not (the fields and their problems, one line).
 * Producers check outside their transaction, so one bad message is left out
 * rather than rolling back everyone's.
 */
export function mailProblem(input: QueueMail): string | null {
  const r = ZQueueMail.safeParse(input);
  if (r.success) return null;
  return r.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
}

/** Whether an address would be accepted as a recipient. */
export const isMailAddress = (address: string) => ZQueueMail.shape.recipient.safeParse(address).success;

/** Queues a message in the caller's transaction; answers whether it is new (false: that key was queued before). */
export async function queueMail(db: Executor, input: QueueMail, now: Date): Promise<{ id: string | null; created: boolean }> {
  const m = ZQueueMail.parse(input);
  const row = await insertMail(db, {
    kind: m.kind, dedupe_key: m.dedupeKey, staff_id: m.staffId, recipient: m.recipient, subject: m.subject,
    body_text: m.text, body_html: m.html, created_at: now,
  });
  return { id: row?.id ?? null, created: row !== undefined };
}

/** After this many failed attempts a message is given up (shown as failed on the outbox page). */
export const MAX_ATTEMPTS = 10;
/**
 * How long a claim holds. A message is claimed right before its own send, so
 * the lease covers one send: the SMTP timeouts in mail.transport.ts (15 s to
 * connect, 15 s for the greeting, 60 s of silence) end a hanging send well
 * inside it, and a dead node's claim lapses after it. Should a send still
 * outlast it, the claim is lost: another node may send the message again (the
 * same Message-ID, at least once), and the late node's mark changes nothing.
 */
export const LEASE_MS = 10 * 60_000;

/** 1, 2, 4, ... minutes after each failure, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

export interface DeliveryResult {
  transport: 'smtp' | 'outbox';
  delivered: number;
  failed: { id: string; recipient: string; error: string; willRetry: boolean }[];
}

/**
 * Hands every due message to the transport, one at a time: a message is
 * claimed (one short statement) right before it is sent, sent outside any
 * transaction, then marked sent — only while the claim is still ours (see
 * MailClaim in mail.repository.ts), so a node whose claim lapsed and was taken
 * over neither marks nor reschedules a message another node is sending. A
 * crash after the SMTP server accepted a message and before that mark is
 * committed (a few milliseconds) sends it again once the claim lapses:
 * delivery is at least once, with the same Message-ID.
 */
export async function deliverDueMail(ctx: AppContext, transport: MailTransport): Promise<DeliveryResult> {
  const result: DeliveryResult = { transport: transport.kind, delivered: 0, failed: [] };
  for (;;) {
    const now = ctx.clock();
    const [mail] = await claimDueMail(ctx.db, now, new Date(now.getTime() + LEASE_MS), 1);
    if (!mail) return result;
    let ref: string;
    try {
      ref = await transport.send({
        id: mail.id, kind: mail.kind, createdAt: mail.created_at, recipient: mail.recipient,
        subject: mail.subject, text: mail.body_text, html: mail.body_html,
      });
    } catch (err) {
      const error = String((err as Error)?.message ?? err).slice(0, 1000);
      const willRetry = mail.attempts < MAX_ATTEMPTS;
      const ours = await markFailed(ctx.db, mail, error, willRetry ? new Date(ctx.clock().getTime() + retryDelayMs(mail.attempts)) : null);
      // A lost claim: another node has the message now and tries it again.
      result.failed.push({ id: mail.id, recipient: mail.recipient, error, willRetry: willRetry || !ours });
      continue;
    }
    // If this write fails the message was sent but stays claimed: it goes again when the claim lapses.
    // If the claim was lost meanwhile, it changes nothing: the node that holds the claim marks it.
    await markSent(ctx.db, mail, ctx.clock(), transport.kind, ref);
    result.delivered += 1;
  }
}

// ---- reading the outbox (the page) ----

export type MailStatus = 'sent' | 'kept' | 'waiting' | 'retrying' | 'failed';

export function mailStatus(m: Pick<MailRow, 'sent_at' | 'transport' | 'last_error' | 'next_attempt_at'>): MailStatus {
  if (m.sent_at) return m.transport === 'outbox' ? 'kept' : 'sent';
  if (!m.last_error) return 'waiting';
  return m.next_attempt_at ? 'retrying' : 'failed';
}

export const MAIL_PAGE_SIZE = 50;

/**
 * Whose messages a reader sees. Admins: everyone's. Directors: every message
 * to staff, and those to petitioners about the cases they may see. A team
 * manager (mail.readAll, but a role that holds per domain): their own and
 * those to staff who share one of their domains. Front office
 * (mail.readPetitioners): their own and the messages to petitioners about the
 * cases they may see (mayReadPersonalData: their domains' and the unrouted).
 * Everyone else: their own.
 */
export function mailScopeOf(actor: Actor): MailScope | undefined {
  if (actor.roles.includes('admin')) return undefined;
  const director = actor.roles.includes('director');
  return {
    staffId: actor.id,
    domains: can(actor, 'mail.readAll') ? actor.domains : [],
    allStaff: director,
    petitionersOf: director || can(actor, 'mail.readPetitioners') ? actor : undefined,
    unlinked: director,
  };
}

export async function getMailPage(ctx: AppContext, actor: Actor, cursor?: string) {
  let after: { createdAt: Date; id: string } | undefined;
  if (cursor) {
    const [at, id] = decodeCursor(cursor, 2);
    const createdAt = new Date(String(at));
    if (Number.isNaN(createdAt.getTime()) || !z.uuid().safeParse(id).success) throw new AppError('validation', 'not a cursor from this list');
    after = { createdAt, id: String(id) };
  }
  const scope = mailScopeOf(actor);
  const [rows, counts] = await Promise.all([listMail(ctx.db, { scope, limit: MAIL_PAGE_SIZE, after }), countMailByState(ctx.db, scope)]);
  const items = rows.slice(0, MAIL_PAGE_SIZE);
  const last = items.at(-1);
  return {
    items: items.map((r) => ({ ...r, status: mailStatus(r) })),
    counts,
    /** Whose messages these are: everyone's; every staff member's and the readable petitioners'; those of the reader's domains' staff; the readable petitioners' and the reader's own; or the reader's own. */
    reach: !scope ? 'all' as const : scope.allStaff ? 'staff' as const : scope.domains.length > 0 ? 'domains' as const : scope.petitionersOf ? 'petitioners' as const : 'own' as const,
    next: rows.length > MAIL_PAGE_SIZE && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
  };
}

export async function getMailForActor(ctx: AppContext, actor: Actor, id: string) {
  // A message outside one's scope is as absent as a missing one.
  const row = await findMail(ctx.db, id, mailScopeOf(actor));
  if (!row) throw notFound('message', id);
  // A message to a petitioner is their case's personal data: showing it is written to the audit log.
  if (row.staff_id === null) {
    await recordAccess(ctx.db, actor, ctx.clock(), { action: 'view', route: `/postvak-uit/${id}`, cases: await casesOfMail(ctx.db, id) });
  }
  return { ...row, status: mailStatus(row) };
}
