import { parse } from 'csv-parse/sync';
import { mayActInDomain, type Actor } from '../auth/policy.ts';
import { domainExists, listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, notFound, type FieldError } from '../shared/errors.ts';
import {
  deletePeriod, deletePeriodsOf, deleteSlot, findPeriodDomain, findSlotDomain, insertPeriods, insertSlots, listPeriods, readPlan, saveSettings,
  staffIdsByLogin, updatePeriod,
} from './capacity.repository.ts';
import {
  PLAN_CSV_COLUMNS, ZCapacitySettings, ZSavePeriod, ZSaveSlot, type SavePeriod,
} from './capacity.schema.ts';
import { capacityOn, type CapacityFigures, type PlanPeriod } from './plan.ts';

/**
 * The capacity plan as the team manager keeps it: periods per person, lane
 * slots, formation and sickness allowance; a CSV import replaces the periods
 * at once (all rows valid, or nothing changes).
 *
 * Who: a team manager changes the plan of their own domains (periods, slots,
 * an import replaces only those domains' periods); directors and admins every
 * domain, and only they set the directorate's formation and sickness share.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KIND_NL: Record<string, string> = {
  contract: 'contract', parentalLeave: 'ouderschapsverlof', onboarding: 'inwerken', reintegration: 're-integratie', absence: 'afwezigheid',
};

export { readPlan };

/** The seed's table: the plan row, then the figures on each day asked for. */
export async function capacityTable(ctx: AppContext, days: readonly string[]): Promise<{ plan: CapacityFigures; days: CapacityFigures[] }> {
  const plan = await readPlan(ctx.db);
  const formation = plan.formationFte;
  const planRow: CapacityFigures = {
    day: 'plan', formationFte: formation, formationHours: formation * 36, occupiedHours: formation * 36, occupiedFte: formation,
    availableHours: formation * 36, availableFte: formation, afterSicknessHours: Math.round(formation * 36 * (1 - plan.sicknessShare) * 10) / 10,
  };
  return { plan: planRow, days: days.map((d) => capacityOn(plan, d)) };
}

