import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignCase, recordFirstContact, routeCase } from '../cases/case.transitions.ts';
import { registerCase } from '../cases/case.service.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { addDays, buildDays, histogramPercentile, isoDay, weekOf } from './daily.ts';
import { cutoffDay, isFresh, refreshDailyStats, waitPercentiles, waitsPerWeek } from './daily.repository.ts';
import { eventsOfCasesOpenBetween } from './stats.repository.ts';
import type { HistoricCase } from '../cases/case.history.ts';
import { insertHistoricCases } from '../cases/case.history.repository.ts';
import { Random } from '../core/random.ts';
import { flowSeries, trayStats, trayStatsByReplay, waitStats } from './stats.service.ts';

/**
 * The materialised daily figures stay equal to a replay of the events: when
 * they grow day by day, and when events are written after the fact.
 */
let tdb: TestDatabase;
let admin: Awaited<ReturnType<typeof createStaff>>;
let inv: Awaited<ReturnType<typeof createStaff>>;
const HOUR = 3_600_000;
// Events "now" must be near the database's own clock, or the trigger treats them as written after the fact.
const start = new Date(Math.floor(Date.now() / HOUR) * HOUR + 17 * 60_000);

beforeAll(async () => {
  tdb = await createTestDatabase();
  tdb.setNow(start);
  admin = await createStaff(tdb.ctx, { roles: ['admin'] });
  inv = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen', 'leefomgeving'] });
});
afterAll(async () => tdb?.close());

async function newCase(domain: string, receivedAt?: Date) {
  const c = (await registerCase(tdb.ctx, admin, complaint({ receivedAt }))).case;
  return routeCase(tdb.ctx, admin, c.id, { domain, unit: 'standard' });
}

/** Every midnight in the stored range: the stored tray equals the replayed one; the stored wait histograms equal a fresh build. */
async function expectStoredEqualsReplay(days: number) {
  const now = tdb.ctx.clock();
  await refreshDailyStats(tdb.ctx.db, now);
  expect(await isFresh(tdb.ctx.db, now)).toBe(true);
  const last = cutoffDay(now);
  for (let d = addDays(last, -days); d <= last; d = addDays(d, 1)) {
    const midnight = new Date(`${d}T00:00:00Z`);
    expect(await trayStats(tdb.ctx, midnight), d).toEqual(await trayStatsByReplay(tdb.ctx, midnight));
  }
  const from = weekOf(addDays(last, -days - 7));
  const fresh = buildDays((await eventsOfCasesOpenBetween(tdb.ctx.db, new Date(`${from}T00:00:00Z`), new Date(`${last}T00:00:00Z`))).values(), from, last);
  const sum = (rows: { kind: string; waitDays: number; cases: number }[]) =>
    rows.reduce<Record<string, number>>((m, r) => ({ ...m, [`${r.kind}:${r.waitDays}`]: (m[`${r.kind}:${r.waitDays}`] ?? 0) + r.cases }), {});
  expect(sum(await waitsPerWeek(tdb.ctx.db, now, from, last))).toEqual(sum(fresh.waits));
}

