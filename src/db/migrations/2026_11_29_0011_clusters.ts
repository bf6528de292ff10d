import { sql, type Kysely } from 'kysely';

/**
 * Issue 7: clusters. A cluster is one investigation of similar complaints
 * (normally at the extended unit) with its own handler; each complaint stays
 * its own case — its petitioner gets their own reaction and closing — and
 * belongs to at most one cluster. A reaction by letter is kept with the
 * other letters to print (case_notices kind 'reaction').
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table clusters (
      id uuid primary key default gen_random_uuid(),
      title text not null check (length(title) between 1 and 200),
      agency_id integer not null references agencies(id),
      handler_id uuid references staff(id),
      created_by uuid references staff(id),
      created_at timestamptz not null,
      closed_at timestamptz
    );
    create table cluster_cases (
      case_id uuid primary key references cases(id),
      cluster_id uuid not null references clusters(id),
      added_by uuid references staff(id),
      added_at timestamptz not null
    );
    create index cluster_cases_cluster_idx on cluster_cases (cluster_id);
    alter table case_notices drop constraint case_notices_kind_check;
    alter table case_notices add constraint case_notices_kind_check check (kind in ('receipt', 'delay', 'reaction'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table case_notices drop constraint case_notices_kind_check;
    alter table case_notices add constraint case_notices_kind_check check (kind in ('receipt', 'delay'));
    drop table cluster_cases; drop table clusters;
  `.execute(db);
}
