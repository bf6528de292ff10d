import { z } from 'zod';
import { can, mayActInDomain, mayReadPersonalData, type Actor } from '../auth/policy.ts';
import { findCaseWithParties, insertEvents, lockCase } from '../cases/case.repository.ts';
import type { CaseView } from '../cases/case.schema.ts';
import { getCase, readCase } from '../cases/case.service.ts';
import { applyCaseCommandIn } from '../cases/case.transitions.ts';
import type { Command } from '../core/lifecycle.ts';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { LIMITS } from '../shared/limits.ts';
import { callFacts, callOutcomesOf, hasCallNotice, insertCallOutcome, listCallList, noticeFacts, WAITING_STATUSES, type CallListRow } from './calllist.repository.ts';
import { amsterdamDay, buildCallListReport, factsSince, type CallListReport } from './calllist.report.ts';
import { readNoticeSettings } from './notice.settings.ts';

/**
 * The call-list pilot (issue 6, DOMAIN.md "Telling citizens"): in a pilot
 * domain front office calls the petitioner instead of sending the delay
 * notice. The call's outcome is stored with what it did to the case — close
 * it (withdrawn, or KEN: first complain to the agency itself), mark it
 * urgent, or nothing — in one transaction with the case's own change.
 * Front office and coordinators call for the cases of their own domains
 * (mayReadPersonalData: the list shows names and phone numbers).
 */
const DAY_MS = 86_400_000;

const ZAnswer = z.boolean().optional();
/**
 * What a call brought. Reached: the three questions must be answered. Not
 * reached: the answers are ignored. Missing answers are reported as a
 * choice not made (the form's radio buttons).
 */
export const ZRegisterCallOutcome = z
  .strictObject({
    reached: ZAnswer,
    urgent: ZAnswer,
    agencyApproached: ZAnswer,
    withdrawn: ZAnswer,
    note: z.string().trim().max(LIMITS.note).refine((s) => !s.includes('\0'), 'contains a NUL character').optional(),
  })
  .superRefine((v, issues) => {
    const required = v.reached ? (['reached', 'urgent', 'agencyApproached', 'withdrawn'] as const) : (['reached'] as const);
    for (const key of required) {
      if (v[key] === undefined) issues.addIssue({ code: 'invalid_value', values: [true, false], input: undefined, path: [key] });
    }
  })
  .transform((v): RegisterCallOutcome => {
    const note = v.note || null;
    return v.reached ? { reached: true, urgent: v.urgent!, agencyApproached: v.agencyApproached!, withdrawn: v.withdrawn!, note } : { reached: false, note };
  });
export type RegisterCallOutcome =
  | { reached: false; note: string | null }
  | { reached: true; urgent: boolean; agencyApproached: boolean; withdrawn: boolean; note: string | null };

export type CallEffect = 'urgent' | 'ken' | 'withdrawn' | null;

/**
 * What a call does to the case (pure): a withdrawal closes it; else an urgent
 * one gets the urgent marker (unless it has it already) and is never closed
 * by the call — a coordinator decides on KEN for an urgent case; else a
 * complaint the agency has not seen yet goes back to the agency first (KEN).
 */
export function callEffect(answers: RegisterCallOutcome, alreadyUrgent: boolean): CallEffect {
  if (!answers.reached) return null;
  if (answers.withdrawn) return 'withdrawn';
  if (answers.urgent) return alreadyUrgent ? null : 'urgent';
  if (!answers.agencyApproached) return 'ken';
  return null;
}

export interface CallListEntry extends CallListRow {
  daysWaiting: number;
  /** Came on the list today (Amsterdam). */
  isNew: boolean;
}

/** The call list as a reader sees it: the cases whose petitioner they may see (their domains', and the unrouted). */
export async function getCallList(ctx: AppContext, reader: Actor, options: { domainId?: string } = {}): Promise<CallListEntry[]> {
  const now = ctx.clock();
  const today = amsterdamDay(now);
  const rows = await listCallList(ctx.db, { ...options, reader });
  return rows.map((r) => ({
    ...r,
    daysWaiting: Math.max(0, Math.floor((now.getTime() - r.receivedAt.getTime()) / DAY_MS)),
    isNew: amsterdamDay(r.listedAt) === today,
  }));
}

export interface CallAttempt {
  at: Date;
  caller: string | null;
  reached: boolean;
  urgent: boolean | null;
  agencyApproached: boolean | null;
  withdrawn: boolean | null;
  note: string | null;
  effect: CallEffect;
}

export interface CallCase {
  case: CaseView;
  /** Still to be called (on the call list); otherwise no form. */
  onList: boolean;
  attempts: CallAttempt[];
}

/** A case of the call list with its calls so far; not found when it never came on the list. */
export async function getCallCase(ctx: AppContext, reader: Actor, caseId: string): Promise<CallCase> {
  if (!(await hasCallNotice(ctx.db, caseId))) throw notFound('Call-list case', caseId);
  const [view, listed, outcomes] = await Promise.all([
    readCase(ctx, reader, caseId, { route: `/bellijst/${caseId}` }),
    listCallList(ctx.db, { caseId }),
    callOutcomesOf(ctx.db, caseId),
  ]);
  return {
    case: view,
    onList: listed.length > 0,
    attempts: outcomes.map((o) => ({
      at: o.called_at, caller: o.caller, reached: o.reached, urgent: o.urgent, agencyApproached: o.agency_approached, withdrawn: o.withdrawn, note: o.note, effect: o.effect,
    })),
  };
}

