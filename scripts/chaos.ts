/**
 * `npm run chaos [-- --kills 10 --seconds 6 --clients 8 --seed 1]`: SIGKILLs the
 * real server during a mixed API load, on the embedded database and on the
 * PostgreSQL server (DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres),
 * and checks after every kill that the crash invariants hold (src/resilience).
 * Exits non-zero on any violation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { connect } from '../src/db/connect.ts';
import { runChaos, type ChaosReport } from '../src/resilience/chaos.ts';
import { scratchDir } from '../src/resilience/target.ts';
import { createServerDatabase } from '../src/testing/database.ts';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '6' },
    clients: { type: 'string', default: '8' },
    seed: { type: 'string' },
    only: { type: 'string' },
  },
});
const kills = Number(values.kills);
const roundSeconds = Number(values.seconds);
const clients = Number(values.clients);
const seed = values.seed ? Number(values.seed) : Date.now() % 2 ** 31;
console.log(`chaos: ${kills} kills per database, ${roundSeconds} s of load per round, ${clients} clients, seed ${seed}`);

const reports: ChaosReport[] = [];
let failed = false;

function summary(r: ChaosReport) {
  const sum = (f: (x: ChaosReport['rounds'][number]) => number) => r.rounds.reduce((a, x) => a + f(x), 0);
  const recover = r.rounds.map((x) => x.recoverMs).sort((a, b) => a - b);
  console.log(
    `${r.target}: ${r.rounds.length} kills, ${sum((x) => x.acknowledged.intake + x.acknowledged.route + x.acknowledged.assign + x.acknowledged.close)} acknowledged writes ` +
      `and ${sum((x) => x.acknowledged.read)} reads (${r.acknowledgedCases} cases checked), ${sum((x) => x.errors.refused)} refused and ${sum((x) => x.errors['cut off'] + x.errors.timeout)} cut off around kills, ` +
      `recovery ${recover[0]}-${recover.at(-1)} ms (median ${recover[Math.floor(recover.length / 2)]}), ` +
      (r.violations.length ? `${r.violations.length} VIOLATIONS` : 'invariants OK after every kill'),
  );
}

if (values.only !== 'server') {
  const scratch = scratchDir('grip-chaos-data-');
  const dataDir = path.join(scratch, 'data');
  console.log(`\nembedded database (PGlite) in ${dataDir}`);
  try {
    const report = await runChaos({ target: { kind: 'embedded', dataDir }, kills, roundSeconds, clients, seed, log: console.log });
    reports.push(report);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (values.only !== 'embedded') {
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const shown = new URL(adminUrl);
  shown.password = shown.password ? '***' : '';
  const reachable = await connect({ databaseUrl: adminUrl }, { poolSize: 1 })
    .then(async (c) => {
      try {
        await sql`select 1`.execute(c.db);
        return true;
      } finally {
        await c.close();
      }
    })
    .then(
      () => true,
      (err: Error) => {
        console.log(`\nPostgreSQL server at ${shown} is not reachable (${err.message}): the server round is SKIPPED.`);
        return false;
      },
    );
  if (reachable) {
    process.env.DATABASE_URL = adminUrl;
    const database = await createServerDatabase();
    console.log(`\nPostgreSQL server ${shown.host}, fresh database ${new URL(database.url).pathname.slice(1)}`);
    try {
      reports.push(await runChaos({ target: { kind: 'server', url: database.url }, kills, roundSeconds, clients, seed, log: console.log }));
    } finally {
      await database.drop();
    }
  } else if (process.env.DATABASE_URL) {
    failed = true; // asked for a server explicitly, and it is not there
  }
}

console.log('\nsummary');
for (const r of reports) {
  summary(r);
  for (const v of r.violations) console.log(`  ${v}`);
  if (r.violations.length) failed = true;
}
process.exit(failed ? 1 : 0);
