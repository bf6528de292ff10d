import { parseArgs } from 'node:util';
import { createToken } from '../auth/token.service.ts';
import { UsageError, type CliCommand } from './command.ts';

export const tokensCommand: CliCommand = {
  name: 'tokens',
  usage: 'tokens create --user <login> [--name <label>] [--expires-days <n>]   print a new API bearer token',
  remote: true,
  async run(ctx, argv, io) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { user: { type: 'string' }, name: { type: 'string' }, 'expires-days': { type: 'string' } },
    });
    if (positionals[0] !== 'create' || !values.user) throw new UsageError(`usage: grip ${this.usage}`);
    const days = values['expires-days'] === undefined ? undefined : Number(values['expires-days']);
    if (days !== undefined && !(Number.isInteger(days) && days > 0)) throw new UsageError('--expires-days must be a whole number above 0');
    const { token, expiresAt } = await createToken(ctx.db, { login: values.user, name: values.name, expiresInDays: days }, ctx.clock());
    if (expiresAt) io.out(`# expires ${expiresAt.toISOString()}`);
    io.out(token);
  },
};
