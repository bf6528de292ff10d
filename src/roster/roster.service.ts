import { mayActInDomain, type Actor } from '../auth/policy.ts';
import { isWorkingDay } from '../core/holidays.ts';
import type { Executor, Tx } from '../db/database.ts';
import { amsterdamDay } from '../notices/calllist.report.ts';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, invalidField, notFound } from '../shared/errors.ts';
import {
  countTurns, deleteRosterDays, insertRosterDays, lastRosterDayBefore, listDomainInvestigators, listPlanPeriodsOf, listRosterDays, lockDomain,
  rosterOn, upsertRosterDay, type RosterCandidate,
} from './roster.repository.ts';
import type { EditRosterDay, GenerateRoster, RosterItems } from './roster.schema.ts';
import { generateRoster, isAbsentOn, lastDayOf, monthsBefore, workingDaysOf, type PersonPeriod } from './roster.ts';

/**
 * The on-call roster per domain. A month is generated fairly over the
 * domain's investigators (src/roster/roster.ts), respecting absence in the
 * capacity plan; coordinators and team managers edit single days by hand, and
 * a new generation keeps those. A month nobody has generated yet is generated
 * when it is first read, so the telephone system never finds an empty month.
 */

/** Earlier months whose turns break ties, so the months even out. */
const FAIRNESS_MONTHS = 6;

export interface RosterPerson { id: string; name: string }

export interface RosterMonthDay {
  date: string;
  investigator: RosterPerson | null;
  /** Set when the day was edited by hand (a new generation keeps it). */
  editedBy: RosterPerson | null;
  editedAt: Date | null;
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

/**
 * Fills a month in an open transaction (the domain locked): days edited by
 * hand stay, unless their person is no longer an investigator of the domain
 * or is now absent in the capacity plan; every other day is made anew.
 */
async function fillMonth(tx: Tx, domainId: string, month: string): Promise<void> {
  const { days, from, to } = monthRange(month);
  const investigators = await listDomainInvestigators(tx, domainId);
  const absent = await absenceOf(tx, investigators, from, to);
  const isInvestigator = new Set(investigators.map((x) => x.id));
  const fixed = new Map<string, string>();
  for (const d of await listRosterDays(tx, domainId, from, to)) {
    if (d.editedBy !== null && isInvestigator.has(d.investigatorId) && !absent(d.investigatorId, d.day)) fixed.set(d.day, d.investigatorId);
  }
  const [previous, before] = await Promise.all([
    countTurns(tx, domainId, `${monthsBefore(month, FAIRNESS_MONTHS)}-01`, lastDayOf(monthsBefore(month, 1))),
    lastRosterDayBefore(tx, domainId, from),
  ]);
  const roster = generateRoster({ days, investigators, absent, previous, fixed, dayBefore: before?.investigatorId ?? null });
  await deleteRosterDays(tx, domainId, from, to, [...fixed.keys()]);
  await insertRosterDays(tx, domainId, roster.flatMap((r) => (r.investigatorId !== null && !fixed.has(r.date) ? [{ day: r.date, investigatorId: r.investigatorId }] : [])));
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
 * A domain's month as stored, one entry per working day. A month without any
 * stored day is generated first (generate-on-read): the telephone system asks
 * for months nobody has planned yet, and an empty answer would put nobody
 * through. A month with stored days is answered as it is.
 */
export async function readMonth(ctx: AppContext, domainId: string, month: string): Promise<RosterMonth> {
  const domain = await requireDomain(ctx.db, domainId);
  const { days, from, to } = monthRange(month);
  let stored = await listRosterDays(ctx.db, domainId, from, to);
  if (stored.length === 0 && days.length > 0) {
    await ctx.db.transaction().execute(async (tx) => {
      await lockDomain(tx, domainId);
      // someone else may have generated it while we waited for the lock
      if ((await listRosterDays(tx, domainId, from, to)).length === 0) await fillMonth(tx, domainId, month);
    });
    stored = await listRosterDays(ctx.db, domainId, from, to);
  }
  const byDay = new Map(stored.map((d) => [d.day, d]));
  return {
    domain,
    month,
    days: days.map((date) => {
      const d = byDay.get(date);
      return {
        date,
        investigator: d ? { id: d.investigatorId, name: d.investigatorName } : null,
        editedBy: d?.editedBy ? { id: d.editedBy, name: d.editedByName ?? '' } : null,
        editedAt: d?.editedAt ?? null,
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
 * the day must be a working day. Refusals name the field, in Dutch too.
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
  // this month may not be generated yet for some domain: reading it generates it
  for (const d of domains) await readMonth(ctx, d.id, day.slice(0, 7));
  const today = new Map((await rosterOn(ctx.db, day)).map((r) => [r.domainId, r]));
  return {
    day,
    workingDay,
    domains: domains.map((d) => {
      const r = today.get(d.id);
      return { domain: d, investigator: r ? { id: r.investigatorId, name: r.investigatorName } : null };
    }),
  };
}

export const dateNl = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
