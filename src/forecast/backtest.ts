import { LANES, type Trace, type TraceCase } from './trace.ts';
import { replayTrace, type Prediction, type PredictorFactory, type ReplayWindow } from './predictor.ts';
import { accuracyReport, scored, type Accuracy, type AccuracyReport } from './metrics.ts';
import { createHeadOfLinePredictor, createLastToEnterServicePredictor, createQueueLengthPredictor } from './baselines.ts';
import { createGripPredictor } from './grip.predictor.ts';
import { csvField } from './trace.csv.ts';

/**
 * The backtest of issue 5: Grip's wait predictor and the three baselines
 * replayed over one trace, each case in the window predicted at its receipt,
 * scored against the realised waits. Pure; the CLI (backtest.command.ts)
 * reads and writes the files.
 */

/** Grip first: its predictions are the ones written to predictions.csv. */
export const BACKTEST_PREDICTORS: readonly PredictorFactory[] = [
  createGripPredictor,
  createQueueLengthPredictor,
  createHeadOfLinePredictor,
  createLastToEnterServicePredictor,
];

export interface BacktestResult {
  window: ReplayWindow;
  cases: TraceCase[];
  /** Per predictor name, aligned with `cases`. */
  predictions: Record<string, Prediction[]>;
  /** Per predictor name, in the order of the predictors. */
  accuracy: Record<string, AccuracyReport>;
}

export function runBacktest(
  trace: Trace,
  window: ReplayWindow,
  options: { predictors?: readonly PredictorFactory[]; onProgress?: (done: number, total: number) => void } = {},
): BacktestResult {
  const { cases, predictions } = replayTrace(trace, options.predictors ?? BACKTEST_PREDICTORS, window, options.onProgress);
  const accuracy: Record<string, AccuracyReport> = {};
  for (const [name, list] of Object.entries(predictions)) accuracy[name] = accuracyReport(scored(cases, list));
  return { window, cases, predictions, accuracy };
}

export const PREDICTION_COLUMNS = ['case_id', 'predicted_days', 'p10_days', 'p90_days'] as const;

/** predictions.csv: one row per case received in the window, in order of receipt. */
export function predictionsCsv(cases: readonly TraceCase[], predictions: readonly Prediction[]): string {
  const days = (v: number) => String(Math.round(v * 1000) / 1000);
  const rows = cases.map((c, i) => {
    const p = predictions[i]!;
    return [csvField(c.caseId), days(p.predictedDays), days(p.p10Days), days(p.p90Days)].join(',');
  });
  return `${PREDICTION_COLUMNS.join(',')}\n${rows.map((r) => `${r}\n`).join('')}`;
}

/** The report as text lines: per predictor, overall and per lane, MAE, median absolute error and coverage. */
export function accuracyLines(result: BacktestResult): string[] {
  const realised = result.cases.filter((c) => c.assignedAt !== null).length;
  const lines = [
    `${result.cases.length} cases received ${day(result.window.from)} to ${day(result.window.to)} (exclusive); ${realised} assigned within the trace are scored.`,
    `${'predictor'.padEnd(10)}${'lane'.padEnd(9)}${'cases'.padStart(7)}${'MAE d'.padStart(9)}${'median AE d'.padStart(13)}${'coverage'.padStart(10)}`,
  ];
  for (const [name, report] of Object.entries(result.accuracy)) {
    lines.push(row(name, 'all', report.overall));
    for (const lane of LANES) lines.push(row('', lane, report.byLane[lane]));
  }
  return lines;
}

function row(name: string, lane: string, a: Accuracy): string {
  const num = (v: number | null, digits = 1) => (v === null ? '-' : v.toFixed(digits));
  const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);
  return `${name.padEnd(10)}${lane.padEnd(9)}${String(a.cases).padStart(7)}${num(a.mae).padStart(9)}${num(a.medianAbsoluteError).padStart(13)}${pct(a.coverage).padStart(10)}`;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
