import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRoster, isAbsentOn, lastDayOf, monthsAfter, monthsBefore, workingDaysOf, type RosterInvestigator } from './roster.ts';

const people = (...names: string[]): RosterInvestigator[] => names.map((name, i) => ({ id: `id-${i}`, name }));
const never = () => false;
const countsOf = (roster: { investigatorId: string | null }[]) => {
  const counts = new Map<string, number>();
  for (const d of roster) if (d.investigatorId) counts.set(d.investigatorId, (counts.get(d.investigatorId) ?? 0) + 1);
  return counts;
};

describe('the working days of a month', () => {
  it('are Monday to Friday minus the Dutch public holidays', () => {
    const may = workingDaysOf('2024-05');
    // 23 weekdays; Ascension Day (9 May) and Whit Monday (20 May) are off; 5 May falls on a Sunday
    expect(may).toHaveLength(21);
    expect(may).not.toContain('2024-05-09');
    expect(may).not.toContain('2024-05-20');
    expect(may[0]).toBe('2024-05-01');
    expect(may.at(-1)).toBe('2024-05-31');
    // King's Day, Saturday 27 April 2024 is no working day anyway; in 2023 it was a Thursday
    expect(workingDaysOf('2023-04')).not.toContain('2023-04-27');
    expect(workingDaysOf('2024-12')).not.toContain('2024-12-25');
    expect(workingDaysOf('2024-12')).not.toContain('2024-12-26');
  });

  it('know month ends, earlier and later months', () => {
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2023-02')).toBe('2023-02-28');
    expect(lastDayOf('2024-12')).toBe('2024-12-31');
    expect(monthsBefore('2024-03', 6)).toBe('2023-09');
    expect(monthsAfter('2024-12', 1)).toBe('2025-01');
    expect(monthsAfter('2024-05', 1) > '2024-05').toBe(true);
    expect(() => workingDaysOf('2024-13')).toThrow(RangeError);
  });
});

