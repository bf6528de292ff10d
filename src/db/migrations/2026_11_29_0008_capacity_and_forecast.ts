import { sql, type Kysely } from 'kysely';

/**
 * Issue 5: the capacity plan (periods per person, lane slots), saved what-if
 * scenarios, and the expected wait kept on each case.
 *
 * - capacity_periods / lane_slots: the plan as data (src/capacity/plan.ts);
 *   formation and sickness allowance are settings ('capacity.plan').
 * - forecast_scenarios: a named list of changes applied to the live plan, so
 *   a scenario stays a copy of today's plan with its own changes.
 * - case_wait_forecasts: per case, the expectation made when it first waited
 *   in a domain tray (kept for accuracy, never overwritten) and the latest.
 * - forecast_runs: the last Monte Carlo result per scenario (null = the plan),
 *   so pages read it instead of waiting for a run.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table capacity_periods (
      id uuid primary key default gen_random_uuid(),
      person text not null check (length(person) between 1 and 120),
      staff_id uuid references staff(id),
      domain_id text not null references domains(id),
      kind text not null check (kind in ('contract', 'parentalLeave', 'onboarding', 'reintegration', 'absence')),
      from_day date not null,
      to_day date check (to_day is null or to_day >= from_day),
      hours_per_week numeric(5, 1) not null check (hours_per_week > 0 and hours_per_week <= 60),
      created_at timestamptz not null default now()
    );
    create index capacity_periods_person_idx on capacity_periods (person, from_day);
    create table lane_slots (
      id uuid primary key default gen_random_uuid(),
      domain_id text not null references domains(id),
      lane text not null check (lane in ('b', 'pop')),
      weekday smallint not null check (weekday between 1 and 5),
      every_weeks smallint not null check (every_weeks between 1 and 8),
      hours numeric(5, 1) not null check (hours > 0 and hours <= 200),
      from_day date not null,
      to_day date check (to_day is null or to_day >= from_day)
    );
    create table forecast_scenarios (
      id uuid primary key default gen_random_uuid(),
      name text not null unique check (length(name) between 1 and 80),
      changes jsonb not null,
      created_by uuid not null references staff(id),
      created_at timestamptz not null default now()
    );
    create table forecast_runs (
      scenario_key text primary key,
      made_at timestamptz not null,
      result jsonb not null
    );
    create table case_wait_forecasts (
      case_id uuid primary key references cases(id),
      first_made_at timestamptz not null,
      first_p10 timestamptz not null,
      first_p50 timestamptz not null,
      first_p90 timestamptz not null,
      made_at timestamptz not null,
      p10 timestamptz not null,
      p50 timestamptz not null,
      p90 timestamptz not null,
      check (first_p10 <= first_p50 and first_p50 <= first_p90 and p10 <= p50 and p50 <= p90)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table case_wait_forecasts; drop table forecast_runs; drop table forecast_scenarios; drop table lane_slots; drop table capacity_periods`.execute(db);
}
