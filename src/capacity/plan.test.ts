import { describe, expect, it } from 'vitest';
import { availablePeriods, capacityOn, dailyHours, slotOn, type CapacityPlan } from './plan.ts';
import { plannedHours } from '../forecast/trace.ts';

const plan = (over: Partial<CapacityPlan> = {}): CapacityPlan => ({
  formationFte: 3,
  sicknessShare: 0.1,
  periods: [
    { person: 'An', staffId: null, domain: 'inkomen', kind: 'contract', from: '2024-01-01', to: null, hoursPerWeek: 36 },
    { person: 'An', staffId: null, domain: 'inkomen', kind: 'parentalLeave', from: '2024-03-01', to: '2024-03-31', hoursPerWeek: 36 },
    { person: 'Bo', staffId: null, domain: 'inkomen', kind: 'contract', from: '2024-02-01', to: '2024-12-31', hoursPerWeek: 32 },
    { person: 'Bo', staffId: null, domain: 'inkomen', kind: 'onboarding', from: '2024-02-01', to: '2024-04-30', hoursPerWeek: 16 },
    { person: 'Cas', staffId: null, domain: 'zorg-en-jeugd', kind: 'contract', from: '2024-01-01', to: null, hoursPerWeek: 24 },
    // more hours away than contracted: the person is simply not available, never negative
    { person: 'Cas', staffId: null, domain: 'zorg-en-jeugd', kind: 'absence', from: '2024-05-01', to: '2024-05-31', hoursPerWeek: 36 },
  ],
  slots: [{ domain: 'inkomen', lane: 'b', weekday: 5, everyWeeks: 2, hours: 8, from: '2024-01-05', to: null }],
  ...over,
});

describe('the capacity plan', () => {
  it('counts occupied hours from contracts and available hours net of leave, onboarding and absence', () => {
    expect(capacityOn(plan(), '2024-01-15')).toMatchObject({ occupiedHours: 60, occupiedFte: 1.7, availableHours: 60, formationFte: 3, formationHours: 108 });
    expect(capacityOn(plan(), '2024-02-15')).toMatchObject({ occupiedHours: 92, availableHours: 76 });
    expect(capacityOn(plan(), '2024-03-15')).toMatchObject({ occupiedHours: 92, availableHours: 40, afterSicknessHours: 36 });
    expect(capacityOn(plan(), '2024-05-15')).toMatchObject({ occupiedHours: 92, availableHours: 68 });
    expect(capacityOn(plan(), '2025-01-15', 'inkomen')).toMatchObject({ occupiedHours: 36, availableHours: 36 });
  });

  it('gives the wait predictor periods of constant available hours per person', () => {
    const periods = availablePeriods(plan());
    for (const day of ['2024-01-15', '2024-02-15', '2024-03-15', '2024-05-15', '2025-01-15']) {
      expect(plannedHours(periods, day)).toBeCloseTo(capacityOn(plan(), day).availableHours, 5);
    }
  });

  it('places a slot on its weekday in its rhythm, not on a public holiday', () => {
    const slot = plan().slots[0]!;
    expect(slotOn(slot, '2024-01-05')).toBe(true);
    expect(slotOn(slot, '2024-01-12')).toBe(false); // every other week
    expect(slotOn(slot, '2024-01-19')).toBe(true);
    expect(slotOn(slot, '2024-01-18')).toBe(false); // a Thursday
    expect(slotOn({ ...slot, weekday: 1, everyWeeks: 1 }, '2024-04-01')).toBe(false); // Easter Monday
  });

  it('spreads the week over working days and takes the slot hours out of the regular lane', () => {
    const { hours, sessions } = dailyHours(plan(), 'inkomen', '2024-01-15', 7);
    expect(Object.keys(hours)).toEqual(['2024-01-15', '2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19']);
    expect(sessions).toEqual([{ day: '2024-01-19', lane: 'b', hours: 8 * 0.9 }]);
    // the session's 7.2 hours come out of the week: 1.44 from each of its five days
    for (const day of Object.keys(hours)) expect(hours[day]).toBeCloseTo((36 * 0.9) / 5 - 1.44, 5);
    const next = dailyHours(plan(), 'inkomen', '2024-01-22', 5); // no session that week
    expect(next.hours['2024-01-22']).toBeCloseTo((36 * 0.9) / 5, 5);
  });
});
