import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPeriods } from '../capacity/capacity.repository.ts';
import { registerCase } from '../cases/case.service.ts';
import { assignCase, routeCase } from '../cases/case.transitions.ts';
import { refreshDailyStats } from '../dashboards/daily.repository.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { pageClient, type PageClient } from '../testing/web.ts';
import { stopQueueWorker } from './queue.runner.ts';

/**
 * The forecast pages on a small directorate: 8 weeks of history in two
 * domains and a plan; the forecast, the expected wait on the case page and in
 * the tray, scenarios with bad input, the extra-hours question and accuracy.
 */
let tdb: TestDatabase;
let api: TestApi;
let manager: PageClient;
let coordinator: PageClient;
const queued: string[] = [];
const NOW = '2024-05-06T09:00:00Z';

beforeAll(async () => {
  tdb = await createTestDatabase();
  tdb.setNow(NOW);
  const ctx = tdb.ctx;
  api = await startTestApi(ctx);
  manager = await pageClient(api, ctx, (await createStaff(ctx, { roles: ['teamManager'], login: 'tm', domains: ['inkomen', 'leefomgeving'] })).id);
  const coord = await createStaff(ctx, { roles: ['coordinator'], login: 'co', domains: ['inkomen', 'leefomgeving'] });
  coordinator = await pageClient(api, ctx, coord.id);
  const dispatcher = await createStaff(ctx, { roles: ['dispatcher'], login: 'wv', domains: ['inkomen', 'leefomgeving'] });
  const investigator = await createStaff(ctx, { roles: ['investigator'], login: 'ok', domains: ['inkomen'] });
  await insertPeriods(ctx.db, ['inkomen', 'leefomgeving', 'zorg-en-jeugd', 'veiligheid-en-migratie'].flatMap((domain) => [1, 2].map((n) => ({
    person: `${domain} ${n}`, staffId: null, domain, kind: 'contract' as const, from: '2024-01-01', to: null, hoursPerWeek: 36,
  }))));
  // 8 weeks: 12 complaints a week into Inkomen, of which 8 get assigned a week later; the rest waits.
  const start = Date.parse('2024-03-11T10:00:00Z');
  for (let week = 0; week < 8; week++) {
    for (let i = 0; i < 12; i++) {
      const at = new Date(start + week * 7 * 86_400_000 + (i % 5) * 86_400_000 + i * 60_000);
      tdb.setNow(at.toISOString());
      const c = (await registerCase(ctx, dispatcher, complaint({ receivedAt: at }))).case;
      const routed = await routeCase(ctx, dispatcher, c.id, { domain: 'inkomen', unit: 'standard' });
      if (i < 8 && week < 7) {
        tdb.setNow(new Date(at.getTime() + 7 * 86_400_000).toISOString());
        await assignCase(ctx, coord, c.id, { investigatorId: investigator.id, version: routed.version, handlingType: 'investigation', proposal: 'Bellen met de Belastingdienst' });
      } else queued.push(c.id);
    }
  }
  tdb.setNow(NOW);
  await refreshDailyStats(ctx.db, ctx.clock());
}, 120_000);
afterAll(async () => {
  await api?.close();
  await stopQueueWorker();
  await tdb?.close();
});

