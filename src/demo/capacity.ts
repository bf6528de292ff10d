import { capacityOn, type CapacityPlan, type LaneSlot, type PlanPeriod } from '../capacity/plan.ts';
import { addDays } from '../forecast/trace.calendar.ts';
import { DOMAINS } from '../organisation/reference-data.ts';
import type { DemoStaffMember } from './staff.ts';

/**
 * The demo capacity plan. FILE (DOMAIN.md, the seed's table): formation 34
 * FTE; occupied 1104 h and available 769 h on 1 Dec 2023, 1284 h and 919 h on
 * 1 Feb 2024, 1284 h and 1152 h on 1 Jun 2024; 45% of the investigators had
 * less than a year of service on 1 Feb 2024. CHOSEN: everything else — who
 * was hired when, who was on parental leave, the onboarding ramp (half of the
 * hours the first 13 weeks, three quarters the next 13), and two balancing
 * items that make the plan meet the file's figures exactly: interim staff
 * (inhuur) for the occupied hours and re-integration for the available hours.
 * The demo's own investigators are in it with their contract hours, so the
 * plan and the staff list agree.
 */
export const FORMATION_FTE = 34;
export const SICKNESS_SHARE = 0.05;
/** FILE: the seed's capacity table, hours per week. */
export const SEED_TABLE = [
  { day: '2023-12-01', occupied: 1104, available: 769 },
  { day: '2024-02-01', occupied: 1284, available: 919 },
  { day: '2024-06-01', occupied: 1284, available: 1152 },
] as const;

/** CHOSEN: when the new investigators started (17 of 38: 45%), oldest first; the drive of Dec 2023 - Jan 2024 last. */
const HIRE_DATES = [
  '2023-02-06', '2023-03-06', '2023-04-03', '2023-05-01',
  '2023-06-05', '2023-06-05', '2023-07-03',
  '2023-09-04', '2023-09-04', '2023-10-02', '2023-10-02', '2023-11-06',
  '2023-12-04', '2023-12-04', '2024-01-08', '2024-01-08', '2024-01-08',
];
/** CHOSEN: parental leave, by the index among the longer-serving investigators. */
const PARENTAL_LEAVE: { index: number; from: string; to: string }[] = [
  { index: 1, from: '2023-09-18', to: '2024-01-26' },
  { index: 4, from: '2023-10-23', to: '2024-03-01' },
  { index: 7, from: '2023-11-13', to: '2024-04-12' },
  { index: 10, from: '2024-01-15', to: '2024-06-28' },
  { index: 13, from: '2024-03-04', to: '2024-07-19' },
];
const START = '2022-01-03';
/** CHOSEN: occupied hours at the start of 2023, before the turnover of that year (32 FTE). */
const OCCUPIED_JAN_2023 = 1152;
/** CHOSEN: the last working days of those who left in 2023. */
const LEAVE_DATES = ['2023-01-31', '2023-02-28', '2023-03-31', '2023-04-30', '2023-05-31', '2023-06-30', '2023-07-31', '2023-08-31', '2023-09-30', '2023-10-31', '2023-11-30'];

