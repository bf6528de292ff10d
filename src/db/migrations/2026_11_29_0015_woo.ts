import { sql, type Kysely } from 'kysely';
import { DEFAULT_GROUNDS } from '../../woo/woo.ts';

/**
 * Issue 9: Woo requests (Wet open overheid).
 *
 * - woo_requests: a request, its own dossier kind with its own number series
 *   (WOO-2026-0001); the clock's facts (received, extension, decision); once
 *   decided, the decision letter and publication package as they were fixed.
 * - woo_suspensions: periods the clock stood still while third parties gave their view.
 * - woo_documents: the documents found, numbered as on the inventory: Grip's
 *   own material (a note, letter or mail, as text at the moment it was
 *   added) or an upload (the original kept for the reviewer, its text
 *   extracted). The decision per document and, when not public, its grounds.
 * - woo_grounds: the legal grounds for redaction and their colours (data).
 * - woo_redactions: character ranges of a document's text, each with a ground.
 * - woo_events: what happened to a request, in order (the record; the tables
 *   above are its current state, written in the same transaction).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create sequence woo_number_seq;
    create table woo_grounds (
      code text primary key check (length(code) between 1 and 30),
      name text not null check (length(name) between 1 and 200),
      article text not null check (length(article) between 1 and 200),
      colour text not null check (colour ~ '^#[0-9a-f]{6}$'),
      explanation text not null check (length(explanation) between 1 and 4000),
      position integer not null
    );
    create table woo_requests (
      id uuid primary key default gen_random_uuid(),
      number text not null unique,
      received_on date not null,
      requester_name text not null check (length(requester_name) between 1 and 200),
      requester_email text check (requester_email is null or length(requester_email) between 3 and 254),
      requester_address text check (requester_address is null or length(requester_address) between 1 and 500),
      subject text not null check (length(subject) between 1 and 300),
      request_text text not null check (length(request_text) between 1 and 20000),
      extended_at timestamptz,
      extension_reason text check (extension_reason is null or length(extension_reason) between 1 and 2000),
      decided_at timestamptz,
      decided_on date,
      decided_by uuid references staff(id),
      -- what was sent and published, as fixed: later changes to grounds or staff do not alter it
      decision_pdf bytea,
      package_zip bytea,
      created_by uuid references staff(id),
      created_at timestamptz not null,
      version integer not null default 1,
      check ((extended_at is null) = (extension_reason is null)),
      check ((decided_at is null) = (decided_on is null))
    );
    create index woo_requests_open on woo_requests (received_on) where decided_at is null;

    create table woo_suspensions (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references woo_requests(id) on delete cascade,
      started_on date not null,
      ended_on date check (ended_on is null or ended_on >= started_on),
      third_party text not null check (length(third_party) between 1 and 300)
    );
    create unique index woo_suspensions_one_open on woo_suspensions (request_id) where ended_on is null;

    create table woo_documents (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references woo_requests(id) on delete cascade,
      number integer not null check (number > 0),
      source text not null check (source in ('note', 'letter', 'mail', 'pdf', 'docx', 'eml')),
      source_ref text,
      case_id uuid references cases(id),
      title text not null check (length(title) between 1 and 300),
      document_date date,
      body text not null,
      filename text,
      original bytea,
      author text,
      decision text check (decision in ('public', 'partly', 'notPublic')),
      grounds text[] not null default '{}',
      added_by uuid references staff(id),
      added_at timestamptz not null,
      unique (request_id, number)
    );
    create unique index woo_documents_source on woo_documents (request_id, source, source_ref) where source_ref is not null;

    create table woo_redactions (
      id uuid primary key default gen_random_uuid(),
      document_id uuid not null references woo_documents(id) on delete cascade,
      start_at integer not null check (start_at >= 0),
      end_at integer not null check (end_at > start_at),
      ground text not null references woo_grounds(code) on update cascade,
      origin text not null check (origin in ('manual', 'suggestion')),
      created_by uuid references staff(id),
      created_at timestamptz not null
    );
    create index woo_redactions_document on woo_redactions (document_id, start_at);

    create table woo_events (
      id bigserial primary key,
      request_id uuid not null references woo_requests(id) on delete cascade,
      type text not null,
      at timestamptz not null,
      actor_id uuid references staff(id),
      payload jsonb not null default '{}'
    );
    create index woo_events_request on woo_events (request_id, id);
  `.execute(db);
  // the seed's three grounds, as data the Woo coordinator keeps
  for (const [i, g] of DEFAULT_GROUNDS.entries()) {
    await sql`insert into woo_grounds (code, name, article, colour, explanation, position) values (${g.code}, ${g.name}, ${g.article}, ${g.colour}, ${g.explanation}, ${i + 1})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table woo_events;
    drop table woo_redactions;
    drop table woo_documents;
    drop table woo_suspensions;
    drop table woo_requests;
    drop table woo_grounds;
    drop sequence woo_number_seq;
  `.execute(db);
}
