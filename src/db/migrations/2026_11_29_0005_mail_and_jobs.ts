import { sql, type Kysely } from 'kysely';

/**
 * The mail outbox (every message Grip sends, sent or not) and the record of
 * each week's overview (weekmail). The job queue itself is pg-boss, which
 * keeps its own schema (`pgboss`) and migrates it when the job runner starts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mail_outbox (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      -- producing the same message twice (two nodes, a retried job) inserts it once
      dedupe_key text not null unique,
      -- the staff member it is for, if any (their own messages are theirs to read in the app)
      staff_id uuid references staff(id) on delete set null,
      recipient text not null,
      subject text not null,
      body_text text not null,
      body_html text,
      created_at timestamptz not null default now(),
      -- when delivery is next due; null once sent or given up. A claim moves it a lease ahead.
      next_attempt_at timestamptz default now(),
      attempts integer not null default 0,
      sent_at timestamptz,
      transport text check (transport in ('smtp', 'outbox')),
      -- the SMTP message id, or the file name in the outbox folder
      delivery_ref text,
      last_error text
    );
    create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where sent_at is null;
    create index mail_outbox_list_idx on mail_outbox (created_at desc, id desc);
    create index mail_outbox_staff_idx on mail_outbox (staff_id, created_at desc, id desc) where staff_id is not null;

    create table weekmail_runs (
      week text primary key,
      produced_at timestamptz not null,
      queued integer not null,
      -- names of the people who got no overview because they have no e-mail address
      skipped text[] not null default '{}'
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table weekmail_runs;
    drop table mail_outbox;
    drop schema if exists pgboss cascade;
  `.execute(db);
}
