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
      { domain: 'inkomen', week: '2024-01-08', assigned: 1, p50Days: 6, p80Days: 6, p95Days: 6, withinTarget: 1 },
      { domain: 'inkomen', week: '2024-01-15', assigned: 1, p50Days: 14, p80Days: 14, p95Days: 14, withinTarget: 1 },
      { domain: 'leefomgeving', week: '2024-01-15', assigned: 1, p50Days: 14, p80Days: 14, p95Days: 14, withinTarget: 1 },
    ]);
  });

  it('needs from before to', async () => {
    const res = await api.call('GET', '/api/v1/stats/waits?from=2024-02-01&to=2024-01-01', { token: manager.token });
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('query.to');
  });
});

describe('GET /api/v1/stats/stock and /flows', () => {
  it('give the weekly stock and the flows per domain as JSON', async () => {
    const stock = await api.call('GET', '/api/v1/stats/stock?from=2024-01-01&to=2024-01-22', { token: manager.token });
    expect(stock.body.items.filter((i: { domain: string }) => i.domain === 'inkomen')).toEqual([
      { date: '2024-01-08', domain: 'inkomen', unassigned: 3 }, { date: '2024-01-15', domain: 'inkomen', unassigned: 2 }, { date: '2024-01-22', domain: 'inkomen', unassigned: 1 },
    ]);
    const flows = await api.call('GET', '/api/v1/stats/flows?from=2024-01-01&to=2024-01-22', { token: manager.token });
    expect(flows.body.items.filter((i: { domain: string }) => i.domain === 'leefomgeving')).toEqual([
      { week: '2024-01-01', domain: 'leefomgeving', inflow: 1, assigned: 0, closed: 0, net: 1, routed: 1, routedExtended: 0, overridden: 1 }, // the Belastingdienst suggests Inkomen
      { week: '2024-01-08', domain: 'leefomgeving', inflow: 0, assigned: 0, closed: 1, net: -1, routed: 0, routedExtended: 0, overridden: 0 }, // e closed; b moved in is no inflow
      { week: '2024-01-15', domain: 'leefomgeving', inflow: 0, assigned: 1, closed: 0, net: 0, routed: 0, routedExtended: 0, overridden: 0 },
    ]);
  });
});

