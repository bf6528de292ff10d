import { isWorkingDay } from '../core/holidays.ts';
import type { StaffPeriod } from '../forecast/trace.ts';
import { addDays, mondayOf, weekdayOf } from '../forecast/trace.calendar.ts';

/**
 * The capacity plan (DOMAIN.md, "Capacity in FTE and hours"): per person,
 * periods of contract hours and of hours that are not available — parental
 * leave, the onboarding of new staff, re-integration, planned absence — plus
 * the lane slots (B fast-lane sessions, POP days) and an expected sickness
 * allowance. Pure: plain data in, figures out.
 *
 * - formation: the budgeted FTE (a plan figure, not derived);
 * - occupied: the contract hours of everyone in the plan on a day;
 * - available: occupied minus the hours not available on that day
 *   (never below zero per person);
 * - after sickness: available times (1 - sickness allowance); sickness is not
 *   planned per person, "it is on top of that".
 * FTE are hours / 36, shown to one decimal as the seed's table does.
 */
export const HOURS_PER_FTE = 36;

export const PERIOD_KINDS = ['contract', 'parentalLeave', 'onboarding', 'reintegration', 'absence'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface PlanPeriod {
  /** The person as the plan names them; periods of one person share it. */
  person: string;
  /** The staff member, when the person has an account (vacancies and interim staff may not). */
  staffId: string | null;
  domain: string;
  kind: PeriodKind;
  /** First day 'YYYY-MM-DD', inclusive. */
  from: string;
  /** Last day, inclusive; null = open ended. */
  to: string | null;
  /** `contract`: the contract hours per week; any other kind: the hours per week NOT available. */
  hoursPerWeek: number;
}

export const SLOT_LANES = ['b', 'pop'] as const;
export type SlotLane = (typeof SLOT_LANES)[number];

/** A recurring lane slot: a B fast-lane session or a POP day of one domain. */
export interface LaneSlot {
  domain: string;
  lane: SlotLane;
  /** 1 = Monday ... 5 = Friday. */
  weekday: number;
  /** Every week (1), every other week (2), ... counted from the week of `from`. */
  everyWeeks: number;
  /** Person-hours the slot takes out of the domain's available hours on its day. */
  hours: number;
  from: string;
  to: string | null;
}

export interface CapacityPlan {
  formationFte: number;
  /** Expected share of available hours lost to sickness, 0..0.5. */
  sicknessShare: number;
  periods: PlanPeriod[];
  slots: LaneSlot[];
}

export interface CapacityFigures {
  day: string;
  formationFte: number;
  formationHours: number;
  occupiedHours: number;
  occupiedFte: number;
  availableHours: number;
  availableFte: number;
  afterSicknessHours: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
/** A person with an account is that account; otherwise the plan's name (two namesakes with accounts stay apart). */
const personKey = (p: PlanPeriod) => p.staffId ?? `name:${p.person}`;

/** A real calendar day 'YYYY-MM-DD' (not 2024-02-30). */
export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}
const covers = (p: { from: string; to: string | null }, day: string) => p.from <= day && (p.to === null || day <= p.to);

/** Occupied and available hours per person on a day, of one domain or all. */
function people(plan: CapacityPlan, day: string, domain?: string): Map<string, { occupied: number; away: number }> {
  const byPerson = new Map<string, { occupied: number; away: number }>();
  for (const p of plan.periods) {
    if ((domain !== undefined && p.domain !== domain) || !covers(p, day)) continue;
    const key = `${personKey(p)}|${p.domain}`;
    const entry = byPerson.get(key) ?? { occupied: 0, away: 0 };
    if (p.kind === 'contract') entry.occupied += p.hoursPerWeek;
    else entry.away += p.hoursPerWeek;
    byPerson.set(key, entry);
  }
  return byPerson;
}

/** The plan's figures on a day ('YYYY-MM-DD'), for one domain or (without) all of them. */
export function capacityOn(plan: CapacityPlan, day: string, domain?: string): CapacityFigures {
  let occupied = 0;
  let available = 0;
  for (const { occupied: o, away } of people(plan, day, domain).values()) {
    occupied += o;
    available += Math.max(0, o - away);
  }
  return {
    day,
    formationFte: plan.formationFte,
    formationHours: round1(plan.formationFte * HOURS_PER_FTE),
    occupiedHours: round1(occupied),
    occupiedFte: round1(occupied / HOURS_PER_FTE),
    availableHours: round1(available),
    availableFte: round1(available / HOURS_PER_FTE),
    afterSicknessHours: round1(available * (1 - plan.sicknessShare)),
  };
}

/** Whether a lane slot falls on a day: its weekday, its rhythm, within its period, on a working day. */
export function slotOn(slot: LaneSlot, day: string): boolean {
  if (!covers(slot, day) || weekdayOf(day) !== slot.weekday - 1 || !isWorkingDay(day)) return false;
  const weeks = Math.round((Date.parse(mondayOf(day)) - Date.parse(mondayOf(slot.from))) / (7 * 86_400_000));
  return weeks % Math.max(1, slot.everyWeeks) === 0;
}

/**
 * Available hours of a domain per day, after sickness: the week's hours
 * spread over its five weekdays, nothing on weekends and public holidays; in
 * a week with lane slots their hours go to the B and POP lanes, taken evenly
 * from the week's working days. Also the slot sessions, with their hours.
 */
export function dailyHours(plan: CapacityPlan, domain: string, from: string, days: number) {
  const hours: Record<string, number> = {};
  const sessions: { day: string; lane: SlotLane; hours: number }[] = [];
  const slots = plan.slots.filter((s) => s.domain === domain);
  const weekSlotHours = new Map<string, number>();
  const slotHoursPerDay = (day: string) => {
    const monday = mondayOf(day);
    let perDay = weekSlotHours.get(monday);
    if (perDay === undefined) {
      let total = 0;
      let working = 0;
      for (let i = 0; i < 5; i++) {
        const d = addDays(monday, i);
        if (!isWorkingDay(d)) continue;
        working++;
        for (const slot of slots) if (slotOn(slot, d)) total += slot.hours * (1 - plan.sicknessShare);
      }
      perDay = working > 0 ? total / working : 0;
      weekSlotHours.set(monday, perDay);
    }
    return perDay;
  };
  for (let i = 0; i < days; i++) {
    const day = addDays(from, i);
    if (!isWorkingDay(day)) continue;
    for (const slot of slots) if (slotOn(slot, day)) sessions.push({ day, lane: slot.lane, hours: slot.hours * (1 - plan.sicknessShare) });
    hours[day] = Math.max(0, capacityOn(plan, day, domain).afterSicknessHours / 5 - slotHoursPerDay(day));
  }
  return { hours, sessions };
}

/**
 * The plan as the wait predictor reads it: per person and domain, periods of
 * constant available hours per week (contract minus what is not available).
 */
export function availablePeriods(plan: CapacityPlan): StaffPeriod[] {
  const groups = new Map<string, PlanPeriod[]>();
  for (const p of plan.periods) {
    const key = `${personKey(p)}|${p.domain}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const out: StaffPeriod[] = [];
  for (const periods of groups.values()) {
    const { person, domain } = periods[0]!;
    const starts = new Set<string>();
    for (const p of periods) {
      starts.add(p.from);
      if (p.to !== null) starts.add(addDays(p.to, 1));
    }
    const sorted = [...starts].sort();
    sorted.forEach((from, i) => {
      const next = sorted[i + 1];
      const to = next === undefined ? null : addDays(next, -1);
      let occupied = 0;
      let away = 0;
      for (const p of periods) {
        if (!covers(p, from)) continue;
        if (p.kind === 'contract') occupied += p.hoursPerWeek;
        else away += p.hoursPerWeek;
      }
      const hours = round1(Math.max(0, occupied - away));
      if (hours > 0) out.push({ investigator: person, domain, from, to, hoursPerWeek: hours });
    });
  }
  return out;
}
