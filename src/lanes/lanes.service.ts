import { z } from 'zod';
import { can, mayActInDomain, type Actor } from '../auth/policy.ts';
import { listSlots } from '../capacity/capacity.repository.ts';
import { isDay } from '../capacity/plan.ts';
import { lockCase } from '../cases/case.repository.ts';
import { applyCaseCommandIn, closeCase } from '../cases/case.transitions.ts';
import { amsterdamDay } from '../notices/calllist.report.ts';
import { domainExists, findStaff, listDomains, listKeywords } from '../organisation/organisation.repository.ts';
import type { ProfileField } from '../organisation/organisation.table.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, invalidField, type ErrorCode } from '../shared/errors.ts';
import {
  countLaneCases, findSameSession, findSession, handoutExists, insertSession, isClustered, listHandouts, listLaneCases,
  listLaneInvestigators, listOutcomeProfiles, listPeople, listSessionSummaries, upsertHandout,
  type BoardCaseRow, type HandoutRow, type Person, type SessionRecord, type SessionSummary,
} from './lanes.repository.ts';
import { boardOrder, nextSlotDay, SESSION_LANES, standing, tallySession, type SessionLane, type Tally } from './lanes.ts';

/**
 * The B lane (vluchtstrook) and POP days: planning a session, its board
 * (the domain's waiting cases with the lane's marker, outside clusters,
 * handed out to the session's people through the case state machine),
 * closing from the board, and what each session cleared.
 */
export const TOPIC_MAX = 120;
/** The board shows at most this many waiting cases (the oldest, or those fitting the topic first). */
export const BOARD_LIMIT = 200;
/** The outcomes of quick handling offered on the board: each has a short registration profile. */
export const QUICK_OUTCOMES = ['KEN', 'referral', 'advice', 'intervention'] as const;

const DAY_MS = 86_400_000;

/** An expected refusal with its Dutch wording for the pages (under '_form', or a field). */
const refuse = (code: ErrorCode, message: string, nl: string, field = '_form') => new AppError(code, message, { errors: [{ field, message, nl }] });

export const ZPlanSession = z.strictObject({
  lane: z.enum(SESSION_LANES),
  domain: z.string().min(1).max(60),
  day: z.string().refine(isDay, 'must be a date YYYY-MM-DD'),
  topic: z.string().trim().max(TOPIC_MAX).optional().transform((v) => (v ? v : null)),
  people: z.array(z.uuid()).min(1).max(50),
});
export type PlanSession = z.output<typeof ZPlanSession>;

const PLAN_NL: Record<string, string> = {
  lane: 'Kies B (vluchtstrook) of POP-dag.',
  domain: 'Kies een domein.',
  day: 'Vul een datum in als JJJJ-MM-DD.',
  topic: `Het onderwerp is hoogstens ${TOPIC_MAX} tekens.`,
  people: 'Kies minstens één klachtonderzoeker.',
};

function parsePlan(input: unknown): PlanSession {
  const parsed = ZPlanSession.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => {
    const field = String(i.path[0] ?? '_form');
    return { field, message: i.message, nl: PLAN_NL[field] ?? i.message };
  });
  throw new AppError('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}

const today = (ctx: AppContext) => amsterdamDay(ctx.clock());

/** Plans a B session or POP day: a coordinator or team manager, in their own domain, from today on, with investigators of the domain. */
export async function planSession(ctx: AppContext, actor: Actor, input: unknown): Promise<string> {
  if (!can(actor, 'lanes.manage')) throw refuse('forbidden', `${actor.login} may not plan lane sessions`, 'U mag geen sessies plannen.');
  const plan = parsePlan(input);
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await domainExists(tx, plan.domain))) throw invalidField('domain', `unknown domain ${plan.domain}`, 'Onbekend domein.');
    if (!mayActInDomain(actor, plan.domain)) {
      throw refuse('forbidden', `${actor.login} does not act in domain ${plan.domain}`, 'U plant alleen sessies in uw eigen domeinen.', 'domain');
    }
    if (plan.day < today(ctx)) throw invalidField('day', 'lies in the past', 'Deze datum ligt in het verleden.');
    if (plan.lane === 'b' && plan.topic) {
      throw invalidField('topic', 'a topic belongs to a POP day', 'Een onderwerp hoort bij een POP-dag, niet bij de vluchtstrook.');
    }
    const eligible = new Map((await listLaneInvestigators(tx, plan.domain)).map((p) => [p.id, p]));
    const people = [...new Set(plan.people)];
    const stranger = people.find((id) => !eligible.has(id));
    if (stranger) {
      const name = (await findStaff(tx, stranger))?.name ?? stranger;
      throw invalidField('people', `${name} is no active investigator of domain ${plan.domain}`, `${name} is geen actieve klachtonderzoeker (KB) van dit domein.`);
    }
    if (await findSameSession(tx, { lane: plan.lane, domainId: plan.domain, day: plan.day, topic: plan.topic })) {
      const what = plan.lane === 'b' ? 'een B-sessie' : plan.topic ? 'een POP-dag met dit onderwerp' : 'een POP-dag zonder onderwerp';
      throw refuse('duplicate', 'this session is planned already', `Op deze dag is al ${what} gepland in dit domein.`, 'day');
    }
    return insertSession(tx, { lane: plan.lane, domainId: plan.domain, day: plan.day, topic: plan.topic, people, createdBy: actor.id, at: ctx.clock() });
  });
}

