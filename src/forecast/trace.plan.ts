import type { Random } from '../core/random.ts';
import type { StaffPeriod } from './trace.ts';
import { addDays } from './trace.calendar.ts';

/** Hours in one FTE (DOMAIN.md: 36 h per FTE). */
export const HOURS_PER_FTE = 36;

/** Part-time factors seen in a 36-hour week (24, 28, 32 and 36 hours), with how common each is. */
const FTE_CHOICES = [
  { fte: 0.67, weight: 2 },
  { fte: 0.78, weight: 2 },
  { fte: 0.89, weight: 4 },
  { fte: 1, weight: 7 },
];

const hoursOf = (fte: number) => Math.round(HOURS_PER_FTE * fte * 10) / 10;

/**
 * Builds a staff plan person by person: who works in which domain from when,
 * and the planned changes (leaving, parental leave, re-integration,
 * onboarding of new staff) as periods with other hours or none.
 */
export class PlanBuilder {
  private readonly people = new Map<string, StaffPeriod[]>();
  private readonly counts = new Map<string, number>();

  /** A new investigator in `domain` from `from` with `fte`; returns their id (e.g. `leefomgeving-03`). */
  add(domain: string, from: string, fte: number): string {
    const n = (this.counts.get(domain) ?? 0) + 1;
    this.counts.set(domain, n);
    const id = `${domain}-${String(n).padStart(2, '0')}`;
    this.people.set(id, [{ investigator: id, domain, from, to: null, hoursPerWeek: hoursOf(fte) }]);
    return id;
  }

  /** A new investigator who works at `share` of their hours for the first `weeks` weeks (onboarding). */
  hire(domain: string, from: string, fte: number, weeks = 8, share = 0.5): string {
    const id = this.add(domain, from, fte);
    return this.reduce(id, from, addDays(from, 7 * weeks - 1), share);
  }

  /** Staff of a domain until their planned hours reach `hours` per week, with a part-time mix drawn from `rng`. */
  fill(rng: Random, domain: string, from: string, hours: number): string[] {
    const ids: string[] = [];
    let planned = 0;
    while (planned < hours - HOURS_PER_FTE / 2) {
      const fte = rng.weighted(FTE_CHOICES, (c) => c.weight).fte;
      ids.push(this.add(domain, from, fte));
      planned += hoursOf(fte);
    }
    return ids;
  }

  /** The person works up to and including `lastDay`. */
  leave(id: string, lastDay: string): string {
    return this.override(id, addDays(lastDay, 1), null, 0);
  }

  /** No hours from `from` to `to` (parental leave, long-term absence known in advance). */
  absent(id: string, from: string, to: string): string {
    return this.override(id, from, to, 0);
  }

  /** `share` of the usual hours from `from` to `to` (re-integration, onboarding). */
  reduce(id: string, from: string, to: string, share: number): string {
    const usual = this.periodsOf(id).at(-1)!.hoursPerWeek;
    return this.override(id, from, to, Math.round(usual * share * 10) / 10);
  }

  build(): StaffPeriod[] {
    return [...this.people.values()].flat();
  }

  private periodsOf(id: string): StaffPeriod[] {
    const periods = this.people.get(id);
    if (!periods) throw new RangeError(`no investigator ${id}`);
    return periods;
  }

  /** Replaces whatever is planned from `from` to `to` (null: onwards) by `hours` per week (0: nothing planned). */
  private override(id: string, from: string, to: string | null, hours: number): string {
    const periods = this.periodsOf(id);
    const domain = periods[0]!.domain;
    const out: StaffPeriod[] = [];
    for (const p of periods) {
      const beforeTo = p.to !== null && p.to < from ? p.to : addDays(from, -1);
      if (p.from <= beforeTo) out.push({ ...p, to: beforeTo });
      if (to !== null) {
        const afterFrom = p.from > to ? p.from : addDays(to, 1);
        if (p.to === null || afterFrom <= p.to) out.push({ ...p, from: afterFrom });
      }
    }
    if (hours > 0) out.push({ investigator: id, domain, from, to, hoursPerWeek: hours });
    out.sort((a, b) => a.from.localeCompare(b.from));
    this.people.set(id, out);
    return id;
  }
}
