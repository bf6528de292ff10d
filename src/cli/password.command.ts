import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkPasswordPolicy, hashPassword } from '../auth/password.ts';
import { UsageError, type CliCommand } from './command.ts';

/**
 * `grip password --user <login>`: a new random password (printed), or the one
 * in a file (`--password-file`, so it stays out of the shell history and the
 * process list), which must meet the password policy. Ends the person's sessions.
 */
export const passwordCommand: CliCommand = {
  name: 'password',
  usage: 'password --user <login> [--password-file <file>]   give a person a new password: a random one (printed), or the one in the file',
  remote: true,
  remoteArgs: (argv) => argv.map((arg, i) => (argv[i - 1] === '--password-file' ? path.resolve(arg) : arg.startsWith('--password-file=') ? `--password-file=${path.resolve(arg.slice(16))}` : arg)),
  async run(ctx, argv, io) {
    const { values } = parseArgs({ args: argv, options: { user: { type: 'string' }, 'password-file': { type: 'string' } } });
    if (!values.user) throw new UsageError(`usage: grip ${this.usage}`);
    const staff = await ctx.db.selectFrom('staff').select(['id', 'login', 'name']).where('login', '=', values.user).executeTakeFirst();
    if (!staff) throw new UsageError(`No staff member with login ${values.user}`);
    const file = values['password-file'];
    // One line; the line break an editor or `echo` adds is not part of the password.
    let password = file ? (await fs.readFile(file, 'utf8')).replace(/\r?\n$/, '') : randomBytes(12).toString('base64url');
    // A random one meets the policy but for a one-in-a-million chance (it happens to contain the login): draw again.
    while (!file && checkPasswordPolicy(password, staff).length) password = randomBytes(12).toString('base64url');
    const problems = checkPasswordPolicy(password, staff);
    if (problems.length) throw new UsageError(`The password is refused:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    await ctx.db.updateTable('staff').set({ password_hash: await hashPassword(password) }).where('id', '=', staff.id).execute();
    await ctx.db.deleteFrom('sessions').where('staff_id', '=', staff.id).execute();
    io.out(file ? `New password set for ${staff.login}; their sessions have ended.` : `New password for ${staff.login}: ${password}`);
  },
};