/** A session for someone who may see it: lanes.read and the session's domain (or one of its people). */
export async function getSession(ctx: AppContext, actor: Actor, id: string): Promise<SessionRecord> {
  const session = await findSession(ctx.db, id);
  if (!session) throw refuse('not_found', `Lane session ${id} does not exist`, 'Deze sessie bestaat niet.');
  const mine = mayActInDomain(actor, session.domainId) || session.people.includes(actor.id);
  if (!can(actor, 'lanes.read') || !mine) throw refuse('forbidden', `${actor.login} may not see this session`, 'U hebt geen toegang tot deze sessie.');
  return session;
}

export interface BoardCase extends BoardCaseRow {
  fitsTopic: boolean;
  waitingDays: number;
}

export interface QuickOutcome {
  id: string;
  name: string;
  profile: ProfileField[];
}

export interface Board {
  session: SessionRecord;
  /** The session's people, in the order planned. */
  people: Person[];
  today: string;
  /** Hand-outs happen on the session's day only. */
  isToday: boolean;
  isOver: boolean;
  /** The waiting cases with the lane's marker, outside clusters, in board order (at most BOARD_LIMIT). */
  cases: BoardCase[];
  /** All waiting cases with the marker (the board may show fewer). */
  waiting: number;
  handouts: HandoutRow[];
  total: Tally;
  perPerson: { person: Person; tally: Tally }[];
  /** The actor is one of the session's people (claims for themselves). */
  mayClaim: boolean;
  /** The actor coordinates the domain (hands out to the session's people). */
  mayHandOut: boolean;
  outcomes: QuickOutcome[];
}

function ordered(people: Person[], ids: readonly string[]): Person[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  return ids.map((id) => byId.get(id) ?? { id, name: id, login: '' });
}

/** A session's results: what it handed out, per person and in total, and where each case stands. */
export async function getReport(ctx: AppContext, actor: Actor, id: string) {
  const session = await getSession(ctx, actor, id);
  const handouts = await listHandouts(ctx.db, id);
  const ids = [...new Set([...session.people, ...handouts.map((h) => h.investigatorId)])];
  const people = ordered(await listPeople(ctx.db, ids), ids);
  const { perPerson, total } = tallySession(handouts, ids, session.day);
  return {
    session,
    people: ordered(people, session.people),
    handouts: handouts.map((h) => ({ ...h, standing: standing(h, session.day) })),
    total,
    perPerson: people.map((person) => ({ person, tally: perPerson.get(person.id)! })),
    today: today(ctx),
  };
}
export type Report = Awaited<ReturnType<typeof getReport>>;

export async function getBoard(ctx: AppContext, actor: Actor, id: string): Promise<Board> {
  const report = await getReport(ctx, actor, id);
  const { session } = report;
  const [rows, waiting, keywords, outcomes] = await Promise.all([
    listLaneCases(ctx.db, session.domainId, session.lane, session.topic ? 5_000 : BOARD_LIMIT),
    countLaneCases(ctx.db, session.domainId, session.lane),
    listKeywords(ctx.db),
    listOutcomeProfiles(ctx.db, QUICK_OUTCOMES),
  ]);
  const label = new Map(keywords.map((k) => [k.id, k.label]));
  const now = ctx.clock().getTime();
  // Keyword labels take part in the topic match, so "geen reactie" finds the keyword geen-reactie by its words.
  const original = new Map(rows.map((r) => [r.id, r.keywords]));
  const withLabels = rows.map((r) => ({ ...r, keywords: [...r.keywords, ...r.keywords.map((k) => label.get(k) ?? '')] }));
  const cases = boardOrder(withLabels, session.topic).slice(0, BOARD_LIMIT).map((c) => ({
    ...c, keywords: original.get(c.id) ?? [], waitingDays: Math.max(0, Math.floor((now - c.receivedAt.getTime()) / DAY_MS)),
  }));
  return {
    session,
    people: report.people,
    today: report.today,
    isToday: session.day === report.today,
    isOver: session.day < report.today,
    cases,
    waiting,
    handouts: report.handouts,
    total: report.total,
    perPerson: report.perPerson,
    mayClaim: session.people.includes(actor.id),
    mayHandOut: can(actor, 'lanes.manage') && mayActInDomain(actor, session.domainId),
    outcomes: QUICK_OUTCOMES.map((o) => outcomes.find((x) => x.id === o)).filter((o): o is QuickOutcome => o !== undefined),
  };
}

