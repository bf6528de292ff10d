import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

/** Clusters in SQL: the open complaints to compare, the clusters and their members. */

/** Complaints waiting in a tray and in no cluster: what suggestions are made from. */
export async function unclusteredWaiting(db: Executor) {
  return db
    .selectFrom('cases as c')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .select(['c.id', 'c.dossier_number', 'c.subject', 'c.description', 'c.domain_id', 'c.received_at', 'a.name as agency'])
    .where('c.status', '=', 'queued')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('cluster_cases as cc').select('cc.case_id').whereRef('cc.case_id', '=', 'c.id'))))
    .orderBy('c.received_at').orderBy('c.id')
    .execute();
}

export async function listClusters(db: Executor, options: { open?: boolean; id?: string } = {}) {
  let q = db
    .selectFrom('clusters as k')
    .innerJoin('agencies as a', 'a.id', 'k.agency_id')
    .leftJoin('staff as h', 'h.id', 'k.handler_id')
    .select((eb) => [
      'k.id', 'k.title', 'k.agency_id', 'a.name as agency', 'k.handler_id', 'h.name as handler', 'k.created_at', 'k.closed_at',
      eb.selectFrom('cluster_cases as cc').select(eb.fn.countAll<string>().as('n')).whereRef('cc.cluster_id', '=', 'k.id').as('members'),
      // the domains of its complaints, to show a cluster only to who acts in them
      eb.selectFrom('cluster_cases as cc').innerJoin('cases as c', 'c.id', 'cc.case_id')
        .select(sql<string[]>`coalesce(array_agg(distinct c.domain_id) filter (where c.domain_id is not null), '{}')`.as('d'))
        .whereRef('cc.cluster_id', '=', 'k.id').as('domains'),
    ]);
  if (options.open) q = q.where('k.closed_at', 'is', null);
  if (options.id) q = q.where('k.id', '=', options.id);
  return q.orderBy('k.created_at', 'desc').orderBy('k.id').execute();
}

export async function findCluster(db: Executor, id: string) {
  return (await listClusters(db, { id }))[0];
}

/** The state of one case as a cluster needs it. */
export async function caseState(db: Executor, caseId: string) {
  return db.selectFrom('cases').select(['status', 'unit_id', 'domain_id', 'investigator_id']).where('id', '=', caseId).executeTakeFirstOrThrow();
}

/** The cases with these ids, as joining a cluster needs them. */
export async function casesToJoin(db: Executor, caseIds: readonly string[]) {
  return db.selectFrom('cases').select(['id', 'dossier_number', 'status', 'domain_id', 'agency_id']).where('id', 'in', caseIds).execute();
}

/** Takes a complaint out of its cluster; answers whether it was in this one. */
export async function deleteMember(db: Executor, clusterId: string, caseId: string): Promise<boolean> {
  const r = await db.deleteFrom('cluster_cases').where('cluster_id', '=', clusterId).where('case_id', '=', caseId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** A cluster's complaints with their petitioner, oldest first. */
export async function clusterMembers(db: Executor, clusterId: string) {
  return db
    .selectFrom('cluster_cases as cc')
    .innerJoin('cases as c', 'c.id', 'cc.case_id')
    .innerJoin('petitioners as p', 'p.id', 'c.petitioner_id')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .select([
      'c.id', 'c.dossier_number', 'c.subject', 'c.description', 'c.status', 'c.domain_id', 'c.unit_id', 'c.investigator_id', 'c.received_at',
      'p.name', 'p.email', 'p.address', 'a.name as agency', 'cc.added_at',
    ])
    .where('cc.cluster_id', '=', clusterId)
    .orderBy('c.received_at').orderBy('c.id')
    .execute();
}

export async function insertCluster(db: Executor, v: { title: string; agencyId: number; createdBy: string; at: Date }): Promise<string> {
  const row = await db.insertInto('clusters')
    .values({ title: v.title, agency_id: v.agencyId, created_by: v.createdBy, created_at: v.at })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Adds complaints to a cluster; answers those that were in another cluster already (none added then: the caller rolls back). */
export async function insertMembers(db: Executor, clusterId: string, caseIds: readonly string[], by: string, at: Date): Promise<string[]> {
  const rows = await db.insertInto('cluster_cases')
    .values(caseIds.map((id) => ({ case_id: id, cluster_id: clusterId, added_by: by, added_at: at })))
    .onConflict((oc) => oc.column('case_id').doNothing())
    .returning('case_id').execute();
  const added = new Set(rows.map((r) => r.case_id));
  return caseIds.filter((id) => !added.has(id));
}

export async function setHandler(db: Executor, clusterId: string, handlerId: string): Promise<void> {
  await db.updateTable('clusters').set({ handler_id: handlerId }).where('id', '=', clusterId).execute();
}

export async function markClosed(db: Executor, clusterId: string, at: Date): Promise<void> {
  await db.updateTable('clusters').set({ closed_at: at }).where('id', '=', clusterId).execute();
}

/** Active investigators who work in every one of these domains: who may handle a cluster of them. */
export async function investigatorsFor(db: Executor, domains: readonly string[]) {
  let q = db.selectFrom('staff').select(['id', 'name', 'unit_id']).where('active', '=', true).where(sql<boolean>`'investigator' = any(roles)`);
  if (domains.length) q = q.where(sql<boolean>`domains @> array[${sql.join(domains)}]::text[]`);
  return q.orderBy('name').execute();
}
