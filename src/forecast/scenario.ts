import { z } from 'zod';
import type { CapacityPlan, LaneSlot, PlanPeriod } from '../capacity/plan.ts';
import { addDays, mondayOf } from './trace.calendar.ts';

/**
 * What-if scenarios (issue 5): a named list of changes on top of the live
 * capacity plan, so a scenario is "today's plan, copied, with these changes"
 * and stays current when the plan is edited. Pure: changes in, a changed plan
 * and the factors the queue model needs out.
 *
 * - hire: N people of H hours from a date, in a domain or spread over all,
 *   onboarding at half their hours for the first W weeks (as the plan does);
 * - slot: a B session or POP day in a rhythm from a date; it replaces that
 *   lane's slots of the domain from then on ("a POP day each week");
 * - norm: the cases taken per available hour X% higher (or lower) from a date
 *   (the norm path);
 * - surge: X% more inflow for Y weeks from the week of a date;
 * - extended: Z% of a domain's inflow routed to the extended unit (UKB) and
 *   handled there outside the domain's tray. CHOSEN: the forecast has one tray
 *   and one set of hours per domain (KB and UKB together), so the UKB's extra
 *   work is not taken from those hours: an upper bound on the gain.
 */
const ZDay = z.iso.date();
const ZDomainOrAll = z.string().min(1).max(60).nullable();

export const ZPlanChange = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('hire'), domain: ZDomainOrAll, people: z.number().int().min(1).max(100),
    hoursPerWeek: z.number().gt(0).max(40), from: ZDay, onboardingWeeks: z.number().int().min(0).max(52),
  }),
  z.strictObject({
    kind: z.literal('slot'), domain: ZDomainOrAll, lane: z.enum(['b', 'pop']), weekday: z.number().int().min(1).max(5),
    everyWeeks: z.number().int().min(1).max(8), hours: z.number().gt(0).max(200), from: ZDay,
  }),
  z.strictObject({ kind: z.literal('norm'), percent: z.number().min(-90).max(300), from: ZDay }),
  z.strictObject({ kind: z.literal('surge'), domain: ZDomainOrAll, percent: z.number().min(-90).max(500), from: ZDay, weeks: z.number().int().min(1).max(52) }),
  z.strictObject({ kind: z.literal('extended'), domain: ZDomainOrAll, percent: z.number().min(0).max(100) }),
]);
export type PlanChange = z.output<typeof ZPlanChange>;

export const ZScenario = z.strictObject({
  name: z.string().trim().min(1).max(80),
  changes: z.array(ZPlanChange).min(1).max(20),
});
export type Scenario = z.output<typeof ZScenario>;

export interface AppliedScenario {
  plan: CapacityPlan;
  /** Multiplier on a domain's inflow in the week starting on `week` (a Monday). */
  inflowFactor(domain: string, week: string): number;
  /** Multiplier on the cases per available hour on a day. */
  rateFactor(day: string): number;
}

const applies = (target: string | null, domain: string) => target === null || target === domain;

export function applyScenario(base: CapacityPlan, changes: readonly PlanChange[], domains: readonly string[]): AppliedScenario {
  const periods: PlanPeriod[] = [...base.periods];
  let slots: LaneSlot[] = [...base.slots];
  changes.forEach((change, c) => {
    if (change.kind === 'hire') {
      for (let i = 0; i < change.people; i++) {
        const domain = change.domain ?? domains[i % domains.length]!;
        const person = `Scenario ${c + 1}: nieuw ${i + 1}`;
        periods.push({ person, staffId: null, domain, kind: 'contract', from: change.from, to: null, hoursPerWeek: change.hoursPerWeek });
        if (change.onboardingWeeks > 0) {
          periods.push({
            person, staffId: null, domain, kind: 'onboarding', from: change.from, to: addDays(change.from, 7 * change.onboardingWeeks - 1),
            hoursPerWeek: change.hoursPerWeek / 2,
          });
        }
      }
    } else if (change.kind === 'slot') {
      const targets = domains.filter((d) => applies(change.domain, d));
      // The new rhythm replaces the lane's slots of those domains from its first day.
      slots = slots.flatMap((s) => {
        if (s.lane !== change.lane || !targets.includes(s.domain) || (s.to !== null && s.to < change.from)) return [s];
        return s.from >= change.from ? [] : [{ ...s, to: addDays(change.from, -1) }];
      });
      for (const domain of targets) {
        slots.push({ domain, lane: change.lane, weekday: change.weekday, everyWeeks: change.everyWeeks, hours: change.hours, from: change.from, to: null });
      }
    }
  });
  return {
    plan: { ...base, periods, slots },
    inflowFactor(domain, week) {
      let factor = 1;
      for (const change of changes) {
        if (change.kind === 'surge' && applies(change.domain, domain) && week >= mondayOf(change.from) && week < addDays(mondayOf(change.from), 7 * change.weeks)) {
          factor *= 1 + change.percent / 100;
        }
        if (change.kind === 'extended' && applies(change.domain, domain)) factor *= 1 - change.percent / 100;
      }
      return factor;
    },
    rateFactor(day) {
      let factor = 1;
      for (const change of changes) if (change.kind === 'norm' && day >= change.from) factor *= 1 + change.percent / 100;
      return factor;
    },
  };
}
