import { sql } from 'kysely';
import { TRAY_RANK } from '../core/lanes.ts';
import type { Actor } from '../auth/policy.ts';
import { readableBy } from '../cases/case.access.ts';
import type { Executor } from '../db/database.ts';

/** The tray: routed cases waiting for an investigator, in priority order. */
export interface TrayQuery {
  domain?: string;
  unit?: string;
  limit: number;
  after?: { rank: number; receivedAt: Date; id: string };
  /** Only the cases this reader may see (subjects can hold personal data). */
  reader?: Actor;
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
  if (q.reader) query = query.where(readableBy(q.reader));
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

// ---- the tray page: filters, sort orders, keyset pages in both directions ----

export type TrayLaneFilter = 'urgent' | 'b' | 'pop' | 'ob' | 'none';
export type TraySort = 'priority' | 'age' | 'agency';

export interface TrayFilter {
  domain: string;
  unit: 'standard' | 'extended';
  lane?: TrayLaneFilter;
  /** Only cases received at or before this moment (a minimum age). */
  receivedBefore?: Date;
  /** Part of the agency's name, any case. */
  agency?: string;
  keyword?: string;
}

/** The sort key of each order, in order; the last column is always the unique id. */
const SORT_KEYS: Record<TraySort, readonly string[]> = {
  priority: ['c.tray_rank', 'c.received_at', 'c.id'],
  age: ['c.received_at', 'c.id'],
  agency: ['a.name', 'c.received_at', 'c.id'],
};

export const sortKeyLength = (sort: TraySort) => SORT_KEYS[sort].length;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

function filtered(db: Executor, f: TrayFilter) {
  let q = db
    .selectFrom('cases as c')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .where('c.status', '=', 'queued')
    .where('c.domain_id', '=', f.domain)
    .where('c.unit_id', '=', f.unit);
  if (f.lane === 'none') q = q.where('c.tray_rank', '=', TRAY_RANK.regular);
  else if (f.lane) q = q.where(`c.lane_${f.lane}`, '=', true);
  if (f.receivedBefore) q = q.where('c.received_at', '<=', f.receivedBefore);
  if (f.agency) q = q.where('a.name', 'ilike', `%${escapeLike(f.agency)}%`);
  if (f.keyword) q = q.where(sql<boolean>`${f.keyword} = any(c.keywords)`);
  return q;
}

/**
 * One page of the filtered tray. `after` and `before` are the sort key of the
 * last (or first) case of the page the person comes from; going back reads in
 * reverse order and turns the result around. Answers up to limit + 1 rows, so
 * the caller can tell whether there is another page.
 */
export async function listTrayPage(
  db: Executor,
  f: TrayFilter,
  page: { sort: TraySort; limit: number; after?: readonly (string | number)[]; before?: readonly (string | number)[] },
) {
  const keys = SORT_KEYS[page.sort];
  const backwards = page.before !== undefined;
  const direction = backwards ? 'desc' : 'asc';
  let q = filtered(db, f).select([
    'c.id', 'c.dossier_number', 'c.received_at', 'c.subject', 'c.tray_rank', 'c.lane_urgent', 'c.lane_b', 'c.lane_pop',
    'c.lane_ob', 'c.version', 'c.keywords', 'a.name as agency_name',
  ]);
  for (const key of keys) q = q.orderBy(sql.ref(key), direction);
  const from = page.before ?? page.after;
  if (from) {
    const values = keys.map((key, i) => (key === 'c.id' ? sql`${from[i]}::uuid` : key === 'c.received_at' ? sql`${from[i]}::timestamptz` : sql`${from[i]}`));
    const columns = sql.join(keys.map((k) => sql.ref(k)));
    q = q.where(backwards ? sql<boolean>`(${columns}) < (${sql.join(values)})` : sql<boolean>`(${columns}) > (${sql.join(values)})`);
  }
  const rows = await q.limit(page.limit + 1).execute();
  return backwards ? rows.reverse() : rows;
}

export async function countTrayMatching(db: Executor, f: TrayFilter): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Counts of one domain's tray in one unit, per lane, and its oldest case. */
export async function countTrayOf(db: Executor, domain: string, unit: string) {
  const row = await db
    .selectFrom('cases')
    .select((eb) => [
      eb.fn.countAll<string>().as('total'),
      sql<string>`count(*) filter (where lane_urgent)`.as('urgent'),
      sql<string>`count(*) filter (where lane_b)`.as('b'),
      sql<string>`count(*) filter (where lane_pop)`.as('pop'),
      sql<string>`count(*) filter (where lane_ob)`.as('ob'),
      sql<string>`count(*) filter (where tray_rank = ${TRAY_RANK.regular})`.as('none'),
      eb.fn.min('received_at').as('oldest_received_at'),
    ])
    .where('status', '=', 'queued')
    .where('domain_id', '=', domain)
    .where('unit_id', '=', unit)
    .executeTakeFirstOrThrow();
  return row;
}

/** Per domain and unit: the tray cases received before `cutoff` (waiting longer than the target). */
export async function countTrayOlderThan(db: Executor, cutoff: Date) {
  return db
    .selectFrom('cases')
    .select((eb) => ['domain_id', 'unit_id', eb.fn.countAll<string>().as('total')])
    .where('status', '=', 'queued')
    .where('received_at', '<', cutoff)
    .groupBy(['domain_id', 'unit_id'])
    .execute();
}

/** The active investigators of a domain and unit, with their current load (cases assigned or in progress). */
export async function listInvestigatorLoads(db: Executor, domain: string, unit: string) {
  return db
    .selectFrom('staff as s')
    .leftJoin('cases as c', (join) => join.onRef('c.investigator_id', '=', 's.id').on('c.status', 'in', ['assigned', 'in_progress']))
    .select((eb) => ['s.id', 's.name', 's.fte', 's.skills', eb.fn.count<string>('c.id').as('load')])
    .where('s.active', '=', true)
    .where(sql<boolean>`'investigator' = any(s.roles)`)
    .where(sql<boolean>`${domain} = any(s.domains)`)
    .where('s.unit_id', '=', unit)
    .groupBy(['s.id', 's.name', 's.fte', 's.skills'])
    .orderBy('s.name')
    .execute();
}

export async function listSkillNames(db: Executor) {
  return db.selectFrom('skills').select(['id', 'name']).execute();
}

/** The current version, status and lanes of some cases (to report per case what a bulk action found). */
export async function findCaseStates(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('cases')
    .select(['id', 'dossier_number', 'version', 'status', 'lane_urgent', 'lane_b', 'lane_pop', 'lane_ob'])
    .where('id', 'in', ids)
    .execute();
}
