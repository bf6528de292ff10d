import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

/** The tray: routed cases waiting for an investigator, in priority order. */
export interface TrayQuery {
  domain?: string;
  unit?: string;
  limit: number;
  after?: { rank: number; receivedAt: Date; id: string };
}

export async function listTray(db: Executor, q: TrayQuery) {
  let query = db
    .selectFrom('cases as c')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .select([
      'c.id', 'c.dossier_number', 'c.received_at', 'c.queued_at', 'c.subject', 'c.domain_id', 'c.unit_id', 'c.tray_rank',
      'c.lane_urgent', 'c.lane_b', 'c.lane_pop', 'c.lane_ob', 'c.version', 'c.keywords', 'a.name as agency_name',
    ])
    .where('c.status', '=', 'queued')
    .orderBy('c.tray_rank')
    .orderBy('c.received_at')
    .orderBy('c.id')
    .limit(q.limit + 1);
  if (q.domain) query = query.where('c.domain_id', '=', q.domain);
  if (q.unit) query = query.where('c.unit_id', '=', q.unit);
  if (q.after) {
    const { rank, receivedAt, id } = q.after;
    query = query.where(sql<boolean>`(c.tray_rank, c.received_at, c.id) > (${rank}, ${receivedAt}, ${id}::uuid)`);
  }
  return query.execute();
}

export async function countTray(db: Executor) {
  return db
    .selectFrom('cases')
    .select((eb) => [
      'domain_id',
      'unit_id',
      eb.fn.countAll<string>().as('total'),
      sql<string>`count(*) filter (where lane_urgent)`.as('urgent'),
      sql<string>`count(*) filter (where lane_b)`.as('b'),
      sql<string>`count(*) filter (where lane_pop)`.as('pop'),
      sql<string>`count(*) filter (where lane_ob)`.as('ob'),
      eb.fn.min('received_at').as('oldest_received_at'),
    ])
    .where('status', '=', 'queued')
    .groupBy(['domain_id', 'unit_id'])
    .execute();
}

export async function countUnrouted(db: Executor) {
  const row = await db
    .selectFrom('cases')
    .select((eb) => [eb.fn.countAll<string>().as('total'), eb.fn.min('received_at').as('oldest')])
    .where('status', '=', 'received')
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), oldest: row.oldest };
}
