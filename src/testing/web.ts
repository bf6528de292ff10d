import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../shared/context.ts';
import type { TestApi } from './api.ts';

/**
 * A logged-in browser for page tests without a browser: a session row made
 * directly, and a client that sends its cookie (and, on POST, its CSRF token
 * as the `_csrf` form field).
 */
export interface PageClient {
  csrf: string;
  /** The Cookie header of this session. */
  cookie: string;
  get(path: string): Promise<{ status: number; html: string; location: string | null }>;
  post(path: string, fields: Record<string, string | string[]>, options?: { csrf?: string | null }): Promise<{ status: number; html: string; location: string | null }>;
}

export async function pageClient(api: TestApi, ctx: AppContext, staffId: string): Promise<PageClient> {
  const sessionId = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  await ctx.db
    .insertInto('sessions')
    .values({ id_hash: createHash('sha256').update(sessionId).digest('hex'), staff_id: staffId, csrf_token: csrf, expires_at: new Date(Date.now() + 3_600_000) })
    .execute();
  const cookie = `grip_session=${sessionId}`;
  const send = async (method: string, path: string, body?: URLSearchParams) => {
    const res = await fetch(api.url + path, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body,
      redirect: 'manual',
    });
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  };
  return {
    csrf,
    cookie,
    get: (path) => send('GET', path),
    post(path, fields, options = {}) {
      const body = new URLSearchParams();
      const token = options.csrf === undefined ? csrf : options.csrf;
      if (token !== null) body.append('_csrf', token);
      for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
      return send('POST', path, body);
    },
  };
}
