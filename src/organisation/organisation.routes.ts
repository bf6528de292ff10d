import { z } from 'zod';
import { defineRoute, listOf, pageOf, ZListQuery } from '../http/route.ts';
import type { AppContext } from '../shared/context.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import { listDomains, listOutcomes, listStaff, listUnits } from './organisation.repository.ts';

const ZStaffItem = z.object({
  id: z.uuid(),
  login: z.string(),
  name: z.string(),
  unit: z.string(),
  roles: z.array(z.string()),
  domains: z.array(z.string()),
  skills: z.array(z.string()),
  fte: z.number(),
  hoursPerWeek: z.number(),
});

export function organisationRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/domains', tag: 'organisation', permission: 'organisation.read',
      summary: 'The domains', query: ZListQuery, response: listOf(z.object({ id: z.string(), name: z.string() })),
      handler: async ({ query }) => pageOf(await listDomains(ctx.db), (d) => d.id, query),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/units', tag: 'organisation', permission: 'organisation.read',
      summary: 'The organisation units (standard = KB, extended = UKB, front office, research)',
      query: ZListQuery, response: listOf(z.object({ id: z.string(), name: z.string(), shortName: z.string() })),
      handler: async ({ query }) =>
        pageOf((await listUnits(ctx.db)).map((u) => ({ id: u.id, name: u.name, shortName: u.short_name })), (u) => u.id, query),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/outcomes', tag: 'organisation', permission: 'organisation.read',
      summary: 'Outcomes a case can be closed with', query: ZListQuery,
      response: listOf(z.object({ id: z.string(), name: z.string() })),
      handler: async ({ query }) => pageOf(await listOutcomes(ctx.db), (o) => o.id, query),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/staff', tag: 'organisation', permission: 'organisation.read',
      summary: 'Active staff with roles and domains', query: ZListQuery, response: listOf(ZStaffItem),
      async handler({ query }) {
        const afterLogin = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
        const rows = await listStaff(ctx.db, { limit: query.limit, afterLogin });
        const page = rows.slice(0, query.limit);
        const last = page[page.length - 1];
        return {
          items: page.map((s) => ({
            id: s.id, login: s.login, name: s.name, unit: s.unit_id, roles: s.roles, domains: s.domains, skills: s.skills,
            fte: Number(s.fte), hoursPerWeek: Number(s.hours_per_week),
          })),
          nextCursor: rows.length > query.limit && last ? encodeCursor([last.login]) : null,
        };
      },
    }),
  ];
}
