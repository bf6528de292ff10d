import { sql } from 'kysely';
import type { Executor, Tx } from '../db/database.ts';
import type { CaseEventRow, CaseRow, CaseTable } from './case.table.ts';
import type { Insertable, Updateable } from 'kysely';

/** All SQL about cases and their events. */

export async function findOrCreateAgency(tx: Executor, name: string): Promise<{ id: number; name: string }> {
  const byName = () =>
    tx.selectFrom('agencies').select(['id', 'name']).where(sql<boolean>`lower(name) = lower(${name})`).executeTakeFirst();
  const known = await byName();
  if (known) return known;
  await tx
    .insertInto('agencies')
    .values({ name })
    .onConflict((oc) => oc.expression(sql`lower(name)`).doNothing())
    .execute();
  return (await byName())!;
}

export async function insertPetitioner(
  tx: Executor,
  p: { name: string; email: string | null; phone: string | null; address: string | null },
): Promise<string> {
  const row = await tx.insertInto('petitioners').values(p).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Dossier numbers come from a sequence (never max()+1): unique and increasing
 * under concurrent intake, never reused, even after a rollback.
 */
export function nextDossierNumber(receivedAt: Date) {
  return sql<string>`${String(receivedAt.getUTCFullYear())} || '.' || lpad(nextval('dossier_number_seq')::text, 6, '0')`;
}

export type NewCase = Omit<Insertable<CaseTable>, 'dossier_number'> & { dossier_number?: string };

export async function insertCase(tx: Executor, values: NewCase): Promise<CaseRow> {
  return tx
    .insertInto('cases')
    .values({ ...values, dossier_number: values.dossier_number ?? nextDossierNumber(values.received_at as Date) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function lockCase(tx: Tx, id: string): Promise<CaseRow | undefined> {
  return tx.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateCase(tx: Tx, id: string, changes: Updateable<CaseTable>): Promise<CaseRow> {
  return tx
    .updateTable('cases')
    .set({ ...changes, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface NewEvent {
  caseId: string;
  type: string;
  at: Date;
  actorId: string | null;
  payload: Record<string, unknown>;
}

export async function insertEvents(tx: Executor, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx
    .insertInto('case_events')
    .values(
      events.map((e) => ({
        case_id: e.caseId, type: e.type, at: e.at, actor_id: e.actorId, payload: JSON.stringify(e.payload),
      })),
    )
    .execute();
}

export async function findCaseWithParties(db: Executor, id: string) {
  return db
    .selectFrom('cases as c')
    .innerJoin('petitioners as p', 'p.id', 'c.petitioner_id')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .selectAll('c')
    .select([
      'p.name as petitioner_name', 'p.email as petitioner_email', 'p.phone as petitioner_phone',
      'p.address as petitioner_address', 'a.name as agency_name',
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export type CaseWithParties = NonNullable<Awaited<ReturnType<typeof findCaseWithParties>>>;

export async function listEvents(db: Executor, caseId: string): Promise<CaseEventRow[]> {
  return db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export async function claimIdempotencyKey(
  tx: Tx,
  key: { scope: string; key: string; requestHash: string },
): Promise<{ claimed: true } | { claimed: false; caseId: string | null; requestHash: string }> {
  // A concurrent request with the same key waits here on the unique index until
  // the first one commits, then sees its row: never two cases for one key.
  const inserted = await tx
    .insertInto('idempotency_keys')
    .values({ scope: key.scope, key: key.key, request_hash: key.requestHash })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return { claimed: true };
  const existing = await tx
    .selectFrom('idempotency_keys')
    .select(['case_id', 'request_hash'])
    .where('scope', '=', key.scope)
    .where('key', '=', key.key)
    .executeTakeFirstOrThrow();
  return { claimed: false, caseId: existing.case_id, requestHash: existing.request_hash };
}

export async function completeIdempotencyKey(tx: Tx, scope: string, key: string, caseId: string): Promise<void> {
  await tx.updateTable('idempotency_keys').set({ case_id: caseId }).where('scope', '=', scope).where('key', '=', key).execute();
}