describe('generating a roster', () => {
  it('rotates in a stable order when everybody is there', () => {
    const [anna, bram, cor] = people('Anna', 'Bram', 'Cor');
    const roster = generateRoster({ days: workingDaysOf('2024-05').slice(0, 7), investigators: [cor!, anna!, bram!], absent: never });
    expect(roster.map((d) => d.investigatorId)).toEqual([anna, bram, cor, anna, bram, cor, anna].map((p) => p!.id));
  });

  it('skips whoever is absent and lets them catch up afterwards (fairness before variety)', () => {
    const [anna, bram] = people('Anna', 'Bram');
    const days = ['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-06', '2024-05-07', '2024-05-08'];
    const absent = (id: string, day: string) => id === anna!.id && day <= '2024-05-02';
    const roster = generateRoster({ days, investigators: [anna!, bram!], absent });
    // Bram on the first two days (nobody else); then Anna twice to catch up (fewest turns first), then alternating
    expect(roster.map((d) => d.investigatorId)).toEqual([bram, bram, anna, anna, bram, anna].map((p) => p!.id));
  });

  it('leaves a day empty when everybody is absent', () => {
    const [anna] = people('Anna');
    const roster = generateRoster({ days: ['2024-05-01', '2024-05-02'], investigators: [anna!], absent: (_, day) => day === '2024-05-02' });
    expect(roster).toEqual([{ date: '2024-05-01', investigatorId: anna!.id }, { date: '2024-05-02', investigatorId: null }]);
    expect(generateRoster({ days: ['2024-05-01'], investigators: [], absent: never })).toEqual([{ date: '2024-05-01', investigatorId: null }]);
  });

  it('gives the extra turns of a month to those who had fewer turns before', () => {
    const [anna, bram, cor] = people('Anna', 'Bram', 'Cor');
    const roster = generateRoster({
      days: ['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-06'], investigators: [anna!, bram!, cor!], absent: never,
      previous: { [anna!.id]: 8, [bram!.id]: 7, [cor!.id]: 7 },
    });
    expect(roster.map((d) => d.investigatorId)).toEqual([bram, cor, anna, bram].map((p) => p!.id));
  });

  it('does not put the person of the day before on the first day again', () => {
    const [anna, bram] = people('Anna', 'Bram');
    const roster = generateRoster({ days: ['2024-05-01'], investigators: [anna!, bram!], absent: never, dayBefore: anna!.id });
    expect(roster[0]!.investigatorId).toBe(bram!.id);
  });

  it('keeps fixed days and counts them as turns', () => {
    const [anna, bram] = people('Anna', 'Bram');
    const roster = generateRoster({
      days: ['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-06'], investigators: [anna!, bram!], absent: never,
      fixed: new Map([['2024-05-01', bram!.id], ['2024-05-02', bram!.id]]),
    });
    expect(roster.map((d) => d.investigatorId)).toEqual([bram, bram, anna, anna].map((p) => p!.id));
  });

  const scenario = fc.record({
    month: fc.constantFrom('2024-01', '2024-05', '2024-12', '2025-04', '2026-02'),
    size: fc.integer({ min: 1, max: 8 }),
    absenceRate: fc.constantFrom(0, 0.1, 0.3, 0.7, 1),
    seed: fc.integer(),
    previous: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 8, maxLength: 8 }),
  }).map(({ month, size, absenceRate, seed, previous }) => {
    const investigators = Array.from({ length: size }, (_, i) => ({ id: `inv-${i}`, name: `Onderzoeker ${(i * 7) % size}` }));
    const days = workingDaysOf(month);
    // a deterministic pseudo-random absence pattern per (person, day)
    const absentSet = new Set<string>();
    let x = seed >>> 0 || 1;
    for (const inv of investigators) {
      const always = (x = (x * 1103515245 + 12345) >>> 0) % 3 === 0; // about a third never absent
      for (const day of days) {
        x = (x * 1103515245 + 12345) >>> 0;
        if (!always && x / 2 ** 32 < absenceRate) absentSet.add(`${inv.id}|${day}`);
      }
    }
    return { investigators, days, absentSet, previous: Object.fromEntries(investigators.map((inv, i) => [inv.id, previous[i]!])) };
  });

  it('is fair: among those available on every day the counts differ by at most one', () => {
    fc.assert(fc.property(scenario, fc.boolean(), ({ investigators, days, absentSet, previous }, withPrevious) => {
      const absent = (id: string, day: string) => absentSet.has(`${id}|${day}`);
      const roster = generateRoster({ days, investigators, absent, ...(withPrevious ? { previous } : {}) });
      const counts = countsOf(roster);
      const always = investigators.filter((inv) => days.every((d) => !absent(inv.id, d))).map((inv) => counts.get(inv.id) ?? 0);
      if (always.length > 0) expect(Math.max(...always) - Math.min(...always)).toBeLessThanOrEqual(1);
    }), { numRuns: 300 });
  });

  it('never rosters anyone on a day they are absent, and has exactly one person on every day someone is available', () => {
    fc.assert(fc.property(scenario, ({ investigators, days, absentSet, previous }) => {
      const absent = (id: string, day: string) => absentSet.has(`${id}|${day}`);
      const roster = generateRoster({ days, investigators, absent, previous });
      expect(roster.map((d) => d.date)).toEqual(days);
      for (const { date, investigatorId } of roster) {
        const available = investigators.filter((inv) => !absent(inv.id, date));
        if (available.length === 0) expect(investigatorId).toBeNull();
        else {
          expect(investigatorId).not.toBeNull();
          expect(absent(investigatorId!, date)).toBe(false);
          expect(investigators.some((inv) => inv.id === investigatorId)).toBe(true);
        }
      }
    }), { numRuns: 300 });
  });

  it('has nobody on call two days running when someone else with as few turns is there', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 8 }), fc.constantFrom('2024-05', '2025-03'), (size, month) => {
      const investigators = Array.from({ length: size }, (_, i) => ({ id: `inv-${i}`, name: `O${i}` }));
      const roster = generateRoster({ days: workingDaysOf(month), investigators, absent: never });
      for (let i = 1; i < roster.length; i++) expect(roster[i]!.investigatorId).not.toBe(roster[i - 1]!.investigatorId);
    }));
  });
});

describe('absence from the capacity plan', () => {
  const contract = { kind: 'contract', from: '2024-01-01', to: null, hoursPerWeek: 36 };
  it('is absence when the hours away cover the contract hours that day', () => {
    const leave = { kind: 'parentalLeave', from: '2024-05-06', to: '2024-05-10', hoursPerWeek: 36 };
    expect(isAbsentOn([contract, leave], 36, '2024-05-06')).toBe(true);
    expect(isAbsentOn([contract, leave], 36, '2024-05-10')).toBe(true);
    expect(isAbsentOn([contract, leave], 36, '2024-05-13')).toBe(false);
    expect(isAbsentOn([contract, leave], 36, '2024-05-03')).toBe(false);
  });

  it('adds up the kinds, and a part-time contract needs fewer hours away', () => {
    const part = { kind: 'absence', from: '2024-05-01', to: null, hoursPerWeek: 20 };
    const reintegration = { kind: 'reintegration', from: '2024-05-01', to: '2024-05-31', hoursPerWeek: 16 };
    expect(isAbsentOn([contract, part], 36, '2024-05-02')).toBe(false);
    expect(isAbsentOn([contract, part, reintegration], 36, '2024-05-02')).toBe(true);
    expect(isAbsentOn([{ ...contract, hoursPerWeek: 20 }, part], 36, '2024-05-02')).toBe(true);
  });

  it('uses the staff record\'s hours when the plan has no contract period, and nobody is absent without periods', () => {
    const away = { kind: 'absence', from: '2024-05-01', to: '2024-05-01', hoursPerWeek: 32 };
    expect(isAbsentOn([away], 32, '2024-05-01')).toBe(true);
    expect(isAbsentOn([away], 36, '2024-05-01')).toBe(false);
    expect(isAbsentOn([], 36, '2024-05-01')).toBe(false);
    expect(isAbsentOn([contract], 36, '2024-05-01')).toBe(false);
  });
});
