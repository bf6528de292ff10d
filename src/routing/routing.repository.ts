import type { Executor } from '../db/database.ts';
import type { RoutingRule } from '../core/routing.ts';

export async function listActiveRules(db: Executor): Promise<RoutingRule[]> {
  const rows = await db.selectFrom('routing_rules').selectAll().where('active', '=', true).orderBy('position').execute();
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    name: r.name,
    agencyId: r.agency_id,
    keywordId: r.keyword_id,
    channel: r.channel,
    complex: r.complex,
    domainId: r.domain_id,
    unitId: r.unit_id,
  }));
}
