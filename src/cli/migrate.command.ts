import { migrateToLatest } from '../db/migrate.ts';
import type { CliCommand } from './command.ts';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate   bring the database schema up to date',
  remote: true,
  async run(ctx, _argv, io) {
    const ran = await migrateToLatest(ctx.db);
    io.out(ran.length ? `Ran ${ran.length} migration(s): ${ran.join(', ')}` : 'The schema is up to date.');
  },
};
