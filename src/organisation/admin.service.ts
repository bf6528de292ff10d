import { z } from 'zod';
import type { Actor } from '../auth/policy.ts';
import type { Executor, Tx } from '../db/database.ts';
import type { AppContext } from '../shared/context.ts';
import { invalidField, notFound } from '../shared/errors.ts';
import * as repo from './admin.repository.ts';
import { HOURS_PER_FTE, PROFILE_KINDS, type AddKeyword, type RenameKeyword, type SaveOutcome, type SaveRoutingRule, type SaveStaff } from './admin.schema.ts';
import { listDomains, listUnits } from './organisation.repository.ts';
import type { ProfileField } from './organisation.table.ts';
import { DEFAULT_SETTINGS } from './reference-data.ts';

/**
 * The administration of the organisation: staff, keywords, routing rules and
 * the outcomes with their registration profiles. Only administrators get
 * here (the pages ask for 'admin.manage'); references are checked here, so a
 * form can never store a unit, domain or keyword that does not exist.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export async function adminSummary(ctx: AppContext) {
  const [staff, keywords, rules, outcomes] = await Promise.all([
    repo.countActiveStaff(ctx.db), repo.countActiveKeywords(ctx.db), repo.countActiveRules(ctx.db), repo.listOutcomesWithProfile(ctx.db),
  ]);
  return { activeStaff: staff, activeKeywords: keywords, keywordWarnLimit: await keywordWarnLimit(ctx.db), activeRules: rules, outcomes: outcomes.length };
}

// --- staff

export interface StaffMember {
  id: string;
  login: string;
  name: string;
  email: string | null;
  unitId: string;
  roles: string[];
  domains: string[];
  skills: string[];
  fte: number;
  hoursPerWeek: number;
  active: boolean;
  hasPassword: boolean;
}

type StaffRowLike = Awaited<ReturnType<typeof repo.listAllStaff>>[number];
const toStaffMember = (s: StaffRowLike): StaffMember => ({
  id: s.id, login: s.login, name: s.name, email: s.email, unitId: s.unit_id, roles: s.roles, domains: s.domains, skills: s.skills,
  fte: Number(s.fte), hoursPerWeek: Number(s.hours_per_week), active: s.active, hasPassword: s.has_password,
});

export async function listStaffMembers(ctx: AppContext): Promise<StaffMember[]> {
  return (await repo.listAllStaff(ctx.db)).map(toStaffMember);
}

export async function getStaffMember(ctx: AppContext, id: string): Promise<StaffMember> {
  const row = UUID.test(id) ? await repo.findStaffById(ctx.db, id) : undefined;
  if (!row) throw notFound('Staff member', id);
  return toStaffMember(row);
}

/** What the staff form offers to choose from. */
export async function staffFormOptions(ctx: AppContext) {
  const [units, domains, skills] = await Promise.all([listUnits(ctx.db), listDomains(ctx.db), repo.listSkills(ctx.db)]);
  return { units, domains, skills };
}

async function checkStaff(tx: Tx, input: SaveStaff, id: string | null): Promise<repo.StaffValues> {
  if ((await repo.existingIds(tx, 'units', [input.unit])).size === 0) {
    throw invalidField('unit', 'unknown unit', 'Kies een eenheid uit de lijst.');
  }
  const domains = await repo.existingIds(tx, 'domains', input.domains);
  if (input.domains.some((d) => !domains.has(d))) throw invalidField('domains', 'unknown domain', 'Kies domeinen uit de lijst.');
  const skills = await repo.existingIds(tx, 'skills', input.skills);
  if (input.skills.some((s) => !skills.has(s))) throw invalidField('skills', 'unknown skill', 'Kies vaardigheden uit de lijst.');
  if (await repo.loginTaken(tx, input.login, id)) throw loginInUse(input.login);
  return {
    login: input.login,
    name: input.name,
    email: input.email ?? null,
    unit_id: input.unit,
    roles: [...new Set(input.roles)],
    domains: [...new Set(input.domains)],
    skills: [...new Set(input.skills)],
    fte: input.fte,
    hours_per_week: input.hoursPerWeek ?? Math.round(HOURS_PER_FTE * input.fte * 100) / 100,
    active: input.active,
  };
}

const loginInUse = (login: string) =>
  invalidField('login', `${login} is already in use`, `De gebruikersnaam ${login} is al in gebruik. Kies een andere.`, 'duplicate');

/** A new person, without a password: `grip password --user <login>` gives them one. */
export async function createStaffMember(ctx: AppContext, input: SaveStaff): Promise<StaffMember> {
  try {
    const id = await ctx.db.transaction().execute(async (tx) => repo.insertStaff(tx, await checkStaff(tx, input, null)));
    return getStaffMember(ctx, id);
  } catch (err) {
    throw isUniqueViolation(err) ? loginInUse(input.login) : err;
  }
}

