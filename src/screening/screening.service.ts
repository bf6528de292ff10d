import { can, mayActInDomain, type Actor } from '../auth/policy.ts';
import { insertEvents, lockCase } from '../cases/case.repository.ts';
import { applyCaseCommandIn } from '../cases/case.transitions.ts';
import { findOutcome, listDomains } from '../organisation/organisation.repository.ts';
import type { Tx } from '../db/database.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, invalidField, type ErrorCode } from '../shared/errors.ts';
import {
  countObCriteria, countObCriteriaUsed, countScreenings, findObCriteria, findObCriterion, insertObCriteria, listObCriteria, lockTable,
  maxObPosition, updateObCriterion, type ObCriterion,
} from './screening.repository.ts';
import {
  OB_LABEL_MAX, parseInput, ZAddObCriterion, ZMoveObCriterion, ZObScreening, ZRenameObCriterion, ZSetCriterionActive, type ObDecision,
} from './screening.schema.ts';
import { DEFAULT_OB_CRITERIA, mayScreen, obReason, obReportTable, reorder, type ObReportRow } from './screening.ts';

/**
 * OB screening (DOMAIN.md, "Lanes and markers"): the checklist of why a
 * complaint is of insufficient interest, kept as data by coordinators; a
 * screening of a case records an 'ob_screened' event naming the criteria
 * (and, with decision 'ob', closes the case with outcome OB in the same
 * transaction), so each criterion's use can be counted per domain.
 */

/** An expected refusal with its Dutch wording for the pages. */
export const refuse = (code: ErrorCode, message: string, nl: string, field = '_form') => new AppError(code, message, { errors: [{ field, message, nl }] });

export function requireManage(actor: Actor): void {
  if (!can(actor, 'screening.manage')) {
    throw refuse('forbidden', `${actor.login} may not manage screening and transfer criteria`, 'U mag de OB- en overdrachtscriteria niet beheren.');
  }
}

/** The weeks the criterion report looks back. */
export const REPORT_WEEKS = 12;

/** Fills an empty checklist with the defaults, once (see DEFAULT_OB_CRITERIA). */
async function ensureObCriteria(ctx: AppContext): Promise<void> {
  if ((await countObCriteria(ctx.db)) > 0) return;
  await ctx.db.transaction().execute(async (tx) => {
    await lockTable(tx, 'ob_criteria');
    if ((await countObCriteria(tx)) === 0) await insertObCriteria(tx, DEFAULT_OB_CRITERIA, 10);
  });
}

/** The whole checklist, inactive criteria included, in its order: for the editor. */
export async function obCriteria(ctx: AppContext, actor: Actor): Promise<ObCriterion[]> {
  requireManage(actor);
  await ensureObCriteria(ctx);
  return listObCriteria(ctx.db);
}

/** The criteria offered when screening a case. */
export async function activeObCriteria(ctx: AppContext): Promise<{ id: string; label: string }[]> {
  await ensureObCriteria(ctx);
  return (await listObCriteria(ctx.db)).filter((c) => c.active).map((c) => ({ id: c.id, label: c.label }));
}

async function requireUniqueLabel(ctx: AppContext, label: string, except?: string): Promise<void> {
  const same = (await listObCriteria(ctx.db)).find((c) => c.id !== except && c.label.toLocaleLowerCase('nl') === label.toLocaleLowerCase('nl'));
  if (same) throw invalidField('label', 'a criterion with this text exists', 'Dit criterium staat al in de lijst.', 'duplicate');
}

const labelNl = { label: `Vul een omschrijving in van hoogstens ${OB_LABEL_MAX} tekens.` };

export async function addObCriterion(ctx: AppContext, actor: Actor, input: unknown): Promise<string> {
  requireManage(actor);
  const { label } = parseInput(ZAddObCriterion, input, labelNl);
  await ensureObCriteria(ctx);
  await requireUniqueLabel(ctx, label);
  return ctx.db.transaction().execute(async (tx) => {
    await lockTable(tx, 'ob_criteria');
    const [id] = await insertObCriteria(tx, [label], (await maxObPosition(tx)) + 10);
    return id!;
  });
}

