import type { Lane } from './trace.ts';
import { daysBetween } from './trace.ts';
import type { CaseAtReceipt, Prediction, Predictor, TraceEvent } from './predictor.ts';

/**
 * An 80% interval learnt from a predictor's own past errors, for predictors
 * that only give a point (the baselines). Per lane it keeps the ratios
 * (realised + 1) / (predicted + 1) of its last predictions whose case has been
 * assigned since (the +1 day keeps the ratio defined when either is 0), and
 * puts p10/p90 at the 10th and 90th percentile of those ratios around the new
 * point. Until a lane has MIN_ERRORS of them the interval is the point +-50%.
 * The point is computed at every receipt, also before the backtest window, so
 * the history before the window trains the interval too. It learns only from
 * assignments it observed, so it cannot look ahead.
 */
export const MIN_ERRORS = 30;
export const MAX_ERRORS = 200;

export interface PointPredictor {
  readonly name: string;
  observe(event: TraceEvent): void;
  predictDays(c: CaseAtReceipt): number;
}

export function withEmpiricalInterval(point: PointPredictor): Predictor {
  const pending = new Map<string, number>(); // caseId -> predicted days, until the case leaves the tray
  const ratios = new Map<Lane, number[]>();
  return {
    name: point.name,
    observe(event) {
      point.observe(event);
      if (event.type === 'received') {
        pending.set(event.case.caseId, Math.max(0, point.predictDays(event.case)));
        return;
      }
      const predicted = pending.get(event.case.caseId);
      if (predicted === undefined) return;
      pending.delete(event.case.caseId);
      if (event.type !== 'assigned') return; // closed unassigned: no realised wait
      const realised = daysBetween(event.case.receivedAt, event.at);
      const list = ratios.get(event.case.lane) ?? [];
      list.push((realised + 1) / (predicted + 1));
      if (list.length > MAX_ERRORS) list.shift();
      ratios.set(event.case.lane, list);
    },
    predict(c) {
      const days = pending.get(c.caseId) ?? Math.max(0, point.predictDays(c));
      return intervalAround(days, ratios.get(c.lane) ?? []);
    },
  };
}

export function intervalAround(days: number, ratios: readonly number[]): Prediction {
  if (ratios.length < MIN_ERRORS) return { predictedDays: days, p10Days: days * 0.5, p90Days: days * 1.5 };
  const sorted = [...ratios].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
  const scaled = (ratio: number) => Math.max(0, (days + 1) * ratio - 1);
  return { predictedDays: days, p10Days: Math.min(days, scaled(at(0.1))), p90Days: Math.max(days, scaled(at(0.9))) };
}
