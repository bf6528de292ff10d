import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { StoredEvent } from '../core/replay.ts';

/**
 * Events of the cases that may have been open at a moment: received by then
 * and not (finally) closed before it. A case closed before `asOf` and never
 * reopened since keeps its old closed_at, so it is safely left out.
 */
export function eventsOfCasesOpenAt(db: Executor, asOf: Date): Promise<Map<string, StoredEvent[]>> {
  return eventsOfCasesOpenBetween(db, asOf, asOf);
}

/** Each case's receipt and first assignment, for cases first assigned in [from, to). */
export async function firstAssignments(db: Executor, from: Date, to: Date) {
  return db
    .selectFrom('case_events as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .select(['e.case_id', 'c.received_at', sql<Date>`min(e.at)`.as('assigned_at')])
    .where('e.type', '=', 'assigned')
    .groupBy(['e.case_id', 'c.received_at'])
    .having(sql<Date>`min(e.at)`, '>=', from)
    .having(sql<Date>`min(e.at)`, '<', to)
    .execute();
}

/** All events of the given cases, in order, grouped per case. */
export async function eventsOf(db: Executor, caseIds: readonly string[]): Promise<Map<string, StoredEvent[]>> {
  const out = new Map<string, StoredEvent[]>();
  for (let i = 0; i < caseIds.length; i += 1000) {
    const rows = await db
      .selectFrom('case_events')
      .select(['case_id', 'type', 'at', 'payload'])
      .where('case_id', 'in', caseIds.slice(i, i + 1000))
      .orderBy('case_id')
      .orderBy('at')
      .orderBy('id')
      .execute();
    for (const [k, v] of groupByCase(rows)) out.set(k, v);
  }
  return out;
}

function groupByCase(rows: { case_id: string; type: string; at: Date; payload: Record<string, unknown> }[]) {
  const byCase = new Map<string, StoredEvent[]>();
  for (const r of rows) {
    let list = byCase.get(r.case_id);
    if (!list) byCase.set(r.case_id, (list = []));
    list.push({ type: r.type, at: r.at, payload: r.payload });
  }
  return byCase;
}

/**
 * Events of every case that may have been open at some moment in [from, to]:
 * received by `to` and not closed before `from` (a case closed exactly at
 * `from` is included, so its closing is counted). Uses the range index.
 */
export async function eventsOfCasesOpenBetween(db: Executor, from: Date, to: Date): Promise<Map<string, StoredEvent[]>> {
  const rows = await db
    .selectFrom('case_events as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .select(['e.case_id', 'e.type', 'e.at', 'e.payload'])
    .where(sql<boolean>`tstzrange(c.received_at, c.closed_at, '[]') && tstzrange(${from}::timestamptz, ${to}::timestamptz, '[]')`)
    .where('e.at', '<=', to)
    .orderBy('e.case_id')
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return groupByCase(rows);
}
