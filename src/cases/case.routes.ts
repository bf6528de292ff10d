import { z } from 'zod';
import { defineRoute, ZIdParams } from '../http/route.ts';
import type { AppContext } from '../shared/context.ts';
import { LIMITS } from '../shared/limits.ts';
import { AppError, invalidField } from '../shared/errors.ts';
import {
  ZAftercare, ZAssignCase, ZBulkAssign, ZBulkMove, ZCaseView, ZCloseCase, ZRecordFirstContact, ZRegisterCase, ZReopenCase,
  ZRouteCase, ZSetLanes, ZTransferCase,
} from './case.schema.ts';
import { readCase, registerCase } from './case.service.ts';
import {
  addAftercare, assignCase, bulkAssign, bulkMove, closeCase, recordFirstContact, reopenCase, routeCase, setLanes,
  transferCase,
} from './case.transitions.ts';

const ZCaseList = z.object({ items: z.array(ZCaseView) });

export function caseRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'POST', url: '/api/v1/cases', tag: 'cases', permission: 'cases.register', status: 201,
      summary: 'Register a written complaint (honours an Idempotency-Key header)',
      body: ZRegisterCase, response: ZCaseView,
      async handler({ body, actor, request, reply }) {
        const key = request.headers['idempotency-key'];
        if (Array.isArray(key) || (key !== undefined && (key.length === 0 || key.length > LIMITS.idempotencyKey))) {
          throw invalidField('header.idempotency-key', `must be 1 to ${LIMITS.idempotencyKey} characters`);
        }
        const result = await registerCase(ctx, actor, body, { idempotencyKey: key });
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        reply.header('location', `/api/v1/cases/${result.case.id}`);
        return result.case;
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/cases/:id', tag: 'cases', permission: 'cases.read',
      summary: 'A case with its events', params: ZIdParams, response: ZCaseView,
      handler: ({ params, actor, request }) => readCase(ctx, actor, params.id, { route: request.url }),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/cases/:id/route', tag: 'cases', permission: 'cases.route',
      summary: 'Route to a domain and unit (without them: confirm the suggestion)',
      params: ZIdParams, body: ZRouteCase, response: ZCaseView,
      handler: ({ params, body, actor }) => routeCase(ctx, actor, params.id, body),
    }),
    defineRoute({
      method: 'PATCH', url: '/api/v1/cases/:id/lanes', tag: 'cases', permission: 'cases.lanes',
      summary: 'Set or clear lane markers (urgent, B, POP, OB candidate)',
      params: ZIdParams, body: ZSetLanes, response: ZCaseView,
      handler: ({ params, body, actor }) => setLanes(ctx, actor, params.id, body),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/cases/:id/assign', tag: 'cases', permission: 'cases.assign',
      summary: 'Assign to an investigator with a directional proposal (optimistic concurrency on version)',
      params: ZIdParams, body: ZAssignCase, response: ZCaseView,
      handler: ({ params, body, actor }) => assignCase(ctx, actor, params.id, body),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/cases/:id/first-contact', tag: 'cases', permission: 'cases.handle',
      summary: 'Record the first contact with the petitioner',
      params: ZIdParams, body: ZRecordFirstContact, response: ZCaseView,
      handler: ({ params, body, actor }) => recordFirstContact(ctx, actor, params.id, body ?? {}),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/cases/:id/close', tag: 'cases', permission: 'cases.handle',
      summary: 'Close with an outcome', params: ZIdParams, body: ZCloseCase, response: ZCaseView,
      handler: ({ params, body, actor }) => closeCase(ctx, actor, params.id, body),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/cases/:id/transfer', tag: 'cases', permission: 'cases.transfer',
      summary: 'Transfer to another unit (KB <-> UKB, research) or domain, with a reason',
      params: ZIdParams, body: ZTransferCase, response: ZCaseView,
      handler: ({ params, body, actor }) => transferCase(ctx, actor, params.id, body),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/cases/:id/aftercare', tag: 'cases', permission: 'cases.handle',
      summary: 'Aftercare on a closed dossier (an event on the same dossier)',
      params: ZIdParams, body: ZAftercare, response: ZCaseView,
      handler: ({ params, body, actor }) => addAftercare(ctx, actor, params.id, body),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/cases/:id/reopen', tag: 'cases', permission: 'cases.handle',
      summary: 'Reopen a closed case, with a reason', params: ZIdParams, body: ZReopenCase, response: ZCaseView,
      handler: ({ params, body, actor }) => reopenCase(ctx, actor, params.id, body),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/cases/bulk/assign', tag: 'cases', permission: 'cases.assign',
      summary: 'Assign many cases to one investigator: all or none', body: ZBulkAssign, response: ZCaseList,
      handler: async ({ body, actor }) => ({ items: await bulkAssign(ctx, actor, body) }),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/cases/bulk/move', tag: 'cases', permission: 'cases.move',
      summary: 'Move running cases to another unit or domain (a reorganisation): all or none',
      body: ZBulkMove, response: ZCaseList,
      handler: async ({ body, actor }) => ({ items: await bulkMove(ctx, actor, body) }),
    }),
  ];
}
