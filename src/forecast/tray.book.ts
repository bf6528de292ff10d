import type { Lane } from './trace.ts';
import { DAY_MS } from './trace.ts';
import type { TraceEvent } from './predictor.ts';

/**
 * What the baselines need to know about each tray queue (a domain and a lane),
 * kept up to date from the event stream: who waits since when, when cases left
 * the queue, and the wait of the last case assigned. Only what `observe` was
 * given, so it cannot look ahead.
 */
interface Queue {
  /** caseId -> receivedAt of the cases waiting; insertion order is receipt order (events come in time order). */
  waiting: Map<string, Date>;
  /** Times cases left the queue (assigned, or closed unassigned), ascending. */
  exits: number[];
  lastAssigned: { receivedAt: Date; assignedAt: Date } | null;
}

export class TrayBook {
  private readonly queues = new Map<string, Queue>();

  observe(event: TraceEvent): void {
    const q = this.queue(event.case.domain, event.case.lane);
    const id = event.case.caseId;
    if (event.type === 'received') q.waiting.set(id, event.case.receivedAt);
    else if (q.waiting.delete(id)) {
      // Only the first departure from the tray counts: a closing after an assignment is no exit.
      q.exits.push(event.at.getTime());
      if (event.type === 'assigned') q.lastAssigned = { receivedAt: event.case.receivedAt, assignedAt: event.at };
    }
  }

  /** Cases waiting in the queue, other than `exceptCaseId`. */
  waitingCount(domain: string, lane: Lane, exceptCaseId?: string): number {
    const q = this.queues.get(key(domain, lane));
    if (!q) return 0;
    return q.waiting.size - (exceptCaseId !== undefined && q.waiting.has(exceptCaseId) ? 1 : 0);
  }

  /** Receipt of the case that has waited longest in the queue, other than `exceptCaseId`; null when none waits. */
  oldestWaiting(domain: string, lane: Lane, exceptCaseId?: string): Date | null {
    const q = this.queues.get(key(domain, lane));
    if (!q) return null;
    for (const [id, receivedAt] of q.waiting) if (id !== exceptCaseId) return receivedAt;
    return null;
  }

  /** Exits from the queue in (at - days, at]. */
  exitsWithin(domain: string, lane: Lane, at: Date, days: number): number {
    const exits = this.queues.get(key(domain, lane))?.exits ?? [];
    return exits.length - firstAfter(exits, at.getTime() - days * DAY_MS);
  }

  lastAssigned(domain: string, lane: Lane): { receivedAt: Date; assignedAt: Date } | null {
    return this.queues.get(key(domain, lane))?.lastAssigned ?? null;
  }

  private queue(domain: string, lane: Lane): Queue {
    const k = key(domain, lane);
    let q = this.queues.get(k);
    if (!q) this.queues.set(k, (q = { waiting: new Map(), exits: [], lastAssigned: null }));
    return q;
  }
}

const key = (domain: string, lane: Lane) => `${domain}\u0000${lane}`;

/** Index of the first value > t in an ascending array (binary search). */
function firstAfter(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
