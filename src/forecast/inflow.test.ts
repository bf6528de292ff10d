import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../core/random.ts';
import { dayShares, forecastInflow, rollingOrigin, weekRegressors, weeklyCounts, type WeekCount } from './inflow.ts';
import { addDays } from './trace.calendar.ts';
import { generateTrace } from './trace.generate.ts';

const START = '2023-01-02';

/**
 * A seeded weekly series: Poisson around `level(t)`, with the holiday effects
 * of the trace generator (mail only on working days; Christmas weeks 0.6, summer 0.8, other school holidays 0.9).
 */
function series(weeks: number, level: (t: number) => number, seed = 1): WeekCount[] {
  const rng = new Random(seed);
  return Array.from({ length: weeks }, (_, t) => {
    const week = addDays(START, 7 * t);
    const [work, school, summer, christmas, christmasHoliday] = weekRegressors(week) as number[];
    const factor = Math.exp(work!) * (christmas! + christmasHoliday! > 0 ? 0.6 : summer! > 0.3 ? 0.8 : school! > 0.3 ? 0.9 : 1);
    return { week, count: rng.poisson(level(t) * factor) };
  });
}

const byWeek = (forecast: { week: string; mean: number }[], week: string) => forecast.find((f) => f.week === week)!.mean;

describe('dayShares', () => {
  it('spreads a week over its working days, nothing on Christmas days or the weekend', () => {
    const shares = dayShares('2024-12-23'); // Mon 23 .. Sun 29 Dec 2024
    expect(shares).toHaveLength(7);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(shares.map((v) => v > 0)).toEqual([true, true, false, false, true, false, false]);
    expect(shares[0]!).toBeGreaterThan(shares[4]!); // Monday brings the weekend's post
  });
});

