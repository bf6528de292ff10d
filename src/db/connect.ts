import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { acquireLock, type DataDirLock } from './lock.ts';

export interface Connection {
  db: Kysely<Database>;
  kind: 'embedded' | 'server';
  /** The embedded database's folder lock (null on a server). */
  lock: DataDirLock | null;
  close(): Promise<void>;
}

export type Target = { databaseUrl: string } | { dataDir: string } | { memory: true };

/**
 * Opens the PostgreSQL dialect Grip runs on: a server through DATABASE_URL,
 * or PGlite embedded in this process (a folder, or memory for tests). Both go
 * through Kysely's own PostgresDialect and node-postgres, so they return the
 * same JS types (numeric and bigint as strings, timestamptz as Date).
 */
export async function connect(target: Target, options: { poolSize?: number } = {}): Promise<Connection> {
  if ('databaseUrl' in target) {
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection the server ends (a restart, a dropped database) must not crash Grip;
    // the pool replaces it, and the next query reports any real outage.
    pool.on('error', (err) => console.warn(`database connection lost: ${err.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'server', lock: null, close: () => db.destroy() };
  }
  const lock = 'dataDir' in target ? acquireLock(target.dataDir) : null;
  try {
    const pglite = await PGlite.create('dataDir' in target ? target.dataDir : 'memory://');
    // PGlite is one connection: the pool of one serialises transactions.
    const pool = new pg.Pool(createPgConfig(pglite) as pg.PoolConfig);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'embedded',
      lock,
      async close() {
        await db.destroy();
        await pglite.close();
        lock?.release();
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}
