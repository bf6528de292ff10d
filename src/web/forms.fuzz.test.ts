import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password.ts';
import { buildApp } from '../http/app.ts';
import { checkInvariants } from '../resilience/invariants.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { createStaff } from '../testing/factories.ts';
import {
  describeRequest, encodeAny, FUZZ_RUNS, FUZZ_SEED, garbageParam, multipartBody, nastyString, openFinding,
  paramNames, seedForFuzz, selected, urlencoded, urlPattern, type FuzzSeed,
} from '../testing/fuzz.ts';
import { formsIn, linksIn, type FormField, type FoundForm } from '../testing/forms.ts';
import { invalidRows } from '../testing/fuzz.rows.ts';
import { webPages } from './pages.ts';
import type { PageDef } from './page.ts';

/**
 * Property: whatever an administrator (every permission, a valid CSRF token)
 * posts to any form — the page's own fields with real values, spoilt,
 * missing, repeated, very long, or extra fields; urlencoded and multipart —
 * the answer is never a 5xx (a Dutch 4xx page or a redirect), and afterwards
 * the database holds no invalid rows. The forms are found at run time: every
 * page reachable from the GET pages is read, and each `<form method=post>` is
 * matched to its POST page by URL pattern, so a new form is fuzzed unasked.
 */
const PAGES = webPages({ db: null as never, clock: () => new Date() });
const POSTS = PAGES.filter((p) => p.method === 'POST');
/** A sanity floor: there were 64 POST pages when this test was written. */
const MIN_POST_PAGES = 60;
/** Pages read per GET url pattern with parameters, when crawling for forms. */
const CRAWL_PER_PATTERN = 6;
const PASSWORD = 'fuzz-wachtwoord-2026';

let tdb: TestDatabase;
let app: FastifyInstance;
let adminId: string;
let adminLogin: string;
let seed: FuzzSeed;
let session = '';
let csrf = '';
let relogins = 0;
const forms: FoundForm[] = [];
const crawled = new Map<string, number>();

const cookieOf = (res: { cookies: { name: string; value: string }[] }, name: string) => res.cookies.find((c) => c.name === name)?.value;

/** Logs in through the real log-in form: its CSRF cookie and field, then the session cookie. */
async function login(): Promise<void> {
  // each log-in from an address of its own: the fuzzed log-in attempts must not throttle ours
  const remoteAddress = `10.99.${Math.floor(relogins / 250)}.${(relogins % 250) + 1}`;
  const page = await app.inject({ method: 'GET', url: '/inloggen', remoteAddress });
  const loginCsrf = cookieOf(page, 'grip_login_csrf');
  const field = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!loginCsrf || !field) throw new Error('the log-in page has no CSRF token');
  const res = await app.inject({
    method: 'POST', url: '/inloggen', cookies: { grip_login_csrf: loginCsrf }, remoteAddress,
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: urlencoded({ _csrf: field, login: adminLogin, password: PASSWORD, terug: '/' }),
  });
  const id = cookieOf(res, 'grip_session');
  if (res.statusCode !== 303 || !id) throw new Error(`log-in failed: ${res.statusCode} ${res.body.replace(/\s+/g, ' ').slice(0, 300)}`);
  session = id;
  const start = await app.inject({ method: 'GET', url: '/beheer', cookies: { grip_session: session } });
  const token = /name="_csrf" value="([^"]+)"/.exec(start.body)?.[1];
  if (!token) throw new Error('no session CSRF token on /beheer');
  csrf = token;
}

const get = (url: string) => app.inject({ method: 'GET', url, cookies: { grip_session: session } });

/** Reads every page reachable from the GET pages without parameters (and a few with), collecting forms. */
async function crawl(): Promise<void> {
  // The public pages as a visitor sees them (the log-in form, the complaint form), with the cookies they set.
  for (const p of PAGES.filter((x) => x.method === 'GET' && x.permission === null && paramNames(x.url).length === 0 && x.url !== '/taal')) {
    const res = await app.inject({ method: 'GET', url: p.url });
    crawled.set(`${p.url} (anonymous)`, res.statusCode);
    const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
    if (String(res.headers['content-type'] ?? '').startsWith('text/html')) forms.push(...formsIn(res.body, p.url).map((f) => ({ ...f, cookies })));
  }
  const gets = PAGES.filter((p) => p.method === 'GET' && p.url !== '/taal');
  const patterns = gets.map((p) => ({ page: p, re: urlPattern(p.url), seen: 0 }));
  const queue = gets.filter((p) => paramNames(p.url).length === 0).map((p) => p.url);
  const visited = new Set<string>();
  while (queue.length) {
    const url = queue.shift()!;
    if (visited.has(url)) continue;
    visited.add(url);
    const res = await get(url);
    crawled.set(url, res.statusCode);
    if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
    forms.push(...formsIn(res.body, url.split('?')[0]!));
    for (const link of linksIn(res.body)) {
      const path = link.split('#')[0]!.split('?')[0]!;
      if (visited.has(path) || queue.includes(path)) continue;
      const p = patterns.find((x) => paramNames(x.page.url).length > 0 && x.re.test(path));
      if (p && p.seen < CRAWL_PER_PATTERN && !path.includes(adminId)) {
        p.seen += 1;
        queue.push(path);
      }
    }
  }
}

