import { sql, type Kysely } from 'kysely';

/**
 * Issue 6: telling citizens.
 *
 * - case_notices: every message Grip decided to give a petitioner about one
 *   case — the receipt, the delay notice and its re-notices, or (pilot
 *   domains) a place on the front office's call list. `unique (case_id, kind,
 *   seq)` is the exactly-once guard: the row and its outbox message are
 *   written in one transaction, so a second node, a retried job or a crash
 *   can never make two of one kind. A letter keeps its text and address so a
 *   batch prints the same letter again.
 * - notice_templates: the Dutch texts with placeholders, edited by the
 *   communications staff (defaults in src/notices/template.ts).
 * - call_outcomes: what a pilot call brought (reached, urgent, agency first,
 *   withdrawn) and what it did to the case.
 * - rate_limits: fixed-window counters per key (the public form's address),
 *   shared by every node.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table case_notices (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id),
      kind text not null check (kind in ('receipt', 'delay')),
      seq integer not null check (seq >= 0),
      channel text not null check (channel in ('email', 'letter', 'call', 'none')),
      expected_p10 timestamptz,
      expected_p50 timestamptz,
      expected_p90 timestamptz,
      mail_id uuid references mail_outbox(id),
      recipient text,
      subject text,
      body text,
      printed_at timestamptz,
      created_at timestamptz not null,
      unique (case_id, kind, seq)
    );
    create index case_notices_created_idx on case_notices (created_at);
    create index case_notices_letters_idx on case_notices (created_at) where channel = 'letter' and printed_at is null;
    create table notice_templates (
      kind text primary key,
      subject text not null,
      body text not null,
      updated_by uuid references staff(id),
      updated_at timestamptz not null
    );
    create table call_outcomes (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id),
      called_by uuid references staff(id),
      called_at timestamptz not null,
      reached boolean not null,
      urgent boolean,
      agency_approached boolean,
      withdrawn boolean,
      note text,
      effect text check (effect in ('urgent', 'ken', 'withdrawn'))
    );
    create index call_outcomes_case_idx on call_outcomes (case_id, called_at);
    create table rate_limits (
      key text not null,
      window_start timestamptz not null,
      count integer not null,
      primary key (key, window_start)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table rate_limits; drop table call_outcomes; drop table notice_templates; drop table case_notices;`.execute(db);
}