function zodErrors(issues: readonly { path: PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((i) => {
    const field = String(i.path[0] ?? 'form');
    return { field, message: i.message, nl: DUTCH[field] ?? 'Deze waarde is niet geldig.' };
  });
}
const DUTCH: Record<string, string> = {
  person: 'Vul een naam in (1 tot 120 tekens).',
  domain: 'Kies een domein.',
  kind: `Kies een soort: ${Object.values(KIND_NL).join(', ')}.`,
  from: 'Vul een begindatum in als JJJJ-MM-DD.',
  to: 'Vul een einddatum in als JJJJ-MM-DD, niet vóór de begindatum, of laat het leeg.',
  hoursPerWeek: 'Vul een aantal uren per week in, groter dan 0 en hoogstens 60.',
  login: 'Deze gebruikersnaam bestaat niet.',
  lane: 'Kies B (vluchtstrook) of POP.',
  weekday: 'Kies een werkdag (maandag tot en met vrijdag).',
  everyWeeks: 'Vul in om de hoeveel weken (1 tot en met 8).',
  hours: 'Vul het aantal uren in, groter dan 0 en hoogstens 200.',
  formationFte: 'Vul de formatie in FTE in (0 of meer).',
  sicknessShare: 'Vul het verzuim in als percentage van 0 tot en met 50.',
};

async function toPeriod(ctx: AppContext, input: SavePeriod, staffIds?: Map<string, string>): Promise<PlanPeriod> {
  const errors: FieldError[] = [];
  if (!(await domainExists(ctx.db, input.domain))) errors.push({ field: 'domain', message: 'unknown domain', nl: DUTCH.domain });
  let staffId: string | null = null;
  if (input.login) {
    staffId = (staffIds ?? (await staffIdsByLogin(ctx.db))).get(input.login) ?? null;
    if (!staffId) errors.push({ field: 'login', message: 'unknown login', nl: DUTCH.login });
  }
  if (errors.length) throw new AppError('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  return { person: input.person, staffId, domain: input.domain, kind: input.kind, from: input.from, to: input.to, hoursPerWeek: input.hoursPerWeek };
}

function validate<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const errors = zodErrors(parsed.error.issues);
    throw new AppError('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
  return parsed.data;
}

const outside = (domain: string) =>
  new AppError('forbidden', `not your domain: ${domain}`, { errors: [{ field: 'domain', message: 'not your domain', nl: 'U wijzigt alleen het plan van uw eigen domeinen.' }] });
function requireDomain(actor: Actor, domain: string | undefined): void {
  if (domain !== undefined && !mayActInDomain(actor, domain)) throw outside(domain);
}

export async function savePeriod(ctx: AppContext, actor: Actor, raw: unknown, id?: string): Promise<void> {
  const period = await toPeriod(ctx, validate(ZSavePeriod, raw));
  requireDomain(actor, period.domain);
  if (id === undefined) return insertPeriods(ctx.db, [period]);
  const current = UUID.test(id) ? await findPeriodDomain(ctx.db, id) : undefined;
  if (current === undefined) throw notFound('capacity period', id);
  requireDomain(actor, current);
  await updatePeriod(ctx.db, id, period);
}

export async function removePeriod(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const current = UUID.test(id) ? await findPeriodDomain(ctx.db, id) : undefined;
  if (current === undefined) throw notFound('capacity period', id);
  requireDomain(actor, current);
  await deletePeriod(ctx.db, id);
}

export async function saveSlot(ctx: AppContext, actor: Actor, raw: unknown): Promise<void> {
  const slot = validate(ZSaveSlot, raw);
  if (!(await domainExists(ctx.db, slot.domain))) throw new AppError('validation', 'domain: unknown domain', { errors: [{ field: 'domain', message: 'unknown domain', nl: DUTCH.domain! }] });
  requireDomain(actor, slot.domain);
  await insertSlots(ctx.db, [slot]);
}

export async function removeSlot(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const current = UUID.test(id) ? await findSlotDomain(ctx.db, id) : undefined;
  if (current === undefined) throw notFound('lane slot', id);
  requireDomain(actor, current);
  await deleteSlot(ctx.db, id);
}

/** Directors and admins keep the plan of the whole directorate, and only they set its formation and sickness share. */
export const maySetDirectorate = (actor: Actor) => actor.roles.some((r) => r === 'director' || r === 'admin');

export async function updateSettings(ctx: AppContext, actor: Actor, raw: unknown): Promise<void> {
  if (!maySetDirectorate(actor)) throw new AppError('forbidden', 'only directors set formation and sickness');
  await saveSettings(ctx.db, validate(ZCapacitySettings, raw));
}

/** A line of an import that could not be read, with its line number (the header is line 1). */
export interface ImportProblem { line: number; field: string; message: string }

/**
 * Replaces every period of the plan by the rows of a CSV file with the header
 * person,login,domain,kind,from,to,hours_per_week. All rows are checked
 * first; with any problem nothing changes and every problem is reported. A
 * team manager's file holds their own domains, and replaces only those.
 */
export async function importPlanCsv(ctx: AppContext, actor: Actor, text: string): Promise<{ periods: number; problems: ImportProblem[] }> {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), bom: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    return { periods: 0, problems: [{ line: 0, field: 'file', message: `Het bestand is geen geldig CSV-bestand: ${(err as Error).message}` }] };
  }
  const header = Object.keys(records[0] ?? {});
  const missing = PLAN_CSV_COLUMNS.filter((c) => !header.includes(c));
  if (records.length === 0 || missing.length > 0) {
    return { periods: 0, problems: [{ line: 1, field: 'header', message: `De kopregel moet zijn: ${PLAN_CSV_COLUMNS.join(',')}${missing.length ? ` (ontbreekt: ${missing.join(', ')})` : ''}.` }] };
  }
  const domains = new Set((await listDomains(ctx.db)).map((d) => d.id));
  const staffIds = await staffIdsByLogin(ctx.db);
  const problems: ImportProblem[] = [];
  const periods: PlanPeriod[] = [];
  records.forEach((r, i) => {
    const line = i + 2;
    const parsed = ZSavePeriod.safeParse({ person: r.person, login: r.login, domain: r.domain, kind: r.kind, from: r.from, to: r.to ?? '', hoursPerWeek: (r.hours_per_week ?? '').replace(',', '.') });
    if (!parsed.success) {
      for (const e of zodErrors(parsed.error.issues)) problems.push({ line, field: e.field, message: e.nl ?? e.message });
      return;
    }
    const p = parsed.data;
    if (!domains.has(p.domain)) problems.push({ line, field: 'domain', message: `Onbekend domein "${p.domain}".` });
    else if (!mayActInDomain(actor, p.domain)) problems.push({ line, field: 'domain', message: `Domein "${p.domain}" is niet een van uw domeinen.` });
    const staffId = p.login ? staffIds.get(p.login) : null;
    if (p.login && !staffId) problems.push({ line, field: 'login', message: `Onbekende gebruikersnaam "${p.login}".` });
    periods.push({ person: p.person, staffId: staffId ?? null, domain: p.domain, kind: p.kind, from: p.from, to: p.to, hoursPerWeek: p.hoursPerWeek });
  });
  if (problems.length > 0) return { periods: 0, problems };
  await ctx.db.transaction().execute(async (tx) => {
    await deletePeriodsOf(tx, maySetDirectorate(actor) ? null : actor.domains);
    await insertPeriods(tx, periods);
  });
  return { periods: periods.length, problems: [] };
}

/** The plan's periods as CSV, in the import's format. */
export async function exportPlanCsv(ctx: AppContext): Promise<string> {
  const periods = await listPeriods(ctx.db);
  // A cell a spreadsheet would run as a formula gets a leading apostrophe.
  const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  const quote = (raw: string) => {
    const v = safe(raw);
    return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
  };
  return [PLAN_CSV_COLUMNS.join(','), ...periods.map((p) => [p.person, p.login ?? '', p.domain, p.kind, p.from, p.to ?? '', String(p.hoursPerWeek)].map(quote).join(','))].join('\n') + '\n';
}
export { KIND_NL };
