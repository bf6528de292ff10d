import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, type Connection } from '../src/db/connect.ts';
import { createServerDatabase } from '../src/testing/database.ts';

/**
 * Runs a measurement on both databases in one run: a fresh embedded PGlite
 * folder, then a fresh database on the PostgreSQL server (DATABASE_URL, or the
 * local one); each is removed afterwards.
 */
export async function onBothDatabases(measure: (label: string, connection: Connection) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grip-bench-'));
  const embedded = await connect({ dataDir: dir });
  try {
    await measure('embedded (PGlite)', embedded);
  } finally {
    await embedded.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  let server: Awaited<ReturnType<typeof createServerDatabase>> | null = null;
  try {
    server = await createServerDatabase();
  } catch (err) {
    console.log(`PostgreSQL server: skipped, cannot reach ${process.env.DATABASE_URL} (${(err as Error).message})`);
    return;
  }
  const connection = await connect({ databaseUrl: server.url });
  try {
    await measure('PostgreSQL server', connection);
  } finally {
    await connection.close();
    await server.drop();
  }
}