export const ZClaim = z.strictObject({
  caseId: z.uuid(),
  /** Whom the case goes to; without: the actor claims it. */
  investigatorId: z.uuid().optional(),
  /** The case's version the person saw on the board. */
  version: z.coerce.number().int().min(1).optional(),
});
export type Claim = z.output<typeof ZClaim>;

/** The directional proposal a hand-out records with the assignment. */
export function proposalOf(session: Pick<SessionRecord, 'lane' | 'topic'>): string {
  if (session.lane === 'b') return 'Vluchtstrook: snel afhandelen (klacht over de behandelingsduur).';
  return session.topic ? `POP-dag: snel afhandelen (onderwerp: ${session.topic}).` : 'POP-dag: snel afhandelen.';
}

/**
 * Hands a waiting case out in a session: one of the session's people claims
 * it, or a coordinator of the domain gives it to one of them. The case is
 * assigned through the case state machine (event and all) and the hand-out
 * recorded in the same transaction; on the session's day only. A complaint
 * in a cluster is refused: the cluster's handler deals with it. A case that
 * went back to the tray may be handed out again in the same session: it then
 * counts once, for the person who got it last (see upsertHandout).
 */
export async function claimCase(ctx: AppContext, actor: Actor, sessionId: string, input: unknown): Promise<{ dossierNumber: string; investigatorId: string }> {
  const session = await getSession(ctx, actor, sessionId);
  const parsed = ZClaim.safeParse(input);
  if (!parsed.success) throw refuse('validation', 'choose a case (and a person)', 'Kies een zaak en iemand van deze sessie.');
  const claim = parsed.data;
  const investigatorId = claim.investigatorId ?? actor.id;
  const forSelf = investigatorId === actor.id && session.people.includes(actor.id);
  const coordinates = can(actor, 'lanes.manage') && mayActInDomain(actor, session.domainId);
  if (!forSelf && !coordinates) {
    throw refuse('forbidden', `${actor.login} is not one of this session's people`, 'U hoort niet bij deze sessie en kunt er geen zaken uit oppakken.');
  }
  if (!session.people.includes(investigatorId)) {
    throw invalidField('investigatorId', 'not one of the session\'s people', 'Kies iemand van deze sessie.', 'unprocessable');
  }
  const now = ctx.clock();
  if (amsterdamDay(now) !== session.day) {
    throw refuse('unprocessable', `the session is on ${session.day}`, `Uitdelen kan alleen op de dag van de sessie (${session.day}).`);
  }
  return ctx.db.transaction().execute(async (tx) => {
    // Locked first: of two people claiming one case at once, the second sees it has left the tray.
    const row = await lockCase(tx, claim.caseId);
    if (!row) throw refuse('not_found', `Case ${claim.caseId} does not exist`, 'Deze zaak bestaat niet.');
    const marked = session.lane === 'b' ? row.lane_b : row.lane_pop;
    if (row.domain_id !== session.domainId || row.unit_id !== 'standard' || !marked) {
      throw refuse('unprocessable', `Case ${row.dossier_number} is not on this board`, `Zaak ${row.dossier_number} hoort niet op dit bord.`);
    }
    if (row.status !== 'queued') {
      throw refuse('transition_forbidden', `Case ${row.dossier_number} is ${row.status}, no longer in the tray`, `Zaak ${row.dossier_number} is niet meer in de bak: iemand heeft hem al opgepakt.`);
    }
    if (await isClustered(tx, row.id)) {
      throw refuse('unprocessable', `Case ${row.dossier_number} belongs to a cluster`, 'Deze klacht hoort bij een cluster en wordt daar behandeld.');
    }
    const person = await findStaff(tx, investigatorId);
    if (!person?.active || !person.roles.includes('investigator') || !person.domains.includes(session.domainId) || person.unit_id !== 'standard') {
      throw invalidField('investigatorId', 'no active investigator of this domain', `${person?.name ?? 'Deze persoon'} is geen actieve klachtonderzoeker (KB) van dit domein.`, 'unprocessable');
    }
    await applyCaseCommandIn(tx, actor, row.id, { type: 'assign', investigatorId, proposal: proposalOf(session), handlingType: 'quick' }, { at: now, version: claim.version });
    await upsertHandout(tx, { sessionId, caseId: row.id, investigatorId, at: now });
    return { dossierNumber: row.dossier_number, investigatorId };
  });
}

