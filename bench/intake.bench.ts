/**
 * Intake benchmark: the API's intake rate (POST /api/v1/cases over HTTP, with
 * validation, routing suggestion, dossier number and event) next to the raw
 * insert rate of the same database in the same run (a petitioner, a case and
 * an event per transaction, straight SQL). Prints both and their ratio, for
 * the embedded database and for the PostgreSQL server. Ratios, not absolute
 * times, are comparable between runs on these shared machines.
 */
import { sql } from 'kysely';
import { createToken } from '../src/auth/token.service.ts';
import type { Connection } from '../src/db/connect.ts';
import { onBothDatabases } from './databases.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { bootstrapOrganisation } from '../src/organisation/organisation.bootstrap.ts';
import { complaint } from '../src/testing/factories.ts';

const N = Number(process.env.BENCH_CASES ?? 2000);
const CONCURRENCY = 16;

async function pool(n: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) await task(next++);
    }),
  );
  return n / ((performance.now() - start) / 1000);
}

async function measure(label: string, connection: Connection) {
  const db = connection.db;
  await migrateToLatest(db);
  await bootstrapOrganisation(db);
  const ctx = { db, clock: () => new Date() };
  const { token } = await createToken(db, { login: 'admin' }, new Date());
  const app = await buildApp(ctx, { logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/cases`;
  const body = JSON.stringify(complaint());
  const agency = await db.selectFrom('agencies').select('id').limit(1).executeTakeFirstOrThrow();

  const raw = await pool(N, async () => {
    await db.transaction().execute(async (tx) => {
      const p = await tx.insertInto('petitioners').values({ name: 'Bench', email: null, phone: null, address: null }).returning('id').executeTakeFirstOrThrow();
      const c = await tx
        .insertInto('cases')
        .values({
          dossier_number: sql`'B' || nextval('dossier_number_seq')`, petitioner_id: p.id, agency_id: agency.id, subject: 's', description: 'd',
          channel: 'web', received_at: new Date(), status: 'received', domain_id: null, unit_id: null, suggested_domain_id: null,
          suggested_unit_id: null, investigator_id: null, proposal: null, handling_type: null, outcome_id: null, queued_at: null,
          assigned_at: null, first_contact_at: null, closed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('case_events').values({ case_id: c.id, type: 'registered', at: new Date(), actor_id: null, payload: '{}' }).execute();
    });
  });
  const api = await pool(N, async () => {
    const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
    if (res.status !== 201) throw new Error(`intake answered ${res.status}`);
    await res.arrayBuffer();
  });
  await app.close();
  console.log(
    `${label.padEnd(22)} API intake ${api.toFixed(0).padStart(6)} cases/s   raw insert ${raw.toFixed(0).padStart(6)} cases/s   ratio API/raw ${(api / raw).toFixed(2)}`,
  );
}

console.log(`intake benchmark: ${N} cases each way, ${CONCURRENCY} concurrent clients, node ${process.version}`);
await onBothDatabases(measure);