/** The POST page a form posts to: the most specific pattern (fewest parameters) that matches its action. */
function pageOfAction(action: string): PageDef | undefined {
  const path = action.split('?')[0]!;
  return POSTS.filter((p) => urlPattern(p.url).test(path)).sort((a, b) => paramNames(a.url).length - paramNames(b.url).length)[0];
}

const LONG = 'x'.repeat(900_000);

/** A value the form itself would send: one it offers, or a plausible one for its input type. */
function cleanValue(field: FormField, words: readonly string[]): fc.Arbitrary<string> {
  const offered = field.values.filter((v) => v !== '');
  if (offered.length) return fc.constantFrom(...offered);
  switch (field.type) {
    case 'date': return fc.date({ min: new Date('2025-09-01'), max: new Date('2026-03-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'month': return fc.constantFrom('2026-03', '2026-04');
    case 'time': return fc.constantFrom('09:00', '13:30');
    case 'number': return fc.integer({ min: 1, max: 40 }).map(String);
    case 'email': return fc.constantFrom('jan@example.nl', 'info@gemeente.nl');
    case 'tel': return fc.constant('0612345678');
    default: return fc.oneof(fc.constantFrom('Geen reactie op mijn bezwaar', 'Jan de Vries', 'Belastingdienst'), fc.constantFrom(...words));
  }
}

function valueFor(field: FormField, words: readonly string[]): fc.Arbitrary<string | string[] | undefined> {
  const real = cleanValue(field, words);
  return fc.oneof(
    { weight: 6, arbitrary: real },
    { weight: 3, arbitrary: nastyString },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.array(fc.oneof(real, nastyString), { minLength: 2, maxLength: 4 }) },
    { weight: 1, arbitrary: fc.constantFrom(...words, '', ' ') },
  );
}

interface FormRequest extends InjectOptions {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  cookies: Record<string, string>;
  remoteAddress: string;
}

function requestFor(page: PageDef, candidates: FoundForm[]): fc.Arbitrary<FormRequest> {
  const ids = [...seed.caseIds, ...seed.contactIds, ...seed.wooIds, ...seed.staffIds.filter((id) => id !== adminId)];
  const garbagePath = fc.tuple(...paramNames(page.url).map(() => fc.oneof(fc.constantFrom(...ids, ...seed.words), garbageParam)))
    .map((ps) => {
      let i = 0;
      return page.url.replace(/:(\w+)/g, () => ps[i++]!);
    });
  const noForm: FoundForm = { action: page.url, multipart: Boolean(page.multipart), fields: [], source: '(none)' };
  const form = candidates.length ? fc.constantFrom(...candidates) : fc.constant(noForm);
  return form.chain((f) => {
    const fields = f.fields.filter((x) => x.name !== '_csrf' && x.kind !== 'file');
    const files = f.fields.filter((x) => x.kind === 'file');
    const action = candidates.length && paramNames(page.url).length === 0 ? fc.constant(page.url) : candidates.length ? fc.oneof({ weight: 5, arbitrary: fc.constant(f.action) }, { weight: 1, arbitrary: garbagePath }) : garbagePath;
    // a third of the runs send what the form itself would (so the handler's own checks run), the rest spoil it
    const clean = fc.record({
      url: fc.constant(candidates.length ? f.action : page.url),
      values: fc.tuple(...fields.map((x) => cleanValue(x, seed.words) as fc.Arbitrary<string | string[] | undefined>)),
      extra: fc.constant(null),
      long: fc.constant(null),
      multipart: fc.constant(f.multipart || Boolean(page.multipart)),
      withFiles: fc.constant(false),
    });
    const spoilt = fc.record({
      url: action,
      values: fc.tuple(...fields.map((x) => valueFor(x, seed.words))),
      extra: fc.option(fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), nastyString), fc.oneof(nastyString, fc.array(nastyString, { maxLength: 3 })), { maxKeys: 3 }), { freq: 5 }),
      long: fc.option(fc.constantFrom(...fields.map((x) => x.name), 'extra'), { freq: 25 }),
      multipart: fc.oneof({ weight: 9, arbitrary: fc.constant(f.multipart || Boolean(page.multipart)) }, { weight: 1, arbitrary: fc.boolean() }),
      withFiles: fc.constant(true),
    });
    return fc.tuple(
      fc.oneof({ weight: 1, arbitrary: clean }, { weight: 2, arbitrary: spoilt }),
      // a client address per run, so rate limits (log-in, the public form) do not stop the fuzz at the door
      fc.ipV4(),
      fc.array(fc.tuple(nastyString, fc.constantFrom('application/pdf', 'image/png', 'text/plain', 'application/x-msdownload', ''), fc.uint8Array({ maxLength: 200 })), { minLength: files.length, maxLength: files.length }),
    ).map(([{ url, values, extra, long, multipart, withFiles }, remoteAddress, fileData]): FormRequest => {
      const body: Record<string, string | string[]> = { ...(extra ?? {}) };
      fields.forEach((x, i) => {
        const v = values[i];
        if (v !== undefined) body[x.name] = v;
      });
      if (long) body[long] = LONG;
      // a public form carries its own CSRF token (with its cookie); every other form the session's
      body._csrf = f.cookies ? (f.fields.find((x) => x.name === '_csrf')?.values[0] ?? '') : csrf;
      const headers: Record<string, string> = {};
      let payload: string | Buffer;
      if (multipart) {
        const m = multipartBody(body, (withFiles ? files : []).map((x, i) => ({ field: x.name, name: fileData[i]![0], type: fileData[i]![1] || 'application/octet-stream', data: Buffer.from(fileData[i]![2]) })));
        payload = m.body;
        headers['content-type'] = m.contentType;
      } else {
        payload = urlencoded(body);
        headers['content-type'] = 'application/x-www-form-urlencoded';
      }
      return { method: 'POST', url: url.startsWith('/') ? url : `/${encodeAny(url)}`, headers, payload, remoteAddress, cookies: { ...f.cookies, grip_session: session } };
    });
  });
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildApp(tdb.ctx, { logLevel: 'silent' });
  const admin = await createStaff(tdb.ctx, { roles: ['admin'], domains: ['inkomen'] });
  adminId = admin.id;
  adminLogin = admin.login;
  await tdb.ctx.db.updateTable('staff').set({ password_hash: await hashPassword(PASSWORD) }).where('id', '=', admin.id).execute();
  const investigator = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'] });
  seed = await seedForFuzz(app, tdb.ctx.db, admin.token, investigator.id);
  await login();
  await crawl();
});
afterAll(async () => {
  await app?.close();
  await tdb?.close();
});