/** The demo's capacity plan: its investigators, their history, and the B and POP slots of every domain. */
export function demoCapacityPlan(staff: readonly DemoStaffMember[], staffIdByLogin: ReadonlyMap<string, string> = new Map()): CapacityPlan {
  const investigators = staff.filter((s) => s.roles.includes('investigator'));
  const periods: PlanPeriod[] = [];
  const contract = (s: DemoStaffMember, from: string) => {
    // UKB investigators cover two domains: their hours are split between them.
    for (const domain of s.domains) {
      periods.push({ person: s.name, staffId: staffIdByLogin.get(s.login) ?? null, domain, kind: 'contract', from, to: null, hoursPerWeek: round1(s.hoursPerWeek / s.domains.length) });
    }
  };
  const away = (s: DemoStaffMember, kind: PlanPeriod['kind'], from: string, to: string, share: number) => {
    for (const domain of s.domains) {
      periods.push({ person: s.name, staffId: staffIdByLogin.get(s.login) ?? null, domain, kind, from, to, hoursPerWeek: round1((s.hoursPerWeek * share) / s.domains.length) });
    }
  };
  // Every other-but-one investigator from the end of the list is new: 17 of them, spread over the domains.
  const newcomers = new Set(investigators.filter((_, i) => i % 9 === 1 || i % 9 === 3 || i % 9 === 5 || i % 9 === 7).slice(0, HIRE_DATES.length));
  let hire = 0;
  const longer: DemoStaffMember[] = [];
  for (const s of investigators) {
    if (newcomers.has(s)) {
      const from = HIRE_DATES[hire++]!;
      contract(s, from);
      away(s, 'onboarding', from, addDays(from, 13 * 7 - 1), 0.5);
      away(s, 'onboarding', addDays(from, 13 * 7), addDays(from, 26 * 7 - 1), 0.25);
    } else {
      contract(s, START);
      longer.push(s);
    }
  }
  for (const leave of PARENTAL_LEAVE) {
    const s = longer[leave.index];
    if (s) away(s, 'parentalLeave', leave.from, leave.to, 1);
  }

  const domains = DOMAINS.map((d) => d.id);
  const plan: CapacityPlan = { formationFte: FORMATION_FTE, sicknessShare: SICKNESS_SHARE, periods, slots: demoSlots(domains) };

  // Those who left in 2023 (their accounts are gone; the plan keeps them as history).
  spread(OCCUPIED_JAN_2023 - capacityOn(plan, '2023-01-02').occupiedHours, 36).forEach((hours, i) => {
    periods.push({ person: `Vertrokken ${i + 1}`, staffId: null, domain: domains[i % domains.length]!, kind: 'contract', from: START, to: LEAVE_DATES[i % LEAVE_DATES.length]!, hoursPerWeek: hours });
  });

  // Interim staff fill the occupied hours up to the file's figures from October 2023 on.
  const [dec, feb, jun] = SEED_TABLE;
  const interim = (from: string, to: string | null, hours: number, i: number) => {
    if (hours > 0) periods.push({ person: `Inhuur ${i + 1}`, staffId: null, domain: domains[i % domains.length]!, kind: 'contract', from, to, hoursPerWeek: hours });
  };
  spread(dec.occupied - capacityOn(plan, dec.day).occupiedHours, 36).forEach((h, i) => interim('2023-10-02', addDays(feb.day, -1), h, i));
  spread(feb.occupied - capacityOn(plan, feb.day).occupiedHours, 36).forEach((h, i) => interim(feb.day, null, h, i));

  // Re-integration after long sickness makes up the rest of the hours not available.
  const onLeave = new Set(PARENTAL_LEAVE.map((l) => longer[l.index]));
  const reintegrating = longer.filter((s) => !onLeave.has(s) && s.domains.length === 1 && s.hoursPerWeek >= 32).slice(-10);
  const windows = [
    { at: dec, from: '2023-11-01', to: addDays(feb.day, -1) },
    { at: feb, from: feb.day, to: addDays(jun.day, -1) },
    { at: jun, from: jun.day, to: '2024-09-27' },
  ];
  for (const w of windows) {
    const figures = capacityOn(plan, w.at.day);
    const missing = round1(figures.availableHours - w.at.available);
    if (missing < 0) throw new RangeError(`demo plan: available on ${w.at.day} is below the file's figure before re-integration`);
    spread(missing, 24).forEach((hours, i) => {
      const s = reintegrating[i];
      if (!s) throw new RangeError('demo plan: not enough people to re-integrate');
      periods.push({ person: s.name, staffId: staffIdByLogin.get(s.login) ?? null, domain: s.domains[0]!, kind: 'reintegration', from: w.from, to: w.to, hoursPerWeek: hours });
    });
  }
  return plan;
}

/** CHOSEN: every domain's B session on Friday afternoon (two people, 4 h each) and a POP day every other Wednesday (two people all day) since the action plan of January 2024. */
function demoSlots(domains: string[]): LaneSlot[] {
  return domains.flatMap((domain): LaneSlot[] => [
    { domain, lane: 'b', weekday: 5, everyWeeks: 1, hours: 8, from: '2023-01-06', to: null },
    { domain, lane: 'pop', weekday: 3, everyWeeks: 2, hours: 14.4, from: '2024-01-17', to: null },
  ]);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** `total` hours as parts of at most `max` each (the last one smaller). */
function spread(total: number, max: number): number[] {
  const parts: number[] = [];
  let left = round1(total);
  while (left > 0.05) {
    const part = round1(Math.min(max, left));
    parts.push(part);
    left = round1(left - part);
  }
  return parts;
}
