import { sql } from 'kysely';
import type { Db } from '../db/database.ts';


/**
 * Rows the schema's types allow but the domain forbids, over every table:
 * text holding U+FFFD (a lone surrogate that was stored as a replacement) or a
 * NUL, required names blank after trimming, dates outside 1900–2200, cases
 * without events. Answers readable lines, empty when all is well.
 */
export async function invalidRows(db: Db): Promise<string[]> {
  const problems: string[] = [];
  const columns = await sql<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>`
    select c.table_name, c.column_name, c.data_type, c.is_nullable
    from information_schema.columns c join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.table_name not like 'kysely_%'
    order by c.table_name, c.ordinal_position`.execute(db);
  const checks: { what: string; where: ReturnType<typeof sql>; table: string; column: string }[] = [];
  for (const c of columns.rows) {
    const col = sql.ref(`${c.table_name}.${c.column_name}`);
    if (c.data_type === 'text' || c.data_type === 'character varying') {
      checks.push({ what: 'holds U+FFFD (a lone surrogate replaced)', where: sql`strpos(${col}, chr(65533)) > 0`, table: c.table_name, column: c.column_name });
      if (c.is_nullable === 'NO' && /(^|_)(name|subject|title|login|label|agency)$/.test(c.column_name)) {
        checks.push({ what: 'is blank', where: sql`btrim(${col}, E' \\t\\r\\n') = ''`, table: c.table_name, column: c.column_name });
      }
    } else if (c.data_type === 'ARRAY') {
      checks.push({ what: 'holds U+FFFD (a lone surrogate replaced)', where: sql`strpos(array_to_string(${col}, ' '), chr(65533)) > 0`, table: c.table_name, column: c.column_name });
    } else if (c.data_type === 'jsonb' || c.data_type === 'json') {
      checks.push({ what: 'holds U+FFFD or an escaped NUL', where: sql`(strpos(${col}::text, chr(65533)) > 0 or strpos(${col}::text, '\\u0000') > 0)`, table: c.table_name, column: c.column_name });
    } else if (c.data_type === 'date' || c.data_type.startsWith('timestamp')) {
      checks.push({ what: 'is a date outside 1900–2200', where: sql`(${col} < '1900-01-01' or ${col} > '2200-01-01')`, table: c.table_name, column: c.column_name });
    }
  }
  for (const check of checks) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(check.table)} where ${check.where}`.execute(db);
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) {
      const sample = await sql<{ v: unknown }>`select ${sql.ref(`${check.table}.${check.column}`)}::text as v from ${sql.table(check.table)} where ${check.where} limit 1`.execute(db);
      problems.push(`${check.table}.${check.column} ${check.what} in ${n} row(s), e.g. ${JSON.stringify(String(sample.rows[0]?.v ?? '')).slice(0, 120)}`);
    }
  }
  const eventless = await sql<{ n: string }>`select count(*) as n from cases c where not exists (select 1 from case_events e where e.case_id = c.id)`.execute(db);
  if (Number(eventless.rows[0]?.n ?? 0) > 0) problems.push(`${eventless.rows[0]!.n} case(s) without events`);
  return problems;
}

/** Every uuid `id` in the public tables, by table: the real ids the fuzz aims at. */
export async function idsByTable(db: Db, limitPerTable = 20): Promise<Map<string, string[]>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.columns where table_schema = 'public' and column_name = 'id' and data_type = 'uuid' order by table_name`.execute(db);
  const out = new Map<string, string[]>();
  for (const { table_name } of tables.rows) {
    const { rows } = await sql<{ id: string }>`select id::text as id from ${sql.table(table_name)} order by id limit ${limitPerTable}`.execute(db);
    if (rows.length) out.set(table_name, rows.map((r) => r.id));
  }
  return out;
}