export const ZQuickClose = z.strictObject({
  outcome: z.enum(QUICK_OUTCOMES),
  registration: z.record(z.string().max(60), z.string().max(10_000)).default({}),
  version: z.coerce.number().int().min(1).optional(),
});

/**
 * Closes a case the session handed out, with one of the quick outcomes and
 * its registration profile (closeCase checks the required fields and that
 * the actor handles the case or coordinates its domain).
 */
export async function closeFromBoard(ctx: AppContext, actor: Actor, sessionId: string, caseId: string, input: unknown): Promise<string> {
  await getSession(ctx, actor, sessionId);
  if (!(await handoutExists(ctx.db, sessionId, caseId))) {
    throw refuse('not_found', 'this case was not handed out in this session', 'Deze zaak is niet in deze sessie uitgedeeld.');
  }
  const parsed = ZQuickClose.safeParse(input);
  if (!parsed.success) throw invalidField('outcome', 'choose a quick outcome', 'Kies een uitkomst.');
  const view = await closeCase(ctx, actor, caseId, parsed.data);
  return view.dossierNumber;
}

/** The quick outcomes with their registration profiles. */
export async function quickOutcomes(ctx: AppContext): Promise<QuickOutcome[]> {
  const rows = await listOutcomeProfiles(ctx.db, QUICK_OUTCOMES);
  return QUICK_OUTCOMES.map((o) => rows.find((x) => x.id === o)).filter((o): o is QuickOutcome => o !== undefined);
}

export interface LaneOverview {
  domains: { id: string; name: string }[];
  domain: { id: string; name: string };
  today: string;
  upcoming: SessionSummary[];
  past: SessionSummary[];
  /** Planning: may the actor plan here, whom, and the next slot days of the capacity plan. */
  mayPlan: boolean;
  investigators: Person[];
  proposed: Record<SessionLane, string | null>;
  /** The lane's waiting cases in this domain now. */
  waiting: Record<SessionLane, number>;
  /** Names of the people of the upcoming sessions. */
  names: Map<string, string>;
}

/** The domains whose lanes the actor sees: their own (all, for directors). */
export async function laneDomains(ctx: AppContext, actor: Actor): Promise<{ id: string; name: string }[]> {
  return (await listDomains(ctx.db)).filter((d) => mayActInDomain(actor, d.id));
}

/** A domain's sessions today and upcoming, the past ones with what they cleared, and what planning needs. */
export async function getLaneOverview(ctx: AppContext, actor: Actor, domainId: string): Promise<LaneOverview> {
  const domains = await laneDomains(ctx, actor);
  const domain = domains.find((d) => d.id === domainId);
  if (!domain) throw refuse('forbidden', `${actor.login} does not see domain ${domainId}`, 'U ziet alleen de sessies van uw eigen domeinen.');
  const day = today(ctx);
  const mayPlan = can(actor, 'lanes.manage');
  const [upcoming, past, investigators, slots, b, pop] = await Promise.all([
    listSessionSummaries(ctx.db, domainId, { from: day }),
    listSessionSummaries(ctx.db, domainId, { before: day, limit: 50 }),
    mayPlan ? listLaneInvestigators(ctx.db, domainId) : Promise.resolve([]),
    listSlots(ctx.db),
    countLaneCases(ctx.db, domainId, 'b'),
    countLaneCases(ctx.db, domainId, 'pop'),
  ]);
  const names = new Map((await listPeople(ctx.db, [...new Set(upcoming.flatMap((s) => s.people))])).map((p) => [p.id, p.name]));
  return {
    domains, domain, today: day, upcoming, past, mayPlan, investigators, names,
    proposed: { b: nextSlotDay(slots, domainId, 'b', day), pop: nextSlotDay(slots, domainId, 'pop', day) },
    waiting: { b, pop },
  };
}

/** What the quick close form needs: the session, the case as handed out, and the chosen outcome's profile. */
export async function getCloseForm(ctx: AppContext, actor: Actor, sessionId: string, caseId: string, outcomeId: string) {
  const session = await getSession(ctx, actor, sessionId);
  const handout = (await listHandouts(ctx.db, sessionId)).find((h) => h.caseId === caseId);
  if (!handout) throw refuse('not_found', 'this case was not handed out in this session', 'Deze zaak is niet in deze sessie uitgedeeld.');
  const outcome = (await quickOutcomes(ctx)).find((o) => o.id === outcomeId);
  if (!outcome) throw invalidField('outcome', 'choose a quick outcome', 'Kies een uitkomst voor snelle afhandeling.');
  return { session, handout, outcome };
}
