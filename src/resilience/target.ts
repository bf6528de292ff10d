import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createToken } from '../auth/token.service.ts';
import { connect, type Connection } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { bootstrapOrganisation } from '../organisation/organisation.bootstrap.ts';
import { createStaff } from '../testing/factories.ts';
import { gripEnv, startServer, type ServerProcess } from '../testing/process.ts';

/**
 * The database a chaos or soak run works on — an embedded data folder or a
 * database on a PostgreSQL server — and the real `grip serve` process on it.
 */
export type Target = { kind: 'embedded'; dataDir: string } | { kind: 'server'; url: string };

export interface Organisation {
  adminId: string;
  token: string;
  investigatorIds: string[];
}

export function openTarget(target: Target): Promise<Connection> {
  return connect(target.kind === 'embedded' ? { dataDir: target.dataDir } : { databaseUrl: target.url }, { poolSize: 2 });
}

/** Migrates, bootstraps the organisation, adds three investigators in Inkomen and an API token for `admin`; before any server runs. */
export async function prepareOrganisation(target: Target): Promise<Organisation> {
  const connection = await openTarget(target);
  try {
    const db = connection.db;
    await migrateToLatest(db);
    await bootstrapOrganisation(db);
    const ctx = { db, clock: () => new Date() };
    const investigatorIds: string[] = [];
    for (let i = 1; i <= 3; i++) {
      investigatorIds.push((await createStaff(ctx, { roles: ['investigator'], domains: ['inkomen'], unit: 'standard', login: `chaos-onderzoeker-${i}` })).id);
    }
    const admin = await db.selectFrom('staff').select('id').where('login', '=', 'admin').executeTakeFirstOrThrow();
    const { token } = await createToken(db, { login: 'admin', name: 'chaos' }, new Date());
    return { adminId: admin.id, token, investigatorIds };
  } finally {
    await connection.close();
  }
}

export function serverEnvFor(target: Target, scratch: string): NodeJS.ProcessEnv {
  return gripEnv({
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    GRIP_OUTBOX_DIR: path.join(scratch, 'outbox'),
    ...(target.kind === 'embedded' ? { GRIP_DATA_DIR: target.dataDir } : { DATABASE_URL: target.url, GRIP_DATA_DIR: path.join(scratch, 'unused') }),
  });
}

/** Starts `grip serve` and waits until /api/v1/health answers; answers the process and how long that took. */
export async function startAndWait(env: NodeJS.ProcessEnv): Promise<{ server: ServerProcess; ms: number }> {
  const started = performance.now();
  const server = await startServer(env);
  for (;;) {
    const res = await fetch(`${server.url}/api/v1/health`).catch(() => null);
    if (res?.ok) break;
    if (performance.now() - started > 60_000) throw new Error(`the server did not become healthy:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { server, ms: performance.now() - started };
}

export function scratchDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The server's resident memory in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}
