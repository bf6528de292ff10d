import { z } from 'zod';
import { defineRoute, listOf } from '../http/route.ts';
import type { AppContext } from '../shared/context.ts';
import { getTray, getTrayCounts, ZTrayCount, ZTrayItem, ZTrayQuery } from './tray.service.ts';

export function trayRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/tray', tag: 'tray', permission: 'cases.read',
      summary: 'Unassigned cases in priority order: urgent, then lanes, then oldest first',
      query: ZTrayQuery, response: listOf(ZTrayItem),
      handler: ({ query, actor }) => getTray(ctx, actor, query),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/tray/counts', tag: 'tray', permission: 'cases.read',
      summary: 'Tray counts per domain, unit and lane',
      response: z.object({ items: z.array(ZTrayCount), unrouted: z.number().int() }),
      handler: () => getTrayCounts(ctx),
    }),
  ];
}
