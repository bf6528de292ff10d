import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { connect, type Connection } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { bootstrapOrganisation } from '../organisation/organisation.bootstrap.ts';
import type { AppContext } from '../shared/context.ts';

/**
 * A fresh database for one test file: an in-memory PGlite, or — when
 * DATABASE_URL is set — a new database on that PostgreSQL server, dropped
 * afterwards. Migrated, with the organisation's reference data, and a clock
 * the test can set.
 */
export interface TestDatabase {
  ctx: AppContext;
  connection: Connection;
  /** The server URL of this test's own database (server runs only). */
  url: string | null;
  setNow(now: Date | string): void;
  close(): Promise<void>;
}

export const onServer = () => Boolean(process.env.DATABASE_URL);

export async function createServerDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL!;
  const name = `grip_test_${randomBytes(6).toString('hex')}`;
  const admin = await connect({ databaseUrl: adminUrl }, { poolSize: 1 });
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  await admin.close();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = await connect({ databaseUrl: adminUrl }, { poolSize: 1 });
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(again.db);
      await again.close();
    },
  };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  let now = new Date('2026-03-02T09:00:00Z');
  const server = onServer() ? await createServerDatabase() : null;
  const connection = await connect(server ? { databaseUrl: server.url } : { memory: true });
  await migrateToLatest(connection.db);
  await bootstrapOrganisation(connection.db);
  return {
    ctx: { db: connection.db, clock: () => now },
    connection,
    url: server?.url ?? null,
    setNow(value) {
      now = new Date(value);
    },
    async close() {
      await connection.close();
      await server?.drop();
    },
  };
}
