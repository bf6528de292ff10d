import { weekStart } from './replay.ts';

/**
 * The Dutch holiday calendar: public holidays (with the ones that count under
 * the Algemene termijnenwet), working days for statutory deadlines, and the
 * school holidays per region. Used to mark holiday weeks on the dashboard, as
 * forecast regressors, and by the Woo deadline clock. Pure: no clock, no IO.
 *
 * Days are 'YYYY-MM-DD' strings (the format `weekStart` returns). Every
 * function that takes a day also takes a Date and reads its UTC calendar day,
 * so callers pass UTC midnight of the Dutch calendar day they mean.
 */

/** A calendar day: 'YYYY-MM-DD', or a Date read by its UTC calendar day. */
export type DayInput = string | Date;

export interface PublicHoliday {
  date: string;
  name: string;
  /** An "algemeen erkende feestdag" of art. 3 Atw: a deadline ending on it moves on. */
  atw: boolean;
}

/**
 * Easter Sunday in the Gregorian calendar (the anonymous algorithm, as in
 * Meeus, Astronomical Algorithms).
 */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

/**
 * The Dutch public holidays of a year, in date order.
 *
 * Atw rule (Algemene termijnenwet, art. 3 lid 1): "algemeen erkende
 * feestdagen" are Nieuwjaarsdag, Christian second Easter and Pentecost day,
 * both Christmas days, Hemelvaartsdag, the day the King's birthday is
 * celebrated (Koningsdag) and 5 May, every year (not only lustrum years).
 * Goede Vrijdag is not listed, so it is a working day for deadlines. Eerste
 * Paas- and Pinksterdag are not listed either: they are Sundays, which art. 1
 * already skips. Days added by royal decree (art. 3 lid 2) are not modelled.
 */
export function publicHolidays(year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  const holiday = (date: string, name: string, atw = true): PublicHoliday => ({ date, name, atw });
  return [
    holiday(ymd(year, 1, 1), 'Nieuwjaarsdag'),
    holiday(addDays(easter, -2), 'Goede Vrijdag', false),
    holiday(easter, 'Eerste Paasdag', false),
    holiday(addDays(easter, 1), 'Tweede Paasdag'),
    kingsDay(year),
    holiday(ymd(year, 5, 5), 'Bevrijdingsdag'),
    holiday(addDays(easter, 39), 'Hemelvaartsdag'),
    holiday(addDays(easter, 49), 'Eerste Pinksterdag', false),
    holiday(addDays(easter, 50), 'Tweede Pinksterdag'),
    holiday(ymd(year, 12, 25), 'Eerste Kerstdag'),
    holiday(ymd(year, 12, 26), 'Tweede Kerstdag'),
  ].sort((x, y) => x.date.localeCompare(y.date));
}

/** Since 2014 Koningsdag is 27 April, or the 26th when the 27th is a Sunday; 1980-2013 Koninginnedag was 30 April, or the 29th. */
function kingsDay(year: number): PublicHoliday {
  const [name, day] = year >= 2014 ? ['Koningsdag', 27] as const : ['Koninginnedag', 30] as const;
  const date = ymd(year, 4, day);
  return { date: weekday(date) === 0 ? addDays(date, -1) : date, name, atw: true };
}

/** Every public holiday by its day, per year: computed once (the answer never changes). */
const holidaysByYear = new Map<number, ReadonlyMap<string, PublicHoliday>>();

/** The public holiday on a day, if any. */
export function publicHolidayOn(date: DayInput): PublicHoliday | null {
  const day = dayOf(date);
  const year = Number(day.slice(0, 4));
  let byDay = holidaysByYear.get(year);
  if (!byDay) holidaysByYear.set(year, (byDay = new Map(publicHolidays(year).map((h) => [h.date, h]))));
  return byDay.get(day) ?? null;
}

export function isAtwHoliday(date: DayInput): boolean {
  return publicHolidayOn(date)?.atw === true;
}

/** A working day under the Atw: not a Saturday, Sunday or Atw holiday. */
export function isWorkingDay(date: DayInput): boolean {
  const wd = weekday(dayOf(date));
  return wd !== 0 && wd !== 6 && !isAtwHoliday(date);
}

/**
 * The day itself when it is a working day, otherwise the first working day
 * after it (art. 1 Atw: a deadline ending on a Saturday, Sunday or holiday runs
 * on to the next working day). A Date comes back as UTC midnight, a string as a string.
 */
export function nextWorkingDay(date: Date): Date;
export function nextWorkingDay(day: string): string;
export function nextWorkingDay(date: DayInput): DayInput {
  let day = dayOf(date);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return typeof date === 'string' ? day : new Date(`${day}T00:00:00Z`);
}