async function requireCriterion(ctx: AppContext, id: string): Promise<ObCriterion> {
  const found = await findObCriterion(ctx.db, id);
  if (!found) throw refuse('not_found', `OB criterion ${id} does not exist`, 'Dit criterium bestaat niet.');
  return found;
}

/** Renames a criterion. Screenings keep the label they were recorded with; the report counts by criterion. */
export async function renameObCriterion(ctx: AppContext, actor: Actor, input: unknown): Promise<void> {
  requireManage(actor);
  const { id, label } = parseInput(ZRenameObCriterion, input, labelNl);
  await requireCriterion(ctx, id);
  await requireUniqueLabel(ctx, label, id);
  await updateObCriterion(ctx.db, id, { label });
}

/** Switches a criterion off (no longer offered; its counts stay) or on again. */
export async function setObCriterionActive(ctx: AppContext, actor: Actor, input: unknown): Promise<void> {
  requireManage(actor);
  const { id, active } = parseInput(ZSetCriterionActive, input);
  await requireCriterion(ctx, id);
  await updateObCriterion(ctx.db, id, { active });
}

/** Moves a criterion one place up or down; the positions are renumbered in steps of 10. */
export async function moveObCriterion(ctx: AppContext, actor: Actor, input: unknown): Promise<void> {
  requireManage(actor);
  const { id, direction } = parseInput(ZMoveObCriterion, input);
  await requireCriterion(ctx, id);
  await ctx.db.transaction().execute(async (tx) => {
    await lockTable(tx, 'ob_criteria');
    const all = await listObCriteria(tx);
    const order = reorder(all.map((c) => c.id), id, direction);
    for (const [i, cid] of order.entries()) {
      const position = (i + 1) * 10;
      if (all.find((c) => c.id === cid)!.position !== position) await updateObCriterion(tx, cid, { position });
    }
  });
}

/**
 * The registration of an OB closing, checked against outcome OB's profile as
 * closeCase checks a form: the criteria fill the reason; a required field the
 * screening cannot fill (added to the profile by an administrator) refuses
 * the closing, and fields the profile does not know are left out.
 */
async function obRegistration(tx: Tx, labels: readonly string[]): Promise<Record<string, string>> {
  const outcome = await findOutcome(tx, 'OB');
  if (!outcome) throw refuse('unprocessable', 'outcome OB is not configured', 'De uitkomst OB bestaat niet in Grip; vraag de beheerder.');
  const given: Record<string, string> = { reason: obReason(labels) };
  const missing = outcome.profile.find((f) => f.required && !given[f.key]?.trim());
  if (missing) {
    throw refuse('unprocessable', `${missing.label} is required for outcome OB`, `De uitkomst OB vraagt ook „${missing.label}”: sluit de zaak af via Afsluiten.`);
  }
  return Object.fromEntries(outcome.profile.filter((f) => given[f.key]?.trim()).map((f) => [f.key, given[f.key]!.trim()]));
}

export interface ScreeningResult {
  dossierNumber: string;
  decision: ObDecision;
  /** The case was closed with outcome OB. */
  closed: boolean;
}

/**
 * Screens one case that is in (or on its way to) a tray: records which
 * criteria applied and the decision; with 'ob' (and at least one criterion)
 * the case is closed with outcome OB, the chosen labels as its reason, after
 * the same registration-profile check as closeCase. An OB closing skips
 * closeCase, so the screening asks what closeCase would of who closes: a
 * coordinator or team manager (cases.assign) of the case's domain. Not a
 * dispatcher, who marks lanes but acts in every domain; and not on a case
 * without a domain, where every domain check passes: it is routed first.
 * The case page offers the form on the same terms.
 */
