import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../resilience/invariants.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { createStaff } from '../testing/factories.ts';
import {
  describeRequest, encodeAny, FUZZ_RUNS, FUZZ_SEED, fromSchema, garbageParam, inputSchema, nastyString, nastyValue,
  openFinding, paramNames, queryString, seedForFuzz, selected, validFor, type FuzzSeed, type ValuePools,
} from '../testing/fuzz.ts';
import { invalidRows } from '../testing/fuzz.rows.ts';
import type { AppContext } from '../shared/context.ts';
import { apiRoutes, buildApp } from './app.ts';
import type { AnyRoute } from './route.ts';

/**
 * Property: whatever arrives at any API route — shaped by its schemas and then
 * spoilt, or any JSON at all, garbage in the path and query, bodies that are no
 * JSON — the answer is never a 5xx, every 4xx is problem+json, and afterwards
 * the database holds no invalid rows. Routes are read from `apiRoutes` at run
 * time, so a new route is fuzzed without touching this file.
 */
const ROUTES = apiRoutes({ db: null as never, clock: () => new Date() });
/** A sanity floor: the API had 32 routes when this test was written. */
const MIN_ROUTES = 30;

let tdb: TestDatabase;
let app: FastifyInstance;
let token: string;
let seed: FuzzSeed;

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildApp(tdb.ctx, { logLevel: 'silent' });
  const admin = await createStaff(tdb.ctx, { roles: ['admin'], domains: ['inkomen'] });
  const investigator = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'] });
  token = admin.token;
  seed = await seedForFuzz(app, tdb.ctx.db, token, investigator.id);
});
afterAll(async () => {
  await app?.close();
  await tdb?.close();
});

function pools(route: AnyRoute): { path: string[]; values: ValuePools } {
  const all = [...seed.caseIds, ...seed.contactIds, ...seed.staffIds];
  const path = route.url.includes('/contacts/') ? seed.contactIds : route.url.includes('/cases/') ? seed.caseIds : all;
  return { path, values: { uuids: all, words: seed.words } };
}

type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; payload: string; contentType: string | null };

const brokenBody: fc.Arbitrary<Body> = fc.oneof(
  fc.constantFrom('{', '{"a":', '[1,2', 'null', '""', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '\u0000', '\uFEFF{}', '{"a":1}{"b":2}')
    .map((payload): Body => ({ kind: 'raw', payload, contentType: 'application/json' })),
  fc.tuple(nastyString, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data', 'application/json; charset=latin1', 'foo/bar'))
    .map(([payload, contentType]): Body => ({ kind: 'raw', payload, contentType })),
  fc.constant<Body>({ kind: 'raw', payload: '', contentType: 'application/json' }),
  fc.constant<Body>({ kind: 'raw', payload: `{"a":"${'x'.repeat(1_100_000)}"}`, contentType: 'application/json' }),
);

function requestFor(route: AnyRoute): fc.Arbitrary<InjectOptions & { url: string; method: string; headers: Record<string, string> }> {
  const { path, values } = pools(route);
  const realId = path.length ? fc.constantFrom(...path) : fc.uuid();
  const params = fc.tuple(...paramNames(route.url).map(() => fc.oneof({ weight: 4, arbitrary: realId }, { weight: 1, arbitrary: garbageParam })));
  const query: fc.Arbitrary<string> = fc.oneof(
    { weight: 4, arbitrary: route.query ? fc.oneof(validFor(inputSchema(route.query), values), fromSchema(inputSchema(route.query), values)).map((q) => (q && typeof q === 'object' && !Array.isArray(q) ? queryString(q as Record<string, unknown>) : `q=${encodeAny(JSON.stringify(q) ?? '')}`)) : fc.constant('') },
    { weight: 1, arbitrary: fc.constantFrom('%ZZ', 'limit=1&limit=2', 'a[b][c]=1', 'limit=%ED%A0%80', '&&&=&', 'cursor=%00', `cursor=${'A'.repeat(600)}`, 'limit=-1e309') },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), nastyValue, { maxKeys: 3 }).map(queryString) },
  );
  const body: fc.Arbitrary<Body> = route.body
    ? fc.oneof(
        { weight: 4, arbitrary: validFor(inputSchema(route.body), values).map((value): Body => ({ kind: 'json', value })) },
        { weight: 4, arbitrary: fromSchema(inputSchema(route.body), values).map((value): Body => ({ kind: 'json', value })) },
        { weight: 1, arbitrary: fc.jsonValue().map((value): Body => ({ kind: 'json', value })) },
        { weight: 1, arbitrary: brokenBody },
      )
    : fc.oneof({ weight: 8, arbitrary: fc.constant<Body>({ kind: 'none' }) }, { weight: 1, arbitrary: fc.jsonValue().map((value): Body => ({ kind: 'json', value })) });
  const auth = fc.oneof(
    { weight: 20, arbitrary: fc.constant('admin') },
    { weight: 1, arbitrary: fc.constantFrom('Bearer nonsense', 'Basic YWRtaW46YWRtaW4=', 'Bearer ', `Bearer ${'x'.repeat(5000)}`, 'Bearer \u00e9') },
  );
  return fc.tuple(params, query, body, auth).map(([ps, q, b, a]) => {
    let i = 0;
    const url = route.url.replace(/:(\w+)/g, () => ps[i++]!) + (q ? `?${q}` : '');
    const headers: Record<string, string> = { authorization: a === 'admin' ? `Bearer ${token}` : a };
    let payload: string | undefined;
    if (b.kind === 'json' && route.method !== 'GET') {
      payload = JSON.stringify(b.value) ?? 'null';
      headers['content-type'] = 'application/json';
    } else if (b.kind === 'raw' && route.method !== 'GET') {
      payload = b.payload;
      if (b.contentType) headers['content-type'] = b.contentType;
    }
    return { method: route.method, url, headers, ...(payload === undefined ? {} : { payload }) };
  });
}

