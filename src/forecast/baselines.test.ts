import { describe, expect, it } from 'vitest';
import { createHeadOfLinePredictor, createLastToEnterServicePredictor, createQueueLengthPredictor } from './baselines.ts';
import { intervalAround, MIN_ERRORS } from './interval.ts';
import { replayTrace, type PredictorFactory } from './predictor.ts';
import { tc, traceOf } from './testing.ts';
import type { Trace } from './trace.ts';

const ALL = new Date('2000-01-01T00:00:00Z');
const END = new Date('2100-01-01T00:00:00Z');

/** Each predictor's point prediction per case id. */
function points(trace: Trace, factory: PredictorFactory): Record<string, number> {
  const { cases, predictions } = replayTrace(trace, [factory], { from: ALL, to: END });
  const list = Object.values(predictions)[0]!;
  return Object.fromEntries(cases.map((c, i) => [c.caseId, list[i]!.predictedDays]));
}

/**
 * One regular queue in domain d: A waits 2 days, B 4 days; C and D arrive
 * later. F arrives at the very moment B is assigned. A B-lane case and a case
 * of another domain wait all along and must not count.
 */
const trace = traceOf(
  tc('A', '2024-01-01T09:00:00Z', { assigned: '2024-01-03T09:00:00Z' }),
  tc('B', '2024-01-02T09:00:00Z', { assigned: '2024-01-06T09:00:00Z' }),
  tc('C', '2024-01-04T09:00:00Z'),
  tc('F', '2024-01-06T09:00:00Z'),
  tc('D', '2024-01-07T09:00:00Z'),
  tc('Xb', '2023-12-01T09:00:00Z', { lane: 'b' }),
  tc('Xe', '2023-12-01T09:00:00Z', { domain: 'e' }),
);

describe('QL: cases ahead / exits per day over the last 14 days', () => {
  const ql = points(trace, createQueueLengthPredictor);

  it('knows nothing before the first exit: 0 days', () => {
    expect(ql.A).toBe(0);
    expect(ql.B).toBe(0);
  });

  it('counts the cases waiting ahead in the same domain and lane', () => {
    expect(ql.C).toBeCloseTo(1 / (1 / 14), 10); // B ahead, A left: 1 exit in 14 days
    expect(ql.F).toBeCloseTo(2 / (1 / 14), 10); // B (assigned at this very moment: not yet seen) and C ahead
    expect(ql.D).toBeCloseTo(2 / (2 / 14), 10); // C and F ahead, 2 exits
  });

  it('widens the window when the queue had no exit in the last 14 days', () => {
    const late = traceOf(
      tc('A', '2024-01-01T09:00:00Z', { assigned: '2024-01-02T09:00:00Z' }),
      tc('W', '2024-01-10T09:00:00Z'),
      tc('B', '2024-01-22T09:00:00Z'), // W ahead; the last exit 20 days ago: the 28-day window holds it
    );
    expect(points(late, createQueueLengthPredictor).B).toBeCloseTo(1 / (1 / 28), 10);
  });

  it('says 0 days when nobody waits ahead', () => {
    const empty = traceOf(tc('A', '2024-01-01T09:00:00Z', { assigned: '2024-01-02T09:00:00Z' }), tc('B', '2024-01-03T09:00:00Z'));
    expect(points(empty, createQueueLengthPredictor).B).toBe(0);
  });

  it('counts a case closed unassigned as an exit', () => {
    const closed = traceOf(
      tc('A', '2024-01-01T09:00:00Z', { closed: '2024-01-02T09:00:00Z' }),
      tc('W', '2024-01-02T12:00:00Z'),
      tc('B', '2024-01-03T09:00:00Z'),
    );
    expect(points(closed, createQueueLengthPredictor).B).toBeCloseTo(14, 10);
  });
});

describe('HOL: the elapsed wait of the oldest case still waiting in the same domain and lane', () => {
  const hol = points(trace, createHeadOfLinePredictor);

  it('is 0 with nobody waiting, else the head of the line', () => {
    expect(hol.A).toBe(0);
    expect(hol.B).toBe(1); // A has waited one day
    expect(hol.C).toBe(2); // B, received 2 Jan
    expect(hol.F).toBe(4); // B again: its assignment at the same moment is not visible (tie rule)
    expect(hol.D).toBe(3); // C, received 4 Jan
  });
});

describe('LES: the wait of the last case assigned in the same domain and lane', () => {
  const les = points(trace, createLastToEnterServicePredictor);

  it('is 0 before any assignment, then the last realised wait', () => {
    expect(les.A).toBe(0);
    expect(les.C).toBe(2); // A
    expect(les.F).toBe(2); // still A: B's assignment at the same moment is not visible
    expect(les.D).toBe(4); // B
  });
});

describe('the baselines\' 80% interval', () => {
  it('is the point +-50% until a lane has enough own errors', () => {
    expect(intervalAround(10, [])).toEqual({ predictedDays: 10, p10Days: 5, p90Days: 15 });
  });

  it('then spans the 10th to 90th percentile of (realised + 1) / (predicted + 1) around the point', () => {
    const ratios = Array.from({ length: 100 }, (_, i) => 0.5 + i / 100); // 0.50 ... 1.49
    const p = intervalAround(9, ratios);
    expect(p.p10Days).toBeCloseTo(10 * 0.6 - 1, 10);
    expect(p.p90Days).toBeCloseTo(10 * 1.4 - 1, 10);
    expect(ratios.length).toBeGreaterThanOrEqual(MIN_ERRORS);
  });

  it('learns from realised waits as they come in', () => {
    // Waits alternate between 4 and 16 days, so LES is often far off: the learnt
    // interval spans both, where +-50% around either would miss the other.
    const cases = Array.from({ length: 120 }, (_, i) => {
      const received = Date.UTC(2024, 0, 1, 9) + i * 86_400_000;
      const wait = i % 2 === 0 ? 4 : 16;
      return tc(`c${String(i).padStart(3, '0')}`, new Date(received).toISOString(), { assigned: new Date(received + wait * 86_400_000).toISOString() });
    });
    const { predictions } = replayTrace(traceOf(...cases), [createLastToEnterServicePredictor], { from: ALL, to: END });
    const last = predictions.LES!.at(-1)!;
    expect([4, 16]).toContain(last.predictedDays);
    expect(last.p10Days).toBeLessThanOrEqual(4);
    expect(last.p90Days).toBeGreaterThanOrEqual(16);
  });
});
