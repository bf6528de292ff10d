import { sql } from 'kysely';
import { z } from 'zod';
import { ZMoment } from '../cases/case.schema.ts';
import type { AppContext } from '../shared/context.ts';

/**
 * How routing went, from the `routed` events (events are the truth): how many
 * cases went to each unit, and how often the dispatcher overrode the route the
 * rules suggested.
 */
export const ZRoutingSummaryQuery = z.strictObject({ from: ZMoment.optional(), to: ZMoment.optional() });
export type RoutingSummaryQuery = z.output<typeof ZRoutingSummaryQuery>;

export const ZRoutingSummary = z.object({
  routed: z.number().int(),
  perUnit: z.record(z.string(), z.number().int()),
  overridden: z.number().int(),
  overrideRate: z.number().nullable(),
});
export type RoutingSummary = z.output<typeof ZRoutingSummary>;

export async function routingSummary(ctx: AppContext, q: RoutingSummaryQuery): Promise<RoutingSummary> {
  let query = ctx.db
    .selectFrom('case_events')
    .select([
      sql<string>`payload->>'unitId'`.as('unit'),
      sql<string>`count(*)`.as('routed'),
      sql<string>`count(*) filter (where (payload->>'overridden')::boolean)`.as('overridden'),
    ])
    .where('type', '=', 'routed')
    .groupBy(sql`payload->>'unitId'`);
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<', q.to);
  const rows = await query.execute();
  const routed = rows.reduce((n, r) => n + Number(r.routed), 0);
  const overridden = rows.reduce((n, r) => n + Number(r.overridden), 0);
  return {
    routed,
    perUnit: Object.fromEntries(rows.map((r) => [r.unit, Number(r.routed)])),
    overridden,
    overrideRate: routed ? overridden / routed : null,
  };
}
