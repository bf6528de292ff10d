import type { Actor } from '../auth/policy.ts';
import { can, mayActInDomain, mayReadPersonalData } from '../auth/policy.ts';
import { decide, type Command } from '../core/lifecycle.ts';
import type { Tx } from '../db/database.ts';
import { domainExists, findOutcome, findStaff } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, invalidField, notFound } from '../shared/errors.ts';
import { insertEvents, lockCase, updateCase } from './case.repository.ts';
import type {
  Aftercare, AssignCase, BulkAssign, BulkMove, CaseView, CloseCase, RecordFirstContact, ReopenCase, RouteCase,
  SetLanes, TransferCase,
} from './case.schema.ts';
import { expectedWait } from '../forecast/forecast.service.ts';
import { getCase } from './case.service.ts';
import type { CaseRow } from './case.table.ts';
import { columnsOf, stateOf } from './case.view.ts';

/**
 * Every change to a running case goes through `applyCommand`: lock the row,
 * check the version, ask the pure state machine, write the new state and its
 * event in the same transaction.
 */
/** Commands a coordinator or team manager may only give in their own domains. */
const DOMAIN_BOUND = new Set<Command['type']>(['setLanes', 'assign', 'transfer', 'move']);

async function applyCommand(
  tx: Tx,
  actor: Actor,
  caseId: string,
  command: Command,
  options: { version?: number; at: Date; check?: (row: CaseRow) => Promise<void> | void; domainChecked?: boolean },
): Promise<CaseRow> {
  const row = await lockCase(tx, caseId);
  if (!row) throw notFound('Case', caseId);
  if (options.version !== undefined && options.version !== row.version) {
    throw new AppError(
      'version_conflict',
      `Case ${row.dossier_number} is at version ${row.version}, not ${options.version}: reload it and try again`,
      { currentVersion: row.version },
    );
  }
  // Who may not see the dossier may not change it either (nor get it back as the answer).
  if (!options.domainChecked && !mayReadPersonalData(actor, { domainId: row.domain_id, investigatorId: row.investigator_id, status: row.status })) {
    throw new AppError('forbidden', `${actor.login} may not act on case ${row.dossier_number}: it is not in their domains or cases`, { caseId });
  }
  // An anonymised dossier is kept for the statistics only: no aftercare, no reopening.
  if (row.anonymised_at !== null) {
    throw new AppError('transition_forbidden', `Case ${row.dossier_number} was anonymised after its retention period: it can no longer change`, { caseStatus: row.status, allowed: [] });
  }
  if (DOMAIN_BOUND.has(command.type) && !options.domainChecked && !mayActInDomain(actor, row.domain_id)) {
    throw new AppError('forbidden', `Case ${row.dossier_number} belongs to domain ${row.domain_id}, not to ${actor.login}'s domains`);
  }
  const decision = decide(stateOf(row), command);
  if (!decision.ok) {
    if (decision.reason === 'invalid') throw new AppError('unprocessable', `Case ${row.dossier_number}: ${decision.message}`);
    const allowed = decision.allowed.length ? decision.allowed.join(', ') : 'none';
    throw new AppError(
      'transition_forbidden',
      `Case ${row.dossier_number} is ${row.status}: ${command.type} is not allowed; allowed: ${allowed}`,
      { caseStatus: row.status, allowed: decision.allowed },
    );
  }
  await options.check?.(row);
  const at = options.at;
  const timestamps: Partial<Record<'queued_at' | 'assigned_at' | 'first_contact_at' | 'closed_at', Date | null>> = {};
  const next = decision.state;
  if (next.status === 'queued' && row.status !== 'queued') Object.assign(timestamps, { queued_at: at, assigned_at: null });
  if (command.type === 'assign') timestamps.assigned_at = at;
  if (command.type === 'recordFirstContact') timestamps.first_contact_at = at;
  if (command.type === 'close') timestamps.closed_at = at;
  if (command.type === 'reopen') timestamps.closed_at = null;
  const handling = command.type === 'assign' ? { proposal: command.proposal, handling_type: command.handlingType } : {};
  const updated = await updateCase(tx, caseId, { ...columnsOf(next), ...timestamps, ...handling });
  await insertEvents(tx, [{ caseId, type: decision.event.type, at, actorId: actor.id, payload: decision.event.payload }]);
  return updated;
}

/**
 * `applyCommand` inside the caller's transaction, for a caller that checked
 * its own permission and decides itself which cases it may touch. The call
 * list (issue 6) is one: front office staff hold 'calls.register' for the
 * pilot domains' cases yet hold no domain, so the coordinators' domain check
 * does not fit them; and the call's own row must commit with the case's
 * change. The lifecycle, version and event still apply; everyone else goes
 * through the functions below, with the domain check.
 */
