/**
 * `npm run soak [-- --minutes 30 --share 0.5 --sample 30 --clients 16 --burst 400]`:
 * starts the real server on a fresh database (the PostgreSQL server when
 * DATABASE_URL is set, else an embedded data folder), measures its maximum
 * intake rate with a burst of concurrent intake requests, then runs a
 * realistic mix (intake, route, assign, close, reads of the tray and of cases)
 * at `share` (half) of that rate for the given minutes. Samples the server's
 * RSS every `sample` seconds, prints a table per minute and a verdict: zero
 * errors and flat memory. Exits non-zero when the verdict fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkInvariants } from '../src/resilience/invariants.ts';
import { Ledger, MIX, newTally, runClient, type Api, type Tally } from '../src/resilience/load.ts';
import { maxIntakeRate, memoryVerdict, pacer, type MemorySample } from '../src/resilience/soak.ts';
import { openTarget, prepareOrganisation, rssMiB, scratchDir, serverEnvFor, startAndWait, type Target } from '../src/resilience/target.ts';
import { createServerDatabase } from '../src/testing/database.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    share: { type: 'string', default: '0.5' },
    sample: { type: 'string', default: '30' },
    clients: { type: 'string', default: '16' },
    burst: { type: 'string', default: '400' },
  },
});
const minutes = Number(values.minutes);
const share = Number(values.share);
const sampleSeconds = Number(values.sample);
const clients = Number(values.clients);

const scratch = scratchDir('grip-soak-');
const server = process.env.DATABASE_URL ? await createServerDatabase() : null;
const target: Target = server ? { kind: 'server', url: server.url } : { kind: 'embedded', dataDir: path.join(scratch, 'data') };
console.log(`soak: ${minutes} min on ${server ? 'the PostgreSQL server (fresh database)' : `the embedded database in ${target.kind === 'embedded' ? target.dataDir : ''}`}`);

const org = await prepareOrganisation(target);
const { server: proc } = await startAndWait(serverEnvFor(target, scratch));
const pid = proc.proc.pid!;
const api: Api = { base: proc.url, token: org.token };
let failed = false;
try {
  const max = await maxIntakeRate(api, { count: Number(values.burst), concurrency: clients });
  const rate = max.rate * share;
  console.log(`maximum intake rate: ${max.rate.toFixed(1)} cases/s (${values.burst} intake requests, ${clients} concurrent, ${max.errors} errors)`);
  console.log(`soak rate: ${rate.toFixed(1)} requests/s (${share} of it), mix ${Object.entries(MIX).map(([a, w]) => `${a} ${w}%`).join(', ')}`);
  if (max.errors) failed = true;

  const perMinute: Tally[] = [];
  const samples: (MemorySample & { minute: number })[] = [];
  const start = performance.now();
  const elapsed = () => (performance.now() - start) / 1000;
  const minuteOf = () => Math.min(minutes - 1, Math.floor(elapsed() / 60));
  const tally = () => (perMinute[minuteOf()] ??= newTally());
  const sample = () => {
    const rss = rssMiB(pid);
    if (rss !== null) samples.push({ atSeconds: elapsed(), rssMiB: rss, minute: minuteOf() });
  };
  sample();
  const sampler = setInterval(sample, sampleSeconds * 1000);
  const ticker = setInterval(() => {
    const done = Math.round(elapsed() / 60);
    const t = perMinute[done - 1];
    if (t && done < minutes) process.stdout.write(`  minute ${done}: ${t.requests} requests, ${errorsOf(t)} errors, RSS ${samples.at(-1)?.rssMiB.toFixed(0)} MiB\n`);
  }, 60_000);
  const end = start + minutes * 60_000;
  const pace = pacer(rate);
  const ledger = new Ledger();
  await Promise.all(
    Array.from({ length: clients }, (_, i) =>
      runClient({
        api, ledger, tally, investigatorIds: org.investigatorIds, random: Math.random, running: () => performance.now() < end, pace,
      }).then(() => i),
    ),
  );
  sample();
  clearInterval(sampler);
  clearInterval(ticker);

  console.log('\nminute  requests  req/s  errors  p50 ms  p95 ms  RSS MiB');
  perMinute.forEach((t, m) => {
    const lat = [...t.latencies].sort((a, b) => a - b);
    const p = (q: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(q * lat.length))]!.toFixed(0) : '-');
    const rss = samples.filter((s) => s.minute === m).at(-1)?.rssMiB;
    console.log(
      `${String(m + 1).padStart(6)}  ${String(t.requests).padStart(8)}  ${(t.requests / 60).toFixed(1).padStart(5)}  ${String(errorsOf(t)).padStart(6)}  ${p(0.5).padStart(6)}  ${p(0.95).padStart(6)}  ${rss?.toFixed(1).padStart(7) ?? '      -'}`,
    );
  });
  const requests = perMinute.reduce((n, t) => n + t.requests, 0);
  const errors = perMinute.reduce((n, t) => n + errorsOf(t), 0);
  for (const s of perMinute.flatMap((t) => t.samples).slice(0, 10)) console.log(`  error: ${s}`);
  const memory = memoryVerdict(samples);
  console.log(`\nRSS samples (every ${sampleSeconds} s): ${samples.map((s) => s.rssMiB.toFixed(0)).join(' ')}`);
  console.log(
    `memory: median RSS of the last third ${memory.last.toFixed(1)} MiB vs the middle third ${memory.middle.toFixed(1)} MiB: ` +
      `${(memory.growth * 100).toFixed(1)}% growth (flat means < 10%): ${memory.flat ? 'flat' : 'NOT FLAT'}`,
  );
  console.log(`requests: ${requests} in ${(elapsed() / 60).toFixed(1)} min (${(requests / elapsed()).toFixed(1)}/s), errors: ${errors}`);
  if (errors > 0 || !memory.flat) failed = true;
} finally {
  await proc.stop('SIGTERM');
}
const connection = await openTarget(target);
const violations = await checkInvariants(connection.db);
await connection.close();
console.log(`invariants after the soak: ${violations.length ? violations.join('\n') : 'OK'}`);
if (violations.length) failed = true;
console.log(`verdict: ${failed ? 'FAIL' : 'PASS (zero errors, flat memory)'}`);
await server?.drop();
fs.rmSync(scratch, { recursive: true, force: true });
process.exit(failed ? 1 : 0);

function errorsOf(t: Tally): number {
  return Object.values(t.errors).reduce((a, b) => a + b, 0);
}