describe('form fuzz', () => {
  it(`finds the POST pages (at least ${MIN_POST_PAGES}) and reads their forms`, () => {
    expect(POSTS.length).toBeGreaterThanOrEqual(MIN_POST_PAGES);
    const withForm = POSTS.filter((p) => forms.some((f) => pageOfAction(f.action) === p));
    console.log(`crawled ${crawled.size} pages; ${forms.length} forms; POST pages with a form found: ${withForm.length}/${POSTS.length}; without: ${POSTS.filter((p) => !withForm.includes(p)).map((p) => p.url).join(', ')}`);
    expect(withForm.length).toBeGreaterThanOrEqual(POSTS.length / 2);
  });

  it('reads every crawled page without a 5xx', () => {
    const broken = [...crawled].filter(([, status]) => status >= 500);
    expect(broken).toEqual([]);
  });

  const statuses = new Map<string, Map<number, number>>();
  const tolerated = new Map<string, number>();
  it.each(POSTS.filter((p) => selected(p.method, p.url)).map((p) => [p.url, p] as const))(
    'POST %s: never a 5xx',
    async (name, page) => {
      const candidates = forms.filter((f) => pageOfAction(f.action) === page && !f.action.includes(adminId));
      const seen = new Map<number, number>();
      statuses.set(name, seen);
      await fc.assert(
        fc.asyncProperty(requestFor(page, candidates), async (req) => {
          const res = await app.inject({ ...req, cookies: { ...req.cookies, grip_session: session } });
          seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
          if (process.env.FUZZ_DEBUG) console.log(res.statusCode, describeRequest(req).slice(0, 400), /role="alert"[^>]*>([\s\S]{0,300})/.exec(res.body)?.[1]?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
          const location = String(res.headers.location ?? '');
          // Logging out (or a log-in form) ends the session: log in again for the next run.
          if (location.startsWith('/inloggen') && (await get('/')).headers.location?.startsWith('/inloggen')) {
            relogins += 1;
            await login();
          }
          const open = openFinding(req, res);
          if (open) {
            tolerated.set(open.id, (tolerated.get(open.id) ?? 0) + 1);
            return;
          }
          const where = `${describeRequest(req)} -> ${res.statusCode} ${res.body.replace(/\s+/g, ' ').slice(0, 200)}`;
          expect(res.statusCode, where).toBeLessThan(500);
          if (res.statusCode >= 400) expect(String(res.headers['content-type']), where).toMatch(/^text\/html/);
        }),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
      );
    },
  );

  it('a form posted as multipart without a boundary is a 400 page (a finding of this fuzzing, fixed in app.ts)', async () => {
    const res = await app.inject({ method: 'POST', url: '/klacht', headers: { 'content-type': 'multipart/form-data' }, payload: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });

  it('leaves no invalid rows behind', async () => {
    expect(await checkInvariants(tdb.ctx.db)).toEqual([]);
    expect(await invalidRows(tdb.ctx.db)).toEqual([]);
    const summary = [...statuses].map(([n, s]) => `${n}: ${[...s].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}×${v}`).join(' ')}`);
    console.log(`form fuzz, seed ${FUZZ_SEED}, ${FUZZ_RUNS} runs per form; ${relogins} log-ins again:\n${summary.join('\n')}\nOpen findings tolerated: ${JSON.stringify([...tolerated])}`);
  });
});
