import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { findStaffByLogin } from '../organisation/organisation.repository.ts';
import { AppError } from '../shared/errors.ts';
import { toActor, type Actor } from './policy.ts';

/**
 * Bearer tokens for API clients. Only a hash is stored; the token itself is
 * shown once, when it is made. Every token expires (default 90 days, at most
 * two years) and has scopes: 'read' for GET routes, 'write' for the others;
 * the person's own rights still apply on top.
 */
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const TOKEN_DAYS = { default: 90, max: 730 } as const;

export async function createToken(
  db: Db,
  input: { login: string; name?: string; expiresInDays?: number; scopes?: readonly TokenScope[] },
  now: Date,
): Promise<{ token: string; expiresAt: Date; scopes: TokenScope[] }> {
  const days = input.expiresInDays ?? TOKEN_DAYS.default;
  if (!Number.isInteger(days) || days < 1 || days > TOKEN_DAYS.max) throw new AppError('validation', `A token lasts 1 to ${TOKEN_DAYS.max} days`);
  const scopes = TOKEN_SCOPES.filter((s) => (input.scopes ?? TOKEN_SCOPES).includes(s));
  if (scopes.length === 0) throw new AppError('validation', 'A token needs a scope: read, write or both');
  const staff = await findStaffByLogin(db, input.login);
  if (!staff || !staff.active) throw new AppError('not_found', `No active staff member with login ${input.login}`);
  const token = `grip_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  await db
    .insertInto('api_tokens')
    .values({ staff_id: staff.id, name: input.name ?? 'cli', token_hash: hash(token), expires_at: expiresAt, revoked_at: null, scopes })
    .execute();
  return { token, expiresAt, scopes };
}

export async function actorForToken(db: Db, token: string, now: Date): Promise<{ actor: Actor; scopes: TokenScope[] } | null> {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('staff as s', 's.id', 't.staff_id')
    .select(['s.id', 's.login', 's.name', 's.roles', 's.domains', 's.active', 't.expires_at', 't.revoked_at', 't.scopes'])
    .where('t.token_hash', '=', hash(token))
    .executeTakeFirst();
  if (!row || !row.active || row.revoked_at || !row.expires_at || row.expires_at <= now) return null;
  return { actor: toActor(row), scopes: TOKEN_SCOPES.filter((s) => row.scopes.includes(s)) };
}

/** Revokes a person's tokens (all, or one by name); answers how many. */
export async function revokeTokens(db: Db, input: { login: string; name?: string }, now: Date): Promise<number> {
  const staff = await findStaffByLogin(db, input.login);
  if (!staff) throw new AppError('not_found', `No staff member with login ${input.login}`);
  let q = db.updateTable('api_tokens').set({ revoked_at: now }).where('staff_id', '=', staff.id).where('revoked_at', 'is', null);
  if (input.name) q = q.where('name', '=', input.name);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
