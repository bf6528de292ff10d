import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { startJobs, type JobDef, type JobReason } from './jobs.ts';

/**
 * pg-boss on Grip's own connection, on both databases. On the embedded one
 * the pool is a single connection: jobs and the app's transactions must take
 * turns without deadlocking.
 */
let tdb: TestDatabase;

beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => tdb?.close());

const until = async (check: () => boolean | Promise<boolean>, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('the job runner', () => {
  it('runs a job at start when it asks to, on request, schedules it, and stops cleanly', async () => {
    const runs: JobReason[] = [];
    const lines: string[] = [];
    const job: JobDef = {
      name: 'test-job',
      schedule: { cron: '0 7 * * 1', tz: 'Europe/Amsterdam' },
      atStart: async () => true,
      async run({ ctx }, reason) {
        // a transaction of the job's own, beside the app's below
        await ctx.db.transaction().execute(async (tx) => {
          await tx.selectFrom('staff').select('id').execute();
          await sql`select pg_sleep(0.05)`.execute(tx);
        });
        runs.push(reason);
      },
    };
    const runner = await startJobs(tdb.ctx, { jobs: [job], log: (l) => lines.push(l), warn: (l) => lines.push(l), pollingIntervalSeconds: 0.5 });
    try {
      // the app goes on with transactions of its own meanwhile
      let appTransactions = 0;
      const app = (async () => {
        while (runs.length < 2) {
          await tdb.ctx.db.transaction().execute(async (tx) => {
            await tx.selectFrom('units').select('id').execute();
          });
          appTransactions += 1;
          if (runs.length === 1 && appTransactions % 20 === 0) await runner.request('test-job');
          await new Promise((r) => setTimeout(r, 10));
        }
      })();
      await until(() => runs.length >= 1);
      await app;
      expect(runs.slice(0, 2)).toEqual(['start', 'request']);
      expect(appTransactions).toBeGreaterThan(20);

      const schedules = await sql<{ name: string; cron: string; timezone: string }>`select name, cron, timezone from pgboss.schedule`.execute(tdb.ctx.db);
      expect(schedules.rows).toEqual([{ name: 'test-job', cron: '0 7 * * 1', timezone: 'Europe/Amsterdam' }]);
    } finally {
      const started = Date.now();
      await runner.stop();
      expect(Date.now() - started).toBeLessThan(10_000);
    }
    expect(lines.filter((l) => !l.includes('clock'))).toEqual([]);
    // the connection is still the app's after the runner stopped
    expect(await tdb.ctx.db.selectFrom('units').select('id').execute()).not.toHaveLength(0);
  });

  it('retries a job that fails, and reports the failure', async () => {
    let attempts = 0;
    const lines: string[] = [];
    const job: JobDef = {
      name: 'failing-job',
      atStart: async () => true,
      async run() {
        attempts += 1;
        if (attempts === 1) throw new Error('first time unlucky');
      },
    };
    const runner = await startJobs(tdb.ctx, { jobs: [job], log: (l) => lines.push(l), warn: (l) => lines.push(l), pollingIntervalSeconds: 0.5 });
    try {
      // pg-boss retries after its delay (60 s with backoff by default); ask for it sooner by making the retry due now
      await until(() => attempts === 1);
      await until(async () => (await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = 'failing-job' and state = 'retry'`.execute(tdb.ctx.db)).rows[0]!.n === 1);
      await sql`update pgboss.job set start_after = now() where name = 'failing-job' and state = 'retry'`.execute(tdb.ctx.db);
      await until(() => attempts === 2);
    } finally {
      await runner.stop();
    }
    expect(lines).toContain('job failing-job failed: first time unlucky');
  });
});