export async function screenCase(ctx: AppContext, actor: Actor, caseId: string, input: unknown): Promise<ScreeningResult> {
  if (!can(actor, 'cases.assign')) throw refuse('forbidden', `${actor.login} may not screen cases`, 'U mag geen OB-toets doen.');
  const screening = parseInput(ZObScreening, input);
  const criteriaIds = [...new Set(screening.criteria)];
  if (screening.decision === 'ob' && criteriaIds.length === 0) {
    throw invalidField('criteria', 'choose at least one criterion to close as OB', 'Kies minstens één criterium.');
  }
  return ctx.db.transaction().execute(async (tx) => {
    const row = await lockCase(tx, caseId);
    if (!row) throw refuse('not_found', `Case ${caseId} does not exist`, 'Deze zaak bestaat niet.');
    if (row.domain_id === null) {
      throw refuse('unprocessable', `Case ${row.dossier_number} has no domain yet`, 'Routeer de zaak eerst naar een domein.');
    }
    if (!mayActInDomain(actor, row.domain_id)) {
      throw refuse('forbidden', `Case ${row.dossier_number} belongs to domain ${row.domain_id}, not to ${actor.login}'s domains`, 'Deze zaak hoort niet bij uw domeinen.');
    }
    if (!mayScreen(row.status)) {
      throw refuse('transition_forbidden', `Case ${row.dossier_number} is ${row.status}: only received or queued cases are screened`, 'De OB-toets kan alleen bij een zaak die binnen is of in de bak staat.');
    }
    if (screening.version !== undefined && screening.version !== row.version) {
      throw new AppError('version_conflict', `Case ${row.dossier_number} is at version ${row.version}, not ${screening.version}: reload it and try again`, { currentVersion: row.version });
    }
    const chosen = await findObCriteria(tx, criteriaIds);
    if (chosen.length !== criteriaIds.length) throw invalidField('criteria', 'unknown criterion', 'Kies criteria uit de lijst.');
    if (chosen.some((c) => !c.active)) {
      throw invalidField('criteria', 'a chosen criterion is no longer active', 'Een gekozen criterium is niet meer in gebruik: laad de zaak opnieuw.');
    }
    const at = ctx.clock();
    const labels = chosen.map((c) => c.label);
    const registration = screening.decision === 'ob' ? await obRegistration(tx, labels) : null;
    await insertEvents(tx, [{
      caseId, type: 'ob_screened', at, actorId: actor.id,
      payload: { criteria: chosen.map((c) => c.id), labels, note: screening.note, decision: screening.decision },
    }]);
    if (registration) {
      const command = { type: 'close', outcomeId: 'OB', ...(Object.keys(registration).length ? { registration } : {}) } as const;
      await applyCaseCommandIn(tx, actor, caseId, command, { at });
    }
    return { dossierNumber: row.dossier_number, decision: screening.decision, closed: screening.decision === 'ob' };
  });
}

export interface ObReport {
  since: Date;
  until: Date;
  weeks: number;
  /** Column headers: the domains, and "no domain" (id and name null; the view names it) when something counts there. */
  columns: { id: string | null; name: string | null }[];
  rows: ObReportRow[];
  screenings: { ob: number; notOb: number };
}

/**
 * How often each criterion decided an OB closing in the last REPORT_WEEKS
 * weeks, per domain of the case (a case closed as OB before routing has none).
 * Screenings that ended in "no OB" are counted apart, not per criterion.
 */
export async function obReport(ctx: AppContext, actor: Actor): Promise<ObReport> {
  requireManage(actor);
  await ensureObCriteria(ctx);
  const until = ctx.clock();
  const since = new Date(until.getTime() - REPORT_WEEKS * 7 * 86_400_000);
  const [criteria, counts, screenings, domains] = await Promise.all([
    listObCriteria(ctx.db), countObCriteriaUsed(ctx.db, since, until), countScreenings(ctx.db, since, until), listDomains(ctx.db),
  ]);
  const table = obReportTable(criteria, counts, domains.map((d) => d.id));
  const name = new Map(domains.map((d) => [d.id, d.name]));
  return {
    since, until, weeks: REPORT_WEEKS,
    columns: table.columns.map((id) => ({ id, name: id === null ? null : name.get(id) ?? id })),
    rows: table.rows,
    screenings,
  };
}
