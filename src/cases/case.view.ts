import { allowedCommands, type CaseState, type CaseStatus, type CaseUnit } from '../core/lifecycle.ts';
import { trayRank } from '../core/lanes.ts';
import type { CaseWithParties } from './case.repository.ts';
import type { CaseEventRow, CaseRow, CaseTable } from './case.table.ts';
import type { CaseEventView, CaseView } from './case.schema.ts';
import type { Updateable } from 'kysely';

/** Between rows and the domain: the state machine's view of a row, and the API's view of a case. */

const DAY_MS = 86_400_000;

export function stateOf(row: CaseRow): CaseState {
  return {
    status: row.status as CaseStatus,
    domainId: row.domain_id,
    unitId: row.unit_id as CaseUnit | null,
    investigatorId: row.investigator_id,
    lanes: { urgent: row.lane_urgent, b: row.lane_b, pop: row.lane_pop, ob: row.lane_ob },
    outcomeId: row.outcome_id,
  };
}

export function columnsOf(state: CaseState): Updateable<CaseTable> {
  return {
    status: state.status,
    domain_id: state.domainId,
    unit_id: state.unitId,
    investigator_id: state.investigatorId,
    lane_urgent: state.lanes.urgent,
    lane_b: state.lanes.b,
    lane_pop: state.lanes.pop,
    lane_ob: state.lanes.ob,
    tray_rank: trayRank(state.lanes),
    outcome_id: state.outcomeId,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Whole days from receipt until assignment, or until now while the case waits. */
export function waitingDays(row: Pick<CaseRow, 'received_at' | 'assigned_at' | 'closed_at' | 'status'>, now: Date): number | null {
  const end = row.assigned_at ?? (row.status === 'received' || row.status === 'queued' ? now : row.closed_at);
  return end ? Math.max(0, Math.floor((end.getTime() - row.received_at.getTime()) / DAY_MS)) : null;
}

export function toEventView(e: CaseEventRow): CaseEventView {
  return { id: e.id, type: e.type, at: e.at.toISOString(), actorId: e.actor_id, payload: e.payload };
}

export function toCaseView(row: CaseWithParties, now: Date, events?: CaseEventRow[]): CaseView {
  return {
    id: row.id,
    dossierNumber: row.dossier_number,
    status: row.status as CaseStatus,
    version: row.version,
    receivedAt: row.received_at.toISOString(),
    subject: row.subject,
    description: row.description,
    channel: row.channel as CaseView['channel'],
    keywords: row.keywords,
    complex: row.complex,
    petitioner: {
      id: row.petitioner_id,
      name: row.petitioner_name,
      email: row.petitioner_email,
      phone: row.petitioner_phone,
      address: row.petitioner_address,
    },
    agency: { id: row.agency_id, name: row.agency_name },
    domain: row.domain_id,
    unit: row.unit_id,
    suggestedRoute: { domain: row.suggested_domain_id, unit: row.suggested_unit_id },
    lanes: { urgent: row.lane_urgent, b: row.lane_b, pop: row.lane_pop, ob: row.lane_ob },
    investigatorId: row.investigator_id,
    proposal: row.proposal,
    handlingType: row.handling_type,
    outcome: row.outcome_id,
    queuedAt: iso(row.queued_at),
    assignedAt: iso(row.assigned_at),
    firstContactAt: iso(row.first_contact_at),
    closedAt: iso(row.closed_at),
    waitingDays: waitingDays(row, now),
    allowedActions: [...allowedCommands(row.status as CaseStatus)],
    ...(events ? { events: events.map(toEventView) } : {}),
  };
}
