import type { Random } from '../core/random.ts';
import type { StaffPeriod } from './trace.ts';
import { HOURS_PER_FTE, PlanBuilder } from './trace.plan.ts';

/**
 * The generator's scenarios (issue 5): what differs between them is inflow,
 * the staff plan and productivity; the simulation (trace.generate.ts) is the
 * same. FILE marks a figure from the source file (DOMAIN.md, "Steering
 * figures"); CHOSEN a calibration choice.
 */
export const SCENARIOS = ['steady', 'surge', 'drop', 'seed'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export function isScenario(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}

/** FILE: the domains and their share of the tray on 16 Oct 2023 (249, 133, 215 and 115 of 712). */
export const TRACE_DOMAINS = [
  { id: 'leefomgeving', share: 0.35 },
  { id: 'zorg-en-jeugd', share: 0.19 },
  { id: 'inkomen', share: 0.3 },
  { id: 'veiligheid-en-migratie', share: 0.16 },
] as const;

export interface Scenario {
  name: ScenarioName;
  description: string;
  /** First day (a Monday) and last day of the trace, 'YYYY-MM-DD'. */
  start: string;
  end: string;
  /** Written complaints expected in an ordinary week around `day`, before holiday and weekday factors. */
  weeklyInflow(day: string): number;
  /** Investigator hours one regular or urgent case takes from the tray's capacity on `day` (B and POP take half). */
  hoursPerCase(day: string): number;
  /** The weekly inflow the B sessions and POP days are sized for. */
  sessionInflow: number;
  plan(rng: Random): StaffPeriod[];
}

/** CHOSEN. An ordinary week's inflow in the synthetic scenarios (DOMAIN.md: ~150-200). */
const STEADY_INFLOW = 175;
/** 12 closed cases per FTE-week of 36 h (the production norm from Aug 2024): 3 hours a case. */
const STEADY_HOURS_PER_CASE = HOURS_PER_FTE / 12;
/**
 * CHOSEN. Planned hours a week per complaint a week. A complaint takes 2.7 h on
 * average (B and POP half of 3 h); with ~6% sickness and a little leave ~92%
 * of the plan is present, so capacity exceeds ordinary inflow by ~10%: the
 * tray builds up in holiday weeks and is worked off slowly after.
 */
const STEADY_PLAN_HOURS_PER_INFLOW = 3.25;

const TRACE_START = '2023-01-02';
const TRACE_END = '2024-12-29';

/** The steady staff of every domain; the ids per domain, in TRACE_DOMAINS order. */
function fillSteady(rng: Random, builder: PlanBuilder): string[][] {
  return TRACE_DOMAINS.map((d) => builder.fill(rng, d.id, TRACE_START, STEADY_INFLOW * STEADY_PLAN_HOURS_PER_INFLOW * d.share));
}

const steady: Scenario = {
  name: 'steady',
  description: 'steady inflow and plan; holidays bring less mail and less capacity',
  start: TRACE_START,
  end: TRACE_END,
  weeklyInflow: () => STEADY_INFLOW,
  hoursPerCase: () => STEADY_HOURS_PER_CASE,
  sessionInflow: STEADY_INFLOW,
  plan: (rng) => {
    const builder = new PlanBuilder();
    fillSteady(rng, builder);
    return builder.build();
  },
};

/** CHOSEN. The surge: +40% inflow for 8 weeks from Monday 4 March 2024, not foreseen in the plan. */
export const SURGE = { from: '2024-03-04', to: '2024-04-28', factor: 1.4 };

const surge: Scenario = {
  ...steady,
  name: 'surge',
  description: 'steady, with inflow +40% for 8 weeks from 4 March 2024',
  weeklyInflow: (day) => STEADY_INFLOW * (day >= SURGE.from && day <= SURGE.to ? SURGE.factor : 1),
};

/**
 * CHOSEN. The planned drop: two investigators leave after 31 Aug 2023, one
 * takes parental leave from 2 Oct 2023 to 28 Jan 2024, and three new staff
 * start on 8 Jan 2024 at half their hours for their first 8 weeks.
 */
export const DROP = { leaveAfter: '2023-08-31', parental: ['2023-10-02', '2024-01-28'], hiresFrom: '2024-01-08' } as const;

function dropPlan(rng: Random): StaffPeriod[] {
  const builder = new PlanBuilder();
  const [leefomgeving, , inkomen] = fillSteady(rng, builder);
  builder.leave(leefomgeving![0]!, DROP.leaveAfter);
  builder.leave(inkomen![0]!, DROP.leaveAfter);
  builder.absent(leefomgeving![1]!, DROP.parental[0], DROP.parental[1]);
  for (const domain of ['leefomgeving', 'leefomgeving', 'inkomen']) builder.hire(domain, DROP.hiresFrom, 1);
  return builder.build();
}

const drop: Scenario = {
  ...steady,
  name: 'drop',
  description: 'steady, with a planned capacity drop from September 2023 (two leave, one parental leave) and new staff from January 2024',
  plan: dropPlan,
};

/**
 * The seed's story. FILE: available FTE 21.4 on 1 Dec 2023, 25.5 on 1 Feb
 * 2024, 32 on 1 Jun 2024; the production norm path of 2024 (Jan-Feb 8,
 * Feb-Mar 9, Apr-May 10, Jun-Jul 11, from Aug 12). CHOSEN: ~29 FTE early in
 * 2023 and a realised 6 cases per FTE-week in 2023 (as the demo history),
 * 165 complaints a week in 2023 growing 4% a year.
 */
export const SEED_NORM: readonly [from: string, perFteWeek: number][] = [
  ['2023-01-01', 5.6],
  ['2024-01-01', 8],
  ['2024-02-15', 9],
  ['2024-04-01', 10],
  ['2024-06-01', 11],
  ['2024-08-01', 12],
];

function seedNorm(day: string): number {
  let norm = SEED_NORM[0]![1];
  for (const [from, value] of SEED_NORM) if (day >= from) norm = value;
  return norm;
}

function seedInflow(day: string): number {
  const years = (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${TRACE_START}T00:00:00Z`)) / (365 * 86_400_000);
  return 165 * (1 + 0.04 * years);
}

/**
 * The seed's plan: 32 investigators (23 full time, 9 at 0.7), 29.3 FTE; then
 * through 2023 people leave, take parental leave or re-integrate (21.2 FTE on
 * 1 Dec 2023); from January 2024 five new staff onboard at half hours for 8
 * weeks and leave ends (25.2 on 1 Feb 2024), two more join in March (32.0 on
 * 1 Jun 2024).
 */
function seedPlan(): StaffPeriod[] {
  const b = new PlanBuilder();
  const people = { leefomgeving: [8, 3], 'zorg-en-jeugd': [4, 2], inkomen: [7, 3], 'veiligheid-en-migratie': [4, 1] }; // [full time, at 0.7]
  for (const [domain, [full, part]] of Object.entries(people)) {
    for (let k = 0; k < full! + part!; k++) b.add(domain, TRACE_START, k < full! ? 1 : 0.7);
  }
  // 2023: the formation thins out in every domain alike, to 21.2 FTE on 1 Dec 2023.
  b.leave('leefomgeving-01', '2023-02-28');
  b.leave('inkomen-10', '2023-02-28');
  b.reduce('zorg-en-jeugd-02', '2023-04-01', '2024-01-31', 0.5); // re-integration
  b.leave('veiligheid-en-migratie-05', '2023-03-31');
  b.absent('inkomen-01', '2023-06-01', '2023-12-31'); // parental leave
  b.absent('zorg-en-jeugd-01', '2023-09-01', '2024-03-31'); // parental leave
  b.leave('veiligheid-en-migratie-02', '2023-10-15');
  b.reduce('leefomgeving-02', '2023-11-01', '2024-04-30', 0.3); // re-integration
  b.absent('leefomgeving-03', '2023-11-15', '2024-05-31'); // parental leave
  b.reduce('inkomen-02', '2023-07-01', '2024-12-31', 0.5); // part-time parental leave
  // 2024: new staff onboard at half hours for 8 weeks; leave ends.
  for (const domain of ['leefomgeving', 'leefomgeving', 'inkomen', 'zorg-en-jeugd', 'veiligheid-en-migratie']) b.hire(domain, '2024-01-08', 1);
  for (const domain of ['leefomgeving', 'inkomen']) b.hire(domain, '2024-03-01', 0.8);
  return b.build();
}

const seed: Scenario = {
  name: 'seed',
  description: "the seed's story: a tray of ~750 in Oct 2023 growing over Christmas, 8-12 week waits in Jan 2024, under 3 weeks by spring",
  start: TRACE_START,
  end: TRACE_END,
  weeklyInflow: seedInflow,
  hoursPerCase: (day) => HOURS_PER_FTE / seedNorm(day),
  sessionInflow: 170,
  plan: () => seedPlan(),
};

export const SCENARIO_BY_NAME: Record<ScenarioName, Scenario> = { steady, surge, drop, seed };
