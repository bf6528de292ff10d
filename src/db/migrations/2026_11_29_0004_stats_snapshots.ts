import { sql, type Kysely } from 'kysely';

/**
 * Materialised daily figures for the dashboards, derived from case events and
 * kept correct by invalidation: any event written with a time in the past
 * (history import, demo, a clock set back in a test) records that time, and
 * the next refresh recomputes from the start of that week.
 *
 * - stats_days: per day, domain and unit, the state at the end of the day
 *   (tray, in progress, age bands, lanes) and the flows during it;
 * - stats_waits_days / stats_waits_weeks: histograms of whole days from
 *   receipt to first assignment and to first contact, per day and per week;
 * - stats_state: the first day not yet materialised;
 * - stats_invalidations: earliest event times written after the fact.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table stats_days (
      day date not null,
      domain_id text not null,
      unit_id text not null,
      unassigned integer not null,
      in_progress integer not null,
      oldest_received_at timestamptz,
      ages integer[] not null,
      urgent integer not null,
      lane_b integer not null,
      pop integer not null,
      ob integer not null,
      inflow integer not null,
      assigned integer not null,
      closed integer not null,
      routed integer not null,
      overridden integer not null,
      primary key (day, domain_id, unit_id)
    );
    create table stats_waits_days (
      day date not null,
      domain_id text not null,
      kind text not null check (kind in ('assignment', 'first_contact')),
      wait_days integer not null,
      cases integer not null,
      primary key (day, domain_id, kind, wait_days)
    );
    create table stats_waits_weeks (
      week date not null,
      domain_id text not null,
      kind text not null check (kind in ('assignment', 'first_contact')),
      wait_days integer not null,
      cases integer not null,
      primary key (week, domain_id, kind, wait_days)
    );
    create table stats_state (
      id boolean primary key default true check (id),
      complete_before date
    );
    insert into stats_state (complete_before) values (null);
    create table stats_invalidations (
      id bigserial primary key,
      since timestamptz not null
    );

    create function stats_invalidate() returns trigger language plpgsql as $$
    begin
      insert into stats_invalidations (since)
      select min(at) from new_events having min(at) < clock_timestamp() - interval '1 hour';
      return null;
    end $$;
    create trigger case_events_stats_invalidate after insert on case_events
      referencing new table as new_events for each statement execute function stats_invalidate();

    create index cases_open_range_idx on cases using gist (tstzrange(received_at, closed_at, '[]'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index cases_open_range_idx;
    drop trigger case_events_stats_invalidate on case_events;
    drop function stats_invalidate();
    drop table stats_invalidations, stats_state, stats_waits_weeks, stats_waits_days, stats_days;
  `.execute(db);
}
