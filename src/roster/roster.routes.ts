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
        + 'A month nobody has generated yet is generated fairly on this first read and stored, up to next month; a month further ahead is answered as computed from '
        + 'the capacity plan as it is now, and not stored. Days from today on follow the current capacity plan and staff list: a generated day whose person is now '
        + 'absent or no longer an active investigator of the domain is generated again, and a day set by hand for such a person is null until it is set again. '
        + '404 for an unknown domain',
      query: ZRosterQuery, response: ZRosterItems,
      handler: ({ query }) => rosterItems(ctx, query.domain, query.month),
    }),
  ];
}
