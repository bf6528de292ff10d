import { loadCasePage } from '../cases/case.page.data.ts';
import { CasePage } from '../cases/case.page.tsx';
import { listKeywords } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { serviceErrors } from '../web/form.ts';
import { definePage, many, one, type PageContext, type PageDef, type PageResult } from '../web/page.ts';
import { agencySuggestions, escalate, escalations } from './escalation.service.ts';
import { OB_ACTION } from './screening.case.tsx';
import {
  addObCriterion, moveObCriterion, obCriteria, obReport, renameObCriterion, screenCase, setObCriterionActive,
} from './screening.service.ts';
import { ObCriteriaPage, type FormFailure } from './screening.views.tsx';
import { addTransferCriterion, flaggedCases, setTransferActive, transferCriteria, transferFlagged } from './transfer.service.ts';
import { EscalationsPage, TransferPage } from './transfer.views.tsx';

/**
 * /screening: the OB criteria and how often each was applied;
 * /screening/overdracht: transfer criteria and the cases they flag, each with
 * "Naar UKB"; /screening/escalaties: escalations to research. And the case
 * page's OB screening, POST /zaken/:id/ob-toets. Each handler hands the form
 * to one service call and shapes the answer.
 */
type Done = Record<string, [string, string]>;

const OB_DONE: Done = {
  toegevoegd: ['Het criterium is toegevoegd.', 'The criterion has been added.'],
  opgeslagen: ['Het criterium is opgeslagen.', 'The criterion has been saved.'],
  volgorde: ['De volgorde is aangepast.', 'The order has been changed.'],
  aan: ['Het criterium is aangezet.', 'The criterion has been activated.'],
  uit: ['Het criterium is uitgezet.', 'The criterion has been deactivated.'],
};
const TRANSFER_DONE: Done = {
  toegevoegd: OB_DONE.toegevoegd!, aan: OB_DONE.aan!, uit: OB_DONE.uit!,
};
const DOSSIER = /^\d{4}\.\d{6}$/;

const doneText = (p: PageContext, done: Done) => {
  const key = one(p.query.gedaan);
  return done[key] ? p.web.t(...done[key]!) : undefined;
};
const activeOf = (p: PageContext) => (one(p.form.active) === 'ja' ? true : one(p.form.active) === 'nee' ? false : undefined);
const statusOf = (err: unknown) => (err instanceof AppError ? err.status : 400);

async function obPage(ctx: AppContext, p: PageContext, failure?: FormFailure, status = 200): Promise<PageResult> {
  const [criteria, report] = await Promise.all([obCriteria(ctx, p.actor), obReport(ctx, p.actor)]);
  const body = <ObCriteriaPage web={p.web} criteria={criteria} report={report} done={failure ? undefined : doneText(p, OB_DONE)} failure={failure} />;
  return status === 200 ? body : { status, body };
}

async function transferPage(ctx: AppContext, p: PageContext, failure?: FormFailure, status = 200): Promise<PageResult> {
  const [criteria, keywords, flagged] = await Promise.all([transferCriteria(ctx, p.actor), listKeywords(ctx.db), flaggedCases(ctx, p.actor)]);
  const moved = one(p.query.naarUkb);
  const done = failure ? undefined : DOSSIER.test(moved) ? p.web.t(`Zaak ${moved} is overgedragen naar UKB.`, `Case ${moved} has been transferred to UKB.`) : doneText(p, TRANSFER_DONE);
  const data = { criteria, keywords, flagged: flagged.cases, domains: flagged.domains, now: ctx.clock() };
  const body = <TransferPage web={p.web} data={data} done={done} failure={failure} />;
  return status === 200 ? body : { status, body };
}

async function escalationsPage(ctx: AppContext, p: PageContext, failure?: FormFailure, status = 200): Promise<PageResult> {
  const [list, agencies] = await Promise.all([escalations(ctx, p.actor), agencySuggestions(ctx)]);
  const done = !failure && one(p.query.gedaan) === 'geescaleerd' ? p.web.t('De escalatie is vastgelegd en de zaken zijn gekoppeld.', 'The escalation has been recorded and the cases linked.') : undefined;
  const body = <EscalationsPage web={p.web} escalations={list} agencies={agencies} done={done} failure={failure} />;
  return status === 200 ? body : { status, body };
}

/**
 * A POST that runs one service call and redirects; on an expected failure the
 * page comes back with the form's errors (in Dutch) and what was typed.
 */
