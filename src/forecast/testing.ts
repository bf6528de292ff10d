import type { Lane, Trace, TraceCase } from './trace.ts';

/** A hand-made case for tests: times as ISO strings, domain `d` unless given. */
export function tc(
  caseId: string,
  received: string,
  opts: { lane?: Lane; assigned?: string; closed?: string; domain?: string } = {},
): TraceCase {
  return {
    caseId,
    receivedAt: new Date(received),
    domain: opts.domain ?? 'd',
    unit: 'standard',
    lane: opts.lane ?? 'regular',
    assignedAt: opts.assigned ? new Date(opts.assigned) : null,
    closedAt: opts.closed ? new Date(opts.closed) : null,
  };
}

export const traceOf = (...cases: TraceCase[]): Trace => ({ cases, staff: [] });