/** Saves a person; deactivating ends their sessions at once. */
export async function updateStaffMember(ctx: AppContext, actor: Actor, id: string, input: SaveStaff): Promise<StaffMember> {
  const before = await getStaffMember(ctx, id);
  // An administrator cannot lock themselves out.
  if (id === actor.id && !input.active) throw invalidField('active', 'you cannot deactivate yourself', 'U kunt uw eigen account niet uitzetten.');
  if (id === actor.id && !input.roles.includes('admin')) {
    throw invalidField('roles', 'you cannot remove your own admin role', 'U kunt uw eigen rol beheerder niet weghalen.');
  }
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await repo.updateStaff(tx, id, await checkStaff(tx, input, id));
      if (before.active && !input.active) await repo.deleteSessionsOf(tx, id);
    });
  } catch (err) {
    throw isUniqueViolation(err) ? loginInUse(input.login) : err;
  }
  return getStaffMember(ctx, id);
}

// --- keywords

export interface Keyword {
  id: string;
  label: string;
  active: boolean;
}

/** The limit above which the keyword page warns (setting keyword_warn_limit). */
export async function keywordWarnLimit(db: Executor): Promise<number> {
  const value = await repo.readSetting(db, 'keyword_warn_limit');
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : DEFAULT_SETTINGS.keyword_warn_limit;
}

export async function keywordOverview(ctx: AppContext) {
  const keywords: Keyword[] = await repo.listAllKeywords(ctx.db);
  const activeCount = keywords.filter((k) => k.active).length;
  const warnLimit = await keywordWarnLimit(ctx.db);
  return { keywords, activeCount, warnLimit, overLimit: activeCount > warnLimit };
}

export async function getKeyword(ctx: AppContext, id: string): Promise<Keyword> {
  const row = await repo.findKeyword(ctx.db, id);
  if (!row) throw notFound('Keyword', id);
  return row;
}

const slug = (label: string) =>
  label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'trefwoord';

async function checkLabelFree(tx: Tx, label: string, exceptId: string | null) {
  const same = await repo.findKeywordByLabel(tx, label, exceptId);
  if (same) {
    throw invalidField('label', 'a keyword with this name exists', same.active
      ? `Het trefwoord "${same.label}" bestaat al.`
      : `Het trefwoord "${same.label}" bestaat al, maar staat uit. Zet het weer aan in de lijst.`, 'duplicate');
  }
}

export async function addKeyword(ctx: AppContext, input: AddKeyword): Promise<Keyword> {
  return ctx.db.transaction().execute(async (tx) => {
    await checkLabelFree(tx, input.label, null);
    // The id is what cases and rules refer to: readable, and never changed by a rename.
    const base = slug(input.label);
    const taken = await repo.keywordIdsLike(tx, base);
    let id = base;
    for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
    await repo.insertKeyword(tx, id, input.label);
    return { id, label: input.label, active: true };
  });
}

export async function renameKeyword(ctx: AppContext, id: string, input: RenameKeyword): Promise<Keyword> {
  const before = await getKeyword(ctx, id);
  await ctx.db.transaction().execute(async (tx) => {
    await checkLabelFree(tx, input.label, id);
    await repo.updateKeyword(tx, id, { label: input.label });
  });
  return { ...before, label: input.label };
}

export async function setKeywordActive(ctx: AppContext, id: string, active: boolean): Promise<Keyword> {
  const before = await getKeyword(ctx, id);
  await repo.updateKeyword(ctx.db, id, { active });
  return { ...before, active };
}

export async function setKeywordWarnLimit(ctx: AppContext, limit: number): Promise<void> {
  await repo.writeSetting(ctx.db, 'keyword_warn_limit', limit);
}

// --- routing rules

export interface RoutingRuleView {
  id: number;
  position: number;
  name: string;
  agencyId: number | null;
  agencyName: string | null;
  keywordId: string | null;
  keywordLabel: string | null;
  channel: string | null;
  complex: boolean | null;
  domainId: string | null;
  domainName: string | null;
  unitId: string | null;
  active: boolean;
}

type RuleRowLike = Awaited<ReturnType<typeof repo.listAllRules>>[number];
const toRuleView = (r: RuleRowLike): RoutingRuleView => ({
  id: r.id, position: r.position, name: r.name, agencyId: r.agency_id, agencyName: r.agency_name, keywordId: r.keyword_id,
  keywordLabel: r.keyword_label, channel: r.channel, complex: r.complex, domainId: r.domain_id, domainName: r.domain_name,
  unitId: r.unit_id, active: r.active,
});

