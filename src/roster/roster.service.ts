import { mayActInDomain, type Actor } from '../auth/policy.ts';
import { isWorkingDay } from '../core/holidays.ts';
import type { Executor, Tx } from '../db/database.ts';
import { amsterdamDay } from '../notices/calllist.report.ts';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, invalidField, notFound } from '../shared/errors.ts';
import {
  countTurns, deleteRosterDays, deleteRosterDaysOn, insertRosterDays, lastRosterDayBefore, listDomainInvestigators, listPlanPeriodsOf, listRosterDays,
  lockDomain, upsertRosterDay, type RosterCandidate, type StoredRosterDay,
} from './roster.repository.ts';
import type { EditRosterDay, GenerateRoster, RosterItems } from './roster.schema.ts';
import { generateRoster, isAbsentOn, lastDayOf, monthsAfter, monthsBefore, workingDaysOf, type PersonPeriod } from './roster.ts';

/**
 * The on-call roster per domain. A month is generated fairly over the
 * domain's investigators (src/roster/roster.ts), respecting absence in the
 * capacity plan; coordinators and team managers edit single days by hand, and
 * a new generation keeps those. A month nobody has generated yet is generated
 * when it is first read, so the telephone system never finds an empty month.
 *
 * The capacity plan and the staff list change after a month is stored, so
 * every read checks the stored days from today on against them: front office
 * must never be sent to someone who is away or gone (see readMonth).
 */

/** Earlier months whose turns break ties, so the months even out. */
const FAIRNESS_MONTHS = 6;
/**
 * Generate-on-read stores months up to this many ahead of the current one.
 * Further ahead the capacity plan is seldom filled in yet: such a month is
 * answered as computed now, and stored only when someone generates it.
 */
const STORE_AHEAD_MONTHS = 1;

export interface RosterPerson { id: string; name: string }

/** Why the person put on a day by hand cannot be on call that day any more. */
export type UnavailableReason = 'absent' | 'notInvestigator';

export interface RosterMonthDay {
  date: string;
  investigator: RosterPerson | null;
  /** Set when the day was edited by hand (a new generation keeps it). */
  editedBy: RosterPerson | null;
  editedAt: Date | null;
  /**
   * Set when the person stored for this day (put there by hand) is now absent
   * in the capacity plan or no longer an active investigator of the domain:
   * nobody is on call (investigator null) until the coordinator chooses again.
   */
  unavailable: { person: RosterPerson; reason: UnavailableReason } | null;
}

export interface RosterMonth {
  domain: { id: string; name: string };
  month: string;
  days: RosterMonthDay[];
}

const monthRange = (month: string) => {
  const days = workingDaysOf(month);
  return { days, from: `${month}-01`, to: lastDayOf(month) };
};

async function requireDomain(db: Executor, domainId: string): Promise<{ id: string; name: string }> {
  const domain = (await listDomains(db)).find((d) => d.id === domainId);
  if (!domain) throw notFound('Domain', domainId);
  return domain;
}

function requireManage(actor: Actor, domainId: string): void {
  if (!mayActInDomain(actor, domainId)) throw new AppError('forbidden', `${actor.login} does not keep the roster of domain ${domainId}`);
}

/** Who is absent when, from the capacity plan (the rule: roster.ts, isAbsentOn). */
async function absenceOf(db: Executor, people: readonly RosterCandidate[], from: string, to: string) {
  const periods = new Map<string, PersonPeriod[]>();
  for (const p of await listPlanPeriodsOf(db, people.map((x) => x.id), from, to)) {
    periods.set(p.staffId, [...(periods.get(p.staffId) ?? []), p]);
  }
  const hours = new Map(people.map((x) => [x.id, x.hoursPerWeek]));
  return (id: string, day: string) => isAbsentOn(periods.get(id) ?? [], hours.get(id) ?? 0, day);
}

/** Who may be on call in a domain from `from` to `to`, as the staff list and the capacity plan say now. */
async function availabilityOf(db: Executor, domainId: string, from: string, to: string) {
  const investigators = await listDomainInvestigators(db, domainId);
  const absent = await absenceOf(db, investigators, from, to);
  const active = new Set(investigators.map((x) => x.id));
  /** Why someone cannot be on call that day, or null when they can. */
  const unavailable = (id: string, day: string): UnavailableReason | null =>
    !active.has(id) ? 'notInvestigator' : absent(id, day) ? 'absent' : null;
  return { investigators, absent, unavailable };
}

/** Everything generating a month needs: its working days, who is available when, and the turns of earlier months. */
async function generationInput(db: Executor, domainId: string, month: string) {
  const { days, from, to } = monthRange(month);
  const [availability, previous, before] = await Promise.all([
    availabilityOf(db, domainId, from, to),
    countTurns(db, domainId, `${monthsBefore(month, FAIRNESS_MONTHS)}-01`, lastDayOf(monthsBefore(month, 1))),
    lastRosterDayBefore(db, domainId, from),
  ]);
  return { days, from, to, ...availability, previous, dayBefore: before?.investigatorId ?? null };
}