describe('the backlog forecast page', () => {
  it('shows per domain when the 3-week target is met, the tray ahead and what it learnt', async () => {
    const res = await manager.get('/prognose');
    expect(res.status).toBe(200);
    const table = res.html.slice(res.html.indexOf('id="doel-tabel"'), res.html.indexOf('</table>', res.html.indexOf('id="doel-tabel"')));
    for (const name of ['Inkomen', 'Leefomgeving', 'Alle domeinen']) expect(table).toContain(name);
    expect(res.html).toContain('De bak (alle domeinen) aan het begin van elke week');
    expect(res.html).toMatch(/Inkomen: [\d,]+ zaken uit de bak per beschikbare fte-week/);
  });

  it('keeps an expected assignment date on each waiting case, shown on the case page and in the tray', async () => {
    const page = await coordinator.get(`/zaken/${queued[0]}`);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<dd id="verwachte-toewijzing">rond \d+ \w+\.? 2024 \(/);
    const rows = await tdb.ctx.db.selectFrom('case_wait_forecasts').select(['case_id', 'p10', 'p50', 'p90']).execute();
    expect(new Set(rows.map((r) => r.case_id))).toEqual(new Set(queued));
    for (const r of rows) expect(r.p10 <= r.p50 && r.p50 <= r.p90).toBe(true);
    // The oldest waiting case is expected no later than the newest.
    const byId = new Map(rows.map((r) => [r.case_id, r.p50.getTime()]));
    expect(byId.get(queued[0]!)!).toBeLessThanOrEqual(byId.get(queued[queued.length - 1]!)!);
    const tray = await coordinator.get('/bak?domein=inkomen&eenheid=standard');
    expect(tray.html).toContain('Verwachte toewijzing (80%)');
    expect(tray.html).toMatch(/<td class="utrecht-table__cell">rond \d+/);
  });

  it('gives a case its first expectation as it is routed into a tray', async () => {
    const ctx = tdb.ctx;
    const dispatcher = await ctx.db.selectFrom('staff').select(['id', 'login', 'name', 'domains']).where('login', '=', 'wv').executeTakeFirstOrThrow();
    const actor = { ...dispatcher, roles: ['dispatcher' as const] };
    const c = (await registerCase(ctx, actor, complaint())).case;
    expect(await ctx.db.selectFrom('case_wait_forecasts').select('case_id').where('case_id', '=', c.id).executeTakeFirst()).toBeUndefined();
    await routeCase(ctx, actor, c.id, { domain: 'inkomen', unit: 'standard' });
    const kept = await ctx.db.selectFrom('case_wait_forecasts').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(kept.first_made_at.toISOString()).toBe(NOW.replace('Z', '.000Z'));
    expect(kept.first_p50.getTime()).toBeGreaterThanOrEqual(Date.parse(NOW));
    expect(kept.first_p10 <= kept.first_p50 && kept.first_p50 <= kept.first_p90).toBe(true);
    queued.push(c.id);
  });

  it('refuses a scenario with bad input, in Dutch, and stores nothing', async () => {
    const noName = await manager.post('/prognose/scenarios', { name: '', hirePeople: '2', hireFrom: '' });
    expect(noName.status).toBe(400);
    expect(noName.html).toContain('Geef het scenario een naam.');
    expect(noName.html).toContain('Aannemen: vul een datum in als JJJJ-MM-DD.');
    const nothing = await manager.post('/prognose/scenarios', { name: 'Leeg' });
    expect(nothing.status).toBe(400);
    expect(nothing.html).toContain('Vul minstens één wijziging in.');
    const badNumber = await manager.post('/prognose/scenarios', { name: 'Te veel', hirePeople: '-1', hireFrom: '2024-06-01' });
    expect(badNumber.status).toBe(400);
    expect(badNumber.html).toContain('Aannemen: controleer de getallen');
    expect(await tdb.ctx.db.selectFrom('forecast_scenarios').selectAll().execute()).toHaveLength(0);
  });

  it('saves a named scenario, compares it with the plan, and refuses a second one with the same name', async () => {
    const ok = await manager.post('/prognose/scenarios', { name: 'Twee erbij', hirePeople: '2', hireHours: '36', hireFrom: '2024-05-13', hireDomain: 'inkomen', hireOnboarding: '0' });
    expect(ok.status).toBe(303);
    const compare = await manager.get(ok.location!);
    expect(compare.html).toMatch(/<th scope="col" class="utrecht-table__header-cell">Twee erbij<\/th>/);
    const again = await manager.post('/prognose/scenarios', { name: 'Twee erbij', normPercent: '10', normFrom: '2024-05-13' });
    expect(again.status).toBe(400);
    expect(again.html).toContain('Er is al een scenario met de naam');
    expect((await coordinator.post('/prognose/scenarios', { name: 'Van de coördinator', normPercent: '10', normFrom: '2024-05-13' })).status).toBe(403);
  });

  it('answers how many extra hours a week meet the target by a date, and says so for a date out of reach', async () => {
    const res = await manager.get('/prognose?domein=inkomen&datum=2024-07-01');
    expect(res.html).toMatch(/<p id="extra-uren">Inkomen: (\d+ uur per week extra nodig|het doel is met het plan al gehaald)/);
    const far = await manager.get('/prognose?domein=inkomen&datum=2025-07-01');
    expect(far.html).toContain('Kies een datum van vandaag tot en met');
  });

  it('shows predicted against realised waits once cases are assigned, counting only expectations made on arrival', async () => {
    const before = await manager.get('/prognose/nauwkeurigheid');
    expect(before.status).toBe(200);
    expect(before.html).toContain('Nog geen toegewezen zaken met een bewaarde verwachting.');
    const ctx = tdb.ctx;
    const investigator = await ctx.db.selectFrom('staff').select('id').where('login', '=', 'ok').executeTakeFirstOrThrow();
    const coordRow = await ctx.db.selectFrom('staff').select(['id', 'login', 'name', 'domains']).where('login', '=', 'co').executeTakeFirstOrThrow();
    const coord = { ...coordRow, roles: ['coordinator' as const] };
    // The oldest waiting case got its first expectation weeks after it arrived (the first forecast): not counted.
    // The case routed on 6 May got one on arrival: counted, assigned two days later.
    const arrived = queued[queued.length - 1]!;
    for (const id of [queued[0]!, arrived]) {
      tdb.setNow('2024-05-08T11:00:00Z');
      const c = await ctx.db.selectFrom('cases').select(['id', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
      await assignCase(ctx, coord, c.id, { investigatorId: investigator.id, version: c.version, handlingType: 'investigation', proposal: 'Bellen met de Belastingdienst' });
    }
    tdb.setNow(NOW);
    const kept = await ctx.db.selectFrom('case_wait_forecasts').selectAll().where('case_id', '=', arrived).executeTakeFirstOrThrow();
    const day = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
    const within = day(kept.first_p10) <= '2024-05-08' && '2024-05-08' <= day(kept.first_p90);
    const error = Math.abs(Date.parse('2024-05-08T11:00:00Z') - kept.first_p50.getTime()) / 86_400_000;
    const after = await manager.get('/prognose/nauwkeurigheid');
    expect(after.html).toContain(`Over 1 zaken: gemiddelde afwijking ${(Math.round(error * 10) / 10).toString().replace('.', ',')} dagen; ${within ? 100 : 0}% binnen het 80%-interval.`);
  });
});
