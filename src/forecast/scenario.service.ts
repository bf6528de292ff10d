import type { Actor } from '../auth/policy.ts';
import { isDay } from '../capacity/plan.ts';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, notFound } from '../shared/errors.ts';
import type { Web } from '../web/page.ts';
import { deleteRun, deleteScenario, insertScenario, listScenarios } from './forecast.repository.ts';
import { forecastInput, FORECAST_WEEKS } from './forecast.service.ts';
import { extraHoursInWorker } from './queue.runner.ts';
import { ZPlanChange, ZScenario, type PlanChange } from './scenario.ts';

/** Saved what-if scenarios: made from the page's form, listed with a summary, removed; and the extra hours question. */
export interface ScenarioView { id: string; name: string; changes: PlanChange[]; summary: string[]; createdBy: string }

const FIELDS = [
  'name', 'hirePeople', 'hireHours', 'hireFrom', 'hireDomain', 'hireOnboarding', 'popEvery', 'popWeekday', 'popHours', 'popFrom', 'popDomain',
  'bEvery', 'bWeekday', 'bHours', 'bFrom', 'bDomain', 'normPercent', 'normFrom', 'surgePercent', 'surgeWeeks', 'surgeFrom', 'extendedPercent',
] as const;
export type ScenarioForm = Partial<Record<(typeof FIELDS)[number], string>>;

export function scenarioFromForm(form: Record<string, string | string[]>): ScenarioForm {
  const out: ScenarioForm = {};
  for (const f of FIELDS) {
    const v = form[f];
    out[f] = (Array.isArray(v) ? v[0] ?? '' : v ?? '').trim();
  }
  return out;
}

const WEEKDAY_NL = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag'];

export function describeChange(c: PlanChange, domainName: (id: string | null) => string): string {
  switch (c.kind) {
    case 'hire': return `${c.people} ${c.people === 1 ? 'persoon' : 'mensen'} × ${c.hoursPerWeek} uur vanaf ${c.from} (${domainName(c.domain)}, ${c.onboardingWeeks} weken inwerken)`;
    case 'slot': return `${c.lane === 'pop' ? 'POP-dag' : 'B-sessie'} ${c.everyWeeks === 1 ? 'elke week' : `om de ${c.everyWeeks} weken`} op ${WEEKDAY_NL[c.weekday - 1]}, ${c.hours} uur, vanaf ${c.from} (${domainName(c.domain)})`;
    case 'norm': return `${c.percent > 0 ? '+' : ''}${c.percent}% zaken per uur vanaf ${c.from}`;
    case 'surge': return `instroom ${c.percent > 0 ? '+' : ''}${c.percent}% gedurende ${c.weeks} weken vanaf ${c.from} (${domainName(c.domain)})`;
    case 'extended': return `${c.percent}% van de instroom naar de UKB (${domainName(c.domain)})`;
  }
}

export async function listScenarioViews(ctx: AppContext): Promise<ScenarioView[]> {
  const [rows, domains] = await Promise.all([listScenarios(ctx.db), listDomains(ctx.db)]);
  const name = (id: string | null) => (id === null ? 'alle domeinen' : domains.find((d) => d.id === id)?.name ?? id);
  return rows.flatMap((r) => {
    const changes = ZPlanChange.array().safeParse(r.changes);
    if (!changes.success) return [];
    return [{ id: r.id, name: r.name, changes: changes.data, summary: changes.data.map((c) => describeChange(c, name)), createdBy: r.createdBy }];
  });
}

