import { NO_LANES, type Lanes } from './lanes.ts';
import type { CaseStatus } from './lifecycle.ts';

/**
 * A case's state at any moment, rebuilt from its events alone (events are the
 * truth): the dashboards replay events up to an "as of" moment, so any past
 * date shows as it was then.
 */
export interface StoredEvent {
  type: string;
  at: Date;
  payload: Record<string, unknown>;
}

export interface ReplayState {
  status: CaseStatus;
  domainId: string | null;
  unitId: string | null;
  investigatorId: string | null;
  lanes: Lanes;
  receivedAt: Date | null;
  /** When the case last entered a tray. */
  queuedAt: Date | null;
  firstAssignedAt: Date | null;
  firstContactAt: Date | null;
}

export const EMPTY: ReplayState = {
  status: 'received', domainId: null, unitId: null, investigatorId: null, lanes: NO_LANES, receivedAt: null, queuedAt: null, firstAssignedAt: null, firstContactAt: null,
};

const str = (v: unknown) => (typeof v === 'string' ? v : null);

export function applyEvent(s: ReplayState, e: StoredEvent): ReplayState {
  const p = e.payload;
  switch (e.type) {
    case 'registered':
      return { ...s, receivedAt: e.at, lanes: { ...s.lanes, urgent: p.urgent === true } };
    case 'routed':
      return { ...s, status: 'queued', domainId: str(p.domainId), unitId: str(p.unitId), queuedAt: e.at };
    case 'lanes_changed':
      return { ...s, lanes: { ...s.lanes, ...(p.lanes as Partial<Lanes>) } };
    case 'assigned':
      return { ...s, status: 'assigned', investigatorId: str(p.investigatorId), firstAssignedAt: s.firstAssignedAt ?? e.at };
    case 'first_contact':
      return { ...s, status: 'in_progress', firstContactAt: s.firstContactAt ?? e.at };
    case 'closed':
      return { ...s, status: 'closed' };
    case 'transferred': {
      const to = (p.to ?? {}) as { unitId?: string; domainId?: string | null };
      const research = to.unitId === 'research';
      return {
        ...s, status: research ? 'transferred' : 'queued', unitId: to.unitId ?? s.unitId, domainId: to.domainId ?? s.domainId,
        investigatorId: null, queuedAt: research ? s.queuedAt : e.at,
      };
    }
    case 'moved': {
      const to = (p.to ?? {}) as { unitId?: string; domainId?: string };
      return { ...s, unitId: to.unitId ?? s.unitId, domainId: to.domainId ?? s.domainId };
    }
    case 'reopened':
      return { ...s, status: s.investigatorId ? 'in_progress' : s.domainId ? 'queued' : 'received' };
    default:
      return s; // notes, attachments, aftercare change no state
  }
}

/** The state after every event at or before `asOf` (events in order of time). */
export function stateAt(events: readonly StoredEvent[], asOf: Date): ReplayState {
  let s = EMPTY;
  for (const e of events) {
    if (e.at.getTime() > asOf.getTime()) break;
    s = applyEvent(s, e);
  }
  return s;
}

/** The value below which the given share of sorted values falls (nearest rank). */
export function percentile(sorted: readonly number[], share: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(share * sorted.length));
  return sorted[rank - 1]!;
}

/** Monday 00:00 UTC of the week of a moment (ISO weeks start on Monday). */
export function weekStart(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}
