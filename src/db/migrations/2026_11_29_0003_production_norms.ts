import { sql, type Kysely } from 'kysely';

/** The production norm as data: closed cases per FTE-week, from a date on (DOMAIN.md, "Steering figures"). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table production_norms (
      valid_from date primary key,
      per_fte_week numeric(5,2) not null check (per_fte_week >= 0)
    );
    insert into production_norms (valid_from, per_fte_week) values
      ('2024-01-01', 8), ('2024-02-15', 9), ('2024-04-01', 10), ('2024-06-01', 11), ('2024-08-01', 12);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table production_norms`.execute(db);
}
