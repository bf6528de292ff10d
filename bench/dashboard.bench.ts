/**
 * Dashboard benchmark: 100,000 and then 1,000,000 generated historical cases
 * (received over the same years, so the later run is ten times as dense),
 * on the embedded database and on the PostgreSQL server. Per size it prints
 * the time to load and to compute the daily figures, and the p50/p95 of
 * GET /dashboard (a logged-in manager, a random "as of" date in the last two
 * years, all domains or one) and of GET /api/v1/stats/tray?asOf=, next to a
 * trivial answer (GET /api/v1/health) measured in the same run; then the
 * growth of the p95 from 100k to 1M. Goal: p95 <= 100 ms at 1M on PostgreSQL,
 * growth <= 1.2x.
 *
 * BENCH_DASHBOARD_SIZES=100000,1000000 (default) sets the sizes; BENCH_RUNS the requests per measure.
 */
import type { Connection } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { refreshDailyStats } from '../src/dashboards/daily.repository.ts';
import { Random } from '../src/core/random.ts';
import { bootstrapOrganisation } from '../src/organisation/organisation.bootstrap.ts';
import { startTestApi } from '../src/testing/api.ts';
import { createStaff } from '../src/testing/factories.ts';
import { pageClient } from '../src/testing/web.ts';
import { onBothDatabases } from './databases.ts';
import { DOMAINS, generate } from './generate.ts';

const SIZES = (process.env.BENCH_DASHBOARD_SIZES ?? '100000,1000000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const DAY = 86_400_000;

function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95) };
}

async function timed(runs: number, fn: (i: number) => Promise<void>) {
  for (let i = 0; i < 5; i++) await fn(i); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return percentiles(times);
}

type Result = { size: number; dashboard: { p50: number; p95: number }; api: { p50: number; p95: number }; health: { p50: number; p95: number } };

async function measure(label: string, connection: Connection) {
  const db = connection.db;
  await migrateToLatest(db);
  await bootstrapOrganisation(db);
  const now = new Date();
  const ctx = { db, clock: () => now };
  const manager = await createStaff(ctx, { roles: ['teamManager'], domains: DOMAINS, login: 'bench-manager' });
  const investigators: string[] = [];
  for (let i = 0; i < 40; i++) investigators.push((await createStaff(ctx, { roles: ['investigator'], domains: [DOMAINS[i % 4]!], login: `bench-inv-${i}` })).id);
  const start = new Date('2023-01-02T00:00:00Z');
  const results: Result[] = [];
  let loaded = 0;
  console.log(`${label}:`);
  for (const size of SIZES) {
    const t0 = performance.now();
    await generate(db, loaded, size, start, now, investigators);
    loaded = size;
    const t1 = performance.now();
    await refreshDailyStats(db, now, (done, total) => process.stdout.write(`\r  daily figures: ${done}/${total} days`));
    const t2 = performance.now();
    process.stdout.write('\n');
    console.log(`  ${size.toLocaleString('en')} cases: generated in ${((t1 - t0) / 1000).toFixed(0)} s, daily figures computed in ${((t2 - t1) / 1000).toFixed(0)} s`);

    const api = await startTestApi(ctx);
    const client = await pageClient(api, ctx, manager.id);
    const random = new Random(42);
    const dates = Array.from({ length: RUNS + 5 }, () => new Date(now.getTime() - random.int(1, 730) * DAY).toISOString().slice(0, 10));
    const domains = Array.from({ length: RUNS + 5 }, () => ['', ...DOMAINS][random.int(0, 4)]!);
    const health = await timed(RUNS, async () => {
      const res = await fetch(`${api.url}/api/v1/health`);
      await res.arrayBuffer();
    });
    const dashboard = await timed(RUNS, async (i) => {
      const res = await client.get(`/dashboard?peildatum=${dates[i]}${domains[i] ? `&domein=${domains[i]}` : ''}`);
      if (res.status !== 200) throw new Error(`/dashboard answered ${res.status}`);
    });
    const apiTimes = await timed(RUNS, async (i) => {
      const res = await api.call('GET', `/api/v1/stats/tray?asOf=${dates[i]}`, { token: manager.token });
      if (res.status !== 200) throw new Error(`/api/v1/stats/tray answered ${res.status}`);
    });
    await api.close();
    results.push({ size, dashboard, api: apiTimes, health });
    const row = (what: string, p: { p50: number; p95: number }) =>
      `    ${what.padEnd(34)} p50 ${p.p50.toFixed(1).padStart(7)} ms   p95 ${p.p95.toFixed(1).padStart(7)} ms   p95 ratio to health ${(p.p95 / health.p95).toFixed(1).padStart(5)}`;
    console.log(row('GET /api/v1/health (trivial)', health));
    console.log(row('GET /dashboard', dashboard));
    console.log(row('GET /api/v1/stats/tray?asOf=', apiTimes));
  }
  if (results.length >= 2) {
    const [a, b] = [results[0]!, results[results.length - 1]!];
    console.log(`  growth of p95 from ${a.size.toLocaleString('en')} to ${b.size.toLocaleString('en')} cases: dashboard ${(b.dashboard.p95 / a.dashboard.p95).toFixed(2)}x, stats API ${(b.api.p95 / a.api.p95).toFixed(2)}x (trivial answer ${(b.health.p95 / a.health.p95).toFixed(2)}x)`);
  }
}

console.log(`dashboard benchmark: ${RUNS} requests per measure, node ${process.version}`);
await onBothDatabases(measure);
