import { describe, expect, it } from 'vitest';
import { capacityOn } from '../capacity/plan.ts';
import { DEMO_SEED } from './demo.service.ts';
import { demoCapacityPlan, SEED_TABLE } from './capacity.ts';
import { demoStaff } from './staff.ts';

describe('the demo capacity plan (must-show 3)', () => {
  it.each([DEMO_SEED, 1, 2])('reproduces the seed\'s table for seed %i', (seed) => {
    const plan = demoCapacityPlan(demoStaff(seed));
    expect(plan.formationFte).toBe(34);
    const rows = SEED_TABLE.map((r) => capacityOn(plan, r.day));
    expect(rows.map((r) => [r.day, r.formationFte, r.occupiedFte, r.occupiedHours, r.availableFte, r.availableHours])).toEqual([
      ['2023-12-01', 34, 30.7, 1104, 21.4, 769],
      ['2024-02-01', 34, 35.7, 1284, 25.5, 919],
      ['2024-06-01', 34, 35.7, 1284, 32, 1152],
    ]);
  });

  it('holds the demo investigators with their contract hours, and 45% of them new in the year before 1 Feb 2024', () => {
    const staff = demoStaff(DEMO_SEED);
    const plan = demoCapacityPlan(staff, new Map(staff.map((s, i) => [s.login, `id-${i}`])));
    const investigators = staff.filter((s) => s.roles.includes('investigator'));
    for (const s of investigators) {
      const contracts = plan.periods.filter((p) => p.person === s.name && p.kind === 'contract');
      expect(contracts.reduce((n, p) => n + p.hoursPerWeek, 0)).toBeCloseTo(s.hoursPerWeek, 0);
      expect(contracts.every((p) => p.staffId !== null)).toBe(true);
    }
    const newcomers = investigators.filter((s) => plan.periods.some((p) => p.person === s.name && p.kind === 'contract' && p.from > '2023-02-01' && p.from <= '2024-02-01'));
    expect(newcomers.length / investigators.length).toBeCloseTo(0.45, 1);
  });
});
