import { daysBetween } from './trace.ts';
import type { CaseAtReceipt, PredictorFactory } from './predictor.ts';
import { TrayBook } from './tray.book.ts';
import { withEmpiricalInterval, type PointPredictor } from './interval.ts';

/**
 * The three delay-announcement baselines of Ibrahim & Whitt ("Real-time delay
 * estimation based on delay history", 2009), applied per queue: the cases of
 * the same domain and lane. Each gives a point; its 80% interval comes from
 * its own past errors (interval.ts). With nothing observed yet they say 0 days.
 */

/** Days over which QL measures the recent exit rate of a queue, and how far it widens that window when the queue had no exit in it. */
export const QL_RATE_DAYS = 14;
export const QL_MAX_RATE_DAYS = 14 * 2 ** 5; // 448 days

/**
 * QL (queue length), as issue 5 defines it: cases ahead / the queue's recent
 * exit rate, per day. Cases ahead: those waiting in the same domain and lane
 * when the case arrives (all received before it). Exit rate: cases that left
 * that queue (assigned, or closed unassigned) in the last 14 days, divided by
 * 14. A queue served in sessions can have no exit in 14 days: then the window
 * doubles (28, 56, ... up to 448 days) until it holds one. A queue that never
 * had an exit: 0 days. (I&W's QL is (n + 1) / (s mu) with the servers'
 * capacity s mu; an observed exit rate is not capacity when the queue runs
 * empty, so the +1 would charge a whole gap between exits to a case that
 * finds nobody ahead; we follow the issue and leave it out.)
 */
export function queueLength(book: TrayBook, c: CaseAtReceipt): number {
  const ahead = book.waitingCount(c.domain, c.lane, c.caseId);
  for (let days = QL_RATE_DAYS; days <= QL_MAX_RATE_DAYS; days *= 2) {
    const exits = book.exitsWithin(c.domain, c.lane, c.receivedAt, days);
    if (exits > 0) return ahead / (exits / days);
  }
  return 0;
}

/** HOL (head of line): how long the oldest case still waiting in the same domain and lane has waited; 0 when none waits. */
export function headOfLine(book: TrayBook, c: CaseAtReceipt): number {
  const oldest = book.oldestWaiting(c.domain, c.lane, c.caseId);
  return oldest ? daysBetween(oldest, c.receivedAt) : 0;
}

/** LES (last to enter service): the wait of the case most recently assigned in the same domain and lane; 0 when none was. */
export function lastToEnterService(book: TrayBook, c: CaseAtReceipt): number {
  const last = book.lastAssigned(c.domain, c.lane);
  return last ? daysBetween(last.receivedAt, last.assignedAt) : 0;
}

function baseline(name: string, estimate: (book: TrayBook, c: CaseAtReceipt) => number): PredictorFactory {
  return () => {
    const book = new TrayBook();
    const point: PointPredictor = { name, observe: (e) => book.observe(e), predictDays: (c) => estimate(book, c) };
    return withEmpiricalInterval(point);
  };
}

export const createQueueLengthPredictor = baseline('QL', queueLength);
export const createHeadOfLinePredictor = baseline('HOL', headOfLine);
export const createLastToEnterServicePredictor = baseline('LES', lastToEnterService);
