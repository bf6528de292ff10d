import { decide, initialState, type CaseState, type Command } from '../core/lifecycle.ts';
import { trayRank } from '../core/lanes.ts';

/**
 * A case from the past (demo history, an import from another system): its
 * registration and the dated steps that followed. `replayHistory` runs the
 * steps through the same state machine as live work, so a historic case has
 * exactly the events a live one would have had.
 */
export interface HistoricStep {
  at: Date;
  /** Staff login of who did it; null for the system. */
  actor: string | null;
  command: Command;
}

export interface HistoricCase {
  dossierNumber?: string;
  receivedAt: Date;
  petitioner: { name: string; email: string | null; phone: string | null; address: string | null };
  agency: string;
  subject: string;
  description: string;
  channel: 'letter' | 'email' | 'web' | 'phone';
  keywords: string[];
  complex: boolean;
  registeredBy: string | null;
  suggested: { domainId: string | null; unitId: string } | null;
  steps: HistoricStep[];
}

export interface ReplayedEvent {
  type: string;
  at: Date;
  actor: string | null;
  payload: Record<string, unknown>;
}

export interface ReplayedCase {
  state: CaseState;
  trayRank: number;
  queuedAt: Date | null;
  assignedAt: Date | null;
  firstContactAt: Date | null;
  closedAt: Date | null;
  handling: { proposal: string; handlingType: string } | null;
  events: ReplayedEvent[];
}

export class HistoryError extends Error {}

export function registeredPayload(c: Pick<HistoricCase, 'channel' | 'suggested'>): Record<string, unknown> {
  return { channel: c.channel, suggested: c.suggested };
}

export function replayHistory(c: HistoricCase): ReplayedCase {
  let state = initialState();
  const out: ReplayedCase = {
    state,
    trayRank: 0,
    queuedAt: null,
    assignedAt: null,
    firstContactAt: null,
    closedAt: null,
    handling: null,
    events: [{ type: 'registered', at: c.receivedAt, actor: c.registeredBy, payload: registeredPayload(c) }],
  };
  let last = c.receivedAt;
  for (const step of c.steps) {
    if (step.at < last) throw new HistoryError(`step ${step.command.type} at ${step.at.toISOString()} lies before the step before it`);
    const decision = decide(state, step.command);
    if (!decision.ok) {
      throw new HistoryError(
        decision.reason === 'forbidden'
          ? `${step.command.type} is not allowed when the case is ${state.status}`
          : decision.message,
      );
    }
    state = decision.state;
    last = step.at;
    out.events.push({ type: decision.event.type, at: step.at, actor: step.actor, payload: decision.event.payload });
    const cmd = step.command;
    if (cmd.type === 'route' || (cmd.type === 'transfer' && state.status === 'queued')) out.queuedAt = step.at;
    if (cmd.type === 'assign') {
      out.assignedAt = step.at;
      out.handling = { proposal: cmd.proposal, handlingType: cmd.handlingType };
    }
    if (cmd.type === 'recordFirstContact') out.firstContactAt = step.at;
    if (cmd.type === 'close') out.closedAt = step.at;
    if (cmd.type === 'reopen') out.closedAt = null;
  }
  out.state = state;
  out.trayRank = trayRank(state.lanes);
  return out;
}
