import { sql } from 'kysely';
import type { Executor, Tx } from '../db/database.ts';
import { ANONYMISED, scrubPayload, type RetentionCandidate } from './retention.ts';

/**
 * The SQL of retention: the closed cases past a cutoff with the facts the
 * rules need, and anonymising one batch of cases across every table that
 * holds the petitioner's identity or what people typed about them.
 */

/** Mail about a case (notices, a cluster's reaction) is recognised by its dedupe key. */
const mailPatterns = (ids: readonly string[]) => ids.flatMap((id) => [`notice:${id}:%`, `cluster:%:${id}`]);

/** Closed, not anonymised cases whose latest closing lies at or before the cutoff (restricted to `ids` when given). */
export async function closedCandidates(db: Executor, cutoff: Date, ids?: readonly string[]): Promise<RetentionCandidate[]> {
  if (ids && ids.length === 0) return [];
  const rows = await sql<{
    id: string; dossier_number: string; domain_id: string | null; status: string; closed_at: Date | null; anonymised_at: Date | null;
    last_event_at: Date | null; in_open_cluster: boolean; open_callback: boolean; notice_pending: boolean;
  }>`
    select c.id, c.dossier_number, c.domain_id, c.status, c.closed_at, c.anonymised_at,
      (select max(e.at) from case_events e where e.case_id = c.id) as last_event_at,
      exists (select 1 from cluster_cases cc join clusters k on k.id = cc.cluster_id where cc.case_id = c.id and k.closed_at is null) as in_open_cluster,
      exists (select 1 from contacts t where t.case_id = c.id and t.callback_due_at is not null and t.callback_done_at is null) as open_callback,
      (exists (select 1 from case_notices n where n.case_id = c.id and n.channel = 'letter' and n.printed_at is null)
        or exists (select 1 from mail_outbox m where m.sent_at is null and m.next_attempt_at is not null and (
          m.id in (select n.mail_id from case_notices n where n.case_id = c.id)
          or m.dedupe_key like 'notice:' || c.id::text || ':%' or m.dedupe_key like 'cluster:%:' || c.id::text))) as notice_pending
    from cases c
    where c.status = 'closed' and c.anonymised_at is null and c.closed_at <= ${cutoff}
      ${ids ? sql`and c.id = any(${[...ids]}::uuid[])` : sql``}
  `.execute(db);
  return rows.rows.map((r) => ({
    id: r.id, dossierNumber: r.dossier_number, domainId: r.domain_id, status: r.status, closedAt: r.closed_at, anonymisedAt: r.anonymised_at,
    lastEventAt: r.last_event_at, inOpenCluster: r.in_open_cluster, openCallback: r.open_callback, noticePending: r.notice_pending,
  }));
}

/** Locks the cases (anonymising runs may overlap: each case is done once) and answers those not anonymised yet. */
export async function lockUnanonymised(tx: Tx, ids: readonly string[]): Promise<string[]> {
  const rows = await tx.selectFrom('cases').select('id').where('id', 'in', [...ids]).where('anonymised_at', 'is', null).orderBy('id').forUpdate().execute();
  return rows.map((r) => r.id);
}

/** Anonymises the cases (all due, all locked) in the caller's transaction; answers the petitioners anonymised with them. */
export async function anonymiseCases(
  tx: Tx,
  ids: readonly string[],
  by: { at: Date; actorId: string | null; months: number; cutoff: Date },
): Promise<number> {
  if (ids.length === 0) return 0;
  const list = [...ids];

  // Events: free texts out, every field replay and statistics read stays. One statement for the batch.
  const events = await tx.selectFrom('case_events').select(['id', 'payload']).where('case_id', 'in', list).execute();
  const changed = events
    .map((e) => ({ id: String(e.id), before: e.payload as Record<string, unknown>, after: scrubPayload(e.payload as Record<string, unknown>) }))
    .filter((e) => e.after !== e.before);
  if (changed.length) {
    await sql`
      update case_events e set payload = v.payload::jsonb
      from (select unnest(${changed.map((e) => e.id)}::bigint[]) as id, unnest(${changed.map((e) => JSON.stringify(e.after))}::text[]) as payload) v
      where e.id = v.id
    `.execute(tx);
  }

  await tx.updateTable('cases').set({
    subject: ANONYMISED, description: ANONYMISED,
    proposal: sql<string | null>`case when proposal is null then null else ${ANONYMISED} end`,
    anonymised_at: by.at, updated_at: by.at,
  }).where('id', 'in', list).execute();

  await tx.deleteFrom('attachments').where('case_id', 'in', list).execute();

  await tx.updateTable('contacts').set({
    caller_name: null, caller_phone: null, caller_email: null, summary: ANONYMISED,
    advice: sql<string | null>`case when advice is null then null else ${ANONYMISED} end`,
    callback_result: sql<string | null>`case when callback_result is null then null else ${ANONYMISED} end`,
  }).where('case_id', 'in', list).execute();

  await tx.updateTable('call_outcomes').set({ note: null }).where('case_id', 'in', list).execute();

  await scrubMail(tx, sql`(m.id in (select n.mail_id from case_notices n where n.case_id = any(${list}::uuid[]))
    or m.dedupe_key like any(${mailPatterns(list)}::text[]))`);

  await tx.updateTable('case_notices').set({
    recipient: null,
    subject: sql<string | null>`case when subject is null then null else ${ANONYMISED} end`,
    body: sql<string | null>`case when body is null then null else ${ANONYMISED} end`,
  }).where('case_id', 'in', list).execute();

  // The audit trail: who anonymised, under which period. Replay passes over an unknown event type (no state change).
  await tx.insertInto('case_events').values(list.map((id) => ({
    case_id: id, type: 'anonymised', at: by.at, actor_id: by.actorId,
    payload: JSON.stringify({ retentionMonths: by.months, cutoff: by.cutoff.toISOString() }),
  }))).execute();

  return anonymisePetitioners(tx, list, by.at);
}

/** A petitioner loses their identity once every case of theirs is anonymised; mail addressed to them goes with it. */
async function anonymisePetitioners(tx: Tx, caseIds: string[], at: Date): Promise<number> {
  const petitioners = await sql<{ id: string; email: string | null }>`
    select p.id, p.email from petitioners p
    where p.anonymised_at is null
      and p.id in (select petitioner_id from cases where id = any(${caseIds}::uuid[]))
      and not exists (select 1 from cases c where c.petitioner_id = p.id and c.anonymised_at is null)
    for update
  `.execute(tx);
  if (petitioners.rows.length === 0) return 0;
  const emails = petitioners.rows.map((p) => p.email?.trim().toLowerCase()).filter((e): e is string => Boolean(e));
  if (emails.length) await scrubMail(tx, sql`lower(trim(m.recipient)) = any(${emails}::text[])`);
  await tx.updateTable('petitioners')
    .set({ name: ANONYMISED, email: null, phone: null, address: null, anonymised_at: at })
    .where('id', 'in', petitioners.rows.map((p) => p.id))
    .execute();
  return petitioners.rows.length;
}

/** Mail to a petitioner (never a staff member's own) keeps its kind and delivery facts, not its address or text. */
async function scrubMail(tx: Tx, where: ReturnType<typeof sql>): Promise<void> {
  await sql`
    update mail_outbox m set recipient = ${ANONYMISED.toLowerCase()}, subject = ${ANONYMISED}, body_text = ${ANONYMISED}, body_html = null, last_error = null
    where m.staff_id is null and ${where}
  `.execute(tx);
}
