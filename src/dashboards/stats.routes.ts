import { defineRoute } from '../http/route.ts';
import type { AppContext } from '../shared/context.ts';
import { production, ZProduction, ZProductionQuery } from './production.service.ts';
import {
  flowSeries, stockSeries, trayStats, waitStats, ZFlowQuery, ZFlows, ZStock, ZStockQuery, ZTrayStats, ZTrayStatsQuery, ZWaitStats, ZWaitStatsQuery,
} from './stats.service.ts';

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
      method: 'GET', url: '/api/v1/stats/stock', tag: 'stats', permission: 'dashboards.read',
      summary: 'Per domain: unassigned cases at the start of every Monday in [from, to]',
      query: ZStockQuery, response: ZStock,
      handler: async ({ query }) => ({
        items: (await stockSeries(ctx, query)).flatMap((p) => Object.entries(p.perDomain).map(([domain, unassigned]) => ({ date: p.date, domain, unassigned }))),
      }),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/stats/flows', tag: 'stats', permission: 'dashboards.read',
      summary: 'Per domain and week: inflow (new cases routed), first assignments, closings, net change, routings to the extended unit and overridden suggestions (weeks from the week of from; the week of to up to to)',
      query: ZFlowQuery, response: ZFlows,
      handler: async ({ query }) => ({ items: await flowSeries(ctx, query) }),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/stats/production', tag: 'stats', permission: 'dashboards.read',
      summary: 'Closed cases per investigator per week against the norm of that week times their FTE (from inclusive, to exclusive)',
      query: ZProductionQuery, response: ZProduction,
      handler: ({ query }) => production(ctx, query),
    }),
  ];
}
