import { sql, type Kysely } from 'kysely';

/**
 * Issue 7: OB screening and transfers, as data.
 *
 * - ob_criteria: the shared checklist of why a complaint is of insufficient
 *   interest (OB), kept by coordinators; a screening is a case event
 *   ('ob_screened') naming the criteria that applied, so they can be counted.
 * - transfer_criteria: rules that flag long-running or complex cases for
 *   transfer to the extended unit (kind 'age_weeks' with a number, 'complex',
 *   'keyword' with a keyword id, 'reopened').
 * - escalations / escalation_cases: a structural problem escalated to
 *   research, with the cases it rests on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ob_criteria (
      id uuid primary key default gen_random_uuid(),
      label text not null check (length(label) between 1 and 300),
      active boolean not null default true,
      position integer not null default 0,
      created_at timestamptz not null default now()
    );
    create table transfer_criteria (
      id uuid primary key default gen_random_uuid(),
      label text not null check (length(label) between 1 and 200),
      kind text not null check (kind in ('age_weeks', 'complex', 'keyword', 'reopened')),
      weeks integer check (weeks is null or weeks between 1 and 260),
      keyword_id text,
      active boolean not null default true,
      created_at timestamptz not null default now()
    );
    create table escalations (
      id uuid primary key default gen_random_uuid(),
      title text not null check (length(title) between 1 and 200),
      description text not null,
      agency_id integer references agencies(id),
      created_by uuid references staff(id),
      created_at timestamptz not null
    );
    create table escalation_cases (
      escalation_id uuid not null references escalations(id),
      case_id uuid not null references cases(id),
      primary key (escalation_id, case_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table escalation_cases; drop table escalations; drop table transfer_criteria; drop table ob_criteria;`.execute(db);
}
