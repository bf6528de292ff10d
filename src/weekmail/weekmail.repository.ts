import { sql } from 'kysely';
import type { Db, Executor } from '../db/database.ts';
import type { CaseStatus } from '../core/lifecycle.ts';
import type { CaseInProgress } from './weekmail.compose.tsx';
import type { WeekmailRunRow } from './weekmail.table.ts';

/** What the weekly overview reads, and the once-per-week record. */

/** Active staff who get an overview: investigators and coordinators. */
export async function listWeekmailStaff(db: Db) {
  return db
    .selectFrom('staff')
    .select(['id', 'login', 'name', 'email', 'roles', 'domains'])
    .where('active', '=', true)
    .where(sql<boolean>`roles && array['investigator', 'coordinator']::text[]`)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Every case with an investigator (assigned or in progress), with its latest event. */
export async function listCasesInProgress(db: Db): Promise<CaseInProgress[]> {
  const rows = await db
    .selectFrom('cases as c')
    .innerJoin('staff as s', 's.id', 'c.investigator_id')
    .leftJoinLateral(
      (eb) => eb.selectFrom('case_events as e').select(['e.type', 'e.at']).whereRef('e.case_id', '=', 'c.id').orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(1).as('le'),
      (join) => join.onTrue(),
    )
    .select(['c.id', 'c.dossier_number', 'c.status', 'c.received_at', 'c.investigator_id', 's.name as investigator_name', 'c.domain_id', 'le.type as last_type', 'le.at as last_at'])
    .where('c.status', 'in', ['assigned', 'in_progress'])
    .orderBy('c.dossier_number')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    dossierNumber: r.dossier_number,
    status: r.status as CaseStatus,
    receivedAt: r.received_at,
    investigatorId: r.investigator_id!,
    investigatorName: r.investigator_name,
    domainId: r.domain_id,
    lastEvent: r.last_type && r.last_at ? { type: r.last_type, at: r.last_at } : null,
  }));
}

export async function findWeekmailRun(db: Executor, week: string): Promise<WeekmailRunRow | undefined> {
  return db.selectFrom('weekmail_runs').selectAll().where('week', '=', week).executeTakeFirst();
}

/**
 * Claims the week: the first to insert it produces the overviews; a second
 * node doing the same waits on the key until the first commits, then finds it
 * taken. Answers false when the week was produced already.
 */
export async function claimWeekmailRun(db: Executor, week: string, at: Date): Promise<boolean> {
  const row = await db
    .insertInto('weekmail_runs')
    .values({ week, produced_at: at, queued: 0, skipped: [] })
    .onConflict((oc) => oc.column('week').doNothing())
    .returning('week')
    .executeTakeFirst();
  return row !== undefined;
}

export async function finishWeekmailRun(db: Executor, week: string, queued: number, skipped: string[], failed: string[]): Promise<void> {
  await db.updateTable('weekmail_runs').set({ queued, skipped, failed }).where('week', '=', week).execute();
}

export async function listWeekmailRuns(db: Db, limit: number): Promise<WeekmailRunRow[]> {
  return db.selectFrom('weekmail_runs').selectAll().orderBy('week', 'desc').limit(limit).execute();
}
