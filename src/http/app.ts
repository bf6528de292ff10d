import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can, type Actor } from '../auth/policy.ts';
import { actorForToken } from '../auth/token.service.ts';
import { caseRoutes } from '../cases/case.routes.ts';
import { contactRoutes } from '../contacts/contact.routes.ts';
import { waitingTimeRoutes } from '../public/waiting-times.routes.tsx';
import { statsRoutes } from '../dashboards/stats.routes.ts';
import { organisationRoutes } from '../organisation/organisation.routes.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, ERROR_TITLE, type ErrorCode } from '../shared/errors.ts';
import { LIMITS } from '../shared/limits.ts';
import { routingRoutes } from '../routing/routing.routes.ts';
import { rosterRoutes } from '../roster/roster.routes.ts';
import { trayRoutes } from '../tray/tray.routes.ts';
import { registerAssets } from '../web/assets.ts';
import { ErrorPage } from '../web/layout.tsx';
import { makeWeb, registerPages, sendHtml } from '../web/page.ts';
import { webPages } from '../web/pages.ts';
import { openApiDocument } from './openapi.ts';
import { defineRoute, parseInput, type AnyRoute } from './route.ts';

/** PostgreSQL errors that mean bad input, not a broken server (safety net below the services). */
export const PG_ERRORS: Record<string, ErrorCode> = {
  '23505': 'duplicate',
  '23503': 'unprocessable',
  '23514': 'unprocessable',
  '22P02': 'validation',
  '22021': 'validation',
  '22001': 'validation',
  '22003': 'validation',
  '22007': 'validation',
  '22008': 'validation',
  '40001': 'busy',
  '40P01': 'busy',
};

function sendProblem(reply: FastifyReply, status: number, code: string, detail: string, extra: Record<string, unknown> = {}) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: `urn:grip:problem:${code}`, title: ERROR_TITLE[code as ErrorCode] ?? 'Error', status, detail, ...extra });
}

export function apiRoutes(ctx: AppContext): AnyRoute[] {
  const routes: AnyRoute[] = [
    defineRoute({
      method: 'GET', url: '/api/v1/health', tag: 'system', permission: null, summary: 'Liveness and database check',
      response: z.object({ status: z.literal('ok') }),
      async handler() {
        await ctx.db.selectFrom('units').select('id').limit(1).execute();
        return { status: 'ok' as const };
      },
    }),
    ...caseRoutes(ctx),
    ...trayRoutes(ctx),
    ...organisationRoutes(ctx),
    ...routingRoutes(ctx),
    ...statsRoutes(ctx),
    ...contactRoutes(ctx),
    ...waitingTimeRoutes(ctx),
    ...rosterRoutes(ctx),
  ];
  return routes;
}

/** Pages answer errors as a Dutch (or English) HTML page; the API as problem+json. */
const isPage = (request: FastifyRequest) => !request.url.startsWith('/api/');

