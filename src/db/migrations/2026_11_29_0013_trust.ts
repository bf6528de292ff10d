import { sql, type Kysely } from 'kysely';

/**
 * Issue 8: trust.
 *
 * - audit_log: every view and export of a case's personal data (who, when,
 *   which case, what, why where asked). Written in the request that shows the
 *   data; kept apart from case_events because it is about the reader, not the case.
 * - api_tokens.scopes: what a bearer token may do ('read': GET routes,
 *   'write': the others).
 * - staff.oidc_subject: the OpenID Connect provider's subject a staff member logs in as.
 * - cases/petitioners.anonymised_at: retention removed the petitioner's
 *   identity from a closed dossier (statistics stay).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_log (
      id uuid primary key default gen_random_uuid(),
      at timestamptz not null,
      actor_id uuid references staff(id),
      actor_login text not null,
      case_id uuid references cases(id),
      dossier_number text,
      action text not null check (action in ('view', 'export', 'search', 'download')),
      route text not null check (length(route) between 1 and 500),
      purpose text check (purpose is null or length(purpose) between 1 and 500)
    );
    create index audit_log_at on audit_log (at);
    create index audit_log_case on audit_log (case_id, at);
    create index audit_log_actor on audit_log (actor_id, at);
    alter table api_tokens add column scopes text[] not null default '{read,write}'
      check (scopes <@ array['read', 'write']::text[] and cardinality(scopes) > 0);
    -- every token expires now: the ones made before get the default 90 days from today
    update api_tokens set expires_at = now() + interval '90 days' where expires_at is null;
    alter table staff add column oidc_subject text unique;
    alter table cases add column anonymised_at timestamptz;
    alter table petitioners add column anonymised_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table petitioners drop column anonymised_at;
    alter table cases drop column anonymised_at;
    alter table staff drop column oidc_subject;
    alter table api_tokens drop column scopes;
    drop table audit_log;
  `.execute(db);
}