const notOnList = (message: string, nl: string) => new AppError('transition_forbidden', message, { errors: [{ field: '_form', message, nl }] });

/**
 * Registers a call: its row, a `call_registered` event in the case's history
 * and the call's effect on the case, all or nothing. The caller's permission
 * ('calls.register') and domain are checked here, which is why the case's
 * change may go through `applyCaseCommandIn`, past the coordinators' domain
 * check: only who may see the case (mayReadPersonalData), and then only for
 * cases of their own domains — an unrouted case counts by its suggested domain.
 */
export async function registerCallOutcome(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: RegisterCallOutcome,
): Promise<{ dossierNumber: string; effect: CallEffect; reached: boolean }> {
  if (!can(actor, 'calls.register')) throw new AppError('forbidden', `${actor.login} may not register calls`);
  return ctx.db.transaction().execute(async (tx) => {
    const at = ctx.clock();
    // The lock makes two people registering the same call wait for each other: the second sees the first.
    const locked = await lockCase(tx, caseId);
    if (!locked || !(await hasCallNotice(tx, caseId))) throw notFound('Call-list case', caseId);
    const c = (await findCaseWithParties(tx, caseId))!;
    const caseDomain = c.domain_id ?? c.suggested_domain_id;
    const seesCase = mayReadPersonalData(actor, { domainId: c.domain_id, investigatorId: c.investigator_id, status: c.status });
    if (!seesCase || (actor.domains.length > 0 && !mayActInDomain(actor, caseDomain))) {
      const message = `Case ${c.dossier_number} belongs to domain ${caseDomain}, not to ${actor.login}'s domains`;
      throw new AppError('forbidden', message, {
        errors: [{ field: '_form', message, nl: `Zaak ${c.dossier_number} hoort niet bij uw domeinen; u registreert alleen gesprekken over zaken van uw eigen domeinen.` }],
      });
    }
    if (!(WAITING_STATUSES as readonly string[]).includes(c.status) || c.investigator_id !== null) {
      throw notOnList(
        `Case ${c.dossier_number} no longer waits in the tray (${c.status}): it is off the call list`,
        `Zaak ${c.dossier_number} wacht niet meer in de bak en staat daarom niet meer op de bellijst.`,
      );
    }
    if ((await callOutcomesOf(tx, caseId)).some((o) => o.reached)) {
      throw notOnList(
        `The petitioner of case ${c.dossier_number} was reached already`,
        `De verzoeker van zaak ${c.dossier_number} is al bereikt; het gesprek staat al geregistreerd.`,
      );
    }
    const effect = callEffect(input, c.lane_urgent);
    const answers = input.reached
      ? { urgent: input.urgent, agencyApproached: input.agencyApproached, withdrawn: input.withdrawn }
      : { urgent: null, agencyApproached: null, withdrawn: null };
    await insertCallOutcome(tx, {
      case_id: caseId, called_by: actor.id, called_at: at, reached: input.reached,
      urgent: answers.urgent, agency_approached: answers.agencyApproached, withdrawn: answers.withdrawn, note: input.note, effect,
    });
    await insertEvents(tx, [{ caseId, type: 'call_registered', at, actorId: actor.id, payload: { reached: input.reached, ...answers, effect } }]);
    const command = commandFor(effect, c.agency_name, input.note);
    if (command) await applyCaseCommandIn(tx, actor, caseId, command, { at });
    return { dossierNumber: c.dossier_number, effect, reached: input.reached };
  });
}

/** The case's change for a call's effect, through the case's own state machine. */
function commandFor(effect: CallEffect, agency: string, note: string | null): Command | null {
  switch (effect) {
    case 'withdrawn':
      return { type: 'close', outcomeId: 'withdrawn', registration: { reason: `Ingetrokken in telefoongesprek (bellijst)${note ? `: ${note}` : ''}` } };
    case 'ken':
      return { type: 'close', outcomeId: 'KEN', registration: { referredTo: agency } };
    case 'urgent':
      return { type: 'setLanes', lanes: { urgent: true } };
    case null:
      return null;
  }
}

/** The weekly report: the last 12 weeks, per domain, the pilot beside the notice domains. */
export async function getCallListReport(ctx: AppContext): Promise<CallListReport & { domainNames: Map<string, string> }> {
  const now = ctx.clock();
  const since = factsSince(now);
  const [settings, domains, notices, calls] = await Promise.all([
    readNoticeSettings(ctx.db), listDomains(ctx.db), noticeFacts(ctx.db, since), callFacts(ctx.db, since),
  ]);
  const report = buildCallListReport({ now, pilotDomains: settings.pilotDomains, domains: domains.map((d) => d.id), notices, calls });
  return { ...report, domainNames: new Map(domains.map((d) => [d.id, d.name])) };
}