export async function listRoutingRules(ctx: AppContext): Promise<RoutingRuleView[]> {
  return (await repo.listAllRules(ctx.db)).map(toRuleView);
}

export async function getRoutingRule(ctx: AppContext, id: number): Promise<RoutingRuleView> {
  const row = Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647 ? await repo.findRule(ctx.db, id) : undefined;
  if (!row) throw notFound('Routing rule', id);
  return toRuleView(row);
}

export async function routingFormOptions(ctx: AppContext) {
  const [agencies, keywords, domains] = await Promise.all([repo.listAgencies(ctx.db), repo.listAllKeywords(ctx.db), listDomains(ctx.db)]);
  return { agencies, keywords, domains };
}

async function checkRule(tx: Tx, input: SaveRoutingRule): Promise<repo.RuleValues> {
  if (!input.domainId && !input.unitId) throw invalidField('domainId', 'give a domain, a unit or both', 'Kies een domein, een eenheid of allebei.');
  if (input.agencyId !== null && !(await repo.agencyExists(tx, input.agencyId))) throw invalidField('agencyId', 'unknown agency', 'Kies een instantie uit de lijst.');
  if (input.keywordId !== null && (await repo.existingIds(tx, 'keywords', [input.keywordId])).size === 0) {
    throw invalidField('keywordId', 'unknown keyword', 'Kies een trefwoord uit de lijst.');
  }
  if (input.domainId !== null && (await repo.existingIds(tx, 'domains', [input.domainId])).size === 0) {
    throw invalidField('domainId', 'unknown domain', 'Kies een domein uit de lijst.');
  }
  return {
    position: input.position ?? (await repo.nextRulePosition(tx)),
    name: input.name,
    agency_id: input.agencyId,
    keyword_id: input.keywordId,
    channel: input.channel,
    complex: input.complex,
    domain_id: input.domainId,
    unit_id: input.unitId,
    active: input.active,
  };
}

export async function createRoutingRule(ctx: AppContext, input: SaveRoutingRule): Promise<number> {
  return ctx.db.transaction().execute(async (tx) => repo.insertRule(tx, await checkRule(tx, input)));
}

export async function updateRoutingRule(ctx: AppContext, id: number, input: SaveRoutingRule): Promise<void> {
  await getRoutingRule(ctx, id);
  await ctx.db.transaction().execute(async (tx) => repo.updateRule(tx, id, await checkRule(tx, input)));
}

export async function setRoutingRuleActive(ctx: AppContext, id: number, active: boolean): Promise<void> {
  await getRoutingRule(ctx, id);
  await repo.updateRule(ctx.db, id, { active });
}

// --- outcomes and registration profiles

export interface Outcome {
  id: string;
  name: string;
  countsAsClosed: boolean;
  profile: ProfileField[];
}

const ZStoredField = z.object({ key: z.string().min(1), label: z.string().min(1), required: z.boolean(), kind: z.enum(PROFILE_KINDS) });

/** A stored profile, read defensively: a field that is not well-formed is left out. */
function readProfile(value: unknown): ProfileField[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((f) => {
    const parsed = ZStoredField.safeParse(f);
    return parsed.success ? [parsed.data] : [];
  });
}

const toOutcome = (o: { id: string; name: string; counts_as_closed: boolean; profile: unknown }): Outcome => ({
  id: o.id, name: o.name, countsAsClosed: o.counts_as_closed, profile: readProfile(o.profile),
});

export async function listOutcomeProfiles(ctx: AppContext): Promise<Outcome[]> {
  return (await repo.listOutcomesWithProfile(ctx.db)).map(toOutcome);
}

export async function getOutcome(ctx: AppContext, id: string): Promise<Outcome> {
  const row = await repo.findOutcome(ctx.db, id);
  if (!row) throw notFound('Outcome', id);
  return toOutcome(row);
}

export async function saveOutcome(ctx: AppContext, id: string, input: SaveOutcome): Promise<Outcome> {
  await getOutcome(ctx, id);
  await repo.updateOutcome(ctx.db, id, { name: input.name, profile: JSON.stringify(input.profile) });
  return getOutcome(ctx, id);
}

/**
 * The fields to fill in when closing a case with this outcome, in order
 * (used by the close form). Throws not_found for an unknown outcome.
 */
export async function registrationProfile(db: Executor, outcomeId: string): Promise<ProfileField[]> {
  const row = await repo.findOutcome(db, outcomeId);
  if (!row) throw notFound('Outcome', outcomeId);
  return readProfile(row.profile);
}
