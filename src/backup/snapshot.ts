import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../db/database.ts';

/**
 * What backup and export read, the same way on PGlite and on a PostgreSQL
 * server: every base table of the `public` schema, its rows serialised by
 * PostgreSQL itself (`row_to_json`), and the schema's sequences. One
 * repeatable-read, read-only transaction gives one consistent snapshot while
 * Grip keeps writing.
 *
 * Left out: Kysely's own bookkeeping (`kysely_migration`, `kysely_migration_lock`
 * — the applied migrations are listed by name instead, without their run
 * times) and pg-boss's `pgboss` schema (its queue and schedules are recreated
 * when Grip starts).
 */
export const SKIPPED_TABLES = ['kysely_migration', 'kysely_migration_lock'] as const;

export interface SequenceValue {
  name: string;
  /** A bigint, as text. */
  last_value: string;
  is_called: boolean;
}

/** Runs `fn` in one consistent, read-only snapshot with fixed output settings. */
export async function inSnapshot<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      await fixOutputSettings(tx);
      return fn(tx);
    });
}

/** Settings that change how values print: fixed, so every export of the same data has the same bytes. */
export async function fixOutputSettings(tx: Tx): Promise<void> {
  await sql`set local timezone = 'UTC'`.execute(tx);
  await sql`set local intervalstyle = 'iso_8601'`.execute(tx);
  await sql`set local extra_float_digits = 1`.execute(tx);
  await sql`set local bytea_output = 'hex'`.execute(tx);
}

/** The base tables of `public`, by name in byte order. */
export async function listTables(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname collate "C"`.execute(db);
  return rows.map((r) => r.name).filter((n) => !(SKIPPED_TABLES as readonly string[]).includes(n));
}

/** The applied migrations, by name (empty when the schema was never migrated). */
export async function appliedMigrations(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ exists: boolean }>`select to_regclass('public.kysely_migration') is not null as exists`.execute(db);
  if (!rows[0]?.exists) return [];
  const names = await sql<{ name: string }>`select name from kysely_migration order by name collate "C"`.execute(db);
  return names.rows.map((r) => r.name);
}

/** Every sequence of `public` with its current value (sequences are not transactional: at least the snapshot's). */
export async function readSequences(db: Executor): Promise<SequenceValue[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'S' order by c.relname collate "C"`.execute(db);
  const out: SequenceValue[] = [];
  for (const { name } of rows) {
    const value = await sql<{ last_value: string; is_called: boolean }>`
      select last_value::text as last_value, is_called from ${sql.table(`public.${name}`)}`.execute(db);
    out.push({ name, last_value: value.rows[0]!.last_value, is_called: value.rows[0]!.is_called });
  }
  return out;
}

export async function countRows(db: Executor, table: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(`public.${table}`)}`.execute(db);
  return Number(rows[0]!.n);
}

/** Rows per fetch: small for tables with binary content (attachments), so memory stays bounded. */
async function fetchSize(db: Executor, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from information_schema.columns
    where table_schema = 'public' and table_name = ${table} and data_type = 'bytea'`.execute(db);
  return rows[0]!.n > 0 ? 2 : 2000;
}

/**
 * A table's rows as JSON text, one per row, in byte order of that text — a
 * stable order that needs no knowledge of keys. Read through a cursor in
 * batches, so a table of any size fits in memory.
 */
export async function* tableLines(tx: Tx, table: string): AsyncGenerator<string[]> {
  const size = await fetchSize(tx, table);
  await sql`declare grip_rows no scroll cursor for
    select line from (select row_to_json(t)::text as line from ${sql.table(`public.${table}`)} t) s
    order by line collate "C"`.execute(tx);
  for (;;) {
    const { rows } = await sql<{ line: string }>`fetch forward ${sql.raw(String(size))} from grip_rows`.execute(tx);
    if (!rows.length) break;
    yield rows.map((r) => r.line);
  }
  await sql`close grip_rows`.execute(tx);
}
