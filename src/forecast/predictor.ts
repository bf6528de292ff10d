import type { Lane, StaffPeriod, Trace, TraceCase } from './trace.ts';

/**
 * The contract every wait predictor meets in the backtest (issue 5): it is fed
 * the trace as a stream of events in time order and, right after the receipt
 * of a case, is asked how long that case will wait for its first assignment.
 * It never sees an event later than the receipt it predicts for: the replay
 * below only hands it earlier events, so look-ahead is impossible by
 * construction, not by discipline.
 */

/** A wait prediction, in days from received_at to the first assignment. */
export interface Prediction {
  /** The point prediction (scored by absolute error). */
  predictedDays: number;
  /** The 80% interval: the realised wait should fall in [p10Days, p90Days] for 8 of 10 cases. */
  p10Days: number;
  p90Days: number;
}

/** A case as known at its receipt: nothing about its future. */
export interface CaseAtReceipt {
  caseId: string;
  receivedAt: Date;
  domain: string;
  unit: string;
  lane: Lane;
}

/**
 * One thing that happened, at `at`:
 * - `received`: a case was received and waits in its domain's tray;
 * - `assigned`: its first assignment to an investigator (it leaves the tray);
 * - `closed`: its closing; `wasAssigned` false means it left the tray closed, unassigned.
 */
export type TraceEvent =
  | { type: 'received'; at: Date; case: CaseAtReceipt }
  | { type: 'assigned'; at: Date; case: CaseAtReceipt }
  | { type: 'closed'; at: Date; case: CaseAtReceipt; wasAssigned: boolean };

export interface Predictor {
  /** Unique within one replay; the name in the backtest's report. */
  readonly name: string;
  /** Everything that happened, in the order of `compareEvents`; receipts of the cases to predict included. */
  observe(event: TraceEvent): void;
  /**
   * Called right after `observe` got this case's `received` event: predict the
   * days from `c.receivedAt` to its first assignment. `c.receivedAt` is "now".
   */
  predict(c: CaseAtReceipt): Prediction;
}

/** What a predictor may know before the first event: the staff plan, known from the start. */
export interface PredictorContext {
  plan: readonly StaffPeriod[];
}

/** Makes a fresh predictor for one replay (predictors keep state, so each replay needs its own). */
export type PredictorFactory = (context: PredictorContext) => Predictor;

/** Cases received in [from, to) are predicted; earlier history is observed only. */
export interface ReplayWindow {
  from: Date;
  to: Date;
}

export interface ReplayResult {
  /** The cases received in the window, in the order they were predicted. */
  cases: TraceCase[];
  /** Per predictor name, one prediction per case, aligned with `cases`. */
  predictions: Record<string, Prediction[]>;
}

/**
 * The tie rule. Events are ordered by time; at the same instant receipts come
 * first, then assignments, then closings; within one kind by case_id (plain
 * string order). So the prediction for a case received at t sees every
 * assignment and closing strictly before t, and the receipts at t of cases
 * with a smaller case_id, but nothing else that happened at t. The order
 * depends only on each event itself, never on the rest of the trace, which is
 * what makes a truncated trace give the same earlier predictions.
 */
const KIND_ORDER: Record<TraceEvent['type'], number> = { received: 0, assigned: 1, closed: 2 };

export function compareEvents(a: TraceEvent, b: TraceEvent): number {
  return (
    a.at.getTime() - b.at.getTime() ||
    KIND_ORDER[a.type] - KIND_ORDER[b.type] ||
    (a.case.caseId < b.case.caseId ? -1 : a.case.caseId > b.case.caseId ? 1 : 0)
  );
}

export function caseAtReceipt(c: TraceCase): CaseAtReceipt {
  return { caseId: c.caseId, receivedAt: c.receivedAt, domain: c.domain, unit: c.unit, lane: c.lane };
}

/** The trace as events in time order (see `compareEvents` for ties). */
export function traceEvents(trace: Trace): TraceEvent[] {
  const events: TraceEvent[] = [];
  for (const c of trace.cases) {
    const known = caseAtReceipt(c);
    events.push({ type: 'received', at: c.receivedAt, case: known });
    if (c.assignedAt) events.push({ type: 'assigned', at: c.assignedAt, case: known });
    if (c.closedAt) events.push({ type: 'closed', at: c.closedAt, case: known, wasAssigned: c.assignedAt !== null });
  }
  return events.sort(compareEvents);
}

/**
 * Replays the trace through fresh predictors: every event goes to `observe`
 * in order, and each case received in [from, to) is predicted by every
 * predictor right after its receipt was observed. Events after the last such
 * receipt are not needed and not replayed.
 */
export function replayTrace(
  trace: Trace,
  factories: readonly PredictorFactory[],
  window: ReplayWindow,
  onProgress?: (done: number, total: number) => void,
): ReplayResult {
  const context: PredictorContext = { plan: trace.staff };
  const predictors = factories.map((make) => make(context));
  const predictions = emptyPredictions(predictors);
  const inWindow = (c: CaseAtReceipt) => c.receivedAt >= window.from && c.receivedAt < window.to;
  const total = trace.cases.filter(inWindow).length;
  const byId = new Map(trace.cases.map((c) => [c.caseId, c]));
  const cases: TraceCase[] = [];
  for (const event of traceEvents(trace)) {
    if (cases.length === total) break;
    for (const p of predictors) p.observe(event);
    if (event.type !== 'received' || !inWindow(event.case)) continue;
    for (const p of predictors) predictions[p.name]!.push(checked(p.name, p.predict(event.case)));
    cases.push(byId.get(event.case.caseId)!);
    if (cases.length % 250 === 0 || cases.length === total) onProgress?.(cases.length, total);
  }
  return { cases, predictions };
}

function emptyPredictions(predictors: readonly Predictor[]): Record<string, Prediction[]> {
  const out: Record<string, Prediction[]> = {};
  for (const p of predictors) {
    if (p.name in out) throw new RangeError(`two predictors are named ${p.name}`);
    out[p.name] = [];
  }
  return out;
}

/** A predictor's answer must be a usable prediction: finite, not negative, p10 <= predicted <= p90. */
function checked(name: string, p: Prediction): Prediction {
  const ok = [p.predictedDays, p.p10Days, p.p90Days].every((v) => Number.isFinite(v) && v >= 0) &&
    p.p10Days <= p.predictedDays && p.predictedDays <= p.p90Days;
  if (!ok) throw new RangeError(`${name} predicted ${JSON.stringify(p)}: need finite days >= 0 with p10 <= predicted <= p90`);
  return p;
}
