import { sql, type Kysely } from 'kysely';

/**
 * Issue 7: the front office and the fast lanes.
 *
 * - roster_days: per domain per working day, the investigator front office
 *   may put a caller through to (the on-call roster); generated fairly and
 *   edited by hand (edited_by set).
 * - lane_sessions: a B session (vluchtstrook) or POP day of a domain on a
 *   day, with its people and, for POP, an optional topic.
 * - lane_session_cases: the cases handed out in a session, to whom, so a
 *   session reports what it cleared.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table roster_days (
      domain_id text not null references domains(id),
      day date not null,
      investigator_id uuid not null references staff(id),
      edited_by uuid references staff(id),
      edited_at timestamptz,
      primary key (domain_id, day)
    );
    create table lane_sessions (
      id uuid primary key default gen_random_uuid(),
      lane text not null check (lane in ('b', 'pop')),
      domain_id text not null references domains(id),
      day date not null,
      topic text check (topic is null or length(topic) between 1 and 120),
      people uuid[] not null default '{}',
      created_by uuid references staff(id),
      created_at timestamptz not null
    );
    create index lane_sessions_day_idx on lane_sessions (day, domain_id);
    create table lane_session_cases (
      session_id uuid not null references lane_sessions(id),
      case_id uuid not null references cases(id),
      investigator_id uuid not null references staff(id),
      handed_out_at timestamptz not null,
      primary key (session_id, case_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table lane_session_cases; drop table lane_sessions; drop table roster_days;`.execute(db);
}
