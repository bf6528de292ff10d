import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

/**
 * Fixed-window rate limits in the `rate_limits` table, so every app node
 * counts the same (no in-memory counters). A hit is one statement: an upsert
 * that answers the window's new count, atomic under concurrent requests on
 * either database. The client address is stored only as a hash, and a key's
 * ended windows are deleted when it starts a new one.
 */
export interface RateLimit {
  /** Names the limit; keys of different limits never meet. */
  scope: string;
  max: number;
  windowMs: number;
}

/**
 * The public complaint form, per client address per 10 minutes: 5 complaints
 * filed, and 30 posts of any kind (a flood of invalid or trapped posts). A
 * person who corrects a form a few times is not locked out by the first.
 */
export const COMPLAINT_RATE_LIMIT: RateLimit = { scope: 'public-form', max: 5, windowMs: 10 * 60_000 };
export const COMPLAINT_POST_LIMIT: RateLimit = { scope: 'public-form-posts', max: 30, windowMs: 10 * 60_000 };

export interface RateDecision {
  allowed: boolean;
  /** Attempts in this window, this one included. */
  count: number;
  /** Seconds until the window ends (for Retry-After). */
  retryAfterSeconds: number;
}

/**
 * The stored key: scope and a hash of the address. (A bare hash of an IPv4
 * address can be reversed by trying all of them; it keeps the address out of
 * sight in the table and in backups, and lives no longer than its window.)
 */
export const rateKey = (limit: RateLimit, client: string) => `${limit.scope}:${createHash('sha256').update(`${limit.scope}\0${client}`).digest('hex')}`;

/** Counts one attempt by `client` and answers whether it is within the limit. */
export async function hitRateLimit(db: Executor, limit: RateLimit, client: string, now: Date): Promise<RateDecision> {
  const windowStart = new Date(Math.floor(now.getTime() / limit.windowMs) * limit.windowMs);
  const row = await db
    .insertInto('rate_limits')
    .values({ key: rateKey(limit, client), window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql<number>`rate_limits.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  // The first attempt of a window: a good moment to drop this limit's ended windows.
  if (row.count === 1) {
    await db.deleteFrom('rate_limits').where('key', 'like', `${limit.scope}:%`).where('window_start', '<', windowStart).execute();
  }
  return {
    allowed: row.count <= limit.max,
    count: row.count,
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + limit.windowMs - now.getTime()) / 1000)),
  };
}

/** Takes back one counted attempt (one that turned out fine, such as a correct log-in); `now` as given to hitRateLimit. */
export async function undoRateLimitHit(db: Executor, limit: RateLimit, client: string, now: Date): Promise<void> {
  const windowStart = new Date(Math.floor(now.getTime() / limit.windowMs) * limit.windowMs);
  await db
    .updateTable('rate_limits')
    .set({ count: sql<number>`greatest(rate_limits.count - 1, 0)` })
    .where('key', '=', rateKey(limit, client))
    .where('window_start', '=', windowStart)
    .execute();
}

/** Forgets every counted attempt of `client` under this limit. */
export async function clearRateLimit(db: Executor, limit: RateLimit, client: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', rateKey(limit, client)).execute();
}
