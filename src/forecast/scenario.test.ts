import { describe, expect, it } from 'vitest';
import { capacityOn, slotOn, type CapacityPlan } from '../capacity/plan.ts';
import { applyScenario, ZPlanChange } from './scenario.ts';

const DOMAINS = ['inkomen', 'leefomgeving'];
const base: CapacityPlan = {
  formationFte: 2, sicknessShare: 0,
  periods: DOMAINS.map((domain) => ({ person: `p-${domain}`, staffId: null, domain, kind: 'contract' as const, from: '2024-01-01', to: null, hoursPerWeek: 36 })),
  slots: DOMAINS.map((domain) => ({ domain, lane: 'pop' as const, weekday: 3, everyWeeks: 2, hours: 14.4, from: '2024-01-03', to: null })),
};

describe('what-if scenarios', () => {
  it('hires people from a date, spread over the domains, at half their hours while onboarding', () => {
    const s = applyScenario(base, [{ kind: 'hire', domain: null, people: 3, hoursPerWeek: 36, from: '2024-03-01', onboardingWeeks: 4 }], DOMAINS);
    expect(capacityOn(s.plan, '2024-02-29').occupiedHours).toBe(72);
    expect(capacityOn(s.plan, '2024-03-04')).toMatchObject({ occupiedHours: 180, availableHours: 126 });
    expect(capacityOn(s.plan, '2024-04-01')).toMatchObject({ occupiedHours: 180, availableHours: 180 });
    expect(capacityOn(s.plan, '2024-04-01', 'inkomen').occupiedHours).toBe(108);
    expect(capacityOn(s.plan, '2024-04-01', 'leefomgeving').occupiedHours).toBe(72);
    // the plan itself is untouched
    expect(capacityOn(base, '2024-04-01').occupiedHours).toBe(72);
  });

  it('makes the POP day weekly from a date, replacing the fortnightly one from then on', () => {
    const s = applyScenario(base, [{ kind: 'slot', domain: null, lane: 'pop', weekday: 3, everyWeeks: 1, hours: 14.4, from: '2024-03-01' }], DOMAINS);
    const popDays = (plan: CapacityPlan, from: string) =>
      Array.from({ length: 28 }, (_, i) => new Date(Date.parse(from) + i * 86_400_000).toISOString().slice(0, 10))
        .filter((d) => plan.slots.some((slot) => slot.domain === 'inkomen' && slotOn(slot, d)));
    expect(popDays(base, '2024-03-01')).toHaveLength(2);
    expect(popDays(s.plan, '2024-03-01')).toEqual(['2024-03-06', '2024-03-13', '2024-03-20', '2024-03-27']);
    expect(popDays(s.plan, '2024-01-29')).toEqual(popDays(base, '2024-01-29')); // before the change, as planned
  });

  it('scales the inflow for a surge and for routing to the extended unit, and the rate for the norm path', () => {
    const s = applyScenario(base, [
      { kind: 'surge', domain: 'inkomen', percent: 40, from: '2024-03-06', weeks: 2 },
      { kind: 'extended', domain: null, percent: 10 },
      { kind: 'norm', percent: 20, from: '2024-04-01' },
    ], DOMAINS);
    expect(s.inflowFactor('inkomen', '2024-02-26')).toBeCloseTo(0.9);
    expect(s.inflowFactor('inkomen', '2024-03-04')).toBeCloseTo(1.26); // the week holding 6 March
    expect(s.inflowFactor('inkomen', '2024-03-11')).toBeCloseTo(1.26);
    expect(s.inflowFactor('inkomen', '2024-03-18')).toBeCloseTo(0.9);
    expect(s.inflowFactor('leefomgeving', '2024-03-11')).toBeCloseTo(0.9);
    expect(s.rateFactor('2024-03-29')).toBe(1);
    expect(s.rateFactor('2024-04-01')).toBeCloseTo(1.2);
  });

  it('rejects changes outside their limits', () => {
    expect(ZPlanChange.safeParse({ kind: 'hire', domain: null, people: 0, hoursPerWeek: 36, from: '2024-03-01', onboardingWeeks: 0 }).success).toBe(false);
    expect(ZPlanChange.safeParse({ kind: 'surge', domain: null, percent: 40, from: '2024-13-01', weeks: 2 }).success).toBe(false);
    expect(ZPlanChange.safeParse({ kind: 'extended', domain: null, percent: 120 }).success).toBe(false);
  });
});