// ---- School holidays -------------------------------------------------------

export const REGIONS = ['noord', 'midden', 'zuid'] as const;
export type Region = (typeof REGIONS)[number];
export const VACATIONS = ['herfstvakantie', 'kerstvakantie', 'voorjaarsvakantie', 'meivakantie', 'zomervakantie'] as const;
export type VacationName = (typeof VACATIONS)[number];

export interface SchoolVacation {
  schoolYear: string;
  name: VacationName;
  region: Region;
  /** First and last day, both inclusive (Saturday to Sunday). */
  from: string;
  to: string;
}

/** 'from/to' per region: [noord, midden, zuid]. */
type Periods = readonly [string, string, string];
const all = (period: string): Periods => [period, period, period];

/**
 * School holidays as published on rijksoverheid.nl ("Overzicht schoolvakanties
 * per schooljaar"). Summer, Christmas and the one-week May holiday are
 * mandatory; autumn and spring are advice dates that schools may move (in the
 * south many follow carnival). Many primary schools add the advised week
 * before the May week; that extra week is not in this table.
 * Cross-checked against news reports and school calendars; where a date could
 * not be confirmed the comment says so (the consumers need week-level accuracy).
 */
const SCHOOL_YEARS: Record<string, Record<VacationName, Periods>> = {
  '2022-2023': {
    herfstvakantie: ['2022-10-15/2022-10-23', '2022-10-22/2022-10-30', '2022-10-22/2022-10-30'],
    kerstvakantie: all('2022-12-24/2023-01-08'),
    // zuid: the carnival week (carnival 19-21 Feb 2023); not confirmed against the published table.
    voorjaarsvakantie: ['2023-02-25/2023-03-05', '2023-02-25/2023-03-05', '2023-02-18/2023-02-26'],
    meivakantie: all('2023-04-29/2023-05-07'),
    zomervakantie: ['2023-07-22/2023-09-03', '2023-07-08/2023-08-20', '2023-07-15/2023-08-27'],
  },
  '2023-2024': {
    herfstvakantie: ['2023-10-21/2023-10-29', '2023-10-14/2023-10-22', '2023-10-14/2023-10-22'],
    kerstvakantie: all('2023-12-23/2024-01-07'),
    voorjaarsvakantie: ['2024-02-17/2024-02-25', '2024-02-17/2024-02-25', '2024-02-10/2024-02-18'],
    meivakantie: all('2024-04-27/2024-05-05'),
    zomervakantie: ['2024-07-20/2024-09-01', '2024-07-13/2024-08-25', '2024-07-06/2024-08-18'],
  },
  '2024-2025': {
    herfstvakantie: ['2024-10-26/2024-11-03', '2024-10-26/2024-11-03', '2024-10-19/2024-10-27'],
    kerstvakantie: all('2024-12-21/2025-01-05'),
    // zuid: the advice week lies before carnival (2-4 March 2025); many southern schools took the carnival week.
    voorjaarsvakantie: ['2025-02-15/2025-02-23', '2025-02-22/2025-03-02', '2025-02-22/2025-03-02'],
    meivakantie: all('2025-04-26/2025-05-04'),
    zomervakantie: ['2025-07-12/2025-08-24', '2025-07-19/2025-08-31', '2025-07-05/2025-08-17'],
  },
  '2025-2026': {
    herfstvakantie: ['2025-10-18/2025-10-26', '2025-10-18/2025-10-26', '2025-10-11/2025-10-19'],
    kerstvakantie: all('2025-12-20/2026-01-04'),
    voorjaarsvakantie: ['2026-02-21/2026-03-01', '2026-02-14/2026-02-22', '2026-02-14/2026-02-22'],
    // Mandatory week inferred (ISO week 18, as in other years); school calendars show 18 Apr - 3 May with the advice week.
    meivakantie: all('2026-04-25/2026-05-03'),
    zomervakantie: ['2026-07-04/2026-08-16', '2026-07-18/2026-08-30', '2026-07-11/2026-08-23'],
  },
  '2026-2027': {
    herfstvakantie: ['2026-10-10/2026-10-18', '2026-10-17/2026-10-25', '2026-10-17/2026-10-25'],
    kerstvakantie: all('2026-12-19/2027-01-03'),
    // Unsure: midden from a secondary source; noord a guess (same as midden); zuid the carnival week (7-9 Feb 2027).
    voorjaarsvakantie: ['2027-02-20/2027-02-28', '2027-02-20/2027-02-28', '2027-02-06/2027-02-14'],
    // Unsure: inferred as ISO week 18; the advice week would then be 24 Apr - 2 May 2027 (with Koningsdag).
    meivakantie: all('2027-05-01/2027-05-09'),
    // Unsure: midden 17 Jul from two school calendars; zuid 17 Jul from one southern school's calendar; noord a guess.
    zomervakantie: ['2027-07-10/2027-08-22', '2027-07-17/2027-08-29', '2027-07-17/2027-08-29'],
  },
  '2027-2028': {
    herfstvakantie: ['2027-10-16/2027-10-24', '2027-10-16/2027-10-24', '2027-10-23/2027-10-31'],
    kerstvakantie: all('2027-12-25/2028-01-09'),
    voorjaarsvakantie: ['2028-02-19/2028-02-27', '2028-02-26/2028-03-05', '2028-02-26/2028-03-05'],
    meivakantie: all('2028-04-29/2028-05-07'),
    zomervakantie: ['2028-07-15/2028-08-27', '2028-07-08/2028-08-20', '2028-07-22/2028-09-03'],
  },
};

