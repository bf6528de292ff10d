import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { apiRoutes } from './app.ts';

/** Invalid input on every endpoint gets a 4xx problem+json that names the field; never a 500. */
let tdb: TestDatabase;
let api: TestApi;
let token: string;
let caseId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  api = await startTestApi(tdb.ctx);
  token = (await createStaff(tdb.ctx, { roles: ['admin'] })).token;
  caseId = (await api.call('POST', '/api/v1/cases', { token, body: complaint() })).body.id;
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

function expectProblem(res: { status: number; body: any; headers: Headers }, field?: string) {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status: res.status, title: expect.any(String), detail: expect.any(String) });
  if (field) {
    expect(res.body.detail).toContain(field);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  }
}

const cases: [string, string, string, unknown][] = [
  ['POST', '/api/v1/cases', 'petitioner.name', { ...complaint(), petitioner: {} }],
  ['POST', '/api/v1/cases', 'channel', { ...complaint(), channel: 'fax' }],
  ['POST', '/api/v1/cases', 'petitioner.email', { ...complaint(), petitioner: { name: 'A', email: 'not-mail' } }],
  ['POST', '/api/v1/cases', 'receivedAt', { ...complaint(), receivedAt: 'yesterday' }],
  ['POST', '/api/v1/cases', 'receivedAt', { ...complaint(), receivedAt: '2999-01-01' }],
  ['POST', '/api/v1/cases', 'subject', { ...complaint(), subject: '' }],
  ['POST', '/api/v1/cases', 'subject', { ...complaint(), subject: 'x'.repeat(301) }],
  ['POST', '/api/v1/cases', 'keywords.0', { ...complaint(), keywords: ['bestaat-niet'] }],
  ['POST', '/api/v1/cases', 'body', { ...complaint(), colour: 'blue' }],
  ['POST', '/api/v1/cases', 'body', []],
  ['POST', '/api/v1/cases/:id/route', 'domain', { domain: 'nergens' }],
  ['POST', '/api/v1/cases/:id/route', 'unit', { unit: 'research' }],
  ['PATCH', '/api/v1/cases/:id/lanes', 'urgent', {}],
  ['PATCH', '/api/v1/cases/:id/lanes', 'urgent', { urgent: 'yes' }],
  ['POST', '/api/v1/cases/:id/assign', 'investigatorId', { investigatorId: 'nobody', proposal: 'x', version: 1 }],
  ['POST', '/api/v1/cases/:id/assign', 'version', { investigatorId: '00000000-0000-4000-8000-000000000000', proposal: 'x' }],
  ['POST', '/api/v1/cases/:id/assign', 'proposal', { investigatorId: '00000000-0000-4000-8000-000000000000', version: 1 }],
  ['POST', '/api/v1/cases/:id/first-contact', 'at', { at: 'soon' }],
  ['POST', '/api/v1/cases/:id/close', 'outcome', {}],
  ['POST', '/api/v1/cases/:id/close', 'outcome', { outcome: 'gewonnen' }],
  ['POST', '/api/v1/cases/:id/transfer', 'unit', { reason: 'x' }],
  ['POST', '/api/v1/cases/:id/transfer', 'reason', { unit: 'extended' }],
  ['POST', '/api/v1/cases/:id/transfer', 'domain', { domain: 'nergens', reason: 'x' }],
  ['POST', '/api/v1/cases/:id/aftercare', 'note', { note: '' }],
  ['POST', '/api/v1/cases/:id/reopen', 'reason', {}],
  ['POST', '/api/v1/cases/bulk/assign', 'cases', { cases: [], investigatorId: '00000000-0000-4000-8000-000000000000', proposal: 'x' }],
  ['POST', '/api/v1/cases/bulk/move', 'cases.0.id', { cases: [{ id: 'x', version: 1 }], domain: 'inkomen', reason: 'r' }],
  ['GET', '/api/v1/tray?limit=0', 'query.limit', undefined],
  ['GET', '/api/v1/tray?unit=attic', 'query.unit', undefined],
  ['GET', '/api/v1/tray?cursor=garbage', 'query.cursor', undefined],
  ['GET', '/api/v1/staff?limit=abc', 'query.limit', undefined],
  ['GET', '/api/v1/cases/not-a-uuid', 'path.id', undefined],
];

describe('invalid input', () => {
  it.each(cases)('%s %s names %s', async (method, path, field, body) => {
    const res = await api.call(method, path.replace(':id', caseId), { token, body });
    expectProblem(res, field);
  });

  it('answers malformed JSON, a wrong content type and an unknown route with a problem', async () => {
    expectProblem(await api.call('POST', '/api/v1/cases', { token, body: '{"petitioner":' }), 'body');
    expectProblem(await api.call('POST', '/api/v1/cases', { token, body: 'name=x', headers: { 'content-type': 'text/plain' } }));
    expectProblem(await api.call('POST', '/api/v1/cases', { token, body: 'x'.repeat(1_100_000) }));
    expectProblem(await api.call('GET', '/api/v1/nothing-here', { token }));
    expectProblem(await api.call('GET', '/api/v1/cases/00000000-0000-4000-8000-000000000000', { token }));
  });

  it('never answers 5xx to arbitrary bodies on any endpoint, and stores no case from them', async () => {
    const before = await tdb.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const routes = apiRoutes(tdb.ctx).filter((r) => r.body);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.anything(), async (route, body) => {
        const res = await api.call(route.method, route.url.replace(':id', caseId), { token, body: JSON.stringify(body ?? null) });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
      }),
      { numRuns: 300 },
    );
    const after = await tdb.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
