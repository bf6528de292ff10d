import { defineRoute, type AnyRoute } from '../http/route.ts';
import type { AppContext } from '../shared/context.ts';
import { ZRosterItems, ZRosterQuery } from './roster.schema.ts';
import { rosterItems } from './roster.service.ts';

export function rosterRoutes(ctx: AppContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/roster', tag: 'roster', permission: 'roster.read',
      summary: 'The on-call roster of a domain for a month: one item per working day (Monday to Friday minus Dutch public holidays), '
        + 'with the investigator front office may put a caller through to, or null when nobody is available (then a callback request is made). '
        + 'A month nobody has generated yet is generated fairly on this first read; 404 for an unknown domain',
      query: ZRosterQuery, response: ZRosterItems,
      handler: ({ query }) => rosterItems(ctx, query.domain, query.month),
    }),
  ];
}
