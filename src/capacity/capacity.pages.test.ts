import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { createStaff } from '../testing/factories.ts';
import { pageClient, type PageClient } from '../testing/web.ts';

let tdb: TestDatabase;
let api: TestApi;
let manager: PageClient;
let coordinator: PageClient;
let director: PageClient;

beforeAll(async () => {
  tdb = await createTestDatabase();
  api = await startTestApi(tdb.ctx);
  manager = await pageClient(api, tdb.ctx, (await createStaff(tdb.ctx, { roles: ['teamManager'], login: 'tm1', domains: ['inkomen'] })).id);
  coordinator = await pageClient(api, tdb.ctx, (await createStaff(tdb.ctx, { roles: ['coordinator'], login: 'co1', domains: ['inkomen'] })).id);
  director = await pageClient(api, tdb.ctx, (await createStaff(tdb.ctx, { roles: ['director'], login: 'dir1', domains: [] })).id);
  await createStaff(tdb.ctx, { roles: ['investigator'], login: 'j.jansen', domains: ['inkomen'] });
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

async function upload(client: PageClient, csv: string) {
  const form = new FormData();
  form.append('_csrf', client.csrf);
  form.append('plan', new Blob([csv], { type: 'text/csv' }), 'plan.csv');
  const res = await fetch(`${api.url}/capaciteit/import`, { method: 'POST', headers: { cookie: client.cookie }, body: form, redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}
const periods = () => tdb.ctx.db.selectFrom('capacity_periods').selectAll().execute();
/** The cells of the capacity table's row for a date, as shown. */
function row(html: string, label: string): string[] {
  const table = html.slice(html.indexOf('id="capaciteit-tabel"'));
  const start = table.indexOf(`>${label}</th>`);
  if (start < 0) return [];
  const end = table.indexOf('</tr>', start);
  return [...table.slice(start, end).matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);
}

const GOOD = [
  'person,login,domain,kind,from,to,hours_per_week',
  'Jan Jansen,j.jansen,inkomen,contract,2024-01-01,,36',
  'Vacature Inkomen,,inkomen,contract,2024-03-01,,32',
  'Jan Jansen,j.jansen,inkomen,parentalLeave,2024-02-01,2024-02-29,36',
  '"Kees, de nieuwe",,inkomen,contract,2024-01-01,,"28,8"',
  'Kees; de nieuwe,,inkomen,onboarding,2024-01-01,2024-03-31,14.4',
].join('\n');

describe('the capacity plan page', () => {
  it('imports a plan from CSV and shows formation, occupied and available per date', async () => {
    expect((await manager.post('/capaciteit/instellingen', { formationFte: '3', sicknessPercent: '5' })).status).toBe(403);
    expect((await director.post('/capaciteit/instellingen', { formationFte: '', sicknessPercent: '5' })).status).toBe(400);
    expect((await director.post('/capaciteit/instellingen', { formationFte: '3', sicknessPercent: '5' })).status).toBe(303);
    const res = await upload(manager, GOOD.replace('Kees; de nieuwe', '"Kees, de nieuwe"'));
    expect(res.status).toBe(200);
    expect(res.html).toContain('Plan ingelezen: 5 perioden.');
    expect(await periods()).toHaveLength(5);
    const page = await manager.get('/capaciteit?peildata=2024-01-15,2024-02-15,2024-03-15');
    expect(page.status).toBe(200);
    expect(row(page.html, 'plan')).toEqual(['3', '3', '108', '3', '108', '102,6']);
    // 15 Jan: Jan 36 + Kees 28.8 occupied, Kees onboarding takes 14.4
    expect(row(page.html, '15 jan 2024')).toEqual(['3', '1,8', '64,8', '1,4', '50,4', '47,9']);
    // 15 Feb: Jan on parental leave
    expect(row(page.html, '15 feb 2024')).toEqual(['3', '1,8', '64,8', '0,4', '14,4', '13,7']);
    // 15 Mar: the vacancy is filled
    expect(row(page.html, '15 mrt 2024')).toEqual(['3', '2,7', '96,8', '2,3', '82,4', '78,3']);
  });

  it('rejects a CSV with a bad line as a whole, naming every problem in Dutch', async () => {
    const before = await periods();
    const bad = `${GOOD}\nPiet,onbekend,inkomen,contract,2024-01-01,,36\nPiet,,nergens,vakantie,2024-13-01,2023-01-01,-3`;
    const res = await upload(manager, bad);
    expect(res.status).toBe(400);
    expect(res.html).toContain('Het plan is niet ingelezen');
    expect(res.html).toContain('Regel 7: Onbekende gebruikersnaam');
    expect(res.html).toMatch(/Regel 8: Kies een soort/);
    expect(res.html).toMatch(/Regel 8: Vul een aantal uren per week in/);
    expect(await periods()).toEqual(before);
    const header = await upload(manager, 'naam,uren\nJan,36');
    expect(header.status).toBe(400);
    expect(header.html).toContain('De kopregel moet zijn');
  });

  it('adds, changes and removes a period with the form, with Dutch messages on bad input', async () => {
    const bad = await manager.post('/capaciteit/perioden', { person: '', domain: 'inkomen', kind: 'contract', from: '2024-05-01', to: '2024-04-01', hoursPerWeek: '0' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Vul een naam in');
    expect(bad.html).toContain('niet vóór de begindatum');
    const count = (await periods()).length;
    const ok = await manager.post('/capaciteit/perioden', { person: 'Nieuwe collega', domain: 'inkomen', kind: 'contract', from: '2024-05-01', to: '', hoursPerWeek: '32' });
    expect(ok.status).toBe(303);
    const added = (await periods()).find((p) => p.person === 'Nieuwe collega')!;
    expect((await periods()).length).toBe(count + 1);
    const changed = await manager.post(`/capaciteit/perioden/${added.id}`, { person: 'Nieuwe collega', domain: 'inkomen', kind: 'contract', from: '2024-05-01', to: '', hoursPerWeek: '36' });
    expect(changed.status).toBe(303);
    expect(Number((await periods()).find((p) => p.id === added.id)!.hours_per_week)).toBe(36);
    await manager.post(`/capaciteit/perioden/${added.id}`, { remove: 'ja' });
    expect((await periods()).some((p) => p.id === added.id)).toBe(false);
  });

  it('lets a team manager change only the plan of their own domains; an import replaces only those', async () => {
    const other = await manager.post('/capaciteit/perioden', { person: 'Elders', domain: 'leefomgeving', kind: 'contract', from: '2024-05-01', hoursPerWeek: '32' });
    expect(other.status).toBe(403);
    await director.post('/capaciteit/perioden', { person: 'Lea Leefomgeving', domain: 'leefomgeving', kind: 'contract', from: '2024-01-01', hoursPerWeek: '36' });
    const foreign = (await periods()).find((p) => p.person === 'Lea Leefomgeving')!;
    expect((await manager.post(`/capaciteit/perioden/${foreign.id}`, { remove: 'ja' })).status).toBe(403);
    const wrongDomain = await upload(manager, 'person,login,domain,kind,from,to,hours_per_week\nLea,,leefomgeving,contract,2024-01-01,,36');
    expect(wrongDomain.status).toBe(400);
    expect(wrongDomain.html).toContain('Regel 2: Domein &quot;leefomgeving&quot; is niet een van uw domeinen.');
    const own = await upload(manager, 'person,login,domain,kind,from,to,hours_per_week\nIna Inkomen,,inkomen,contract,2024-01-01,,36');
    expect(own.status).toBe(200);
    const left = await periods();
    expect(left.filter((p) => p.domain_id === 'inkomen').map((p) => p.person)).toEqual(['Ina Inkomen']);
    expect(left.some((p) => p.id === foreign.id)).toBe(true);
  });

  it('lets a coordinator read the plan but not change it', async () => {
    expect((await coordinator.get('/capaciteit')).status).toBe(200);
    expect((await coordinator.post('/capaciteit/perioden', { person: 'X', domain: 'inkomen', kind: 'contract', from: '2024-05-01', hoursPerWeek: '32' })).status).toBe(403);
    expect((await upload(coordinator, GOOD)).status).toBe(403);
  });
});