/**
 * Fills a month in an open transaction (the domain locked): days edited by
 * hand stay, unless their person is no longer an investigator of the domain
 * or is now absent in the capacity plan; every other day is made anew.
 */
async function fillMonth(tx: Tx, domainId: string, month: string): Promise<void> {
  const input = await generationInput(tx, domainId, month);
  const fixed = new Map<string, string>();
  for (const d of await listRosterDays(tx, domainId, input.from, input.to)) {
    if (d.editedBy !== null && input.unavailable(d.investigatorId, d.day) === null) fixed.set(d.day, d.investigatorId);
  }
  const roster = generateRoster({ ...input, fixed });
  await deleteRosterDays(tx, domainId, input.from, input.to, [...fixed.keys()]);
  await insertRosterDays(tx, domainId, roster.flatMap((r) => (r.investigatorId !== null && !fixed.has(r.date) ? [{ day: r.date, investigatorId: r.investigatorId }] : [])));
}

/**
 * A generated day (not edited by hand) from today on whose person can no
 * longer be on call. Days before today are history: who was on call then
 * stays as it was, even when the plan is corrected afterwards.
 */
const isStale = (d: StoredRosterDay, today: string, unavailable: (id: string, day: string) => UnavailableReason | null) =>
  d.day >= today && d.editedBy === null && unavailable(d.investigatorId, d.day) !== null;

/**
 * Replaces, in an open transaction (the domain locked), the stale days of a
 * stored month: each gets the fairest available investigator, counting the
 * days that stay as turns; a day nobody is available is left empty. Every
 * other day stays as it is, so one absence does not reshuffle the month.
 */
async function repairMonth(tx: Tx, domainId: string, month: string, today: string): Promise<void> {
  const input = await generationInput(tx, domainId, month);
  const stored = await listRosterDays(tx, domainId, input.from, input.to);
  const stale = new Set(stored.filter((d) => isStale(d, today, input.unavailable)).map((d) => d.day));
  if (stale.size === 0) return;
  const fixed = new Map(stored.filter((d) => !stale.has(d.day)).map((d) => [d.day, d.investigatorId]));
  const roster = generateRoster({ ...input, days: stored.map((d) => d.day), fixed });
  await deleteRosterDaysOn(tx, domainId, [...stale]);
  await insertRosterDays(tx, domainId, roster.flatMap((r) => (r.investigatorId !== null && stale.has(r.date) ? [{ day: r.date, investigatorId: r.investigatorId }] : [])));
}

/** (Re)generates a domain's month, all or nothing; days edited by hand are kept. */
export async function generateMonth(ctx: AppContext, actor: Actor, input: GenerateRoster): Promise<RosterMonth> {
  requireManage(actor, input.domain);
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await lockDomain(tx, input.domain))) throw notFound('Domain', input.domain);
    await fillMonth(tx, input.domain, input.month);
  });
  return readMonth(ctx, input.domain, input.month);
}

/**
 * A domain's month, one entry per working day, as front office may use it:
 *
 * - A month without any stored day up to next month is generated first
 *   (generate-on-read): the telephone system asks for months nobody has
 *   planned yet, and an empty answer would put nobody through. A month
 *   further ahead is answered as computed now, but not stored: its capacity
 *   plan is seldom filled in yet, and a stored roster would not follow it.
 * - Stored days from today on are checked against the capacity plan and the
 *   staff list as they are now. A generated day whose person is absent or no
 *   longer an active investigator of the domain is generated again (or left
 *   empty when nobody is available). A day edited by hand is the coordinator's
 *   choice and is not overruled: it is answered as nobody, and flagged
 *   (`unavailable`) so the coordinator chooses again.
 */
export async function readMonth(ctx: AppContext, domainId: string, month: string): Promise<RosterMonth> {
  const domain = await requireDomain(ctx.db, domainId);
  const { days, from, to } = monthRange(month);
  if (days.length === 0) return { domain, month, days: [] };
  const today = amsterdamDay(ctx.clock());
  let stored = await listRosterDays(ctx.db, domainId, from, to);
  if (stored.length === 0 && month > monthsAfter(today.slice(0, 7), STORE_AHEAD_MONTHS)) {
    const input = await generationInput(ctx.db, domainId, month);
    const names = new Map(input.investigators.map((x) => [x.id, x.name]));
    return {
      domain,
      month,
      days: generateRoster(input).map((r) => ({
        date: r.date,
        investigator: r.investigatorId === null ? null : { id: r.investigatorId, name: names.get(r.investigatorId) ?? '' },
        editedBy: null,
        editedAt: null,
        unavailable: null,
      })),
    };
  }
  if (stored.length === 0) {
    await ctx.db.transaction().execute(async (tx) => {
      await lockDomain(tx, domainId);
      // someone else may have generated it while we waited for the lock
      if ((await listRosterDays(tx, domainId, from, to)).length === 0) await fillMonth(tx, domainId, month);
    });
    stored = await listRosterDays(ctx.db, domainId, from, to);
  }
  const { unavailable } = await availabilityOf(ctx.db, domainId, from, to);
  if (stored.some((d) => isStale(d, today, unavailable))) {
    await ctx.db.transaction().execute(async (tx) => {
      await lockDomain(tx, domainId);
      await repairMonth(tx, domainId, month, today);
    });
    stored = await listRosterDays(ctx.db, domainId, from, to);
  }
  const byDay = new Map(stored.map((d) => [d.day, d]));
  return {
    domain,
    month,
    days: days.map((date) => {
      const d = byDay.get(date);
      const person = d ? { id: d.investigatorId, name: d.investigatorName } : null;
      // a hand edit (or a day changed since the repair above) whose person cannot take calls: nobody, flagged
      const reason = d && date >= today ? unavailable(d.investigatorId, date) : null;
      return {
        date,
        investigator: reason === null ? person : null,
        editedBy: d?.editedBy ? { id: d.editedBy, name: d.editedByName ?? '' } : null,
        editedAt: d?.editedAt ?? null,
        unavailable: person && reason ? { person, reason } : null,
      };
    }),
  };
}

