import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random, hash32 } from './random.ts';

function sample(n: number, draw: () => number): { mean: number; variance: number } {
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sq += x * x;
  }
  const mean = sum / n;
  return { mean, variance: sq / n - mean * mean };
}

describe('Random', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const r = new Random(7);
    const buckets = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      if (x < 0 || x >= 1) outside++;
      else buckets[Math.floor(x * 10)]!++;
    }
    expect(outside).toBe(0);
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('int covers both ends and nothing outside them', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 20 }), (seed, min, span) => {
        const r = new Random(seed);
        const seen = new Set<number>();
        for (let i = 0; i < 40 * (span + 1); i++) {
          const x = r.int(min, min + span);
          expect(Number.isInteger(x) && x >= min && x <= min + span).toBe(true);
          seen.add(x);
        }
        expect(seen.size).toBe(span + 1);
      }),
      { numRuns: 50 },
    );
    expect(() => new Random(1).int(3, 2)).toThrow(RangeError);
  });

  it('weighted follows the weights and never picks a zero weight', () => {
    const r = new Random(3);
    const counts = { a: 0, b: 0, never: 0 };
    const items = [{ k: 'a', w: 1 }, { k: 'b', w: 3 }, { k: 'never', w: 0 }] as const;
    for (let i = 0; i < 40_000; i++) counts[r.weighted(items, (x) => x.w).k]++;
    expect(counts.never).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.8);
    expect(counts.b / counts.a).toBeLessThan(3.2);
    expect(() => r.weighted(items.slice(2), (x) => x.w)).toThrow(RangeError);
  });

  it('poisson has mean and variance close to the mean, for small and large means', () => {
    for (const mean of [0.3, 4, 12, 45]) {
      const r = new Random(11);
      const s = sample(50_000, () => r.poisson(mean));
      expect(Math.abs(s.mean - mean)).toBeLessThan(0.05 * mean + 0.02);
      expect(Math.abs(s.variance - mean)).toBeLessThan(0.1 * mean + 0.05);
    }
    expect(new Random(1).poisson(0)).toBe(0);
  });

  it('normal has the requested mean and standard deviation', () => {
    const r = new Random(5);
    const s = sample(50_000, () => r.normal(10, 2));
    expect(Math.abs(s.mean - 10)).toBeLessThan(0.05);
    expect(Math.abs(Math.sqrt(s.variance) - 2)).toBeLessThan(0.05);
  });

  it('chance(p) is true about p of the time, and never for 0 or always for 1', () => {
    const r = new Random(9);
    let hits = 0;
    for (let i = 0; i < 20_000; i++) if (r.chance(0.25)) hits++;
    expect(Math.abs(hits / 20_000 - 0.25)).toBeLessThan(0.015);
    expect(Array.from({ length: 100 }, () => r.chance(0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 100 }, () => r.chance(1)).every(Boolean)).toBe(true);
  });

  it('fork is stable per label and independent of how far the parent has run', () => {
    const parent = new Random(99);
    const first = parent.fork('names').next();
    parent.next();
    parent.next();
    expect(parent.fork('names').next()).toBe(first);
    expect(parent.fork('other').next()).not.toBe(first);
    expect(hash32('abc')).toBe(hash32('abc'));
    expect(hash32('abc')).not.toBe(hash32('abd'));
  });
});