describe('the materialised daily figures', () => {
  it('grow day by day without recomputing, and stay equal to the replay', async () => {
    const a = await newCase('inkomen');
    const b = await newCase('leefomgeving');
    await refreshDailyStats(tdb.ctx.db, tdb.ctx.clock());
    expect(await isFresh(tdb.ctx.db, tdb.ctx.clock())).toBe(true);

    // Later events are written at "now", after the stored days: no invalidation, the refresh only adds days.
    tdb.setNow(new Date(Date.now() + 60_000));
    await assignCase(tdb.ctx, admin, a.id, { investigatorId: inv.id, proposal: 'x', handlingType: 'intervention', version: a.version });
    await recordFirstContact(tdb.ctx, inv, a.id, {});
    await newCase('inkomen');
    tdb.setNow(new Date(start.getTime() + 4 * 24 * HOUR));
    const invalidations = await tdb.ctx.db.selectFrom('stats_invalidations').selectAll().execute();
    expect(invalidations).toEqual([]);
    await expectStoredEqualsReplay(6);
    const tray = await trayStats(tdb.ctx, new Date(`${isoDay(tdb.ctx.clock())}T00:00:00Z`));
    expect(tray.items.find((i) => i.domain === 'leefomgeving')?.unassigned).toBe(1);
    expect(b.status).toBe('queued');
  });

  it('recompute from the week of an event written after the fact (a backdated receipt)', async () => {
    const old = await newCase('inkomen', new Date(start.getTime() - 20 * 24 * HOUR));
    const invalidations = await tdb.ctx.db.selectFrom('stats_invalidations').select('since').execute();
    expect(invalidations.length).toBeGreaterThan(0);
    const before = await trayStats(tdb.ctx, new Date(`${addDays(isoDay(start), -10)}T00:00:00Z`));
    expect(before.items.find((i) => i.domain === 'inkomen')?.unassigned).toBe(0); // routed only now
    await assignCase(tdb.ctx, admin, old.id, { investigatorId: inv.id, proposal: 'x', handlingType: 'intervention', version: old.version });
    await recordFirstContact(tdb.ctx, inv, old.id, {});
    await expectStoredEqualsReplay(25);
    expect(await tdb.ctx.db.selectFrom('stats_invalidations').selectAll().execute()).toEqual([]);
  });

  it('compute percentiles in the database exactly as from the histogram in code (nearest rank)', async () => {
    const now = new Date('2030-01-01T12:00:00Z');
    const before = await tdb.ctx.db.selectFrom('stats_state').select((eb) => eb.cast<string>('complete_before', 'text').as('day')).executeTakeFirstOrThrow();
    await tdb.ctx.db.updateTable('stats_state').set({ complete_before: '2030-01-01' }).execute(); // as if stored up to then
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ waitDays: fc.integer({ min: 0, max: 120 }), cases: fc.integer({ min: 1, max: 40 }) }), { minLength: 1, maxLength: 30 }), async (raw) => {
        const hist = [...new Map(raw.map((b) => [b.waitDays, b])).values()].sort((a, b) => a.waitDays - b.waitDays);
        await tdb.ctx.db.transaction().execute(async (tx) => {
          await tx.deleteFrom('stats_waits_weeks').where('week', '=', '2029-01-01').execute();
          await tx.insertInto('stats_waits_weeks').values(hist.map((b) => ({ week: '2029-01-01', domain_id: 'inkomen', kind: 'assignment', wait_days: b.waitDays, cases: b.cases }))).execute();
        });
        const [row] = await waitPercentiles(tdb.ctx.db, now, { from: '2029-01-01', to: '2029-01-08', kind: 'assignment', allDomains: false, targetDays: 21 });
        expect(row).toEqual({
          week: '2029-01-01', domain: 'inkomen', total: hist.reduce((n, b) => n + b.cases, 0),
          p50: histogramPercentile(hist, 0.5), p80: histogramPercentile(hist, 0.8), p95: histogramPercentile(hist, 0.95),
          within: hist.filter((b) => b.waitDays <= 21).reduce((n, b) => n + b.cases, 0),
        });
      }),
      { numRuns: 40 },
    );
    await tdb.ctx.db.deleteFrom('stats_waits_weeks').where('week', '=', '2029-01-01').execute();
    await tdb.ctx.db.updateTable('stats_state').set({ complete_before: before.day }).execute();
  });

  it('count every closing, assignment and wait once, also at midnight on a chunk boundary, over an imported history', async () => {
    // Steps at exact midnights (as a CSV import of dates gives them), many on Mondays, over four months.
    const random = new Random(7);
    const day0 = Date.parse('2023-01-02T00:00:00Z'); // a Monday: refresh chunks start here and every 28 days
    const at = (days: number) => new Date(day0 + days * 86_400_000 + (random.chance(0.5) ? 0 : random.int(1, 23) * 3_600_000));
    const history: HistoricCase[] = Array.from({ length: 150 }, (_, i) => {
      const received = random.int(0, 100);
      const assigned = received + random.int(0, 30);
      const closed = assigned + random.int(0, 20);
      const receivedAt = at(received);
      const steps: HistoricCase['steps'] = [
        { at: receivedAt, actor: null, command: { type: 'route', domainId: i % 2 ? 'inkomen' : 'leefomgeving', unitId: 'standard', suggested: null } },
      ];
      const assignAt = new Date(Math.max(at(assigned).getTime(), receivedAt.getTime()));
      if (random.chance(0.8)) {
        steps.push({ at: assignAt, actor: null, command: { type: 'assign', investigatorId: 'inv', proposal: 'x', handlingType: 'intervention' } });
        steps.push({ at: new Date(Math.max(at(closed).getTime(), assignAt.getTime())), actor: null, command: { type: 'close', outcomeId: 'advice' } });
      } else if (random.chance(0.5)) {
        steps.push({ at: assignAt, actor: null, command: { type: 'close', outcomeId: 'KEN' } }); // closed from the tray
      }
      return {
        receivedAt, petitioner: { name: `P ${i}`, email: null, phone: null, address: null }, agency: 'Gemeente Utrecht',
        subject: 'x', description: 'x', channel: 'letter', keywords: [], complex: false, registeredBy: null, suggested: null, steps,
      };
    });
    // And one case closed at exactly midnight on every day from day 20 to day 60, so some fall on a chunk boundary.
    for (let d = 20; d <= 60; d++) {
      const receivedAt = new Date(day0 + (d - 10) * 86_400_000 + 8 * 3_600_000);
      history.push({
        receivedAt, petitioner: { name: `M ${d}`, email: null, phone: null, address: null }, agency: 'Gemeente Utrecht',
        subject: 'x', description: 'x', channel: 'letter', keywords: [], complex: false, registeredBy: null, suggested: null,
        steps: [
          { at: receivedAt, actor: null, command: { type: 'route', domainId: 'inkomen', unitId: 'standard', suggested: null } },
          { at: new Date(day0 + d * 86_400_000), actor: null, command: { type: 'assign', investigatorId: 'inv', proposal: 'x', handlingType: 'intervention' } },
          { at: new Date(day0 + d * 86_400_000), actor: null, command: { type: 'close', outcomeId: 'KEN' } },
        ],
      });
    }
    await tdb.ctx.db.transaction().execute((tx) => insertHistoricCases(tx, history, { staffIdByLogin: new Map([['inv', inv.id]]) }));
    const [from, to] = [new Date(day0), new Date(day0 + 26 * 7 * 86_400_000)];
    const flows = await flowSeries(tdb.ctx, { from, to });
    const counted = await tdb.ctx.db.selectFrom('case_events as e').innerJoin('cases as c', 'c.id', 'e.case_id')
      .select(['e.type', (eb) => eb.fn.countAll<string>().as('n')])
      .where('c.dossier_number', 'in', (await tdb.ctx.db.selectFrom('cases').select('dossier_number').where('received_at', '<', to).where('received_at', '>=', from).execute()).map((r) => r.dossier_number))
      .where('e.type', 'in', ['closed', 'assigned']).groupBy('e.type').execute();
    const n = Object.fromEntries(counted.map((r) => [r.type, Number(r.n)]));
    expect(flows.reduce((x, f) => x + f.closed, 0)).toBe(n.closed);
    expect(flows.reduce((x, f) => x + f.assigned, 0)).toBe(n.assigned);
    const waits = await waitStats(tdb.ctx, { from, to, allDomains: true });
    expect(waits.items.reduce((x, w) => x + w.assigned, 0)).toBe(n.assigned);
    for (let d = 0; d < 130; d += 1) {
      const midnight = new Date(day0 + d * 86_400_000);
      expect(await trayStats(tdb.ctx, midnight), isoDay(midnight)).toEqual(await trayStatsByReplay(tdb.ctx, midnight));
    }
  });
});