describe('forecastInflow', () => {
  it('forecasts the weeks after the history, with 0 <= p10 <= mean <= p90', () => {
    const history = series(60, () => 50);
    const forecast = forecastInflow(history, 13);
    expect(forecast.map((f) => f.week)).toEqual(Array.from({ length: 13 }, (_, h) => addDays(history.at(-1)!.week, 7 * (h + 1))));
    for (const f of forecast) {
      expect(f.p10).toBeGreaterThanOrEqual(0);
      expect(f.p10).toBeLessThanOrEqual(f.mean);
      expect(f.mean).toBeLessThanOrEqual(f.p90);
    }
  });

  it('forecasts fewer complaints in the Christmas weeks and in a week with a public holiday', () => {
    // History to 18 Nov 2024: the horizon holds Christmas 2024 (23 and 30 Dec) and New Year.
    const history = series(99, () => 60);
    expect(history.at(-1)!.week).toBe('2024-11-18');
    const forecast = forecastInflow(history, 13);
    const ordinary = byWeek(forecast, '2024-12-09');
    expect(byWeek(forecast, '2024-12-23')).toBeLessThan(0.6 * ordinary); // 2 public holidays and the holiday season
    expect(byWeek(forecast, '2024-12-30')).toBeLessThan(0.8 * ordinary); // New Year's day
    expect(ordinary).toBeGreaterThan(50);
    expect(ordinary).toBeLessThan(70);
    // Ascension Day (29 May 2025) and Whit Monday (9 Jun 2025): a working day less.
    const spring = forecastInflow(series(120, () => 60), 13); // history to 14 Apr 2025
    expect(byWeek(spring, '2025-05-26')).toBeLessThan(0.9 * byWeek(spring, '2025-05-19'));
    expect(byWeek(spring, '2025-06-09')).toBeLessThan(0.9 * byWeek(spring, '2025-06-16'));
  });

  it('follows a trend and a lasting change of level', () => {
    // 30 -> 102 a week over two years; 13 weeks on (24 Mar 2025, an ordinary week) the level is 111.
    const ahead = [1, 2, 3, 4, 5, 6].map((seed) => forecastInflow(series(104, (t) => 30 + 0.7 * t, seed), 13).at(-1)!);
    expect(ahead[0]!.week).toBe('2025-03-24');
    const meanAhead = ahead.reduce((a, f) => a + f.mean, 0) / ahead.length;
    expect(meanAhead).toBeGreaterThan(108); // the last quarter's level alone would say ~100-106
    expect(meanAhead).toBeLessThan(116);

    const stepped = series(90, (t) => (t < 70 ? 40 : 60));
    const after = forecastInflow(stepped, 1)[0]!;
    expect(after.week).toBe('2024-09-23'); // an ordinary week
    expect(after.mean).toBeGreaterThan(52); // 20 weeks after the step, it has mostly followed
  });

  it('widens the interval with the horizon when the level wanders', () => {
    const rng = new Random(7);
    let level = 50;
    const walk = series(150, () => (level = Math.max(10, level * Math.exp(rng.normal(0, 0.05)))), 3);
    const forecast = forecastInflow(walk, 13);
    const relativeWidth = (f: { mean: number; p10: number; p90: number }) => (f.p90 - f.p10) / f.mean;
    expect(relativeWidth(forecast[12]!)).toBeGreaterThan(1.2 * relativeWidth(forecast[0]!));
  });

  it('rejects weeks that are not consecutive Mondays', () => {
    expect(() => forecastInflow([{ week: '2024-01-02', count: 1 }], 1)).toThrow(RangeError);
    expect(() => forecastInflow([{ week: '2024-01-01', count: 1 }, { week: '2024-01-15', count: 1 }], 1)).toThrow(RangeError);
    expect(forecastInflow([], 13)).toEqual([]);
  });

  it('gives finite, ordered, non-negative forecasts for any history', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 500 }), { minLength: 1, maxLength: 130 }), fc.integer({ min: 1, max: 13 }), (counts, horizon) => {
        const history = counts.map((count, t) => ({ week: addDays(START, 7 * t), count }));
        const forecast = forecastInflow(history, horizon);
        expect(forecast).toHaveLength(horizon);
        for (const f of forecast) {
          expect(Number.isFinite(f.mean) && Number.isFinite(f.p90)).toBe(true);
          expect(0 <= f.p10 && f.p10 <= f.p90).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('rollingOrigin', () => {
  it('beats seasonal naive on a generated trace and covers about 80% with its intervals', () => {
    const trace = generateTrace('steady', 1);
    const received = trace.cases.filter((c) => c.domain === 'inkomen').map((c) => c.receivedAt);
    const history = weeklyCounts(received, '2023-01-02', '2024-12-29');
    expect(history).toHaveLength(104);
    expect(history.reduce((a, w) => a + w.count, 0)).toBe(received.length);
    const result = rollingOrigin(history, { from: '2024-01-08', to: '2024-12-29', horizon: 13 });
    expect(result.origins).toBe(39); // 8 Jan .. 30 Sep 2024
    expect(result.ratio).toBeLessThan(0.85);
    expect(result.coverage).toBeGreaterThan(0.7);
    expect(result.coverage).toBeLessThan(0.95);
  });

  it('covers about 80% on a synthetic series with a yearly calendar', () => {
    const history = series(156, () => 45, 11);
    const result = rollingOrigin(history, { from: '2024-01-01', to: '2025-12-29', horizon: 13 });
    expect(result.ratio).toBeLessThan(0.85);
    expect(result.coverage).toBeGreaterThan(0.72);
    expect(result.coverage).toBeLessThan(0.9);
  });

  it('does not look ahead: weeks after the last scored week change nothing', () => {
    const history = series(110, () => 50, 5);
    const opts = { from: '2024-01-08', to: '2024-04-01', horizon: 13 }; // last target: the week of 24 Jun 2024
    const lastScored = history.findIndex((w) => w.week === '2024-06-24');
    const altered = history.map((w, t) => (t > lastScored ? { ...w, count: w.count * 3 + 17 } : w));
    const result = rollingOrigin(history, opts);
    expect(result.origins).toBe(13);
    expect(rollingOrigin(altered, opts)).toEqual(result);
    // and the data do matter: altering a scored week changes the score
    const scored = history.map((w, t) => (t === lastScored ? { ...w, count: w.count + 40 } : w));
    expect(rollingOrigin(scored, opts).mase).not.toBe(result.mase);
  });
});
