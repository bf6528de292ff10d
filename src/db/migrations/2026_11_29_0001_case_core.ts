import { sql, type Kysely } from 'kysely';

/** The case core: organisation, cases, their events, routing rules, API tokens. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table units (
      id text primary key,
      name text not null,
      short_name text not null
    );
    create table domains (
      id text primary key,
      name text not null
    );
    create table skills (
      id text primary key,
      name text not null
    );
    create table staff (
      id uuid primary key default gen_random_uuid(),
      login text not null unique,
      name text not null,
      email text,
      unit_id text not null references units(id),
      roles text[] not null default '{}',
      domains text[] not null default '{}',
      skills text[] not null default '{}',
      fte numeric(4,2) not null default 1,
      hours_per_week numeric(5,2) not null default 36,
      active boolean not null default true,
      created_at timestamptz not null default now()
    );
    create table petitioners (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      email text,
      phone text,
      address text,
      created_at timestamptz not null default now()
    );
    create table agencies (
      id serial primary key,
      name text not null
    );
    create unique index agencies_name_key on agencies (lower(name));
    create table keywords (
      id text primary key,
      label text not null,
      active boolean not null default true
    );
    create table outcomes (
      id text primary key,
      name text not null,
      counts_as_closed boolean not null default true
    );
    create table routing_rules (
      id serial primary key,
      position integer not null,
      name text not null,
      agency_id integer references agencies(id),
      keyword_id text references keywords(id),
      channel text,
      complex boolean,
      domain_id text references domains(id),
      unit_id text references units(id),
      active boolean not null default true,
      check (domain_id is not null or unit_id is not null)
    );

    create sequence dossier_number_seq;
    create table cases (
      id uuid primary key default gen_random_uuid(),
      dossier_number text not null unique,
      petitioner_id uuid not null references petitioners(id),
      agency_id integer not null references agencies(id),
      subject text not null,
      description text not null,
      channel text not null,
      keywords text[] not null default '{}',
      complex boolean not null default false,
      received_at timestamptz not null,
      status text not null,
      domain_id text references domains(id),
      unit_id text references units(id),
      suggested_domain_id text references domains(id),
      suggested_unit_id text references units(id),
      lane_urgent boolean not null default false,
      lane_b boolean not null default false,
      lane_pop boolean not null default false,
      lane_ob boolean not null default false,
      tray_rank smallint not null default 4,
      investigator_id uuid references staff(id),
      proposal text,
      handling_type text,
      outcome_id text references outcomes(id),
      queued_at timestamptz,
      assigned_at timestamptz,
      first_contact_at timestamptz,
      closed_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index cases_tray_idx on cases (domain_id, tray_rank, received_at, id) where status = 'queued';
    create index cases_investigator_idx on cases (investigator_id) where investigator_id is not null;
    create index cases_received_idx on cases (received_at);

    create table case_events (
      id bigserial primary key,
      case_id uuid not null references cases(id),
      type text not null,
      at timestamptz not null,
      actor_id uuid references staff(id),
      payload jsonb not null default '{}',
      recorded_at timestamptz not null default now()
    );
    create index case_events_case_idx on case_events (case_id, id);
    create index case_events_type_at_idx on case_events (type, at);

    create table idempotency_keys (
      scope text not null,
      key text not null,
      request_hash text not null,
      case_id uuid references cases(id),
      created_at timestamptz not null default now(),
      primary key (scope, key)
    );

    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      staff_id uuid not null references staff(id),
      name text not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      revoked_at timestamptz
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table api_tokens; drop table idempotency_keys; drop table case_events; drop table cases;
    drop sequence dossier_number_seq; drop table routing_rules; drop table outcomes; drop table keywords;
    drop table agencies; drop table petitioners; drop table staff; drop table skills; drop table domains;
    drop table units;
  `.execute(db);
}
