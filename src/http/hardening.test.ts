import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../auth/token.service.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { LIMITS } from '../shared/limits.ts';

/** What a browser or an API client notices of the hardening: headers, token scopes and expiry, limits, no internals. */
let tdb: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  tdb = await createTestDatabase();
  api = await startTestApi(tdb.ctx);
  await createStaff(tdb.ctx, { roles: ['dispatcher'], login: 'hard-dispatcher' });
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

describe('security headers', () => {
  it('sends a strict content security policy and the other secure headers on pages and API answers', async () => {
    for (const path of ['/inloggen', '/api/v1/health', '/bestaat-niet']) {
      const res = await fetch(api.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    // static assets may be cached
    expect((await fetch(`${api.url}/assets/htmx.min.js`)).headers.get('cache-control')).toContain('max-age');
  });
});

describe('API tokens', () => {
  it('lets a read-only token read and not write, and a write-only token write and not read', async () => {
    const now = tdb.ctx.clock();
    const read = await createToken(tdb.ctx.db, { login: 'hard-dispatcher', scopes: ['read'] }, now);
    const write = await createToken(tdb.ctx.db, { login: 'hard-dispatcher', scopes: ['write'] }, now);
    expect((await api.call('GET', '/api/v1/tray/counts', { token: read.token })).status).toBe(200);
    const refused = await api.call('POST', '/api/v1/cases', { token: read.token, body: complaint() });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="write"');
    expect(refused.body.detail).toBe('This token has no write scope');
    expect((await api.call('POST', '/api/v1/cases', { token: write.token, body: complaint() })).status).toBe(201);
    expect((await api.call('GET', '/api/v1/tray/counts', { token: write.token })).status).toBe(403);
  });

  it('makes every token expire: 90 days by default, at most two years, and an expired one is refused', async () => {
    const made = await createToken(tdb.ctx.db, { login: 'hard-dispatcher' }, new Date('2026-03-02T09:00:00Z'));
    expect(made.expiresAt.toISOString()).toBe('2026-05-31T09:00:00.000Z');
    expect(made.scopes).toEqual(['read', 'write']);
    await expect(createToken(tdb.ctx.db, { login: 'hard-dispatcher', expiresInDays: 731 }, tdb.ctx.clock())).rejects.toThrow('1 to 730 days');
    await expect(createToken(tdb.ctx.db, { login: 'hard-dispatcher', scopes: [] }, tdb.ctx.clock())).rejects.toThrow('needs a scope');
    tdb.setNow('2026-05-31T09:00:00Z');
    const expired = await api.call('GET', '/api/v1/tray/counts', { token: made.token });
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toBe('The bearer token is unknown, expired or revoked');
    tdb.setNow('2026-03-02T09:00:00Z');
  });
});

describe('limits and errors', () => {
  it('refuses a body over the limit with 413, and bad JSON with a 400 that shows no internals', async () => {
    const token = (await createToken(tdb.ctx.db, { login: 'hard-dispatcher' }, tdb.ctx.clock())).token;
    const big = await api.call('POST', '/api/v1/cases', { token, body: JSON.stringify({ x: 'a'.repeat(LIMITS.body + 10) }) });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toContain('application/problem+json');
    const bad = await api.call('POST', '/api/v1/cases', { token, body: '{"petitioner": ' });
    expect(bad.status).toBe(400);
    const text = JSON.stringify(bad.body);
    expect(text).not.toMatch(/node_modules|\.ts:\d+|at [A-Za-z.]+ \(/);
    const page = await fetch(`${api.url}/zaken/${'%ED%A0%80'}`);
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Deze pagina bestaat niet.');
  });
});