/**
 * On every answer (OWASP secure headers): scripts only from Grip itself (htmx
 * is served from /assets), styles from Grip plus the style attributes the
 * pages use, no framing, no referrer to other sites, no sniffing.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': [
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "font-src 'self'",
    "connect-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'self'", "object-src 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

const BROKEN_MULTIPART = /^(Multipart: |Unexpected end of (multipart data|form)|Malformed part header)/;

export const UPLOAD_LIMITS = { fileSize: 10 * 1024 * 1024, files: 5, fields: 60 } as const;

function trustHops(n: number) {
  return (_address: string, hop: number) => hop < n;
}

export async function buildApp(ctx: AppContext, options: { logLevel?: string; demo?: boolean; trustProxy?: boolean | number | string[] } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'warn' },
    bodyLimit: LIMITS.body,
    // A number of proxies: trust that many hops nearest to Grip (proxy-addr's hop index), and no further.
    trustProxy: typeof options.trustProxy === 'number' ? trustHops(options.trustProxy) : (options.trustProxy ?? false),
    // our ids are uuids and our queries are validated by zod
    routerOptions: { maxParamLength: 200 },
    // The router's own refusals (a path with broken %-encoding, a path parameter too long) answer like every other 4xx.
    frameworkErrors: (err, request, reply) => {
      const status = (err as FastifyError).statusCode ?? 400;
      if (isPage(request)) {
        const web = makeWeb(request, null, '', options.demo ?? false);
        return sendHtml(reply, status, ErrorPage(web, status, web.t('Deze pagina bestaat niet.', 'This page does not exist.')));
      }
      return sendProblem(reply, status, 'validation', err.message);
    },
  });
  const routes = apiRoutes(ctx);
  const document = openApiDocument(routes);

  app.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(name)) reply.header(name, value);
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
    // Pages and API answers hold personal data: no cache keeps them (assets set their own caching).
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(multipart, { attachFieldsToBody: true, limits: UPLOAD_LIMITS });
  registerAssets(app);

  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    // A multipart body the parser cannot read (no boundary, cut off) is bad input, not a broken server.
    if (!(err as FastifyError).statusCode && !(err instanceof AppError) && request.isMultipart() && BROKEN_MULTIPART.test(err.message)) {
      (err as FastifyError).statusCode = 400;
    }
    if (isPage(request)) {
      const pg = PG_ERRORS[(err as { code?: string }).code ?? ''];
      const status = err instanceof AppError ? err.status
        : pg ? new AppError(pg, '').status
        : (err as FastifyError).statusCode && (err as FastifyError).statusCode! < 500 ? (err as FastifyError).statusCode! : 500;
      if (status >= 500) request.log.error({ err }, 'unexpected error');
      const web = makeWeb(request, null, '', options.demo ?? false);
      const message = status === 413
        ? web.t('Het bestand of formulier is te groot.', 'The file or form is too large.')
        : pg === 'busy' ? web.t('Het is even te druk; probeer het zo nog eens.', 'It is busy for a moment; please try again.')
        : pg ? web.t('De invoer klopt niet (bijvoorbeeld een teken dat niet is toegestaan).', 'The input is not valid (for example a character that is not allowed).')
        : status >= 500 ? web.t('Er ging aan onze kant iets mis; het is vastgelegd.', 'Something went wrong on our side; it has been logged.') : err.message;
      return sendHtml(reply, status, ErrorPage(web, status, message));
    }
    if (err instanceof AppError) {
      const { errors, ...details } = err.details;
      return sendProblem(reply, err.status, err.code, err.message, { ...(errors ? { errors } : {}), ...details });
    }
    const pgCode = (err as { code?: string }).code;
    if (pgCode && PG_ERRORS[pgCode]) {
      const code = PG_ERRORS[pgCode];
      return sendProblem(reply, new AppError(code, '').status, code, 'The request conflicts with the stored data');
    }
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'validation';
      const detail = status === 400 ? `body: ${err.message}` : err.message;
      return sendProblem(reply, status, code, detail, status === 400 ? { errors: [{ field: 'body', message: err.message }] } : {});
    }
    request.log.error({ err }, 'unexpected error');
    return sendProblem(reply, 500, 'internal', 'Something went wrong on our side; it has been logged');
  });
  app.setNotFoundHandler((request, reply) => {
    if (isPage(request)) {
      const web = makeWeb(request, null, '', options.demo ?? false);
      return sendHtml(reply, 404, ErrorPage(web, 404, web.t('Deze pagina bestaat niet.', 'This page does not exist.')));
    }
    return sendProblem(reply, 404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}`);
  });
  registerPages(app, ctx, webPages(ctx), { demo: options.demo ?? false, errorPage: ErrorPage });

  app.get('/api/v1/openapi.json', async () => document);

  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      handler: async (request, reply) => {
        let actor: Actor | null = null;
        if (route.permission) {
          const header = request.headers.authorization ?? '';
          const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
          const found = token ? await actorForToken(ctx.db, token, ctx.clock()) : null;
          if (!found) {
            reply.header('www-authenticate', 'Bearer');
            throw new AppError('unauthorized', token ? 'The bearer token is unknown, expired or revoked' : 'A bearer token is required');
          }
          actor = found.actor;
          const scope = route.method === 'GET' ? 'read' : 'write';
          if (!found.scopes.includes(scope)) {
            reply.header('www-authenticate', `Bearer error="insufficient_scope", scope="${scope}"`);
            throw new AppError('forbidden', `This token has no ${scope} scope`);
          }
          if (!can(actor, route.permission)) {
            throw new AppError('forbidden', `${actor.login} may not ${route.permission}`);
          }
        }
        const params = route.params ? parseInput(route.params, request.params, 'path') : undefined;
        const query = route.query ? parseInput(route.query, request.query, 'query') : undefined;
        const body = route.body ? parseInput(route.body, request.body, 'body') : undefined;
        const result = await route.handler({ params, query, body, actor: actor as Actor, request, reply });
        reply.code(route.status ?? 200);
        return result;
      },
    });
  }
  return app;
}