describe('the dashboard page', () => {
  const csvRows = (body: string) => Object.fromEntries(body.trim().split('\r\n').map((l) => [l.split(',')[0], l]));

  it('shows the tray as of a date, the weekly stock and flow as charts with their tables, and downloads each table and chart', async () => {
    const page = await pageClient(api, tdb.ctx, manager.id);
    const res = await page.get('/dashboard?peildatum=2024-01-22');
    expect(res.status).toBe(200);
    expect(res.html).toContain('<svg');
    expect(res.html).toContain('Doel: binnen 3 weken');
    expect(res.html).toContain('Leeftijd van de bak op 2024-01-22');
    expect(res.html).toContain('Voorstel overschreven');
    // The tray on 22 Jan: inkomen 1 unassigned (c) and 1 in progress (the reopened d); all KB.
    expect(res.html).toMatch(/<th scope="row" class="utrecht-table__cell">Inkomen<\/th><td class="utrecht-table__cell grip-number">1<\/td><td class="utrecht-table__cell grip-number">0<\/td><td class="utrecht-table__cell grip-number">1<\/td><td class="utrecht-table__cell grip-number">1<\/td>/);
    // Christmas week is marked on the stock chart.
    expect(res.html).toContain('Kerst');

    const stock = csvRows((await page.get('/dashboard/tabellen/voorraad.csv?peildatum=2024-01-22')).html);
    expect(stock.Maandag).toBe('Maandag,Inkomen,Leefomgeving,Veiligheid en Migratie,Zorg en Jeugd,Totaal,Vakantie of feestdag in de week ervoor');
    expect(stock['2024-01-01']).toBe('2024-01-01,0,0,0,0,0,"kerstvakantie, Eerste Kerstdag, Tweede Kerstdag"');
    expect(stock['2024-01-08']).toBe('2024-01-08,3,2,0,0,5,"kerstvakantie, Nieuwjaarsdag"');
    expect(stock['2024-01-15']).toBe('2024-01-15,2,1,0,0,3,');
    expect(stock['2024-01-22']).toBe('2024-01-22,1,0,0,0,1,');

    // Inflow per week: five cases routed in the week of 1 Jan; closings: e (9 Jan), d (10 Jan), a (18 Jan).
    const flow = csvRows((await page.get('/dashboard/tabellen/stroom.csv?peildatum=2024-01-22')).html);
    expect(flow['2024-01-01']).toMatch(/^2024-01-01,5,0,0,5,/);
    expect(flow['2024-01-08']).toMatch(/^2024-01-08,0,1,2,-2,/);
    expect(flow['2024-01-15']).toMatch(/^2024-01-15,0,2,1,-1,/);

    const svg = await fetch(`${api.url}/dashboard/grafieken/voorraad.svg?peildatum=2024-01-22`, { headers: { cookie: page.cookie } });
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    const text = await svg.text();
    expect(text).toMatch(/^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain('<title');

    const xlsx = await fetch(`${api.url}/dashboard/tabellen/bak.xlsx?peildatum=2024-01-22`, { headers: { cookie: page.cookie } });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    expect(bytes.readUInt32LE(0)).toBe(0x04034b50); // a zip, as every XLSX is
    expect((await page.get('/dashboard/tabellen/bestaat-niet.csv')).status).toBe(404);
  });

  it('narrows to one domain', async () => {
    const page = await pageClient(api, tdb.ctx, manager.id);
    const stock = csvRows((await page.get('/dashboard/tabellen/voorraad.csv?peildatum=2024-01-22&domein=leefomgeving')).html);
    expect(stock.Maandag).toBe('Maandag,Leefomgeving,Vakantie of feestdag in de week ervoor');
    expect(stock['2024-01-08']).toBe('2024-01-08,2,"kerstvakantie, Nieuwjaarsdag"');
    const waits = csvRows((await page.get('/dashboard/tabellen/wachttijd.csv?peildatum=2024-02-01&domein=leefomgeving')).html);
    expect(waits['2024-01-15']).toBe('2024-01-15,1,14,14,14,100');
  });

  it('shows a Dutch error for a bad date and refuses people without dashboards', async () => {
    const page = await pageClient(api, tdb.ctx, manager.id);
    expect((await page.get('/dashboard?peildatum=gisteren')).html).toContain('Vul een datum in als JJJJ-MM-DD.');
    expect((await page.get('/dashboard?peildatum=2024-02-31')).html).toContain('Vul een datum in als JJJJ-MM-DD.');
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
    const csv = (await (await pageClient(api, tdb.ctx, manager.id)).get('/productie.csv?tot=2024-01-22&weken=3')).html.trim().split('\r\n');
    expect(csv[0]).toBe('Klachtonderzoeker,FTE,2024-01-01 afgesloten,2024-01-01 norm,2024-01-08 afgesloten,2024-01-08 norm,2024-01-15 afgesloten,2024-01-15 norm,Totaal,Norm,Verhouding (%)');
    expect(csv).toContain(`${inv.name},1,0,8,0,8,1,8,1,24,4`);
  });
});

describe('callback requests and phone contacts in the figures', () => {
  it('never count: production counts exactly the closed cases, and the tray is unchanged by them', async () => {
    const production = async (from: string, to: string) =>
      (await api.call('GET', `/api/v1/stats/production?from=${from}&to=${to}`, { token: manager.token })).body;
    const tray = async (asOf: string) => byDomain((await api.call('GET', `/api/v1/stats/tray?asOf=${asOf}`, { token: manager.token })).body.items);
    const before = { production: await production('2024-01-01', '2024-01-22'), jan12: await tray('2024-01-12'), jan20: await tray('2024-01-20') };
    const frontOffice = await createStaff(tdb.ctx, { roles: ['frontOffice'], domains: [], unit: 'frontOffice' });
    const contact = async (day: string, body: Record<string, unknown>) => {
      at(day);
      const res = await api.call('POST', '/api/v1/contacts', {
        token: frontOffice.token,
        body: { caller: { name: 'Mevrouw Jansen', phone: '06-12345678' }, agency: 'UWV', summary: 'Belt over haar uitkering', ...body },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    try {
      // callback requests (TBV) for the investigator's domains inside the window, one called back by the investigator
      const tbvs = [
        await contact('2024-01-09', { domain: 'inkomen', outcome: 'callback' }),
        await contact('2024-01-11', { domain: 'inkomen', outcome: 'callback' }),
        await contact('2024-01-16', { domain: 'leefomgeving', outcome: 'callback' }),
      ];
      at('2024-01-17');
      const done = await api.call('POST', `/api/v1/contacts/${tbvs[0].id}/callback-done`, { token: inv.token, body: { result: 'Teruggebeld' } });
      expect(done.status).toBe(200);
      // a caller asked to write in, whose contact is linked to the written case still in the tray
      const asked = await contact('2024-01-10', { domain: 'inkomen', outcome: 'asked_to_write' });
      const waiting = await call('GET', '/api/v1/tray?domain=inkomen');
      expect(waiting.items).toHaveLength(1);
      await call('POST', `/api/v1/contacts/${asked.id}/link`, { caseId: waiting.items[0].id });
      // they are there, and open for their domain
      const open = await call('GET', '/api/v1/contacts?domain=inkomen&openCallbacks=true');
      expect(open.items.map((c: { id: string }) => c.id)).toEqual([tbvs[1].id]);

      expect(await production('2024-01-01', '2024-01-22')).toEqual(before.production);
      // a window nobody asked for before, so nothing can come from a cache: one closing, credited once
      const fresh = await production('2024-01-08', '2024-01-22');
      const person = fresh.people.find((x: { id: string }) => x.id === inv.id);
      expect(person.weeks.map((w: { closed: number }) => w.closed)).toEqual([0, 1]);
      expect(fresh.team.map((w: { closed: number }) => w.closed)).toEqual([0, 1]);
      expect(fresh.people.reduce((n: number, p: { closed: number }) => n + p.closed, 0)).toBe(1);
      expect(fresh.people.map((p: { id: string }) => p.id)).not.toContain(frontOffice.id);

      expect(await tray('2024-01-12')).toEqual(before.jan12);
      expect(await tray('2024-01-20')).toEqual(before.jan20);
      const jan18 = await tray('2024-01-18');
      expect(jan18.inkomen).toMatchObject({ unassigned: 1, inProgress: 2 }); // c waits; a and the reopened d are held
      expect(jan18.leefomgeving).toMatchObject({ unassigned: 0, inProgress: 1 });
    } finally {
      tdb.setNow('2026-03-02T09:00:00Z');
    }
  });
});
