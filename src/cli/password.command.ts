import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hashPassword } from '../auth/password.ts';
import { UsageError, type CliCommand } from './command.ts';

export const passwordCommand: CliCommand = {
  name: 'password',
  usage: 'password --user <login>   give a person a new random password and print it',
  remote: true,
  async run(ctx, argv, io) {
    const { values } = parseArgs({ args: argv, options: { user: { type: 'string' } } });
    if (!values.user) throw new UsageError(`usage: grip ${this.usage}`);
    const password = randomBytes(12).toString('base64url');
    const result = await ctx.db
      .updateTable('staff')
      .set({ password_hash: await hashPassword(password) })
      .where('login', '=', values.user)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new UsageError(`No staff member with login ${values.user}`);
    await ctx.db.deleteFrom('sessions').where('staff_id', 'in', ctx.db.selectFrom('staff').select('id').where('login', '=', values.user)).execute();
    io.out(`New password for ${values.user}: ${password}`);
  },
};
