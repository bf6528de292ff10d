import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/password.ts';
import { login } from '../auth/session.service.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { createStaff } from '../testing/factories.ts';
import { UsageError } from './command.ts';
import { passwordCommand } from './password.command.ts';

/** `grip password`: a random password, or one from a file that must meet the policy; the person's sessions end. */
let tdb: TestDatabase;
let dir: string;
const lines: string[] = [];
const io = { out: (line: string) => lines.push(line), progress: () => undefined };
const hashOf = async (login: string) => (await tdb.ctx.db.selectFrom('staff').select('password_hash').where('login', '=', login).executeTakeFirstOrThrow()).password_hash;

beforeAll(async () => {
  tdb = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'grip-password-'));
  await createStaff(tdb.ctx, { roles: ['investigator'], login: 'henk.visser' });
});
afterAll(async () => {
  await tdb?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('grip password', () => {
  it('prints a random password that logs in, and ends the sessions the person had', async () => {
    await passwordCommand.run(tdb.ctx, ['--user', 'henk.visser'], io);
    const password = /^New password for henk\.visser: (\S+)$/.exec(lines.at(-1)!)![1]!;
    const session = await login(tdb.ctx.db, 'henk.visser', password, tdb.ctx.clock());
    expect(session).not.toBeNull();
    await passwordCommand.run(tdb.ctx, ['--user', 'henk.visser'], io);
    expect(await tdb.ctx.db.selectFrom('sessions').select('id_hash').execute()).toEqual([]);
    expect(await verifyPassword(await hashOf('henk.visser'), password)).toBe(false);
  });

  it('sets the password from a file only when it meets the policy', async () => {
    const before = await hashOf('henk.visser');
    const weak = path.join(dir, 'zwak.txt');
    await fs.writeFile(weak, 'HenkVisser2026\n');
    await expect(passwordCommand.run(tdb.ctx, ['--user', 'henk.visser', '--password-file', weak], io)).rejects.toThrow(
      new UsageError('The password is refused:\n  Het wachtwoord mag uw gebruikersnaam of naam niet bevatten.'),
    );
    expect(await hashOf('henk.visser')).toBe(before);
    const good = path.join(dir, 'goed.txt');
    await fs.writeFile(good, 'zeven-blauwe-reigers-op-de-dijk\n');
    await passwordCommand.run(tdb.ctx, ['--user', 'henk.visser', `--password-file=${good}`], io);
    expect(lines.at(-1)).toBe('New password set for henk.visser; their sessions have ended.');
    expect(await verifyPassword(await hashOf('henk.visser'), 'zeven-blauwe-reigers-op-de-dijk')).toBe(true);
  });
});
