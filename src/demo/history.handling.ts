import type { HistoricCase } from '../cases/case.history.ts';
import type { Lanes } from '../core/lanes.ts';
import type { Command } from '../core/lifecycle.ts';
import type { Random } from '../core/random.ts';
import { momentOf, type Calendar } from './history.calendar.ts';
import { AFTERCARE_NOTES, PROPOSALS, REOPEN_REASONS, TRANSFER_REASONS } from './history.text.ts';

/**
 * What happens to a case once it leaves the tray: closed straight away by
 * the coordinator, or assigned and then handled by the investigator (first
 * contact, closing, now and then a transfer, aftercare or reopening). All
 * steps are written at once; those after `until` are cut off later, which
 * leaves the case open exactly as it stood at that moment.
 */
export interface SimCase {
  historic: HistoricCase;
  domainId: string;
  unitId: 'standard' | 'extended';
  lanes: Partial<Lanes> | null;
  lanesSet: boolean;
  laneDay: number;
  laneActor: string;
  /** Queue the case sits in while in the tray, or -1 when it is not in the tray. */
  queue: number;
}

export interface HandlingContext {
  rng: Random;
  cal: Calendar;
  coordinatorOf: (domainId: string) => string;
  teamManagerOf: (domainId: string) => string;
}

/** What the simulation must still do for this case on later days. */
export interface Followup {
  /** Day the investigator's load goes down again (closed or transferred). */
  releaseDay: number;
  /** KB -> UKB transfer: the day the case enters the UKB tray. */
  requeueDay: number | null;
}

export function addStep(sc: SimCase, at: Date, actor: string | null, command: Command): void {
  const steps = sc.historic.steps;
  const last = steps.length > 0 ? steps[steps.length - 1]!.at : sc.historic.receivedAt;
  // Steps of one case never go back in time, even when two land in the same minute.
  const when = at.getTime() <= last.getTime() ? new Date(last.getTime() + 60_000) : at;
  steps.push({ at: when, actor, command });
}

type HandlingType = 'intervention' | 'referral' | 'investigation' | 'advice' | 'quick';

const OUTCOMES_BY_HANDLING: Record<HandlingType, readonly [string, number][]> = {
  quick: [['intervention', 45], ['referral', 25], ['KEN', 15], ['advice', 15]],
  intervention: [['intervention', 70], ['advice', 10], ['withdrawn', 8], ['OB', 7], ['referral', 5]],
  referral: [['referral', 65], ['KEN', 35]],
  advice: [['advice', 75], ['referral', 15], ['OB', 10]],
  investigation: [['report', 40], ['intervention', 35], ['advice', 15], ['withdrawn', 10]],
};

/** Working days from first contact to closing, by handling type (1-6 weeks for most). */
const DURATION: Record<HandlingType, [number, number]> = {
  quick: [2, 8],
  intervention: [5, 25],
  referral: [3, 12],
  advice: [4, 15],
  investigation: [10, 30],
};

function handlingTypeFor(rng: Random, sc: SimCase): HandlingType {
  const lanes = sc.lanes ?? {};
  if (lanes.urgent) return 'intervention';
  if (lanes.b) return rng.chance(0.5) ? 'quick' : 'intervention';
  if (lanes.pop) return 'quick';
  if (lanes.ob) return rng.chance(0.5) ? 'advice' : 'quick';
  if (sc.unitId === 'extended') return rng.chance(0.7) ? 'investigation' : 'intervention';
  return rng.weighted<[HandlingType, number]>(
    [['intervention', 40], ['referral', 20], ['advice', 15], ['investigation', 10], ['quick', 15]],
    (x) => x[1],
  )[0];
}

const pickOutcome = (rng: Random, type: HandlingType) => rng.weighted(OUTCOMES_BY_HANDLING[type], (x) => x[1])[0];

/** Lanes decided at intake but not yet marked are marked right before the case leaves the tray. */
export function markLanesBeforeTake(sc: SimCase, day: number, minute: number): void {
  if (sc.lanes && !sc.lanesSet) {
    addStep(sc, momentOf(day, minute - 5), sc.laneActor, { type: 'setLanes', lanes: sc.lanes });
    sc.lanesSet = true;
  }
}

