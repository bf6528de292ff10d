import { sql, type Kysely } from 'kysely';

/**
 * The people whose weekly overview could not be made (a message the outbox
 * refuses), named per week next to those without an e-mail address: one such
 * message leaves that person out, never the whole week.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table weekmail_runs add column failed text[] not null default '{}'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table weekmail_runs drop column failed`.execute(db);
}
