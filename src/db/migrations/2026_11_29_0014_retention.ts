import { sql, type Kysely } from 'kysely';

/**
 * Issue 8: retention. A petitioner is anonymised once every case of theirs
 * is: that question ("any case of this petitioner still kept?") needs the
 * cases by petitioner, and the due dossiers are found by their closing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index cases_petitioner_idx on cases (petitioner_id);
    create index cases_closed_unanonymised_idx on cases (closed_at) where status = 'closed' and anonymised_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index cases_closed_unanonymised_idx;
    drop index cases_petitioner_idx;
  `.execute(db);
}
