import { describe, expect, it } from 'vitest';
import { normOn, personWeeks } from './production.ts';

const schedule = [
  { validFrom: '2024-02-15', perFteWeek: 9 },
  { validFrom: '2024-01-01', perFteWeek: 8 },
  { validFrom: '2024-08-01', perFteWeek: 12 },
];

describe('the norm schedule', () => {
  it('takes the step in force on the day, none before the first', () => {
    expect(normOn(schedule, '2023-12-31')).toBeNull();
    expect(normOn(schedule, '2024-01-08')).toBe(8);
    expect(normOn(schedule, '2024-02-15')).toBe(9);
    expect(normOn(schedule, '2024-09-02')).toBe(12);
  });
});

describe('production per person and week', () => {
  it('scales the norm by FTE and counts each closing once', () => {
    const rows = personWeeks(
      [{ investigatorId: 'a', week: '2024-09-02' }, { investigatorId: 'a', week: '2024-09-02' }, { investigatorId: 'b', week: '2024-09-02' }],
      [{ id: 'a', fte: 1 }, { id: 'b', fte: 0.5 }],
      ['2024-09-02'],
      schedule,
    );
    expect(rows).toEqual([
      { investigatorId: 'a', week: '2024-09-02', closed: 2, expected: 12, ratio: 0.17 },
      { investigatorId: 'b', week: '2024-09-02', closed: 1, expected: 6, ratio: 0.17 },
    ]);
  });
});
