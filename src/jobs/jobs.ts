import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import type { AppContext } from '../shared/context.ts';

/**
 * The job runner: pg-boss on Grip's own database connection, so jobs live in
 * PostgreSQL (embedded or server) and survive restarts, and a scheduled job
 * runs on one node even when several share the server. Each job here is a
 * thin adapter; the once-only guarantees that matter (a week's overview, a
 * message) hold in the services' own tables, so a job that runs twice does no
 * harm.
 *
 * pg-boss talks to the database through `executeSql(text, values)`: one
 * statement (or one self-contained BEGIN ... COMMIT string) per call, never a
 * transaction held across calls. On the embedded database, whose pool is one
 * connection, its queries therefore queue between the app's transactions and
 * cannot deadlock with them — as long as no job asks pg-boss for anything
 * while holding a transaction of its own (none does: jobs are queued after commit).
 */
export type JobReason = 'schedule' | 'start' | 'request';

export interface JobContext {
  ctx: AppContext;
  log(line: string): void;
  /** Asks for another job to run soon (on whichever node picks it up). */
  request(name: string): Promise<void>;
}

export interface JobDef {
  name: string;
  /** A pg-boss cron schedule and its time zone. */
  schedule?: { cron: string; tz: string };
  /** At every start: should the job run now (to catch up on a run missed while no node was up)? */
  atStart?(jc: JobContext): Promise<boolean>;
  run(jc: JobContext, reason: JobReason): Promise<void>;
}

export interface JobRunner {
  request(name: string, reason?: JobReason): Promise<void>;
  stop(): Promise<void>;
}

export interface JobOptions {
  jobs: readonly JobDef[];
  log(line: string): void;
  warn(line: string): void;
  /** How often an idle worker looks for work (seconds). */
  pollingIntervalSeconds?: number;
}

/** pg-boss's database adapter over our Kysely connection. */
function bossDb(ctx: AppContext): PgBoss.Db {
  return {
    executeSql: (text, values) =>
      ctx.db.connection().execute(async (conn) => {
        try {
          const result = await conn.executeQuery(CompiledQuery.raw(text, values ?? []));
          return { rows: result.rows as unknown[] };
        } catch (err) {
          // A failed `BEGIN; ...; COMMIT` string leaves its transaction open and aborted on this
          // connection (on the embedded database: the only one). Close it before handing the connection back.
          if (/\bBEGIN\b/i.test(text)) await conn.executeQuery(CompiledQuery.raw('ROLLBACK')).catch(() => undefined);
          throw err;
        }
      }),
  };
}

/**
 * pg-boss 10 creates a queue's partition without a lock: two nodes creating
 * the same queue at the same moment can deadlock (seen in
 * weekmail.smtp.test.ts). The loser tries again; by then the queue exists.
 */
async function createQueueOnce(boss: PgBoss, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (await boss.getQueue(name)) return;
      await boss.createQueue(name, { name, policy: 'stately', retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 30 * 60 });
      return;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt >= 5 || (code !== '40P01' && code !== '23505' && code !== '42P07')) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.floor(Math.random() * 200) * attempt));
    }
  }
}

export async function startJobs(ctx: AppContext, options: JobOptions): Promise<JobRunner> {
  const boss = new PgBoss({ db: bossDb(ctx), schema: 'pgboss' });
  // An 'error' event without a listener would end the process; a database hiccup is no reason to.
  boss.on('error', (err: Error) => options.warn(`jobs: ${err.message}`));
  await boss.start();

  const request = async (name: string, reason: JobReason = 'request') => {
    // 'stately' queues keep at most one job waiting per key: asking twice (two nodes starting) queues one,
    // and a scheduled run left waiting by a stopped node does not swallow a start-up run.
    await boss.send(name, { reason }, { singletonKey: reason });
  };
  const jc: JobContext = { ctx, log: options.log, request: (name) => request(name) };

  try {
    for (const job of options.jobs) {
      await createQueueOnce(boss, job.name);
      if (job.schedule) await boss.schedule(job.name, job.schedule.cron, { reason: 'schedule' }, { tz: job.schedule.tz });
      else await boss.unschedule(job.name);
      await boss.work<{ reason?: JobReason }>(
        job.name,
        { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 },
        async ([j]) => {
          try {
            await job.run(jc, j?.data?.reason ?? 'request');
          } catch (err) {
            options.warn(`job ${job.name} failed: ${(err as Error).message}`);
            throw err; // pg-boss retries it
          }
        },
      );
    }
    for (const job of options.jobs) {
      if (job.atStart && (await job.atStart(jc))) await request(job.name, 'start');
    }
  } catch (err) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw err;
  }

  return {
    request,
    async stop() {
      // Lets a running job finish (up to 20 s), then stops polling; the connection stays ours to close.
      await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
    },
  };
}