function post(
  url: string,
  form: (p: PageContext) => string,
  run: (p: PageContext) => Promise<string>,
  page: (p: PageContext, failure: FormFailure, status: number) => Promise<PageResult>,
): PageDef {
  return definePage({
    method: 'POST', url, permission: 'screening.manage',
    async handler(p) {
      try {
        return { redirect: await run(p) };
      } catch (err) {
        return page(p, { form: form(p), errors: serviceErrors(err, p.web), values: p.form }, statusOf(err));
      }
    },
  });
}

export function screeningPages(ctx: AppContext): PageDef[] {
  const ob = (p: PageContext, f: FormFailure, s: number) => obPage(ctx, p, f, s);
  const transfer = (p: PageContext, f: FormFailure, s: number) => transferPage(ctx, p, f, s);
  return [
    definePage({ method: 'GET', url: '/screening', permission: 'screening.manage', handler: (p) => obPage(ctx, p) }),
    post('/screening/criteria', () => 'add', async (p) => {
      await addObCriterion(ctx, p.actor, { label: one(p.form.label) });
      return '/screening?gedaan=toegevoegd';
    }, ob),
    post('/screening/criteria/:id/naam', (p) => `rename:${p.params.id}`, async (p) => {
      await renameObCriterion(ctx, p.actor, { id: p.params.id, label: one(p.form.label) });
      return '/screening?gedaan=opgeslagen';
    }, ob),
    post('/screening/criteria/:id/status', () => 'row', async (p) => {
      const active = activeOf(p);
      await setObCriterionActive(ctx, p.actor, { id: p.params.id, active });
      return `/screening?gedaan=${active ? 'aan' : 'uit'}`;
    }, ob),
    post('/screening/criteria/:id/volgorde', () => 'row', async (p) => {
      await moveObCriterion(ctx, p.actor, { id: p.params.id, direction: one(p.form.direction) });
      return '/screening?gedaan=volgorde';
    }, ob),

    definePage({ method: 'GET', url: '/screening/overdracht', permission: 'screening.manage', handler: (p) => transferPage(ctx, p) }),
    post('/screening/overdracht/criteria', () => 'add', async (p) => {
      await addTransferCriterion(ctx, p.actor, {
        label: one(p.form.label), kind: one(p.form.kind) || undefined, weeks: one(p.form.weeks).trim() || undefined, keywordId: one(p.form.keywordId) || undefined,
      });
      return '/screening/overdracht?gedaan=toegevoegd';
    }, transfer),
    post('/screening/overdracht/criteria/:id/status', () => 'row', async (p) => {
      const active = activeOf(p);
      await setTransferActive(ctx, p.actor, { id: p.params.id, active });
      return `/screening/overdracht?gedaan=${active ? 'aan' : 'uit'}`;
    }, transfer),
    post('/screening/overdracht/naar-ukb', () => 'row', async (p) => {
      const done = await transferFlagged(ctx, p.actor, { caseId: one(p.form.caseId), version: one(p.form.version) || undefined });
      return `/screening/overdracht?naarUkb=${encodeURIComponent(done.dossierNumber)}`;
    }, transfer),

    definePage({ method: 'GET', url: '/screening/escalaties', permission: 'screening.manage', handler: (p) => escalationsPage(ctx, p) }),
    post('/screening/escalaties', () => 'add', async (p) => {
      await escalate(ctx, p.actor, { title: one(p.form.title), description: one(p.form.description), agency: one(p.form.agency), dossiers: many(p.form.dossiers).join('\n') });
      return '/screening/escalaties?gedaan=geescaleerd';
    }, (p, f, s) => escalationsPage(ctx, p, f, s)),

    // The case page's OB screening: coordinators and team managers screen; on failure the case page comes back with the form's errors.
    definePage({
      method: 'POST', url: `/zaken/:id/${OB_ACTION}`, permission: 'cases.assign',
      async handler(p) {
        const input = { criteria: many(p.form.criteria), note: one(p.form.note), decision: one(p.form.decision) || undefined, version: one(p.form.version) || undefined };
        try {
          const result = await screenCase(ctx, p.actor, p.params.id!, input);
          return { redirect: `/zaken/${p.params.id}?gedaan=${result.closed ? 'ob-gesloten' : 'ob-geen'}` };
        } catch (err) {
          const failed = { action: OB_ACTION, errors: serviceErrors(err, p.web), values: p.form };
          const data = await loadCasePage(ctx, p.params.id!, p.actor);
          return { status: statusOf(err), body: <CasePage data={data} web={p.web} actor={p.actor} failed={failed} /> };
        }
      },
    }),
  ];
}
