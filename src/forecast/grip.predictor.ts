import { createQueueLengthPredictor } from './baselines.ts';
import type { PredictorFactory } from './predictor.ts';

/**
 * PLACEHOLDER. Grip's own wait predictor (issue 5: the queue model over the
 * staff plan, lane slots learnt from history, with an 80% interval) does not
 * exist yet. Until it does, "Grip" in the backtest is the QL baseline under
 * another name, so the ratios Grip/QL read 1.0. Replace this factory; the
 * contract is `PredictorFactory` in predictor.ts.
 */
export const createGripPredictor: PredictorFactory = (context) => {
  const ql = createQueueLengthPredictor(context);
  return { name: 'Grip', observe: (e) => ql.observe(e), predict: (c) => ql.predict(c) };
};
