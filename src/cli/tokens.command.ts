import { parseArgs } from 'node:util';
import { createToken, revokeTokens, TOKEN_DAYS, TOKEN_SCOPES, type TokenScope } from '../auth/token.service.ts';
import { UsageError, type CliCommand } from './command.ts';

export const tokensCommand: CliCommand = {
  name: 'tokens',
  usage: `tokens create --user <login> [--name <label>] [--scope read|write|read,write] [--expires-days <n>]   print a new API bearer token (default read,write, ${TOKEN_DAYS.default} days)\n  tokens revoke --user <login> [--name <label>]   revoke a person's tokens`,
  remote: true,
  async run(ctx, argv, io) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { user: { type: 'string' }, name: { type: 'string' }, scope: { type: 'string' }, 'expires-days': { type: 'string' } },
    });
    if (!['create', 'revoke'].includes(positionals[0] ?? '') || !values.user) throw new UsageError(`usage: grip ${this.usage}`);
    if (positionals[0] === 'revoke') {
      io.out(`${await revokeTokens(ctx.db, { login: values.user, name: values.name }, ctx.clock())} token(s) revoked`);
      return;
    }
    const days = values['expires-days'] === undefined ? undefined : Number(values['expires-days']);
    if (days !== undefined && !(Number.isInteger(days) && days > 0 && days <= TOKEN_DAYS.max)) {
      throw new UsageError(`--expires-days must be a whole number from 1 to ${TOKEN_DAYS.max}`);
    }
    const scopes = values.scope?.split(',').map((s) => s.trim());
    if (scopes && (scopes.length === 0 || scopes.some((s) => !(TOKEN_SCOPES as readonly string[]).includes(s)))) {
      throw new UsageError('--scope must be read, write or read,write');
    }
    const made = await createToken(ctx.db, { login: values.user, name: values.name, expiresInDays: days, scopes: scopes as TokenScope[] | undefined }, ctx.clock());
    io.out(`# scopes ${made.scopes.join(',')}; expires ${made.expiresAt.toISOString()}`);
    io.out(made.token);
  },
};