/** Every school holiday in the table, one entry per region. Days outside the covered school years have no known school holiday. */
export const SCHOOL_VACATIONS: readonly SchoolVacation[] = Object.entries(SCHOOL_YEARS).flatMap(([schoolYear, byName]) =>
  VACATIONS.flatMap((name) =>
    REGIONS.map((region, i) => {
      const [from = '', to = ''] = byName[name][i]!.split('/');
      return { schoolYear, name, region, from, to };
    }),
  ),
);

/** Which school holiday each region has on a day (regions without one are absent). */
export function schoolVacationOn(date: DayInput): Partial<Record<Region, VacationName>> {
  const day = dayOf(date);
  const out: Partial<Record<Region, VacationName>> = {};
  for (const v of SCHOOL_VACATIONS) if (v.from <= day && day <= v.to) out[v.region] = v.name;
  return out;
}

export interface DayHolidays {
  publicHoliday: PublicHoliday | null;
  schoolVacation: Partial<Record<Region, VacationName>>;
}

/** Everything that applies on a day: for forecast regressors. */
export function holidaysOn(date: DayInput): DayHolidays {
  return { publicHoliday: publicHolidayOn(date), schoolVacation: schoolVacationOn(date) };
}

export interface HolidayWeek {
  /** Monday of the ISO week, 'YYYY-MM-DD' (as `weekStart`). */
  week: string;
  /** School holidays first, then public holidays in date order, e.g. ['kerstvakantie', 'Eerste Kerstdag']. */
  names: string[];
}

/**
 * The weeks from the week of `from` to the week of `to` (inclusive) that hold
 * a public holiday on a weekday, or in which at least one region has school
 * holiday on most (3 of 5) weekdays. Holidays on a weekend cost no working day,
 * so they do not mark a week.
 */
export function holidayWeeks(from: DayInput, to: DayInput): HolidayWeek[] {
  const out: HolidayWeek[] = [];
  const last = weekStart(toDate(to));
  for (let monday = weekStart(toDate(from)); monday <= last; monday = addDays(monday, 7)) {
    let names = namesByWeek.get(monday);
    if (!names) namesByWeek.set(monday, (names = holidayNamesOfWeek(monday)));
    if (names.length > 0) out.push({ week: monday, names: [...names] });
  }
  return out;
}

/** Each week's names, computed once (the answer never changes). */
const namesByWeek = new Map<string, string[]>();

function holidayNamesOfWeek(monday: string): string[] {
  const weekdays = [0, 1, 2, 3, 4].map((i) => holidaysOn(addDays(monday, i)));
  const vacations = VACATIONS.filter((name) =>
    REGIONS.some((region) => weekdays.filter((d) => d.schoolVacation[region] === name).length >= 3),
  );
  const holidays = weekdays.flatMap((d) => (d.publicHoliday ? [d.publicHoliday.name] : []));
  return [...vacations, ...holidays];
}

// ---- Day arithmetic ----------------------------------------------------------

const DAY_MS = 86_400_000;

function ymd(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** A day string as UTC midnight; a Date as it is. */
function toDate(day: DayInput): Date {
  if (typeof day !== 'string') return day;
  const date = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) {
    throw new RangeError(`Not a day (YYYY-MM-DD): ${day}`);
  }
  return date;
}

function dayOf(day: DayInput): string {
  return toDate(day).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
}

/** 0 = Sunday ... 6 = Saturday. */
function weekday(day: string): number {
  return toDate(day).getUTCDay();
}
