import { LANES, type Lane, type TraceCase, realisedWaitDays } from './trace.ts';
import type { Prediction } from './predictor.ts';

/**
 * Accuracy of wait predictions, over the cases whose wait was realised (first
 * assigned within the trace): cases still waiting at the end have no known
 * wait and are left out.
 */
export interface Accuracy {
  /** Cases scored (realised waits). */
  cases: number;
  /** Mean absolute error, days; null without cases. */
  mae: number | null;
  /** Median absolute error, days (mean of the two middle ones for an even count). */
  medianAbsoluteError: number | null;
  /** Share of realised waits within [p10, p90], both ends included. */
  coverage: number | null;
}

export interface AccuracyReport {
  overall: Accuracy;
  byLane: Record<Lane, Accuracy>;
}

export interface ScoredPrediction {
  lane: Lane;
  realisedDays: number;
  prediction: Prediction;
}

/** Pairs each case with its prediction and keeps the ones with a realised wait. */
export function scored(cases: readonly TraceCase[], predictions: readonly Prediction[]): ScoredPrediction[] {
  if (cases.length !== predictions.length) throw new RangeError(`${cases.length} cases but ${predictions.length} predictions`);
  const out: ScoredPrediction[] = [];
  cases.forEach((c, i) => {
    const realisedDays = realisedWaitDays(c);
    if (realisedDays !== null) out.push({ lane: c.lane, realisedDays, prediction: predictions[i]! });
  });
  return out;
}

export function accuracy(rows: readonly ScoredPrediction[]): Accuracy {
  if (rows.length === 0) return { cases: 0, mae: null, medianAbsoluteError: null, coverage: null };
  const errors = rows.map((r) => Math.abs(r.prediction.predictedDays - r.realisedDays));
  const covered = rows.filter((r) => r.prediction.p10Days <= r.realisedDays && r.realisedDays <= r.prediction.p90Days).length;
  return { cases: rows.length, mae: mean(errors), medianAbsoluteError: median(errors), coverage: covered / rows.length };
}

export function accuracyReport(rows: readonly ScoredPrediction[]): AccuracyReport {
  const byLane = Object.fromEntries(LANES.map((lane) => [lane, accuracy(rows.filter((r) => r.lane === lane))])) as Record<Lane, Accuracy>;
  return { overall: accuracy(rows), byLane };
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
