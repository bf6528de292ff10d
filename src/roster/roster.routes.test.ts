import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPeriods } from '../capacity/capacity.repository.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { createStaff } from '../testing/factories.ts';

type Staff = Awaited<ReturnType<typeof createStaff>>;
let tdb: TestDatabase;
let api: TestApi;
let frontOffice: Staff;
let investigators: Staff[];

beforeAll(async () => {
  tdb = await createTestDatabase();
  tdb.setNow('2024-04-10T09:00:00Z');
  api = await startTestApi(tdb.ctx);
  frontOffice = await createStaff(tdb.ctx, { roles: ['frontOffice'], domains: [], unit: 'frontOffice' });
  investigators = [
    await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'] }),
    await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'] }),
    await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'] }),
  ];
  // the first is away on Ascension week's working days
  const away = investigators[0]!;
  await insertPeriods(tdb.ctx.db, [{ person: away.name, staffId: away.id, domain: 'inkomen', kind: 'absence', from: '2024-05-06', to: '2024-05-10', hoursPerWeek: 36 }]);
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

const roster = (query: string, token: string | null = frontOffice.token) => api.call('GET', `/api/v1/roster${query}`, token === null ? {} : { token });

/** May 2024: every weekday except Ascension Day (Thursday 9 May) and Whit Monday (20 May); 5 May fell on a Sunday. */
const MAY_2024 = [
  '01', '02', '03', '06', '07', '08', '10', '13', '14', '15', '16', '17', '21', '22', '23', '24', '27', '28', '29', '30', '31',
].map((d) => `2024-05-${d}`);

describe('GET /api/v1/roster', () => {
  it('answers one item per working day of the month, each with the investigator on call', async () => {
    const res = await roster('?domain=inkomen&month=2024-05');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Object.keys(res.body)).toEqual(['items']);
    expect(res.body.items.map((i: { date: string }) => i.date)).toEqual(MAY_2024);
    const ids = new Set(investigators.map((i) => i.id));
    for (const item of res.body.items) {
      expect(Object.keys(item).sort()).toEqual(['date', 'investigatorId']);
      expect(ids.has(item.investigatorId)).toBe(true);
    }
    const onCall = (id: string) => res.body.items.filter((i: { investigatorId: string }) => i.investigatorId === id).length;
    // the two who are always there are on equally often, give or take one
    expect(Math.abs(onCall(investigators[1]!.id) - onCall(investigators[2]!.id))).toBeLessThanOrEqual(1);
    const awayWeek = res.body.items.filter((i: { date: string }) => i.date >= '2024-05-06' && i.date <= '2024-05-10');
    expect(awayWeek.map((i: { investigatorId: string }) => i.investigatorId)).not.toContain(investigators[0]!.id);
    // read again: the same roster (generated once, then stored)
    expect((await roster('?domain=inkomen&month=2024-05')).body).toEqual(res.body);
  });

  it('skips Easter Monday and King\'s Day', async () => {
    const april = (await roster('?domain=inkomen&month=2024-04')).body.items.map((i: { date: string }) => i.date);
    expect(april).toHaveLength(21);
    expect(april).not.toContain('2024-04-01');
    const april2025 = (await roster('?domain=inkomen&month=2025-04')).body.items.map((i: { date: string }) => i.date);
    // 2025: Good Friday 18 April stays a working day (not an Atw holiday); Easter Monday 21 April and Saturday 26 April (King's Day) do not
    expect(april2025).not.toContain('2025-04-21');
    expect(april2025).toContain('2025-04-18');
    expect(april2025).toHaveLength(21);
  });

  it('answers null on days nobody is available', async () => {
    const res = await roster('?domain=zorg-en-jeugd&month=2024-05');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(21);
    expect(res.body.items.every((i: { investigatorId: string | null }) => i.investigatorId === null)).toBe(true);
  });

  it('refuses a bad month or a missing domain with 400 problem+json', async () => {
    for (const query of ['?domain=inkomen&month=2024-13', '?domain=inkomen&month=2024-5', '?domain=inkomen', '?month=2024-05', '?domain=inkomen&month=mei', '?domain=inkomen&month=2024-05&extra=1']) {
      const res = await roster(query);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.length, query).toBeGreaterThan(0);
    }
    const bad = await roster('?domain=inkomen&month=2024-13');
    expect(bad.body.errors[0].field).toBe('query.month');
  });

  it('answers 404 for an unknown domain, and 401 without a token', async () => {
    const unknown = await roster('?domain=nergens&month=2024-05');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const anonymous = await roster('?domain=inkomen&month=2024-05', null);
    expect(anonymous.status).toBe(401);
    expect((await roster('?domain=inkomen&month=2024-05', 'not-a-token')).status).toBe(401);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await api.call('GET', '/api/v1/openapi.json');
    expect(doc.body.paths['/api/v1/roster'].get.tags).toEqual(['roster']);
    expect(doc.body.paths['/api/v1/roster'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['domain', 'month']);
  });
});
