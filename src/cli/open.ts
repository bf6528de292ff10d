import type { Config } from '../config.ts';
import { connect, type Connection } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { bootstrapOrganisation } from '../organisation/organisation.bootstrap.ts';
import type { AppContext } from '../shared/context.ts';

/** Opens the configured database, brings its schema up to date and makes sure the organisation exists. */
export async function openForCommand(config: Config): Promise<{ connection: Connection; ctx: AppContext }> {
  const connection = await connect(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    await migrateToLatest(connection.db);
    await bootstrapOrganisation(connection.db);
  } catch (err) {
    await connection.close();
    throw err;
  }
  return { connection, ctx: { db: connection.db, clock: () => new Date() } };
}
