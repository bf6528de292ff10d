import { mayActInDomain, type Actor } from '../auth/policy.ts';
import { insertEvents } from '../cases/case.repository.ts';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { LIMITS } from '../shared/limits.ts';
import { findAgencyByName, findCasesByDossier, insertEscalation, listAgencyNames, listEscalations, type EscalationRecord } from './screening.repository.ts';
import { parseInput, ZEscalate } from './screening.schema.ts';
import { refuse, requireManage } from './screening.service.ts';
import { parseDossierNumbers } from './screening.ts';

/**
 * Escalation of a structural problem to S&O Onderzoek (research): a title,
 * a description, optionally the agency, and the cases it rests on. The cases
 * stay where they are; each gets an 'escalated' event in its history.
 */

/** The escalations page shows this many, newest first. */
export const ESCALATIONS_SHOWN = 100;

export async function escalate(ctx: AppContext, actor: Actor, input: unknown): Promise<{ id: string; dossierNumbers: string[] }> {
  requireManage(actor);
  const e = parseInput(ZEscalate, input);
  const { numbers, malformed } = parseDossierNumbers(e.dossiers);
  if (malformed.length) {
    throw refuse('validation', `not dossier numbers: ${malformed.join(', ')}`, `Geen dossiernummer (zoals 2026.000123): ${malformed.slice(0, 20).join(', ')}.`, 'dossiers');
  }
  if (numbers.length === 0) throw refuse('validation', 'link at least one case', 'Vul minstens één dossiernummer in.', 'dossiers');
  if (numbers.length > LIMITS.bulkCases) throw refuse('validation', `at most ${LIMITS.bulkCases} cases`, `Hoogstens ${LIMITS.bulkCases} zaken per escalatie.`, 'dossiers');
  const agency = e.agency === null ? null : await findAgencyByName(ctx.db, e.agency);
  if (e.agency !== null && !agency) throw refuse('validation', `unknown agency ${e.agency}`, `Onbekende instantie „${e.agency}”: kies een instantie uit de lijst of laat het veld leeg.`, 'agency');
  return ctx.db.transaction().execute(async (tx) => {
    const cases = await findCasesByDossier(tx, numbers);
    const known = new Set(cases.map((c) => c.dossier_number));
    const unknown = numbers.filter((n) => !known.has(n));
    if (unknown.length) throw refuse('validation', `unknown dossier numbers: ${unknown.join(', ')}`, `Onbekende dossiernummers: ${unknown.slice(0, 20).join(', ')}.`, 'dossiers');
    const foreign = cases.filter((c) => !mayActInDomain(actor, c.domain_id)).map((c) => c.dossier_number).sort();
    if (foreign.length) {
      throw refuse('forbidden', `cases outside ${actor.login}'s domains: ${foreign.join(', ')}`, `Deze zaken horen niet bij uw domeinen: ${foreign.slice(0, 20).join(', ')}.`, 'dossiers');
    }
    const at = ctx.clock();
    const id = await insertEscalation(tx, { title: e.title, description: e.description, agencyId: agency?.id ?? null, createdBy: actor.id, at, caseIds: cases.map((c) => c.id) });
    await insertEvents(tx, cases.map((c) => ({ caseId: c.id, type: 'escalated', at, actorId: actor.id, payload: { escalationId: id, title: e.title } })));
    return { id, dossierNumbers: cases.map((c) => c.dossier_number).sort() };
  });
}

export interface EscalationView extends EscalationRecord {
  /** The linked cases of other domains: counted, not shown. */
  otherCases: number;
}

/**
 * The latest escalations that link at least one case of the actor's domains
 * (all, for directors and admins), each listing only those cases and counting
 * the rest. A case not routed yet counts as the actor's, as mayActInDomain
 * has it: coordinators route such cases and see them in the intake.
 */
export async function escalations(ctx: AppContext, actor: Actor): Promise<EscalationView[]> {
  requireManage(actor);
  const domains = await listDomains(ctx.db);
  const mine = domains.filter((d) => mayActInDomain(actor, d.id)).map((d) => d.id);
  const list = await listEscalations(ctx.db, ESCALATIONS_SHOWN, mine.length === domains.length ? 'all' : mine);
  return list
    .map((e) => {
      const cases = e.cases.filter((c) => mayActInDomain(actor, c.domainId));
      return { ...e, cases, otherCases: e.cases.length - cases.length };
    })
    .filter((e) => e.cases.length > 0);
}

/** Agency names to suggest in the form. */
export const agencySuggestions = (ctx: AppContext) => listAgencyNames(ctx.db, 500);
