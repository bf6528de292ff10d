import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { pageClient } from '../testing/web.ts';

/**
 * Figures from a small hand-built history whose answer is known: a case moved
 * between domains, a closed and reopened case, a case closed straight from the tray.
 */
let tdb: TestDatabase;
let api: TestApi;
let admin: Awaited<ReturnType<typeof createStaff>>;
let manager: Awaited<ReturnType<typeof createStaff>>;
let inv: Awaited<ReturnType<typeof createStaff>>;

const at = (iso: string) => tdb.setNow(`${iso}T09:00:00Z`);
async function call(method: string, path: string, body?: unknown) {
  const res = await api.call(method, path, { token: admin.token, body });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body;
}
async function newCase(received: string, domain: string) {
  at(received);
  const c = await call('POST', '/api/v1/cases', complaint({ receivedAt: new Date(`${received}T08:00:00Z`) }));
  return call('POST', `/api/v1/cases/${c.id}/route`, { domain, unit: 'standard' });
}
async function assign(c: { id: string }, day: string) {
  at(day);
  const now = await call('GET', `/api/v1/cases/${c.id}`);
  return call('POST', `/api/v1/cases/${c.id}/assign`, { investigatorId: inv.id, proposal: 'x', version: now.version });
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  api = await startTestApi(tdb.ctx);
  admin = await createStaff(tdb.ctx, { roles: ['admin'] });
  manager = await createStaff(tdb.ctx, { roles: ['teamManager'], domains: ['inkomen'] });
  inv = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen', 'leefomgeving'] });
  const a = await newCase('2024-01-01', 'inkomen');
  const b = await newCase('2024-01-03', 'inkomen');
  const c = await newCase('2024-01-04', 'inkomen');
  const d = await newCase('2024-01-02', 'inkomen');
  const e = await newCase('2024-01-02', 'leefomgeving');
  at('2024-01-05');
  await call('POST', '/api/v1/cases/bulk/move', { cases: [{ id: b.id, version: b.version }], domain: 'leefomgeving', reason: 'reorganisatie' });
  await assign(d, '2024-01-08');
  at('2024-01-09');
  await call('POST', `/api/v1/cases/${e.id}/close`, { outcome: 'KEN' });
  at('2024-01-10');
  await call('POST', `/api/v1/cases/${d.id}/close`, { outcome: 'advice' });
  await assign(a, '2024-01-15');
  at('2024-01-16');
  await call('POST', `/api/v1/cases/${d.id}/reopen`, { reason: 'toezegging niet nagekomen' });
  await assign(b, '2024-01-17');
  at('2024-01-18');
  await call('POST', `/api/v1/cases/${a.id}/close`, { outcome: 'intervention' });
  expect(c.status).toBe('queued');
  tdb.setNow('2026-03-02T09:00:00Z');
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

const byDomain = (items: { domain: string }[]): Record<string, any> => Object.fromEntries(items.map(({ domain, ...rest }) => [domain, rest]));

describe('GET /api/v1/stats/tray', () => {
  it('shows the tray as it was on a past date, from events alone', async () => {
    const jan12 = byDomain((await api.call('GET', '/api/v1/stats/tray?asOf=2024-01-12', { token: manager.token })).body.items);
    expect(jan12.inkomen).toMatchObject({ unassigned: 2, inProgress: 0, oldestWaitDays: 10 }); // received 1 Jan 08:00, counted at 12 Jan 00:00
    expect(jan12.inkomen.ageWeeks).toEqual({ '0-1': 0, '1-2': 2, '2-3': 0, '3-4': 0, '4-8': 0, '8-12': 0, '12+': 0 });
    expect(jan12.leefomgeving).toMatchObject({ unassigned: 1, inProgress: 0, oldestWaitDays: 8 }); // the moved case
    const jan20 = byDomain((await api.call('GET', '/api/v1/stats/tray?asOf=2024-01-20', { token: manager.token })).body.items);
    expect(jan20.inkomen).toMatchObject({ unassigned: 1, inProgress: 1, oldestWaitDays: 15 }); // the reopened case counts again, the closed one not
    expect(jan20.leefomgeving).toMatchObject({ unassigned: 0, inProgress: 1, oldestWaitDays: null });
    expect(jan20['zorg-en-jeugd']).toMatchObject({ unassigned: 0, inProgress: 0, oldestWaitDays: null, lanes: { urgent: 0, b: 0, pop: 0, ob: 0 } });
  });

  it('refuses a bad date with a problem naming the field, and people without dashboards', async () => {
    const bad = await api.call('GET', '/api/v1/stats/tray?asOf=16-10-2023', { token: manager.token });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('query.asOf');
    expect((await api.call('GET', '/api/v1/stats/tray', { token: inv.token })).status).toBe(403);
  });
});

describe('GET /api/v1/stats/waits', () => {
  it('gives the days from receipt to first assignment per domain and week of assignment', async () => {
    const res = await api.call('GET', '/api/v1/stats/waits?from=2024-01-01&to=2024-02-01', { token: manager.token });
    expect(res.body.items).toEqual([
      { domain: 'inkomen', week: '2024-01-08', assigned: 1, p50Days: 6, p80Days: 6, p95Days: 6 },
      { domain: 'inkomen', week: '2024-01-15', assigned: 1, p50Days: 14, p80Days: 14, p95Days: 14 },
      { domain: 'leefomgeving', week: '2024-01-15', assigned: 1, p50Days: 14, p80Days: 14, p95Days: 14 },
    ]);
  });

  it('needs from before to', async () => {
    const res = await api.call('GET', '/api/v1/stats/waits?from=2024-02-01&to=2024-01-01', { token: manager.token });
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('query.to');
  });
});

describe('the dashboard page', () => {
  it('shows the tray as of a date, the weekly stock as a chart with its table, and the stock as CSV', async () => {
    const page = await pageClient(api, tdb.ctx, manager.id);
    const res = await page.get('/dashboard?peildatum=2024-01-22');
    expect(res.status).toBe(200);
    expect(res.html).toContain('<svg');
    expect(res.html).toContain('Doel: binnen 3 weken');
    expect(res.html).toContain('Leeftijd van de bak op 2024-01-22');
    expect(res.html).toContain('Voorstel overschreven');
    expect(res.html).toMatch(/<th scope="row" class="utrecht-table__cell">Inkomen<\/th><td class="utrecht-table__cell grip-number">1<\/td><td class="utrecht-table__cell grip-number">1<\/td>/);
    const csv = await page.get('/dashboard/voorraad.csv?peildatum=2024-01-22');
    const rows = Object.fromEntries(csv.html.trim().split('\n').map((l) => [l.split(',')[0], l]));
    expect(rows.date).toBe('date,inkomen,leefomgeving,veiligheid-en-migratie,zorg-en-jeugd,total');
    expect(rows['2024-01-01']).toBe('2024-01-01,0,0,0,0,0');
    expect(rows['2024-01-08']).toBe('2024-01-08,3,2,0,0,5');
    expect(rows['2024-01-15']).toBe('2024-01-15,2,1,0,0,3');
    expect(rows['2024-01-22']).toBe('2024-01-22,1,0,0,0,1');
    const xlsx = await fetch(`${api.url}/dashboard/voorraad.xlsx?peildatum=2024-01-22`, { headers: { cookie: page.cookie } });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    expect(bytes.readUInt32LE(0)).toBe(0x04034b50); // a zip, as every XLSX is
  });

  it('shows a Dutch error for a bad date and refuses people without dashboards', async () => {
    const page = await pageClient(api, tdb.ctx, manager.id);
    expect((await page.get('/dashboard?peildatum=gisteren')).html).toContain('Vul een datum in als JJJJ-MM-DD.');
    expect((await (await pageClient(api, tdb.ctx, inv.id)).get('/dashboard')).status).toBe(403);
  });
});

describe('GET /api/v1/stats/production', () => {
  it('credits a closing to the investigator who held the case, against the norm times FTE; a closing from the tray or one undone by a reopening counts for nobody', async () => {
    const res = await api.call('GET', '/api/v1/stats/production?from=2024-01-01&to=2024-01-22', { token: manager.token });
    expect(res.status).toBe(200);
    expect(res.body.weeks).toEqual(['2024-01-01', '2024-01-08', '2024-01-15']);
    const person = res.body.people.find((x: { id: string }) => x.id === inv.id);
    expect(person.weeks.map((w: { closed: number; expected: number }) => [w.closed, w.expected])).toEqual([[0, 8], [0, 8], [1, 8]]);
    expect(person).toMatchObject({ closed: 1, expected: 24, ratio: 0.04, conversation: 'below' });
    expect(res.body.team.map((w: { closed: number }) => w.closed)).toEqual([0, 0, 1]);
    const page = await (await pageClient(api, tdb.ctx, manager.id)).get('/productie?tot=2024-01-22&weken=4');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Voor een gesprek');
  });
});
