/**
 * A trace: the history a wait predictor is judged on (issue 5, "Backtest
 * contract"). Cases with their receipt, first assignment and closing, and the
 * staff plan (planned available hours per investigator, domain and period).
 * Plain data; `trace.csv.ts` reads and writes it, `trace.generate.ts` makes
 * synthetic ones.
 */

/** The tray lane a case waits in (DOMAIN.md, "Lanes and markers"); `regular` is no marker. */
export const LANES = ['regular', 'urgent', 'b', 'pop'] as const;
export type Lane = (typeof LANES)[number];

export function isLane(value: string): value is Lane {
  return (LANES as readonly string[]).includes(value);
}

export interface TraceCase {
  caseId: string;
  receivedAt: Date;
  domain: string;
  /** `standard` (KB) or `extended` (UKB); any label a source system uses. */
  unit: string;
  lane: Lane;
  /** First assignment to an investigator; null while the case waits (or left the tray closed, see closedAt). */
  assignedAt: Date | null;
  /** Closing; with assignedAt null the case left the tray without an investigator (e.g. KEN, OB). */
  closedAt: Date | null;
}

/** Planned available hours of one investigator in one domain over a period. */
export interface StaffPeriod {
  investigator: string;
  domain: string;
  /** First day, 'YYYY-MM-DD', inclusive. */
  from: string;
  /** Last day, 'YYYY-MM-DD', inclusive; null = open ended. */
  to: string | null;
  hoursPerWeek: number;
}

export interface Trace {
  cases: TraceCase[];
  staff: StaffPeriod[];
}

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** Days (fractional) from `from` to `to`. */
export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

/** The realised wait in days from receipt to first assignment, or null when not assigned within the trace. */
export function realisedWaitDays(c: TraceCase): number | null {
  return c.assignedAt ? daysBetween(c.receivedAt, c.assignedAt) : null;
}

/** The planned hours per week of a staff plan on a day ('YYYY-MM-DD'), of one domain or all. */
export function plannedHours(plan: readonly StaffPeriod[], day: string, domain?: string): number {
  let hours = 0;
  for (const p of plan) {
    if ((domain === undefined || p.domain === domain) && p.from <= day && (p.to === null || day <= p.to)) hours += p.hoursPerWeek;
  }
  return hours;
}

/**
 * What was known of the trace at `cut`: the cases received before it, with
 * assignments and closings at or after `cut` not yet happened. The staff plan
 * is known from the start and stays whole. Used to check the no-look-ahead rule.
 */
export function truncateTrace(trace: Trace, cut: Date): Trace {
  const before = (d: Date | null) => (d && d.getTime() < cut.getTime() ? d : null);
  return {
    cases: trace.cases
      .filter((c) => c.receivedAt.getTime() < cut.getTime())
      .map((c) => ({ ...c, assignedAt: before(c.assignedAt), closedAt: before(c.closedAt) })),
    staff: trace.staff,
  };
}
