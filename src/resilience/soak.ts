import { randomUUID } from 'node:crypto';
import { call, intakeBody, type Api } from './load.ts';

/**
 * The soak's measures (issue 8, must-show 4): the maximum intake rate of a
 * running server, and whether memory stayed flat over the run.
 */

/** Intake requests per second that `concurrency` clients get through in a burst of `count` (after a short warm-up). */
export async function maxIntakeRate(api: Api, options: { count: number; concurrency: number }): Promise<{ rate: number; errors: number }> {
  let n = 1_000_000;
  let errors = 0;
  const burst = async (count: number) => {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next++ < count) {
          const a = await call(api, 'POST', '/api/v1/cases', intakeBody(n++), { 'idempotency-key': randomUUID() });
          if (!a.ok) errors += 1;
        }
      }),
    );
    return count / ((performance.now() - started) / 1000);
  };
  await burst(Math.min(50, options.count));
  errors = 0;
  return { rate: await burst(options.count), errors };
}

export interface MemorySample {
  atSeconds: number;
  rssMiB: number;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2 : NaN;
};

/**
 * Flat memory: the median RSS of the last third of the samples grew less than
 * `limit` (10%) over the median of the middle third. The first third is the
 * warm-up (caches, JIT, connection pools) and does not count.
 */
export function memoryVerdict(samples: readonly MemorySample[], limit = 0.1): { middle: number; last: number; growth: number; flat: boolean } {
  const third = Math.floor(samples.length / 3);
  const rss = samples.map((s) => s.rssMiB);
  const middle = median(rss.slice(third, 2 * third));
  const last = median(rss.slice(2 * third));
  const growth = last / middle - 1;
  return { middle, last, growth, flat: samples.length >= 3 && growth < limit };
}

/** A pace of `perSecond` request starts, shared by all clients (they wait for their slot). */
export function pacer(perSecond: number): () => Promise<void> {
  const interval = 1000 / perSecond;
  let nextAt = performance.now();
  return async () => {
    const now = performance.now();
    const at = Math.max(nextAt, now);
    nextAt = at + interval;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  };
}
