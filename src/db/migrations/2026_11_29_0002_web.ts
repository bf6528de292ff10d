import { sql, type Kysely } from 'kysely';

/** The web app: passwords, sessions, attachments, registration profiles and settings. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table staff add column password_hash text;
    create table sessions (
      id_hash text primary key,
      staff_id uuid not null references staff(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_staff_idx on sessions (staff_id);
    create table attachments (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id),
      file_name text not null,
      content_type text not null,
      size integer not null,
      data bytea not null,
      uploaded_by uuid references staff(id),
      uploaded_at timestamptz not null default now()
    );
    create index attachments_case_idx on attachments (case_id);
    alter table outcomes add column profile jsonb not null default '[]';
    create table settings (
      key text primary key,
      value jsonb not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table settings; alter table outcomes drop column profile; drop table attachments;
    drop table sessions; alter table staff drop column password_hash;
  `.execute(db);
}