export function applyCaseCommandIn(tx: Tx, actor: Actor, caseId: string, command: Command, options: { at: Date; version?: number }): Promise<CaseRow> {
  return applyCommand(tx, actor, caseId, command, { ...options, domainChecked: true });
}

async function run(ctx: AppContext, caseId: string, fn: (tx: Tx, at: Date) => Promise<unknown>): Promise<CaseView> {
  await ctx.db.transaction().execute((tx) => fn(tx, ctx.clock()));
  return getCase(ctx, caseId);
}

async function requireDomain(tx: Tx, domainId: string, field: string): Promise<void> {
  if (!(await domainExists(tx, domainId))) {
    throw invalidField(field, `unknown domain ${domainId}`, `Onbekend domein ${domainId}`);
  }
}

/**
 * Investigators handle their own cases; a coordinator (or team manager, admin)
 * of the case's domain may act for them — and alone acts on a case nobody handles.
 */
function requireHandler(actor: Actor, row: CaseRow): void {
  if (row.investigator_id !== null && row.investigator_id === actor.id) return;
  if (can(actor, 'cases.assign') && mayActInDomain(actor, row.domain_id)) return;
  throw new AppError(
    'forbidden',
    row.investigator_id ? `Case ${row.dossier_number} is handled by someone else` : `Case ${row.dossier_number} is not yours to handle`,
  );
}

/** A transfer or move may only send cases into a domain the actor acts in. */
function requireTargetDomain(actor: Actor, domainId: string | undefined): void {
  if (domainId !== undefined && !mayActInDomain(actor, domainId)) {
    throw new AppError('forbidden', `${actor.login} does not act in domain ${domainId}`);
  }
}

export async function routeCase(ctx: AppContext, actor: Actor, id: string, input: RouteCase): Promise<CaseView> {
  const view = await run(ctx, id, async (tx, at) => {
    const row = await lockCase(tx, id);
    if (!row) throw notFound('Case', id);
    const domainId = input.domain ?? row.suggested_domain_id;
    if (!domainId) {
      throw invalidField('domain', 'required, the rules suggest none for this case', 'Kies een domein: de regels stellen er geen voor');
    }
    await requireDomain(tx, domainId, 'domain');
    const unitId = input.unit ?? (row.suggested_unit_id === 'extended' ? 'extended' : 'standard');
    const suggested = { domainId: row.suggested_domain_id, unitId: row.suggested_unit_id ?? 'standard' };
    await applyCommand(tx, actor, id, { type: 'route', domainId, unitId, suggested }, { version: input.version, at });
  });
  // After commit: the case's first expected assignment date, as it enters the tray. Routing has
  // happened whatever this does; the morning forecast fills in what fails here.
  if (view.status === 'queued') await expectedWait(ctx, id).catch(() => null);
  return view;
}

export async function setLanes(ctx: AppContext, actor: Actor, id: string, input: SetLanes): Promise<CaseView> {
  const { version, ...lanes } = input;
  return run(ctx, id, (tx, at) => applyCommand(tx, actor, id, { type: 'setLanes', lanes }, { version, at }));
}

async function checkInvestigator(tx: Tx, investigatorId: string, row: CaseRow): Promise<void> {
  const person = await findStaff(tx, investigatorId);
  const fail = (message: string, nl: string) => invalidField('investigatorId', message, nl, 'unprocessable');
  if (!person || !person.active) throw fail('no active staff member with this id', 'Geen actieve medewerker');
  if (!person.roles.includes('investigator')) throw fail(`${person.name} is not an investigator`, `${person.name} is geen klachtonderzoeker`);
  if (row.domain_id && !person.domains.includes(row.domain_id)) {
    throw fail(`${person.name} does not work in domain ${row.domain_id}`, `${person.name} werkt niet in domein ${row.domain_id}`);
  }
  if (row.unit_id && person.unit_id !== row.unit_id) {
    throw fail(`${person.name} does not work in unit ${row.unit_id}`, `${person.name} werkt niet in eenheid ${row.unit_id}`);
  }
}

export async function assignCase(ctx: AppContext, actor: Actor, id: string, input: AssignCase): Promise<CaseView> {
  const command = { type: 'assign', investigatorId: input.investigatorId, proposal: input.proposal, handlingType: input.handlingType } as const;
  return run(ctx, id, (tx, at) =>
    applyCommand(tx, actor, id, command, { version: input.version, at, check: (row) => checkInvestigator(tx, input.investigatorId, row) }),
  );
}

