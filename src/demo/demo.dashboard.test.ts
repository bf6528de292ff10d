import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIO } from '../cli/io.ts';
import { dashboardModel } from '../dashboards/dashboard.model.ts';
import { stockSeries, trayStats, waitStats } from '../dashboards/stats.service.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { loadDemo } from './demo.service.ts';

/**
 * The demo organisation, loaded as `npm start` loads it, seen through the
 * dashboard's own figures: the seed's picture (DOMAIN.md) — a tray of about
 * 750 in October 2023, waits of 8-12 weeks in January 2024, a rise over
 * Christmas, then the action plan bringing the tray into its 200-300 band
 * and the wait under 3 weeks.
 */
let tdb: TestDatabase;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const quiet: CommandIO = { out: () => {}, progress: () => {} };

beforeAll(async () => {
  tdb = await createTestDatabase();
  tdb.setNow('2024-09-02T09:00:00Z'); // a shorter demo: the same past as today's, generated up to this date
  const { loaded } = await loadDemo(tdb.ctx, quiet);
  expect(loaded).toBe(true);
}, 120_000);
afterAll(async () => tdb?.close());

describe('the demo through the dashboard', () => {
  it('has a tray of about 750 on 16 Oct 2023, each domain\'s KB tray within 20% of the file (249/133/215/115)', async () => {
    const tray = await trayStats(tdb.ctx, day('2023-10-16'));
    const total = tray.items.reduce((n, i) => n + i.unassigned, 0);
    expect(total).toBeGreaterThanOrEqual(700);
    expect(total).toBeLessThanOrEqual(800);
    const file = { leefomgeving: 249, 'zorg-en-jeugd': 133, inkomen: 215, 'veiligheid-en-migratie': 115 };
    for (const [domain, n] of Object.entries(file)) {
      const kb = tray.items.find((i) => i.domain === domain)!.units.standard!.unassigned;
      expect(kb, domain).toBeGreaterThanOrEqual(n * 0.8);
      expect(kb, domain).toBeLessThanOrEqual(n * 1.2);
    }
  });

  it('shows the rise over the Christmas holiday, with the holiday weeks marked', async () => {
    const stock = await stockSeries(tdb.ctx, { from: day('2023-12-01'), to: day('2024-01-15') });
    const at = (d: string) => stock.find((s) => s.date === d)!.total;
    expect(at('2024-01-08') - at('2023-12-18')).toBeGreaterThanOrEqual(50);
    const model = await dashboardModel(tdb.ctx, { asOf: day('2024-01-15'), domain: '', t: (nl) => nl });
    const marks = model.charts.find((c) => c.id === 'voorraad')!.marks.map((m) => m.label);
    expect(marks.some((m) => m.includes('Eerste Kerstdag'))).toBe(true);
  });

  it('has waits of 8-12 weeks (p50) for cases assigned in January 2024', async () => {
    const waits = await waitStats(tdb.ctx, { from: day('2024-01-01'), to: day('2024-02-01'), allDomains: true });
    expect(waits.items.length).toBe(5);
    for (const w of waits.items) {
      expect(w.p50Days, w.week).toBeGreaterThanOrEqual(8 * 7);
      expect(w.p50Days, w.week).toBeLessThanOrEqual(12 * 7);
    }
  });

  it('then follows the action plan: by June 2024 the tray is in its 200-300 band and cases wait under 3 weeks', async () => {
    const tray = await trayStats(tdb.ctx, day('2024-06-03'));
    const total = tray.items.reduce((n, i) => n + i.unassigned, 0);
    expect(total).toBeGreaterThanOrEqual(200);
    expect(total).toBeLessThanOrEqual(300);
    const waits = await waitStats(tdb.ctx, { from: day('2024-06-03'), to: day('2024-07-01'), allDomains: true });
    for (const w of waits.items) expect(w.p50Days, w.week).toBeLessThanOrEqual(21);
  });
});
