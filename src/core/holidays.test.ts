import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SCHOOL_VACATIONS,
  easterSunday,
  holidayWeeks,
  holidaysOn,
  isAtwHoliday,
  isWorkingDay,
  nextWorkingDay,
  publicHolidays,
} from './holidays.ts';

const day = (s: string) => new Date(`${s}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const dateOf = (year: number, name: string) => publicHolidays(year).find((h) => h.name === name)?.date;

describe('easterSunday', () => {
  it('gives the known dates', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2038)).toBe('2038-04-25'); // latest possible
    expect(easterSunday(2285)).toBe('2285-03-22'); // earliest possible
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const easter = easterSunday(year);
        expect(day(easter).getUTCDay()).toBe(0);
        expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25').toBe(true);
      }),
    );
  });
});

describe('publicHolidays', () => {
  it('derives the movable feasts from Easter', () => {
    expect(dateOf(2024, 'Hemelvaartsdag')).toBe('2024-05-09');
    expect(dateOf(2024, 'Goede Vrijdag')).toBe('2024-03-29');
    expect(dateOf(2024, 'Tweede Paasdag')).toBe('2024-04-01');
    expect(dateOf(2024, 'Tweede Pinksterdag')).toBe('2024-05-20');
  });

  it('moves Koningsdag to 26 April when the 27th is a Sunday', () => {
    expect(dateOf(2025, 'Koningsdag')).toBe('2025-04-26');
    expect(dateOf(2026, 'Koningsdag')).toBe('2026-04-27');
  });

  it('lists eleven days in date order', () => {
    const dates = publicHolidays(2025).map((h) => h.date);
    expect(dates).toHaveLength(11);
    expect([...dates].sort()).toEqual(dates);
  });

  it('counts Goede Vrijdag as a working day under the Atw, and 5 May every year', () => {
    expect(isAtwHoliday(day('2025-04-18'))).toBe(false);
    expect(isWorkingDay(day('2025-04-18'))).toBe(true);
    expect(isAtwHoliday(day('2023-05-05'))).toBe(true); // not a lustrum year
    expect(isWorkingDay(day('2025-04-21'))).toBe(false); // Tweede Paasdag
    expect(isWorkingDay(day('2025-12-26'))).toBe(false);
    expect(isWorkingDay(day('2025-04-22'))).toBe(true);
  });
});

describe('nextWorkingDay', () => {
  it('keeps a working day and carries a weekend to Monday', () => {
    expect(iso(nextWorkingDay(day('2024-06-12')))).toBe('2024-06-12');
    expect(iso(nextWorkingDay(day('2024-06-08')))).toBe('2024-06-10');
    expect(iso(nextWorkingDay(new Date('2024-06-09T15:30:00Z')))).toBe('2024-06-10');
  });

  it('skips Tweede Paasdag after the Easter weekend', () => {
    expect(iso(nextWorkingDay(day('2025-04-19')))).toBe('2025-04-22');
    expect(iso(nextWorkingDay(day('2025-04-21')))).toBe('2025-04-22');
  });

  it('takes a day string and answers with one', () => {
    expect(nextWorkingDay('2025-04-19')).toBe('2025-04-22');
    expect(isWorkingDay('2025-05-05')).toBe(false);
    expect(() => nextWorkingDay('5 May')).toThrow(RangeError);
    expect(() => nextWorkingDay('2025-02-30')).toThrow(RangeError);
  });

  it('skips Christmas and the weekend after it', () => {
    expect(iso(nextWorkingDay(day('2025-12-25')))).toBe('2025-12-29');
  });

  it('always returns the first working day on or after the input, within a week', () => {
    fc.assert(
      fc.property(fc.date({ min: day('1990-01-01'), max: day('2100-12-31'), noInvalidDate: true }), (at) => {
        const start = day(iso(at));
        const next = nextWorkingDay(at);
        expect(isWorkingDay(next)).toBe(true);
        expect(next.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(next.getTime()).toBeLessThan(start.getTime() + 7 * 86_400_000);
        for (let t = start.getTime(); t < next.getTime(); t += 86_400_000) expect(isWorkingDay(new Date(t))).toBe(false);
      }),
    );
  });
});

describe('school vacations', () => {
  it('run Saturday to Sunday with the usual lengths', () => {
    const days = { herfstvakantie: 9, kerstvakantie: 16, voorjaarsvakantie: 9, meivakantie: 9, zomervakantie: 44 };
    for (const v of SCHOOL_VACATIONS) {
      expect(day(v.from).getUTCDay(), `${v.name} ${v.region} ${v.from}`).toBe(6);
      expect(day(v.to).getUTCDay(), `${v.name} ${v.region} ${v.to}`).toBe(0);
      expect((day(v.to).getTime() - day(v.from).getTime()) / 86_400_000 + 1, `${v.name} ${v.region} ${v.from}`).toBe(days[v.name]);
    }
  });

  it('cover the school years 2022-2023 to 2026-2027 in every region', () => {
    for (const year of ['2022-2023', '2023-2024', '2024-2025', '2025-2026', '2026-2027']) {
      expect(SCHOOL_VACATIONS.filter((v) => v.schoolYear === year)).toHaveLength(15);
    }
  });

  it('tell per region which vacation applies on a day', () => {
    expect(holidaysOn(day('2024-07-10'))).toEqual({ publicHoliday: null, schoolVacation: { zuid: 'zomervakantie' } });
    expect(holidaysOn(day('2024-07-15')).schoolVacation).toEqual({ midden: 'zomervakantie', zuid: 'zomervakantie' });
    const christmas = holidaysOn(day('2024-12-25'));
    expect(christmas.publicHoliday?.name).toBe('Eerste Kerstdag');
    expect(christmas.schoolVacation).toEqual({ noord: 'kerstvakantie', midden: 'kerstvakantie', zuid: 'kerstvakantie' });
  });
});

describe('holidayWeeks', () => {
  it('flags the Christmas weeks and not the weeks around them', () => {
    expect(holidayWeeks(day('2024-12-16'), day('2025-01-12'))).toEqual([
      { week: '2024-12-23', names: ['kerstvakantie', 'Eerste Kerstdag', 'Tweede Kerstdag'] },
      { week: '2024-12-30', names: ['kerstvakantie', 'Nieuwjaarsdag'] },
    ]);
  });

  it('does not flag an ordinary week', () => {
    expect(holidayWeeks(day('2025-03-10'), day('2025-03-16'))).toEqual([]);
    expect(holidayWeeks('2025-03-12', '2025-03-12')).toEqual([]);
  });

  it('flags a week in which one region has summer holiday', () => {
    expect(holidayWeeks(day('2025-07-09'), day('2025-07-09'))).toEqual([{ week: '2025-07-07', names: ['zomervakantie'] }]);
  });

  it('flags a weekday holiday outside school holidays, and ignores one on a weekend', () => {
    expect(holidayWeeks(day('2024-05-06'), day('2024-05-12'))).toEqual([{ week: '2024-05-06', names: ['Hemelvaartsdag'] }]);
    // Koningsdag 2025 falls on Saturday 26 April, inside the meivakantie.
    expect(holidayWeeks(day('2025-04-21'), day('2025-04-27'))).toEqual([{ week: '2025-04-21', names: ['Tweede Paasdag'] }]);
  });
});
