import { describe, expect, it } from 'vitest';
import { accuracy, accuracyReport, scored } from './metrics.ts';
import { tc } from './testing.ts';

const p = (predictedDays: number, p10Days: number, p90Days: number) => ({ predictedDays, p10Days, p90Days });

describe('accuracy', () => {
  it('gives MAE, median absolute error and coverage with known answers', () => {
    const a = accuracy([
      { lane: 'regular', realisedDays: 1, prediction: p(2, 0, 3) }, // error 1, covered
      { lane: 'regular', realisedDays: 2, prediction: p(2, 2, 2) }, // error 0, covered (ends included)
      { lane: 'regular', realisedDays: 10, prediction: p(4, 3, 6) }, // error 6, not covered
    ]);
    expect(a.cases).toBe(3);
    expect(a.mae).toBeCloseTo(7 / 3, 10);
    expect(a.medianAbsoluteError).toBe(1);
    expect(a.coverage).toBeCloseTo(2 / 3, 10);
  });

  it('takes the mean of the two middle errors for an even count, and says null without cases', () => {
    const a = accuracy([1, 2, 4, 8].map((e) => ({ lane: 'b' as const, realisedDays: 0, prediction: p(e, 0, e) })));
    expect(a.medianAbsoluteError).toBe(3);
    expect(accuracy([])).toEqual({ cases: 0, mae: null, medianAbsoluteError: null, coverage: null });
  });

  it('scores only realised waits (assigned within the trace), per lane and overall', () => {
    const cases = [
      tc('a', '2024-01-01T09:00:00Z', { assigned: '2024-01-03T09:00:00Z' }), // 2 days
      tc('b', '2024-01-01T09:00:00Z', { lane: 'urgent', assigned: '2024-01-01T21:00:00Z' }), // 0.5 days
      tc('c', '2024-01-01T09:00:00Z'), // still waiting: not scored
      tc('d', '2024-01-01T09:00:00Z', { closed: '2024-01-02T09:00:00Z' }), // left the tray unassigned: not scored
    ];
    const rows = scored(cases, [p(4, 1, 5), p(0.5, 0, 1), p(9, 9, 9), p(9, 9, 9)]);
    expect(rows.map((r) => r.realisedDays)).toEqual([2, 0.5]);
    const report = accuracyReport(rows);
    expect(report.overall).toMatchObject({ cases: 2, mae: 1, coverage: 1 });
    expect(report.byLane.regular).toMatchObject({ cases: 1, mae: 2 });
    expect(report.byLane.urgent).toMatchObject({ cases: 1, mae: 0 });
    expect(report.byLane.pop.cases).toBe(0);
  });
});
