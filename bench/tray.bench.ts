/**
 * Tray page benchmark: GET /bak of a domain with 5,000 unassigned cases, the
 * first page and a page deep in with filters, through a logged-in client over
 * HTTP, next to a trivial answer (GET /api/v1/health) measured in the same
 * run. Prints the median of each and its ratio to the trivial one, for the
 * embedded database and for the PostgreSQL server. Ratios, not absolute
 * times, are comparable between runs on these shared machines.
 */
import type { HistoricCase } from '../src/cases/case.history.ts';
import { insertHistoricCases } from '../src/cases/case.history.repository.ts';
import { Random } from '../src/core/random.ts';
import type { Connection } from '../src/db/connect.ts';
import { onBothDatabases } from './databases.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { bootstrapOrganisation } from '../src/organisation/organisation.bootstrap.ts';
import { AGENCIES, KEYWORDS } from '../src/organisation/reference-data.ts';
import { startTestApi } from '../src/testing/api.ts';
import { createStaff } from '../src/testing/factories.ts';
import { pageClient, type PageClient } from '../src/testing/web.ts';

const N = Number(process.env.BENCH_TRAY_CASES ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const DOMAIN = 'leefomgeving';
const DAY = 86_400_000;

/** N queued cases in one domain, received over the last 16 weeks, some with lane markers. */
function trayCases(now: Date): HistoricCase[] {
  const random = new Random(20260302);
  const agencies = AGENCIES.filter((a) => a.domainId === DOMAIN).map((a) => a.name);
  return Array.from({ length: N }, (_, i) => {
    const receivedAt = new Date(now.getTime() - random.int(2 * DAY, 112 * DAY));
    const lanes = { urgent: random.chance(0.02), b: random.chance(0.06), pop: random.chance(0.06), ob: random.chance(0.03) };
    const marked = Object.values(lanes).some(Boolean);
    return {
      receivedAt,
      petitioner: { name: `Verzoeker ${i}`, email: null, phone: null, address: null },
      agency: agencies[random.int(0, agencies.length - 1)]!,
      subject: `Klacht ${i} over de afhandeling`,
      description: 'Benchmarkzaak.',
      channel: 'letter',
      keywords: [KEYWORDS[random.int(0, KEYWORDS.length - 1)]!.id],
      complex: false,
      registeredBy: null,
      suggested: null,
      steps: [
        { at: new Date(receivedAt.getTime() + DAY / 2), actor: null, command: { type: 'route', domainId: DOMAIN, unitId: 'standard', suggested: null } },
        ...(marked ? [{ at: new Date(receivedAt.getTime() + DAY), actor: null, command: { type: 'setLanes' as const, lanes } }] : []),
      ],
    };
  });
}

async function median(runs: number, fn: () => Promise<void>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn(); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const nextLink = (html: string) => html.match(/href="([^"]+)" rel="next"/)?.[1]?.replace(/&amp;/g, '&') ?? null;

async function measure(label: string, connection: Connection) {
  const db = connection.db;
  await migrateToLatest(db);
  await bootstrapOrganisation(db);
  const now = new Date();
  const ctx = { db, clock: () => now };
  const coordinator = await createStaff(ctx, { roles: ['coordinator'], domains: [DOMAIN], login: 'bench-coordinator' });
  for (let i = 0; i < 8; i++) await createStaff(ctx, { roles: ['investigator'], domains: [DOMAIN], login: `bench-investigator-${i}` });
  const loadStart = performance.now();
  await db.transaction().execute((tx) => insertHistoricCases(tx, trayCases(now), { staffIdByLogin: new Map() }));
  const loadSeconds = (performance.now() - loadStart) / 1000;

  const api = await startTestApi(ctx);
  const client: PageClient = await pageClient(api, ctx, coordinator.id);
  const get = (url: string) => async () => {
    const res = await client.get(url);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  };
  const first = `/bak?domein=${DOMAIN}`;
  const firstHtml = (await client.get(first)).html;
  if (!firstHtml.includes(`${N.toLocaleString('nl-NL')}</dd>`)) throw new Error(`the tray does not count ${N} cases`);
  // A page deep in: unmarked cases at least 2 weeks old, oldest first, 40 pages on.
  let deep = `/bak?domein=${DOMAIN}&eenheid=kb&baan=geen&weken=2&sorteer=leeftijd`;
  let depth = 0;
  for (; depth < 40; depth++) {
    const next = nextLink((await client.get(deep)).html);
    if (!next) break;
    deep = next;
  }
  const health = await median(RUNS, async () => {
    const res = await fetch(`${api.url}/api/v1/health`);
    if (res.status !== 200) throw new Error(`health answered ${res.status}`);
    await res.arrayBuffer();
  });
  const firstMs = await median(RUNS, get(first));
  const deepMs = await median(RUNS, get(deep));
  await api.close();
  const row = (what: string, ms: number) => `  ${what.padEnd(42)} ${ms.toFixed(1).padStart(7)} ms   ratio to health ${(ms / health).toFixed(1).padStart(5)}`;
  console.log(`${label}: ${N} cases loaded in ${loadSeconds.toFixed(1)} s`);
  console.log(row('GET /api/v1/health (trivial)', health));
  console.log(row('GET /bak first page', firstMs));
  console.log(row(`GET /bak filtered, page ${depth + 1} (oldest first)`, deepMs));
}

console.log(`tray benchmark: median of ${RUNS} runs, node ${process.version}`);
await onBothDatabases(measure);
