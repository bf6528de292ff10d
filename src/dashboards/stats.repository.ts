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