describe('API fuzz', () => {
  // Findings of this fuzzing, fixed in app.ts (frameworkErrors; broken multipart is a 400), kept as known answers.
  it.each([
    ['broken percent-encoding', '/api/v1/cases/%ED%A0%80', 400],
    ['a path parameter over 200 characters', `/api/v1/cases/${'x'.repeat(201)}`, 414],
  ] as const)('OPEN router-errors-not-problem-json: a path with %s is answered as problem+json', async (_what, url, status) => {
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
  it('a multipart body without a boundary is a 400 problem', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data' }, payload: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it(`enumerates the API's routes (at least ${MIN_ROUTES})`, () => {
    expect(ROUTES.length).toBeGreaterThanOrEqual(MIN_ROUTES);
  });

  const statuses = new Map<string, Map<number, number>>();
  const tolerated = new Map<string, number>();
  it.each(ROUTES.filter((r) => selected(r.method, r.url)).map((r) => [`${r.method} ${r.url}`, r] as const))(
    '%s: never a 5xx, every 4xx problem+json',
    async (name, route) => {
      const seen = new Map<number, number>();
      statuses.set(name, seen);
      await fc.assert(
        fc.asyncProperty(requestFor(route), async (req) => {
          const res = await app.inject(req);
          seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
          if (process.env.FUZZ_DEBUG) console.log(res.statusCode, describeRequest(req).slice(0, 300), res.body.slice(0, 200));
          const where = `${describeRequest(req)} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
          const open = openFinding(req, res);
          if (open) {
            tolerated.set(open.id, (tolerated.get(open.id) ?? 0) + 1);
            return;
          }
          expect(res.statusCode, where).toBeLessThan(500);
          if (res.statusCode >= 400) expect(String(res.headers['content-type']), where).toMatch(/^application\/problem\+json/);
        }),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
      );
      // The fuzz must reach the handler, not only the validation: some runs answer 2xx, or a 4xx other than 400/401.
      expect([...seen.keys()].some((s) => s < 400 || ![400, 401].includes(s)), `${name} statuses ${JSON.stringify([...seen])}`).toBe(true);
    },
  );

  it('has row checks that notice a bad row (planted in a transaction that is rolled back)', async () => {
    const found = await tdb.ctx.db.transaction().execute(async (tx) => {
      await tx.updateTable('domains').set({ name: 'Inkomen \uFFFD' }).where('id', '=', 'inkomen').execute();
      await tx.updateTable('staff').set({ name: '  ' }).where('id', '=', seed.staffIds[0]!).execute();
      throw Object.assign(new Error('roll back'), { problems: await invalidRows(tx) });
    }).catch((e: { problems?: string[] }) => e.problems);
    expect(found).toEqual([expect.stringContaining('domains.name holds U+FFFD'), expect.stringContaining('staff.name is blank')]);
  });

  it('leaves no invalid rows behind', async () => {
    const ctx: AppContext = tdb.ctx;
    expect(await checkInvariants(ctx.db)).toEqual([]);
    expect(await invalidRows(ctx.db)).toEqual([]);
    const summary = [...statuses].map(([n, s]) => `${n}: ${[...s].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}×${v}`).join(' ')}`);
    console.log(`API fuzz, seed ${FUZZ_SEED}, ${FUZZ_RUNS} runs per route:\n${summary.join('\n')}\nOpen findings tolerated: ${JSON.stringify([...tolerated])}`);
  });
});
