import { can, mayActInDomain, type Actor } from '../auth/policy.ts';
import { transferCase } from '../cases/case.transitions.ts';
import { listDomains, listKeywords } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { invalidField } from '../shared/errors.ts';
import {
  countTransferCriteria, insertTransferCriteria, listTransferCandidates, listTransferCriteria, lockTable, setTransferCriterionActive,
  type OpenCaseRow,
} from './screening.repository.ts';
import { parseInput, TRANSFER_LABEL_MAX, ZAddTransferCriterion, ZSetCriterionActive, ZTransferFlagged } from './screening.schema.ts';
import { refuse, requireManage } from './screening.service.ts';
import { DEFAULT_TRANSFER_CRITERIA, flagCases, transferReason, type TransferCriterion } from './screening.ts';

/**
 * Transfers to the extended unit (UKB) by criteria kept as data: which open
 * KB cases of the actor's domains meet one (long-running, complex, a keyword,
 * reopened), and sending one to UKB through the case state machine with the
 * criteria it met as the reason.
 */

const DAY_MS = 86_400_000;

/** Fills an empty list with the defaults, once (deactivated criteria are kept, so it never empties again). */
async function ensureTransferCriteria(ctx: AppContext): Promise<void> {
  if ((await countTransferCriteria(ctx.db)) > 0) return;
  await ctx.db.transaction().execute(async (tx) => {
    await lockTable(tx, 'transfer_criteria');
    if ((await countTransferCriteria(tx)) === 0) await insertTransferCriteria(tx, DEFAULT_TRANSFER_CRITERIA, ctx.clock());
  });
}

export async function transferCriteria(ctx: AppContext, actor: Actor): Promise<TransferCriterion[]> {
  requireManage(actor);
  await ensureTransferCriteria(ctx);
  return listTransferCriteria(ctx.db);
}

export async function addTransferCriterion(ctx: AppContext, actor: Actor, input: unknown): Promise<string> {
  requireManage(actor);
  const criterion = parseInput(ZAddTransferCriterion, input, { label: `Vul een omschrijving in van hoogstens ${TRANSFER_LABEL_MAX} tekens.` });
  if (criterion.keywordId !== null && !(await listKeywords(ctx.db)).some((k) => k.id === criterion.keywordId)) {
    throw invalidField('keywordId', `unknown keyword ${criterion.keywordId}`, 'Kies een trefwoord uit de lijst.');
  }
  await ensureTransferCriteria(ctx);
  const [id] = await insertTransferCriteria(ctx.db, [criterion], ctx.clock());
  return id!;
}

export async function setTransferActive(ctx: AppContext, actor: Actor, input: unknown): Promise<void> {
  requireManage(actor);
  const { id, active } = parseInput(ZSetCriterionActive, input);
  if (!(await setTransferCriterionActive(ctx.db, id, active))) throw refuse('not_found', `transfer criterion ${id} does not exist`, 'Dit criterium bestaat niet.');
}

export interface FlaggedCase extends OpenCaseRow {
  matched: TransferCriterion[];
}

/** The domains whose cases the actor transfers. */
async function actorDomains(ctx: AppContext, actor: Actor): Promise<{ id: string; name: string }[]> {
  return (await listDomains(ctx.db)).filter((d) => mayActInDomain(actor, d.id));
}

async function flagged(ctx: AppContext, domainIds: readonly string[], caseId?: string): Promise<FlaggedCase[]> {
  await ensureTransferCriteria(ctx);
  const active = (await listTransferCriteria(ctx.db)).filter((c) => c.active);
  if (active.length === 0) return [];
  const now = ctx.clock();
  const weeks = active.filter((c) => c.kind === 'age_weeks' && c.weeks !== null).map((c) => c.weeks!);
  // Coarse, on whole days: more than N×7 days since receipt means received before the start of day -(N×7).
  const receivedBefore = weeks.length ? new Date(now.getTime() - Math.min(...weeks) * 7 * DAY_MS) : null;
  const rows = await listTransferCandidates(ctx.db, {
    domainIds,
    receivedBefore,
    complex: active.some((c) => c.kind === 'complex'),
    keywords: active.filter((c) => c.kind === 'keyword' && c.keywordId !== null).map((c) => c.keywordId!),
    reopened: active.some((c) => c.kind === 'reopened'),
    caseId,
  });
  return flagCases(rows, active, now).map((f) => ({ ...f.case, matched: f.matched }));
}

/** The open KB cases of the actor's domains that meet an active transfer criterion, oldest first. */
export async function flaggedCases(ctx: AppContext, actor: Actor): Promise<{ cases: FlaggedCase[]; domains: { id: string; name: string }[] }> {
  requireManage(actor);
  const domains = await actorDomains(ctx, actor);
  return { cases: await flagged(ctx, domains.map((d) => d.id)), domains };
}

/** Sends a flagged case to UKB ("Naar UKB"): the case must still meet a criterion; the reason names the criteria it meets. */
export async function transferFlagged(ctx: AppContext, actor: Actor, input: unknown): Promise<{ dossierNumber: string }> {
  requireManage(actor);
  if (!can(actor, 'cases.transfer')) throw refuse('forbidden', `${actor.login} may not transfer cases`, 'U mag geen zaken overdragen.');
  const { caseId, version } = parseInput(ZTransferFlagged, input);
  const domains = await actorDomains(ctx, actor);
  const [found] = await flagged(ctx, domains.map((d) => d.id), caseId);
  if (!found) {
    throw refuse('unprocessable', `Case ${caseId} is not an open KB case of your domains meeting a transfer criterion`,
      'Deze zaak voldoet niet (meer) aan een overdrachtscriterium, of hoort niet bij uw domeinen.');
  }
  const view = await transferCase(ctx, actor, caseId, { unit: 'extended', reason: transferReason(found.matched), version });
  return { dossierNumber: view.dossierNumber };
}
