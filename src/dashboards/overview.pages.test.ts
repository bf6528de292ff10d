import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy.ts';
import { registerCase } from '../cases/case.service.ts';
import { routeCase, setLanes } from '../cases/case.transitions.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { pageClient } from '../testing/web.ts';

let tdb: TestDatabase;
let api: TestApi;
let admin: Actor;

beforeAll(async () => {
  tdb = await createTestDatabase();
  api = await startTestApi(tdb.ctx);
  admin = await createStaff(tdb.ctx, { roles: ['admin'], domains: [] });
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

async function received(at: string, route?: { domain: string; unit?: 'standard' | 'extended'; lanes?: Record<string, boolean> }) {
  const { case: c } = await registerCase(tdb.ctx, admin, complaint({ receivedAt: new Date(at) }));
  if (!route) return c;
  await routeCase(tdb.ctx, admin, c.id, { domain: route.domain, unit: route.unit ?? 'standard' });
  if (route.lanes) await setLanes(tdb.ctx, admin, c.id, route.lanes);
  return c;
}

/** The cells of the table row whose header is `label`. */
function row(html: string, label: string): string[] {
  const tr = html.split('<tr').find((r) => r.includes(`>${label}</`));
  if (!tr) throw new Error(`no row ${label}`);
  return [...tr.matchAll(/<td[^>]*>(?:<strong>)?([^<]*)/g)].map((m) => m[1]!);
}

describe('the overview page', () => {
  beforeAll(async () => {
    // now is 2026-03-02: the target is a handler within 3 weeks
    await received('2026-01-05', { domain: 'inkomen' });
    await received('2026-02-25', { domain: 'inkomen', lanes: { urgent: true } });
    await received('2026-02-26', { domain: 'inkomen', lanes: { b: true, ob: true } });
    await received('2026-02-01', { domain: 'leefomgeving', unit: 'extended', lanes: { pop: true } });
    await received('2026-02-20');
    await received('2026-02-27');
  });

  it('shows per domain and unit the tray by lane, the cases over target and the oldest wait, and the totals', async () => {
    const manager = await createStaff(tdb.ctx, { roles: ['teamManager'], domains: ['inkomen'] });
    const res = await (await pageClient(api, tdb.ctx, manager.id)).get('/overzicht');
    expect(res.status).toBe(200);
    expect(res.html).toMatch(/<caption[^>]*>Zaken in de bak \(nog niet toegewezen\) per domein en eenheid/);
    // total, urgent, B, POP, OB, over 3 weeks, oldest wait in weeks
    expect(row(res.html, 'Inkomen — KB')).toEqual(['3', '1', '1', '0', '1', '1', '8,0']);
    expect(row(res.html, 'Leefomgeving — UKB')).toEqual(['1', '0', '0', '1', '0', '1', '4,1']);
    expect(row(res.html, 'Zorg en Jeugd — KB')).toEqual(['0', '0', '0', '0', '0', '0', '–']);
    expect(row(res.html, 'Totaal')).toEqual(['4', '1', '1', '1', '1', '2', '8,0']);
    expect(res.html).toMatch(/<dt>Geregistreerd, nog niet naar een domein<\/dt><dd>2<\/dd>/);
    expect(res.html).toMatch(/<dt>Oudste wacht \(weken\)<\/dt><dd>1,4<\/dd>/);
    expect(res.html).toMatch(/<dt>Totaal nog niet toegewezen<\/dt><dd>6<\/dd>/);
    expect(res.html).toContain('href="/bak?domein=inkomen&amp;eenheid=kb"');
    expect(res.html).not.toContain('href="/bak?domein=leefomgeving'); // not the manager's domain
    expect(res.html).toMatch(/<th scope="col"/);
  });

  it('downloads the same table as CSV and XLSX', async () => {
    const manager = await createStaff(tdb.ctx, { roles: ['teamManager'], domains: ['inkomen'] });
    const page = await pageClient(api, tdb.ctx, manager.id);
    const csv = (await page.get('/overzicht.csv')).html.trim().split('\r\n');
    expect(csv[0]).toBe('Domein,Eenheid,In de bak,Spoed,B,POP,OB,Langer dan 3 weken,Oudste zaak wacht (weken)');
    expect(csv).toContain('Inkomen,KB,3,1,1,0,1,1,8');
    expect(csv).toContain('Leefomgeving,UKB,1,0,0,1,0,1,4.1');
    expect(csv).toContain('Nog te routeren,,2,,,,,,1.4');
    const xlsx = await fetch(`${api.url}/overzicht.xlsx`, { headers: { cookie: page.cookie } });
    expect(xlsx.headers.get('content-disposition')).toMatch(/attachment; filename="overzicht-\d{4}-\d{2}-\d{2}\.xlsx"/);
  });

  it('shows the director the same table without links to a tray they cannot open', async () => {
    const director = await createStaff(tdb.ctx, { roles: ['director'], domains: [] });
    const res = await (await pageClient(api, tdb.ctx, director.id)).get('/overzicht');
    expect(res.status).toBe(200);
    expect(row(res.html, 'Inkomen — KB')[0]).toBe('3');
    expect(res.html).not.toContain('href="/bak?');
  });

  it('refuses an investigator (403)', async () => {
    const investigator = await createStaff(tdb.ctx, { roles: ['investigator'] });
    expect((await (await pageClient(api, tdb.ctx, investigator.id)).get('/overzicht')).status).toBe(403);
  });
});
