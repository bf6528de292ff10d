import { NO_LANES, type Lanes } from './lanes.ts';

/**
 * The lifecycle of a written complaint as a pure state machine (DOMAIN.md,
 * "Lifecycle"): received -> queued (routed into a domain tray) -> assigned ->
 * in_progress (first contact made) -> closed; side exits transfer (standard
 * <-> extended unit, or out to research) and, on a closed dossier, aftercare
 * and reopening. `decide` never does IO: it answers the next state and the
 * event to record, or the commands that are allowed instead.
 */
export const CASE_STATUSES = ['received', 'queued', 'assigned', 'in_progress', 'closed', 'transferred'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Units a case can sit in: KB, UKB, or S&O research (which takes it out). */
export const CASE_UNITS = ['standard', 'extended', 'research'] as const;
export type CaseUnit = (typeof CASE_UNITS)[number];

/** How an investigator is to handle an assigned case (part of the directional proposal). */
export const HANDLING_TYPES = ['intervention', 'referral', 'investigation', 'advice', 'quick'] as const;
export type HandlingType = (typeof HANDLING_TYPES)[number];

export interface CaseState {
  status: CaseStatus;
  domainId: string | null;
  unitId: CaseUnit | null;
  investigatorId: string | null;
  lanes: Lanes;
  outcomeId: string | null;
}

export type Command =
  | { type: 'route'; domainId: string; unitId: 'standard' | 'extended'; suggested: Suggested | null }
  | { type: 'setLanes'; lanes: Partial<Lanes> }
  | { type: 'assign'; investigatorId: string; proposal: string; handlingType: string }
  | { type: 'recordFirstContact' }
  | { type: 'close'; outcomeId: string; registration?: Record<string, string> }
  | { type: 'transfer'; unitId?: CaseUnit; domainId?: string; reason: string }
  | { type: 'move'; unitId?: 'standard' | 'extended'; domainId?: string; reason: string }
  | { type: 'aftercare'; note: string }
  | { type: 'reopen'; reason: string };

export type CommandType = Command['type'];

/** What the routing rules suggested, recorded beside the dispatcher's decision. */
export interface Suggested {
  domainId: string | null;
  unitId: string;
}

export const EVENT_OF: Record<CommandType, string> = {
  route: 'routed',
  setLanes: 'lanes_changed',
  assign: 'assigned',
  recordFirstContact: 'first_contact',
  close: 'closed',
  transfer: 'transferred',
  move: 'moved',
  aftercare: 'aftercare',
  reopen: 'reopened',
};

const ALLOWED: Record<CaseStatus, readonly CommandType[]> = {
  received: ['route', 'setLanes', 'close', 'transfer'],
  queued: ['setLanes', 'assign', 'close', 'transfer', 'move'],
  assigned: ['setLanes', 'assign', 'recordFirstContact', 'close', 'transfer', 'move'],
  in_progress: ['setLanes', 'assign', 'close', 'transfer', 'move'],
  closed: ['aftercare', 'reopen'],
  transferred: [],
};

export function allowedCommands(status: CaseStatus): readonly CommandType[] {
  return ALLOWED[status];
}

export type Decision =
  | { ok: true; state: CaseState; event: { type: string; payload: Record<string, unknown> } }
  | { ok: false; reason: 'forbidden'; allowed: readonly CommandType[] }
  | { ok: false; reason: 'invalid'; message: string };

/** Notes and attachments may be added to any dossier still in this organisation's hands. */
export function mayAnnotate(status: CaseStatus): boolean {
  return status !== 'transferred';
}

export function initialState(): CaseState {
  return { status: 'received', domainId: null, unitId: null, investigatorId: null, lanes: NO_LANES, outcomeId: null };
}

export function decide(state: CaseState, command: Command): Decision {
  if (!ALLOWED[state.status].includes(command.type)) {
    return { ok: false, reason: 'forbidden', allowed: ALLOWED[state.status] };
  }
  const next = (changes: Partial<CaseState>, payload: Record<string, unknown>): Decision => ({
    ok: true,
    state: { ...state, ...changes },
    event: { type: EVENT_OF[command.type], payload },
  });
  switch (command.type) {
    case 'route':
      return next(
        { status: 'queued', domainId: command.domainId, unitId: command.unitId },
        {
          domainId: command.domainId,
          unitId: command.unitId,
          suggested: command.suggested,
          overridden:
            command.suggested !== null &&
            (command.suggested.domainId !== command.domainId || command.suggested.unitId !== command.unitId),
        },
      );
    case 'setLanes': {
      const lanes = { ...state.lanes, ...command.lanes };
      const changed = Object.fromEntries(
        Object.entries(command.lanes).filter(([k, v]) => v !== undefined && state.lanes[k as keyof Lanes] !== v),
      );
      if (Object.keys(changed).length === 0) return { ok: false, reason: 'invalid', message: 'no lane changes' };
      return next({ lanes }, { changed, lanes });
    }
    case 'assign':
      if (command.investigatorId === state.investigatorId) {
        return { ok: false, reason: 'invalid', message: 'the case is already assigned to this investigator' };
      }
      return next(
        { status: 'assigned', investigatorId: command.investigatorId },
        {
          investigatorId: command.investigatorId,
          previousInvestigatorId: state.investigatorId,
          proposal: command.proposal,
          handlingType: command.handlingType,
        },
      );
    case 'recordFirstContact':
      return next({ status: 'in_progress' }, {});
    case 'close':
      return next(
        { status: 'closed', outcomeId: command.outcomeId },
        { outcomeId: command.outcomeId, ...(command.registration ? { registration: command.registration } : {}) },
      );
    case 'transfer': {
      const unitId = command.unitId ?? state.unitId ?? 'standard';
      const domainId = command.domainId ?? state.domainId;
      if (unitId === state.unitId && domainId === state.domainId) {
        return { ok: false, reason: 'invalid', message: 'a transfer must change the unit or the domain' };
      }
      if (unitId !== 'research' && domainId === null) {
        return { ok: false, reason: 'invalid', message: 'a transfer into a tray needs a domain' };
      }
      return next(
        { status: unitId === 'research' ? 'transferred' : 'queued', unitId, domainId, investigatorId: null },
        {
          from: { unitId: state.unitId, domainId: state.domainId },
          to: { unitId, domainId },
          previousInvestigatorId: state.investigatorId,
          reason: command.reason,
        },
      );
    }
    case 'move': {
      const unitId = command.unitId ?? state.unitId;
      const domainId = command.domainId ?? state.domainId;
      if (unitId === state.unitId && domainId === state.domainId) {
        return { ok: false, reason: 'invalid', message: 'a move must change the unit or the domain' };
      }
      return next(
        { unitId, domainId },
        { from: { unitId: state.unitId, domainId: state.domainId }, to: { unitId, domainId }, reason: command.reason },
      );
    }
    case 'aftercare':
      return next({}, { note: command.note });
    case 'reopen': {
      const status: CaseStatus = state.investigatorId ? 'in_progress' : state.domainId ? 'queued' : 'received';
      return next({ status, outcomeId: null }, { reason: command.reason, previousOutcomeId: state.outcomeId });
    }
  }
}
