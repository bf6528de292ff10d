import type { Prediction } from './predictor.ts';

/**
 * The 80% interval of one lane of Grip's queue model, learnt from its own
 * realised errors and kept at its coverage (adaptive conformal inference,
 * Gibbs & Candès 2021, on a log scale).
 *
 * For every assigned case it keeps the log ratio log((realised + 1) /
 * (estimate + 1)) of the model's raw estimate at receipt (the +1 day keeps it
 * defined at 0). p10 and p90 put the 10th and 90th percentile of the recent
 * log ratios around the estimate, each widened by an offset. The offsets
 * track coverage: a resolved case whose wait fell above its p90 widens the
 * top by 0.9 STEP, one that fell inside narrows it by 0.1 STEP (likewise at
 * the bottom), so that over the resolved cases about 10% fall below and 10%
 * above, also when errors come in runs (a shift the model has not seen) and
 * the recent ratios alone would be too narrow. Only resolved cases count, so
 * it cannot look ahead.
 *
 * The point stays the raw estimate: moving it by the median of recent ratios
 * chased the errors of cases received weeks ago, in a regime that had
 * changed since (the backtest was worse for it, with any memory tried).
 */
const INTERVAL_MEMORY = 300;
const MIN_RATIOS = 20;
/** Log units one resolved case moves an offset by: ten points of miscoverage over 100 cases move it by 0.05. */
const STEP = 0.005;
const TAIL = 0.1;

export class LaneCalibration {
  private readonly logRatios: number[] = [];
  private low = 0;
  private high = 0;

  /** A case of the lane was assigned: its raw estimate, realised wait and the interval it was given. */
  resolve(estimate: number, realised: number, given: Prediction): void {
    this.logRatios.push(Math.log((realised + 1) / (estimate + 1)));
    if (this.logRatios.length > INTERVAL_MEMORY) this.logRatios.shift();
    this.low += STEP * ((realised < given.p10Days ? 1 : 0) - TAIL);
    this.high += STEP * ((realised > given.p90Days ? 1 : 0) - TAIL);
  }

  /** The prediction around a raw estimate (days). */
  predict(estimate: number): Prediction {
    if (this.logRatios.length < MIN_RATIOS) return { predictedDays: estimate, p10Days: estimate * 0.5, p90Days: estimate * 1.5 + 1 };
    const scaled = (logRatio: number) => Math.max(0, (estimate + 1) * Math.exp(logRatio) - 1);
    const sorted = [...this.logRatios].sort((a, b) => a - b);
    const p10 = scaled(quantile(sorted, TAIL) - this.low);
    const p90 = scaled(quantile(sorted, 1 - TAIL) + this.high);
    return { predictedDays: estimate, p10Days: Math.min(estimate, p10), p90Days: Math.max(estimate, p90) };
  }
}

function quantile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(share * sorted.length)))]!;
}