/** KEN, OB or a withdrawal: the coordinator closes the case from the tray without an investigator. */
export function closeFromTray(ctx: HandlingContext, sc: SimCase, day: number, minute: number, outcomeId: string): void {
  const coordinator = ctx.coordinatorOf(sc.domainId);
  addStep(sc, momentOf(day, minute), coordinator, { type: 'close', outcomeId });
  if (ctx.rng.chance(0.02)) {
    const later = ctx.cal.addWorkingDays(day, ctx.rng.int(3, 30));
    addStep(sc, momentOf(later, ctx.rng.int(480, 960)), coordinator, { type: 'aftercare', note: ctx.rng.pick(AFTERCARE_NOTES) });
  }
}

export function assignAndHandle(ctx: HandlingContext, sc: SimCase, investigator: string, day: number, minute: number): Followup {
  const { rng, cal } = ctx;
  const type = handlingTypeFor(rng, sc);
  addStep(sc, momentOf(day, minute), ctx.coordinatorOf(sc.domainId), {
    type: 'assign',
    investigatorId: investigator,
    proposal: rng.pick(PROPOSALS[type] ?? PROPOSALS.intervention!),
    handlingType: type,
  });

  // The investigator calls as soon as possible: urgent cases the same day.
  const urgent = sc.lanes?.urgent === true;
  const contactDay = urgent && minute < 900 ? day : cal.addWorkingDays(day, urgent ? 1 : rng.weighted([1, 2, 3, 4, 5], (d) => [35, 30, 20, 10, 5][d - 1]!));
  const contactMinute = contactDay === day ? minute + rng.int(20, 120) : rng.int(480, 960);
  addStep(sc, momentOf(contactDay, contactMinute), investigator, { type: 'recordFirstContact' });

  if (sc.unitId === 'standard' && rng.chance(0.015)) {
    const transferDay = cal.addWorkingDays(contactDay, rng.int(3, 10));
    addStep(sc, momentOf(transferDay, rng.int(540, 660)), ctx.coordinatorOf(sc.domainId), {
      type: 'transfer', unitId: 'extended', reason: rng.pick(TRANSFER_REASONS.extended),
    });
    return { releaseDay: transferDay, requeueDay: transferDay };
  }
  if (rng.chance(sc.unitId === 'extended' ? 0.03 : 0.004)) {
    const transferDay = cal.addWorkingDays(contactDay, rng.int(5, 20));
    addStep(sc, momentOf(transferDay, rng.int(600, 900)), ctx.teamManagerOf(sc.domainId), {
      type: 'transfer', unitId: 'research', reason: rng.pick(TRANSFER_REASONS.research),
    });
    return { releaseDay: transferDay, requeueDay: null };
  }

  const [min, max] = DURATION[type];
  const closeDay = cal.addWorkingDays(contactDay, rng.int(min, max));
  addStep(sc, momentOf(closeDay, rng.int(480, 990)), investigator, { type: 'close', outcomeId: pickOutcome(rng, type) });

  const after = rng.next();
  if (after < 0.008) {
    // Reopened: the agency did not keep its promise; the same investigator closes it again.
    const reopenDay = cal.addWorkingDays(closeDay, rng.int(5, 30));
    addStep(sc, momentOf(reopenDay, rng.int(540, 700)), ctx.coordinatorOf(sc.domainId), { type: 'reopen', reason: rng.pick(REOPEN_REASONS) });
    const againDay = cal.addWorkingDays(reopenDay, rng.int(5, 15));
    addStep(sc, momentOf(againDay, rng.int(480, 990)), investigator, { type: 'close', outcomeId: pickOutcome(rng, 'intervention') });
  } else if (after < 0.008 + 0.03) {
    const careDay = cal.addWorkingDays(closeDay, rng.int(3, 40));
    addStep(sc, momentOf(careDay, rng.int(480, 990)), investigator, { type: 'aftercare', note: rng.pick(AFTERCARE_NOTES) });
  }
  return { releaseDay: closeDay, requeueDay: null };
}
