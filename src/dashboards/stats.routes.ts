import { defineRoute } from '../http/route.ts';
import type { AppContext } from '../shared/context.ts';
import { production, ZProduction, ZProductionQuery } from './production.service.ts';
import { trayStats, waitStats, ZTrayStats, ZTrayStatsQuery, ZWaitStats, ZWaitStatsQuery } from './stats.service.ts';

/** Dashboard figures as JSON for BI tools, computed from events for any past date. */
export function statsRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/stats/tray', tag: 'stats', permission: 'dashboards.read',
      summary: 'Per domain: unassigned cases, cases with an investigator, and the oldest wait, as of a date (start of that day, UTC; default now)',
      query: ZTrayStatsQuery, response: ZTrayStats,
      handler: ({ query }) => trayStats(ctx, query.asOf),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/stats/waits', tag: 'stats', permission: 'dashboards.read',
      summary: 'Per domain and week of assignment: p50/p80/p95 days from receipt to assignment (from inclusive, to exclusive)',
      query: ZWaitStatsQuery, response: ZWaitStats,
      handler: ({ query }) => waitStats(ctx, query),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/stats/production', tag: 'stats', permission: 'dashboards.read',
      summary: 'Closed cases per investigator per week against the norm of that week times their FTE (from inclusive, to exclusive)',
      query: ZProductionQuery, response: ZProduction,
      handler: ({ query }) => production(ctx, query),
    }),
  ];
}
