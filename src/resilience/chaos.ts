import fs from 'node:fs';
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { Random } from '../core/random.ts';
import type { ServerProcess } from '../testing/process.ts';
import { checkInvariants } from './invariants.ts';
import { call, Ledger, newTally, runClient, type Acknowledged, type Api, type Tally } from './load.ts';
import { openTarget, prepareOrganisation, scratchDir, serverEnvFor, startAndWait, type Target } from './target.ts';

/**
 * The chaos run (issue 8, must-show 3): the real server under a mixed load of
 * API clients is killed with SIGKILL at a random moment, N times. After each
 * kill the database is opened as a restart would open it and checked: every
 * acknowledged write is there with at least the state its answer confirmed,
 * the crash invariants hold, and every intake came from exactly one
 * Idempotency-Key. Then the server restarts on the same data, must answer
 * health, and a retried intake (same key) must not make a second case.
 */
export interface ChaosOptions {
  target: Target;
  kills: number;
  /** Load time per round, in seconds; the kill falls at a random moment in its second half. */
  roundSeconds: number;
  clients?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface ChaosRound {
  round: number;
  requests: number;
  acknowledged: Tally['acknowledged'];
  errors: Tally['errors'];
  samples: string[];
  killedAfterMs: number;
  /** From spawning the restarted server until it answers health. */
  recoverMs: number;
  casesInDatabase: number;
  retried: number;
  violations: string[];
}

export interface ChaosReport {
  target: Target['kind'];
  rounds: ChaosRound[];
  acknowledgedCases: number;
  violations: string[];
}

const RANK: Record<string, number> = { received: 0, queued: 1, assigned: 2, in_progress: 2, closed: 3 };

/** Every acknowledged write is present with at least the acknowledged state. The load only moves cases forward. */
export async function checkAcknowledged(db: Executor, acks: Iterable<Acknowledged>, scope: string): Promise<string[]> {
  const list = [...acks];
  const out: string[] = [];
  const rows = new Map<string, { id: string; dossier_number: string; status: string; version: number; domain_id: string | null; investigator_id: string | null; outcome_id: string | null; key: string | null }>();
  for (let i = 0; i < list.length; i += 1000) {
    const found = await db
      .selectFrom('cases as c')
      .leftJoin('idempotency_keys as k', (j) => j.onRef('k.case_id', '=', 'c.id').on('k.scope', '=', scope))
      .select(['c.id', 'c.dossier_number', 'c.status', 'c.version', 'c.domain_id', 'c.investigator_id', 'c.outcome_id', 'k.key'])
      .where('c.id', 'in', list.slice(i, i + 1000).map((a) => a.id))
      .execute();
    for (const r of found) rows.set(r.id, r);
  }
  const fail = (a: Acknowledged, what: string) => {
    if (out.length < 20) out.push(`acknowledged case ${a.dossierNumber} (${a.id}): ${what}`);
    else if (out.length === 20) out.push('… and more acknowledged writes lost');
  };
  for (const a of list) {
    const r = rows.get(a.id);
    if (!r) {
      fail(a, 'is missing');
      continue;
    }
    if (r.dossier_number !== a.dossierNumber) fail(a, `has dossier number ${r.dossier_number}`);
    if (r.key !== a.key) fail(a, `belongs to Idempotency-Key ${r.key}, not ${a.key}`);
    if ((RANK[r.status] ?? -1) < RANK[a.status]!) fail(a, `is ${r.status}, but ${a.status} was acknowledged`);
    if (r.version < a.version) fail(a, `is at version ${r.version}, but version ${a.version} was acknowledged`);
    if (a.domain && r.domain_id !== a.domain) fail(a, `is in domain ${r.domain_id}, but ${a.domain} was acknowledged`);
    if (a.investigatorId && r.investigator_id !== a.investigatorId) fail(a, `is handled by ${r.investigator_id}, but ${a.investigatorId} was acknowledged`);
    if (a.status === 'closed' && (r.status !== 'closed' || r.outcome_id !== a.outcome)) fail(a, `was acknowledged closed with ${a.outcome}, is ${r.status} with ${r.outcome_id}`);
  }
  return out;
}

/** Every case of the run came from one intake with its own key: a case without a key is a second case for a retried request. */
async function casesWithoutKey(db: Executor, scope: string): Promise<{ cases: number; violations: string[] }> {
  const total = await sql<{ n: string }>`select count(*) as n from cases`.execute(db);
  const orphans = await sql<{ dossier_number: string }>`
    select c.dossier_number from cases c
    where not exists (select 1 from idempotency_keys k where k.case_id = c.id and k.scope = ${scope})
    order by c.dossier_number limit 20`.execute(db);
  return {
    cases: Number(total.rows[0]!.n),
    violations: orphans.rows.map((r) => `case ${r.dossier_number} belongs to no Idempotency-Key: a retried intake made a second case`),
  };
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => {});
  const rng = new Random(options.seed ?? Date.now() % 2 ** 31);
  const random = () => rng.next();
  const clients = options.clients ?? 8;
  const org = await prepareOrganisation(options.target);
  const scratch = scratchDir('grip-chaos-');
  const env = serverEnvFor(options.target, scratch);
  const ledger = new Ledger();
  const rounds: ChaosRound[] = [];
  let { server } = await startAndWait(env);
  const api: Api = { base: server.url, token: org.token };
  try {
    for (let round = 1; round <= options.kills; round++) {
      const tally = newTally();
      let running = true;
      const load = Promise.all(
        Array.from({ length: clients }, () =>
          runClient({ api, ledger, tally: () => tally, investigatorIds: org.investigatorIds, random, running: () => running }),
        ),
      );
      const killAfter = Math.round(options.roundSeconds * 1000 * (0.5 + random() * 0.5));
      await sleep(killAfter);
      await kill(server);
      await sleep(300); // the clients meet a dead server for a moment
      running = false;
      await load;

      // Opened as the restart will open it: PGlite recovers its folder, a stale lock is taken over.
      const violations: string[] = [];
      const connection = await openTarget(options.target);
      let casesInDatabase = 0;
      try {
        violations.push(...(await checkInvariants(connection.db)));
        violations.push(...(await checkAcknowledged(connection.db, ledger.cases.values(), org.adminId)));
        const keys = await casesWithoutKey(connection.db, org.adminId);
        casesInDatabase = keys.cases;
        violations.push(...keys.violations);
      } finally {
        await connection.close();
      }

      const restarted = await startAndWait(env);
      server = restarted.server;
      api.base = server.url;
      const retried = await retryIntakes(api, ledger, random, violations);
      rounds.push({
        round, requests: tally.requests, acknowledged: tally.acknowledged, errors: tally.errors, samples: tally.samples,
        killedAfterMs: killAfter, recoverMs: Math.round(restarted.ms), casesInDatabase, retried, violations,
      });
      const ack = Object.values(tally.acknowledged).reduce((a, b) => a + b, 0);
      const errs = Object.entries(tally.errors).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
      log(
        `round ${round}: killed after ${(killAfter / 1000).toFixed(1)} s; ${tally.requests} requests, ${ack} acknowledged ` +
          `(intake ${tally.acknowledged.intake}, route ${tally.acknowledged.route}, assign ${tally.acknowledged.assign}, close ${tally.acknowledged.close}, read ${tally.acknowledged.read}); ` +
          `errors: ${errs}; recovered in ${Math.round(restarted.ms)} ms; ${casesInDatabase} cases; ${retried} intakes retried; ` +
          (violations.length ? `${violations.length} VIOLATIONS` : 'invariants OK'),
      );
      for (const v of violations) log(`  violation: ${v}`);
      for (const s of tally.samples.filter((x) => x.startsWith('http'))) log(`  unexpected answer: ${s}`);
    }
    // After the last restart: the server answers, and the database (through the server) still holds.
    const health = await call(api, 'GET', '/api/v1/health');
    const last = rounds.at(-1);
    if (!health.ok && last) last.violations.push(`the restarted server does not answer health: ${health.detail}`);
  } finally {
    await server.stop('SIGTERM');
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const violations = rounds.flatMap((r) => [
    ...r.violations.map((v) => `round ${r.round}: ${v}`),
    ...(r.errors['http 5xx'] + r.errors['http 4xx'] > 0 ? [`round ${r.round}: ${r.errors['http 5xx']} server errors and ${r.errors['http 4xx']} refusals the load did not expect: ${r.samples.filter((s) => s.startsWith('http')).join(' | ')}`] : []),
  ]);
  return { target: options.target.kind, rounds, acknowledgedCases: ledger.cases.size, violations };
}

/**
 * Retries, on the restarted server, every intake whose answer the kill cut off
 * and a few acknowledged ones, with the same Idempotency-Key and body: an
 * acknowledged one must answer its own case (replayed), a cut-off one one case,
 * the same on a second try.
 */
async function retryIntakes(api: Api, ledger: Ledger, random: () => number, violations: string[]): Promise<number> {
  const acknowledged = [...ledger.cases.values()];
  const sample = Array.from({ length: Math.min(5, acknowledged.length) }, () => acknowledged[Math.floor(random() * acknowledged.length)]!);
  let retried = 0;
  for (const a of sample) {
    const res = await call(api, 'POST', '/api/v1/cases', a.body, { 'idempotency-key': a.key });
    retried += 1;
    if (!res.ok) violations.push(`retrying acknowledged intake ${a.dossierNumber}: ${res.detail}`);
    else if (res.body.id !== a.id || res.headers.get('idempotent-replayed') !== 'true') {
      violations.push(`retrying acknowledged intake ${a.dossierNumber} answered ${res.body.dossierNumber} (replayed: ${res.headers.get('idempotent-replayed')})`);
    }
  }
  for (const u of ledger.unanswered.splice(0)) {
    const first = await call(api, 'POST', '/api/v1/cases', u.body, { 'idempotency-key': u.key });
    const second = await call(api, 'POST', '/api/v1/cases', u.body, { 'idempotency-key': u.key });
    retried += 1;
    if (!first.ok || !second.ok) {
      violations.push(`retrying a cut-off intake (key ${u.key}): ${first.ok ? '' : first.detail} ${second.ok ? '' : second.detail}`);
      continue;
    }
    if (first.body.id !== second.body.id || second.headers.get('idempotent-replayed') !== 'true') {
      violations.push(`one Idempotency-Key ${u.key} answered two cases: ${first.body.dossierNumber} and ${second.body.dossierNumber}`);
      continue;
    }
    // Now acknowledged: later rounds check it like any other.
    ledger.cases.set(first.body.id, {
      id: first.body.id, dossierNumber: first.body.dossierNumber, key: u.key, body: u.body, status: first.body.status,
      version: first.body.version, domain: first.body.domain, investigatorId: first.body.investigatorId, outcome: first.body.outcome,
    });
  }
  return retried;
}

/** SIGKILL: no shutdown handler runs. `grip serve` is one process (tsx registers in-process), so its pid is all there is. */
async function kill(server: ServerProcess): Promise<void> {
  await server.stop('SIGKILL');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
