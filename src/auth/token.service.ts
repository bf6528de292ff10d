import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { findStaffByLogin } from '../organisation/organisation.repository.ts';
import { AppError } from '../shared/errors.ts';
import { toActor, type Actor } from './policy.ts';

/**
 * Bearer tokens for API clients. Only a hash is stored; the token itself is
 * shown once, when it is made.
 */
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createToken(
  db: Db,
  input: { login: string; name?: string; expiresInDays?: number },
  now: Date,
): Promise<{ token: string; expiresAt: Date | null }> {
  const staff = await findStaffByLogin(db, input.login);
  if (!staff || !staff.active) throw new AppError('not_found', `No active staff member with login ${input.login}`);
  const token = `grip_${randomBytes(32).toString('base64url')}`;
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  await db
    .insertInto('api_tokens')
    .values({ staff_id: staff.id, name: input.name ?? 'cli', token_hash: hash(token), expires_at: expiresAt, revoked_at: null })
    .execute();
  return { token, expiresAt };
}

export async function actorForToken(db: Db, token: string, now: Date): Promise<Actor | null> {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('staff as s', 's.id', 't.staff_id')
    .select(['s.id', 's.login', 's.name', 's.roles', 's.domains', 's.active', 't.expires_at', 't.revoked_at'])
    .where('t.token_hash', '=', hash(token))
    .executeTakeFirst();
  if (!row || !row.active || row.revoked_at || (row.expires_at && row.expires_at <= now)) return null;
  return toActor(row);
}