/** The form's sections as changes; an empty section is no change. Dutch messages for what cannot be read. */
function changesOf(f: ScenarioForm, domainIds: Set<string>, web: Web): { changes: PlanChange[]; errors: string[] } {
  const errors: string[] = [];
  const changes: PlanChange[] = [];
  const num = (v: string | undefined) => (v === undefined || v === '' ? Number.NaN : Number(v.replace(',', '.')));
  const day = (v: string | undefined, what: string) => {
    if (v && isDay(v)) return v;
    errors.push(web.t(`${what}: vul een datum in als JJJJ-MM-DD.`, `${what}: enter a date as YYYY-MM-DD.`));
    return '';
  };
  const domain = (v: string | undefined) => {
    if (!v) return null;
    if (!domainIds.has(v)) errors.push(web.t('Kies een bestaand domein.', 'Choose an existing domain.'));
    return v;
  };
  const push = (candidate: unknown, what: string) => {
    const parsed = ZPlanChange.safeParse(candidate);
    if (parsed.success) changes.push(parsed.data);
    else errors.push(web.t(`${what}: controleer de getallen (aantallen en uren groter dan 0, percentages binnen de grenzen).`, `${what}: check the numbers.`));
  };
  if (f.hirePeople) {
    push({ kind: 'hire', domain: domain(f.hireDomain), people: num(f.hirePeople), hoursPerWeek: num(f.hireHours || '36'), from: day(f.hireFrom, web.t('Aannemen', 'Hire')), onboardingWeeks: num(f.hireOnboarding || '0') }, web.t('Aannemen', 'Hire'));
  }
  for (const lane of ['pop', 'b'] as const) {
    const every = lane === 'pop' ? f.popEvery : f.bEvery;
    if (!every) continue;
    const what = lane === 'pop' ? web.t('POP-dag', 'POP day') : web.t('B-sessie', 'B session');
    push({
      kind: 'slot', lane, domain: domain(lane === 'pop' ? f.popDomain : f.bDomain), everyWeeks: num(every),
      weekday: num(lane === 'pop' ? f.popWeekday : f.bWeekday), hours: num(lane === 'pop' ? f.popHours : f.bHours), from: day(lane === 'pop' ? f.popFrom : f.bFrom, what),
    }, what);
  }
  if (f.normPercent) push({ kind: 'norm', percent: num(f.normPercent), from: day(f.normFrom, web.t('Normpad', 'Norm path')) }, web.t('Normpad', 'Norm path'));
  if (f.surgePercent) push({ kind: 'surge', domain: null, percent: num(f.surgePercent), weeks: num(f.surgeWeeks), from: day(f.surgeFrom, web.t('Instroompiek', 'Surge')) }, web.t('Instroompiek', 'Surge'));
  if (f.extendedPercent) push({ kind: 'extended', domain: null, percent: num(f.extendedPercent) }, web.t('UKB', 'Extended unit'));
  return { changes, errors };
}

export async function saveScenario(ctx: AppContext, actor: Actor, form: ScenarioForm, web: Web): Promise<{ id: string } | { errors: string[] }> {
  const domains = new Set((await listDomains(ctx.db)).map((d) => d.id));
  const { changes, errors } = changesOf(form, domains, web);
  if (!form.name) errors.unshift(web.t('Geef het scenario een naam.', 'Give the scenario a name.'));
  if (changes.length === 0 && errors.length === 0) errors.push(web.t('Vul minstens één wijziging in.', 'Fill in at least one change.'));
  const parsed = ZScenario.safeParse({ name: form.name, changes });
  if (errors.length > 0 || !parsed.success) return { errors: errors.length ? errors : [web.t('De naam is te lang (hoogstens 80 tekens).', 'The name is too long (80 characters at most).')] };
  const id = await insertScenario(ctx.db, { name: parsed.data.name, changes: parsed.data.changes, createdBy: actor.id });
  if (!id) return { errors: [web.t(`Er is al een scenario met de naam "${parsed.data.name}".`, `A scenario named "${parsed.data.name}" exists already.`)] };
  return { id };
}

/** A scenario is removed by whoever made it, or a director or admin. */
export async function removeScenario(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const row = (await listScenarios(ctx.db)).find((s) => s.id === id);
  if (!row) throw notFound('scenario', id);
  if (row.createdById !== actor.id && !actor.roles.some((r) => r === 'director' || r === 'admin')) {
    throw new AppError('forbidden', 'only the maker or a director removes a scenario');
  }
  await deleteScenario(ctx.db, id);
  await deleteRun(ctx.db, id);
}

/** The extra available hours per week from now that meet the target in `domain` by `byDate` (worker thread). */
export async function extraHours(ctx: AppContext, domain: string, byDate: string): Promise<number | null> {
  const domains = await listDomains(ctx.db);
  if (!domains.some((d) => d.id === domain)) throw new AppError('validation', 'Kies een bestaand domein.');
  const today = ctx.clock().toISOString().slice(0, 10);
  const last = new Date(ctx.clock().getTime() + (FORECAST_WEEKS * 7 - 1) * 86_400_000).toISOString().slice(0, 10);
  if (!isDay(byDate) || byDate < today || byDate > last) {
    throw new AppError('validation', `Kies een datum van vandaag tot en met ${last.split('-').reverse().join('-')} (26 weken vooruit).`);
  }
  const { input } = await forecastInput(ctx, []);
  return extraHoursInWorker(input, domain, byDate);
}
