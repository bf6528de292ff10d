import { describe, expect, it } from 'vitest';
import { Random } from '../core/random.ts';
import { PlanBuilder } from './trace.plan.ts';
import { plannedHours } from './trace.ts';

describe('PlanBuilder', () => {
  it('turns leave, absence, re-integration and onboarding into periods', () => {
    const b = new PlanBuilder();
    const a = b.add('inkomen', '2024-01-01', 1);
    b.absent(a, '2024-03-01', '2024-05-31');
    b.reduce(a, '2024-06-01', '2024-06-30', 0.5);
    b.leave(a, '2024-12-31');
    const n = b.hire('inkomen', '2024-02-05', 0.8, 4);
    expect(b.build()).toEqual([
      { investigator: 'inkomen-01', domain: 'inkomen', from: '2024-01-01', to: '2024-02-29', hoursPerWeek: 36 },
      { investigator: 'inkomen-01', domain: 'inkomen', from: '2024-06-01', to: '2024-06-30', hoursPerWeek: 18 },
      { investigator: 'inkomen-01', domain: 'inkomen', from: '2024-07-01', to: '2024-12-31', hoursPerWeek: 36 },
      { investigator: n, domain: 'inkomen', from: '2024-02-05', to: '2024-03-03', hoursPerWeek: 14.4 },
      { investigator: n, domain: 'inkomen', from: '2024-03-04', to: null, hoursPerWeek: 28.8 },
    ]);
  });

  it('fills a domain to about the hours asked, with part-timers', () => {
    const b = new PlanBuilder();
    b.fill(new Random(1), 'zorg-en-jeugd', '2024-01-01', 200);
    const hours = plannedHours(b.build(), '2024-06-01');
    expect(Math.abs(hours - 200)).toBeLessThanOrEqual(18);
  });
});
