import { availablePeriods } from '../capacity/plan.ts';
import { readPlan } from '../capacity/capacity.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { saveFirstExpectations, type Expectation } from './forecast.repository.ts';
import { createGripPredictor } from './grip.predictor.ts';
import { replayTrace } from './predictor.ts';
import { DAY_MS, type Lane, type TraceCase } from './trace.ts';

/**
 * Expectations for the history before Grip kept them (an import, the demo):
 * Grip's wait predictor replays the history and predicts each case at its
 * receipt from what was known then — the same no-look-ahead replay as the
 * backtest — and that is kept as the case's first expectation. Cases that
 * already have one keep it.
 */
const WARM_UP_DAYS = 91;

export async function backfillExpectations(ctx: AppContext, onProgress?: (done: number, total: number) => void): Promise<number> {
  const rows = await ctx.db
    .selectFrom('cases')
    .select(['id', 'received_at', 'domain_id', 'unit_id', 'lane_urgent', 'lane_b', 'lane_pop', 'assigned_at', 'closed_at'])
    .where('domain_id', 'is not', null)
    .orderBy('received_at').orderBy('id')
    .execute();
  if (rows.length === 0) return 0;
  const cases: TraceCase[] = rows.map((r) => ({
    caseId: r.id, receivedAt: r.received_at, domain: r.domain_id!, unit: r.unit_id ?? 'standard',
    lane: (r.lane_urgent ? 'urgent' : r.lane_b ? 'b' : r.lane_pop ? 'pop' : 'regular') as Lane,
    assignedAt: r.assigned_at, closedAt: r.closed_at,
  }));
  const plan = availablePeriods(await readPlan(ctx.db));
  const from = new Date(cases[0]!.receivedAt.getTime() + WARM_UP_DAYS * DAY_MS);
  const { cases: predicted, predictions } = replayTrace({ cases, staff: plan }, [createGripPredictor], { from, to: ctx.clock() }, onProgress);
  const grip = predictions.Grip!;
  const at = (c: TraceCase, days: number) => new Date(c.receivedAt.getTime() + days * DAY_MS);
  const list: Expectation[] = predicted.map((c, i) => {
    const p = grip[i]!;
    return { caseId: c.caseId, madeAt: c.receivedAt, p10: at(c, p.p10Days), p50: at(c, p.predictedDays), p90: at(c, p.p90Days) };
  });
  await saveFirstExpectations(ctx.db, list);
  return list.length;
}
