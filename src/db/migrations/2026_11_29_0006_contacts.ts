import { sql, type Kysely } from 'kysely';

/**
 * Phone contacts and callback requests (TBV), DOMAIN.md "Phone channel". A
 * contact is not a dossier: it lives in its own table, so nothing that counts
 * cases (tray, waits, production) can count it by accident.
 *
 * No events table: a contact has only write-once steps — registered (`at`,
 * `registered_by`), callback done (`callback_done_at/_by`), linked to a
 * written case (`linked_at/_by`) — each with its own time and actor, never
 * overwritten (the service refuses a second time). So the columns already are
 * the history, and "open callback requests as of t" is a query on them. When a
 * step that changes an earlier value arrives (a new due time, moving a TBV to
 * another domain), add `contact_events` then.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table contacts (
      id uuid primary key default gen_random_uuid(),
      at timestamptz not null,
      registered_by uuid not null references staff(id),
      caller_name text,
      caller_phone text,
      caller_email text,
      agency_id integer references agencies(id),
      domain_id text references domains(id),
      summary text not null,
      advice text,
      outcome text not null check (outcome in ('advised', 'asked_to_write', 'callback', 'put_through')),
      callback_domain_id text references domains(id),
      callback_due_at timestamptz,
      callback_done_at timestamptz,
      callback_done_by uuid references staff(id),
      callback_result text,
      case_id uuid references cases(id),
      linked_at timestamptz,
      linked_by uuid references staff(id),
      created_at timestamptz not null default now(),
      -- a callback request has a domain and a due time; nothing else has either
      check (case when outcome = 'callback' then callback_domain_id is not null and callback_due_at is not null
                  else callback_domain_id is null and callback_due_at is null and callback_done_at is null end),
      check ((callback_done_at is null) = (callback_done_by is null) and (callback_done_at is null) = (callback_result is null)),
      check ((case_id is null) = (linked_at is null) and (case_id is null) = (linked_by is null))
    );
    create index contacts_at_idx on contacts (at, id);
    create index contacts_open_callbacks_idx on contacts (callback_domain_id, callback_due_at, id)
      where callback_due_at is not null and callback_done_at is null;
    create index contacts_case_idx on contacts (case_id) where case_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table contacts`.execute(db);
}
