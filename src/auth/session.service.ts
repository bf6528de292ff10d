import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { findStaffByLogin } from '../organisation/organisation.repository.ts';
import { toActor, type Actor } from './policy.ts';
import { verifyPassword } from './password.ts';

/**
 * Browser sessions, stored in the database (so any app node can serve any
 * request). The cookie holds a random id; the database only its hash. Each
 * session has its own CSRF token for every form.
 */
export const SESSION_HOURS = 10;
const hash = (id: string) => createHash('sha256').update(id).digest('hex');
const token = () => randomBytes(32).toString('base64url');

export interface Session {
  actor: Actor;
  csrfToken: string;
}

/** Checks a local password; answers the staff member's id, or null (unknown, inactive or wrong, alike). */
export async function checkLocalLogin(db: Db, loginName: string, password: string): Promise<string | null> {
  const staff = await findStaffByLogin(db, normaliseLogin(loginName));
  // Verify even for an unknown login, so timing does not tell which logins exist.
  const ok = await verifyPassword(staff?.password_hash ?? DUMMY_HASH, password);
  return staff && staff.active && ok ? staff.id : null;
}

/** How a typed login is looked up (and counted by the login throttle). */
export const normaliseLogin = (loginName: string) => loginName.trim().toLowerCase();

/**
 * A new session for a staff member who just proved who they are (password or
 * OpenID Connect). Always a new id and a new CSRF token; the session the
 * browser presented before, if any, is deleted (no session fixation).
 */
export async function startSession(db: Db, staffId: string, now: Date, previousSessionId?: string): Promise<{ sessionId: string }> {
  if (previousSessionId) await logout(db, previousSessionId);
  const sessionId = token();
  await db
    .insertInto('sessions')
    .values({ id_hash: hash(sessionId), staff_id: staffId, csrf_token: token(), expires_at: new Date(now.getTime() + SESSION_HOURS * 3_600_000) })
    .execute();
  return { sessionId };
}

export async function login(db: Db, loginName: string, password: string, now: Date, previousSessionId?: string): Promise<{ sessionId: string } | null> {
  const staffId = await checkLocalLogin(db, loginName, password);
  return staffId ? startSession(db, staffId, now, previousSessionId) : null;
}

export async function logout(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hash(sessionId)).execute();
}

export async function sessionFor(db: Db, sessionId: string, now: Date): Promise<Session | null> {
  const row = await db
    .selectFrom('sessions as x')
    .innerJoin('staff as s', 's.id', 'x.staff_id')
    .select(['s.id', 's.login', 's.name', 's.roles', 's.domains', 's.active', 'x.csrf_token', 'x.expires_at'])
    .where('x.id_hash', '=', hash(sessionId))
    .executeTakeFirst();
  if (!row || !row.active || row.expires_at <= now) return null;
  return {
    actor: toActor(row),
    csrfToken: row.csrf_token,
  };
}

export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

// A valid argon2id hash of a random string: verifying against it costs the same as a real one.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0Jm3jG0l2Vd9bY3v7p2Yk1y8n6b1l6o0m3b6jv1Z0xQ';
