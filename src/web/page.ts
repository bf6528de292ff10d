import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { can, type Actor, type Permission } from '../auth/policy.ts';
import { csrfMatches, sessionFor } from '../auth/session.service.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';

/**
 * Server-rendered pages. Each page names the permission it needs; the page is
 * refused (403), not merely hidden, when the person lacks it. Every POST must
 * carry the session's CSRF token. Texts come in Dutch and English side by side.
 */
export type Lang = 'nl' | 'en';
export const SESSION_COOKIE = 'grip_session';
export const LANG_COOKIE = 'grip_lang';

export interface Web {
  actor: Actor | null;
  csrf: string;
  lang: Lang;
  demo: boolean;
  /** The path and query of this request, to come back to. */
  path: string;
  t(nl: string, en: string): string;
}

export interface PageContext {
  web: Web;
  /** The actor of a page that needs one. */
  actor: Actor;
  request: FastifyRequest;
  reply: FastifyReply;
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  /** Form fields (urlencoded or multipart text fields). */
  form: Record<string, string | string[]>;
}

/** A page, a redirect, a page with another status, an answer the handler sent itself (a download), or a fragment for htmx. */
export type PageResult = VNode | { redirect: string } | { status: number; body: VNode } | { sent: true } | { fragment: VNode };

export interface PageDef {
  method: 'GET' | 'POST';
  url: string;
  permission: Permission | 'any' | null;
  /**
   * This page's own upload options for @fastify/multipart (merged over the app's). The public form sets
   * `throwFileSizeLimit: false` so an oversized file comes back as a message in the form, not as an error page.
   */
  multipart?: Record<string, unknown>;
  handler(ctx: PageContext): Promise<PageResult> | PageResult;
}

export const definePage = (def: PageDef): PageDef => def;

/** Route parameters named `id` or `...Id` are uuids; anything else is a page that does not exist. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function makeWeb(request: FastifyRequest, actor: Actor | null, csrf: string, demo: boolean): Web {
  const cookie = request.cookies?.[LANG_COOKIE];
  const lang: Lang = cookie === 'en' ? 'en' : 'nl';
  return { actor, csrf, lang, demo, path: request.url, t: (nl, en) => (lang === 'en' ? en : nl) };
}

export function sendHtml(reply: FastifyReply, status: number, node: VNode): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(`<!doctype html>${render(node)}`);
}

export function registerPages(
  app: FastifyInstance,
  ctx: AppContext,
  pages: readonly PageDef[],
  options: { demo: boolean; errorPage: (web: Web, status: number, message: string) => VNode },
): void {
  for (const page of pages) {
    app.route({
      method: page.method,
      url: page.url,
      ...(page.multipart ? { config: { multipartOptions: page.multipart } } : {}),
      handler: async (request, reply) => {
        const sessionId = request.cookies?.[SESSION_COOKIE];
        const session = sessionId ? await sessionFor(ctx.db, sessionId, ctx.clock()) : null;
        const web = makeWeb(request, session?.actor ?? null, session?.csrfToken ?? '', options.demo);
        if (page.permission !== null) {
          if (!session) return reply.redirect(`/inloggen?terug=${encodeURIComponent(request.url)}`);
          if (page.permission !== 'any' && !can(session.actor, page.permission)) {
            return sendHtml(reply, 403, options.errorPage(web, 403, web.t('U hebt geen toegang tot deze pagina of handeling.', 'You do not have access to this page or action.')));
          }
        }
        const form = formFields(request.body);
        if (page.method === 'POST' && page.permission !== null) {
          const given = form._csrf ?? request.headers['x-csrf-token'];
          if (!session || !csrfMatches(session.csrfToken, given)) {
            return sendHtml(reply, 403, options.errorPage(web, 403, web.t(
              'Het formulier is verlopen of niet door Grip gemaakt. Ga terug, laad de pagina opnieuw en probeer het nog eens.',
              'The form has expired or was not made by Grip. Go back, reload the page and try again.',
            )));
          }
        }
        const ids = Object.entries((request.params ?? {}) as Record<string, string>).filter(([k]) => k === 'id' || k.endsWith('Id'));
        if (ids.some(([, v]) => !UUID.test(v))) {
          return sendHtml(reply, 404, options.errorPage(web, 404, web.t('Deze pagina bestaat niet.', 'This page does not exist.')));
        }
        try {
          const result = await page.handler({
            web,
            actor: session?.actor as Actor,
            request,
            reply,
            params: (request.params ?? {}) as Record<string, string>,
            query: (request.query ?? {}) as Record<string, string | string[] | undefined>,
            form,
          });
          if ('sent' in result) return reply;
          // A piece of a page for htmx to swap in: no document around it.
          if ('fragment' in result) return reply.type('text/html; charset=utf-8').send(render(result.fragment));
          if ('redirect' in result) return reply.redirect(result.redirect, 303);
          if ('status' in result && 'body' in result) return sendHtml(reply, result.status, result.body);
          return sendHtml(reply, 200, result);
        } catch (err) {
          if (err instanceof AppError && err.code === 'forbidden' && err.details.caseId !== undefined) {
            // The policy's refusals of a case (another domain's, a colleague's): one Dutch message, no internals.
            return sendHtml(reply, 403, options.errorPage(web, 403, web.t(
              'U hebt geen toegang tot dit dossier of deze handeling: het hoort niet bij uw domeinen of zaken.',
              'You do not have access to this case or action: it is not in your domains or cases.',
            )));
          }
          if (err instanceof AppError) return sendHtml(reply, err.status, options.errorPage(web, err.status, err.message));
          throw err;
        }
      },
    });
  }
}

function formFields(body: unknown): Record<string, string | string[]> {
  if (!body || typeof body !== 'object') return {};
  const out: Record<string, string | string[]> = {};
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    // multipart fields arrive as {type: 'field', value}; files are read by the page itself
    const unwrap = (v: unknown) => (v && typeof v === 'object' && (v as { type?: string }).type === 'field' ? (v as { value: unknown }).value : v);
    const value = Array.isArray(raw) ? raw.map(unwrap) : unwrap(raw);
    if (typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))) out[key] = value as string | string[];
  }
  return out;
}

/** A form value as one string ('' when absent). */
export const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
/** A form value as a list. */
export const many = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