export async function recordFirstContact(ctx: AppContext, actor: Actor, id: string, input: RecordFirstContact): Promise<CaseView> {
  return run(ctx, id, (tx, now) => {
    const at = input.at ?? now;
    if (at.getTime() > now.getTime() + 60_000) {
      throw invalidField('at', 'lies in the future', 'Deze datum ligt in de toekomst');
    }
    const check = (row: CaseRow) => {
      requireHandler(actor, row);
      // Events are the truth for waiting times: a first contact cannot lie before the assignment.
      if (row.assigned_at && at < row.assigned_at) throw invalidField('at', 'lies before the assignment', 'Ligt vóór de toewijzing');
    };
    return applyCommand(tx, actor, id, { type: 'recordFirstContact' }, { version: input.version, at, check });
  });
}

export async function closeCase(ctx: AppContext, actor: Actor, id: string, input: CloseCase): Promise<CaseView> {
  return run(ctx, id, async (tx, at) => {
    const outcome = await findOutcome(tx, input.outcome);
    if (!outcome) throw invalidField('outcome', `unknown outcome ${input.outcome}`, 'Kies een uitkomst');
    // The outcome's registration profile says which fields to fill in: a referral few, an intervention more.
    // The close form always sends them; an API client that sends none closes with the outcome alone.
    const given = input.registration ?? {};
    const missing = input.registration && outcome.profile.find((f) => f.required && !given[f.key]?.trim());
    if (missing) throw invalidField(`registration.${missing.key}`, `${missing.label} is required for this outcome`, 'Vul dit veld in.');
    const registration = Object.fromEntries(outcome.profile.filter((f) => given[f.key]?.trim()).map((f) => [f.key, given[f.key]!.trim()]));
    const check = (row: CaseRow) => requireHandler(actor, row);
    const command = { type: 'close', outcomeId: input.outcome, ...(Object.keys(registration).length ? { registration } : {}) } as const;
    await applyCommand(tx, actor, id, command, { version: input.version, at, check });
  });
}

export async function transferCase(ctx: AppContext, actor: Actor, id: string, input: TransferCase): Promise<CaseView> {
  return run(ctx, id, async (tx, at) => {
    if (input.domain) await requireDomain(tx, input.domain, 'domain');
    requireTargetDomain(actor, input.domain);
    const command = { type: 'transfer', unitId: input.unit, domainId: input.domain, reason: input.reason } as const;
    await applyCommand(tx, actor, id, command, { version: input.version, at });
  });
}

export async function addAftercare(ctx: AppContext, actor: Actor, id: string, input: Aftercare): Promise<CaseView> {
  return run(ctx, id, (tx, at) =>
    applyCommand(tx, actor, id, { type: 'aftercare', note: input.note }, { version: input.version, at, check: (row) => requireHandler(actor, row) }),
  );
}

export async function reopenCase(ctx: AppContext, actor: Actor, id: string, input: ReopenCase): Promise<CaseView> {
  return run(ctx, id, (tx, at) =>
    applyCommand(tx, actor, id, { type: 'reopen', reason: input.reason }, { version: input.version, at, check: (row) => requireHandler(actor, row) }),
  );
}

/** Assigns many cases at once: all of them, or none (one transaction). */
export async function bulkAssign(ctx: AppContext, actor: Actor, input: BulkAssign): Promise<CaseView[]> {
  const command = { type: 'assign', investigatorId: input.investigatorId, proposal: input.proposal, handlingType: input.handlingType } as const;
  await ctx.db.transaction().execute(async (tx) => {
    const at = ctx.clock();
    for (const ref of input.cases) {
      await applyCommand(tx, actor, ref.id, command, { version: ref.version, at, check: (row) => checkInvestigator(tx, input.investigatorId, row) });
    }
  });
  return Promise.all(input.cases.map((ref) => getCase(ctx, ref.id)));
}

/** A reorganisation moves running cases to another unit or domain in one transaction, each with its event. */
export async function bulkMove(ctx: AppContext, actor: Actor, input: BulkMove): Promise<CaseView[]> {
  await ctx.db.transaction().execute(async (tx) => {
    if (input.domain) await requireDomain(tx, input.domain, 'domain');
    requireTargetDomain(actor, input.domain);
    const at = ctx.clock();
    for (const ref of input.cases) {
      await applyCommand(tx, actor, ref.id, { type: 'move', unitId: input.unit, domainId: input.domain, reason: input.reason }, { version: ref.version, at });
    }
  });
  return Promise.all(input.cases.map((ref) => getCase(ctx, ref.id)));
}