/** The API's answer: `{items: [{date, investigatorId}]}`, one per working day. */
export async function rosterItems(ctx: AppContext, domainId: string, month: string): Promise<RosterItems> {
  const m = await readMonth(ctx, domainId, month);
  return { items: m.days.map((d) => ({ date: d.date, investigatorId: d.investigator?.id ?? null })) };
}

/**
 * Sets the person on call on one day by hand. They must be an active
 * investigator of the domain and not absent that day in the capacity plan;
 * the day must be a working day. Refusals name the field, in Dutch too. A
 * month not stored yet is generated (and stored) first.
 */
export async function editDay(ctx: AppContext, actor: Actor, input: EditRosterDay): Promise<void> {
  requireManage(actor, input.domain);
  let working: boolean;
  try {
    working = isWorkingDay(input.day);
  } catch {
    throw invalidField('day', 'not a day', 'Dit is geen geldige datum.');
  }
  if (!working) throw invalidField('day', 'not a working day: nobody is on call', 'Dit is geen werkdag: dan is er geen rooster.');
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await lockDomain(tx, input.domain))) throw notFound('Domain', input.domain);
    const person = (await listDomainInvestigators(tx, input.domain)).find((x) => x.id === input.investigatorId);
    if (!person) {
      throw invalidField('investigatorId', 'not an active investigator of this domain', 'Deze persoon is geen actieve onderzoeker van dit domein.', 'unprocessable');
    }
    const absent = await absenceOf(tx, [person], input.day, input.day);
    if (absent(person.id, input.day)) {
      throw invalidField('investigatorId', `${person.name} is absent on ${input.day} in the capacity plan`,
        `${person.name} is volgens het capaciteitsplan afwezig op ${dateNl(input.day)}. Kies iemand anders.`, 'unprocessable');
    }
    // a month not stored yet (further ahead than generate-on-read goes) is planned first: one stored day would leave the rest empty
    const month = input.day.slice(0, 7);
    const { from, to } = monthRange(month);
    if ((await listRosterDays(tx, input.domain, from, to)).length === 0) await fillMonth(tx, input.domain, month);
    await upsertRosterDay(tx, input.domain, input.day, person.id, actor.id, ctx.clock());
  });
}

/** The domain's investigators with, per day of the month, whether each is absent: for the edit choices. */
export async function choicesFor(ctx: AppContext, domainId: string, month: string) {
  const { from, to } = monthRange(month);
  const investigators = await listDomainInvestigators(ctx.db, domainId);
  const absent = await absenceOf(ctx.db, investigators, from, to);
  return { investigators: investigators.map(({ id, name }) => ({ id, name })), absent };
}

export interface TodayOnCall {
  domain: { id: string; name: string };
  investigator: RosterPerson | null;
}

/**
 * Today's person per domain, for front office (today in Amsterdam). Null on a
 * working day means nobody is available: front office makes a callback
 * request. On a day that is not a working day, `workingDay` is false.
 */
export async function onCallToday(ctx: AppContext): Promise<{ day: string; workingDay: boolean; domains: TodayOnCall[] }> {
  const day = amsterdamDay(ctx.clock());
  const domains = await listDomains(ctx.db);
  const workingDay = isWorkingDay(day);
  if (!workingDay) return { day, workingDay, domains: domains.map((d) => ({ domain: d, investigator: null })) };
  // read through readMonth: it generates a month not planned yet, and checks the day against today's capacity plan
  const month = day.slice(0, 7);
  const onCall: TodayOnCall[] = [];
  for (const d of domains) {
    const m = await readMonth(ctx, d.id, month);
    onCall.push({ domain: d, investigator: m.days.find((x) => x.date === day)?.investigator ?? null });
  }
  return { day, workingDay, domains: onCall };
}

export const dateNl = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
