import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPeriods } from '../capacity/capacity.repository.ts';
import { registerCase } from '../cases/case.service.ts';
import { routeCase } from '../cases/case.transitions.ts';
import { readRun } from '../forecast/forecast.repository.ts';
import type { ForecastRun } from '../forecast/forecast.service.ts';
import { stopQueueWorker } from '../forecast/queue.runner.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';

/** The public waiting times: no log-in, per domain p10/p50/p90 days and a cause, no personal data, cached. */
let tdb: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  tdb = await createTestDatabase();
  tdb.setNow('2024-05-06T09:00:00Z');
  api = await startTestApi(tdb.ctx);
  const dispatcher = await createStaff(tdb.ctx, { roles: ['dispatcher'], login: 'wv', domains: ['inkomen'] });
  await insertPeriods(tdb.ctx.db, ['inkomen', 'leefomgeving', 'zorg-en-jeugd', 'veiligheid-en-migratie'].map((domain) => ({
    person: `${domain} 1`, staffId: null, domain, kind: 'contract' as const, from: '2024-01-01', to: null, hoursPerWeek: 36,
  })));
  for (let i = 0; i < 30; i++) {
    const c = (await registerCase(tdb.ctx, dispatcher, complaint({ petitioner: { name: `Geheime Naam ${i}`, email: `p${i}@example.nl` } }))).case;
    await routeCase(tdb.ctx, dispatcher, c.id, { domain: 'inkomen', unit: 'standard' });
  }
}, 120_000);
afterAll(async () => {
  await api?.close();
  await stopQueueWorker();
  await tdb?.close();
});

describe('public waiting times', () => {
  it('answers JSON without a token: per domain whole days p10 <= p50 <= p90 and a Dutch cause, cacheable', async () => {
    const res = await fetch(`${api.url}/api/v1/public/waiting-times`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const body = (await res.json()) as { items: { domain: string; p10Days: number | null; p50Days: number | null; p90Days: number | null; cause: string }[] };
    expect(body.items.map((i) => i.domain).sort()).toEqual(['inkomen', 'leefomgeving', 'veiligheid-en-migratie', 'zorg-en-jeugd']);
    for (const i of body.items) {
      expect(Object.keys(i).sort()).toEqual(['cause', 'domain', 'p10Days', 'p50Days', 'p90Days']);
      const [a, b, c] = [i.p10Days, i.p50Days, i.p90Days].map((v) => v ?? Number.POSITIVE_INFINITY) as [number, number, number];
      expect(a <= b && b <= c).toBe(true);
      expect(i.cause).toMatch(/3 weken/);
    }
    // Inkomen holds the 30 waiting cases; an empty domain's new complaint waits less.
    const inkomen = body.items.find((i) => i.domain === 'inkomen')!;
    const empty = body.items.find((i) => i.domain === 'leefomgeving')!;
    expect(inkomen.p50Days ?? Infinity).toBeGreaterThan(empty.p50Days ?? Infinity);
  });

  it('shows the same as a page without log-in, with no personal data', async () => {
    const res = await fetch(`${api.url}/wachttijden`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Wachttijden voor klachten');
    expect(html).toContain('<th scope="row" class="utrecht-table__header-cell">Inkomen</th>');
    expect(html).not.toContain('Geheime Naam');
  });

  it('gives the forecast’s own figures for each domain, on the page as in the JSON, and nothing personal', async () => {
    const run = (await readRun(tdb.ctx.db, 'plan'))!.result as ForecastRun;
    const body = (await (await fetch(`${api.url}/api/v1/public/waiting-times`)).json()) as { items: { domain: string; p10Days: number | null; p50Days: number | null; p90Days: number | null }[] };
    const up = (v: number | null) => (v === null ? null : Math.ceil(v));
    for (const d of run.result.domains) {
      const item = body.items.find((i) => i.domain === d.domain)!;
      expect([item.p10Days, item.p50Days, item.p90Days], d.domain).toEqual([up(d.waitNowDays.regular.p10), up(d.waitNowDays.regular.p50), up(d.waitNowDays.regular.p90)]);
    }
    const inkomen = body.items.find((i) => i.domain === 'inkomen')!;
    const html = await (await fetch(`${api.url}/wachttijden`)).text();
    const weeks = (d: number | null) => (d === null ? 'meer dan een half jaar' : d < 7 ? `${d} dagen` : `${Math.round(d / 7)} weken`);
    expect(html).toContain(`<th scope="row" class="utrecht-table__header-cell">Inkomen</th><td class="utrecht-table__cell">${weeks(inkomen.p50Days)}</td>`);
    const json = JSON.stringify(body);
    for (const text of [json, html]) {
      expect(text).not.toMatch(/Geheime Naam|@example\.nl|\d{4}\.\d{6}/);
    }
  });
});

