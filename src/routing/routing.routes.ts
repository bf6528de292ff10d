import { defineRoute } from '../http/route.ts';
import type { AppContext } from '../shared/context.ts';
import { routingSummary, ZRoutingSummary, ZRoutingSummaryQuery } from './routing.service.ts';

export function routingRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/routing/summary', tag: 'routing', permission: 'cases.read',
      summary: 'Cases routed per unit and the override rate of the suggested route, for a period (from inclusive, to exclusive)',
      query: ZRoutingSummaryQuery, response: ZRoutingSummary,
      handler: ({ query }) => routingSummary(ctx, query),
    }),
  ];
}
