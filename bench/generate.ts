import { sql } from 'kysely';
import type { Db } from '../src/db/database.ts';

/** Generated historical cases for benchmarks, written by the database itself (fast enough for millions). */
const DAY = 86_400_000;
const BATCH = 50_000;
export const DOMAINS = ['leefomgeving', 'zorg-en-jeugd', 'inkomen', 'veiligheid-en-migratie'];

/**
 * Cases numbered (from, to], received between `start` and `now` minus two days:
 * routed an hour later (10% to the extended unit), assigned after 3-80 days,
 * first contact 2 days later, closed 25 days after that — as far as `now` has
 * come. Deterministic: every draw is a hash of the case number.
 */
export async function generate(db: Db, from: number, to: number, start: Date, now: Date, investigators: string[]) {
  const petitioner = await db.insertInto('petitioners').values({ name: 'Benchmark' }).returning('id').executeTakeFirstOrThrow();
  const agency = await db.selectFrom('agencies').select('id').orderBy('id').executeTakeFirstOrThrow();
  const span = (now.getTime() - 2 * DAY - start.getTime()) / 1000;
  const u = (k: number) => sql`(((i::bigint * ${k}::bigint) % 1000003) / 1000003.0)`;
  for (let lo = from; lo < to; lo += BATCH) {
    const hi = Math.min(to, lo + BATCH);
    await db.transaction().execute(async (tx) => {
      await sql`
        insert into cases (id, dossier_number, petitioner_id, agency_id, subject, description, channel, received_at, status,
                           domain_id, unit_id, investigator_id, queued_at, assigned_at, first_contact_at, closed_at)
        select id, dossier, ${petitioner.id}::uuid, ${agency.id}, 'Benchmarkzaak', 'Gegenereerd.', 'letter', r,
               case when c <= ${now} then 'closed' when f <= ${now} then 'in_progress' when a <= ${now} then 'assigned' else 'queued' end,
               domain, unit, case when a <= ${now} then inv end, r + interval '1 hour',
               case when a <= ${now} then a end, case when f <= ${now} then f end, case when c <= ${now} then c end
        from (
          select md5('grip-bench-' || i)::uuid as id, 'B' || lpad(i::text, 9, '0') as dossier, r,
                 r + (3 + ${u(7919)} * 77) * interval '1 day' as a,
                 r + (5 + ${u(7919)} * 77) * interval '1 day' as f,
                 r + (30 + ${u(7919)} * 77) * interval '1 day' as c,
                 (${sql.val(DOMAINS)}::text[])[1 + floor(${u(104729)} * 4)::int] as domain,
                 case when ${u(15485863)} < 0.1 then 'extended' else 'standard' end as unit,
                 (${sql.val(investigators)}::uuid[])[1 + floor(${u(32452843)} * ${investigators.length})::int] as inv
          from (select i, ${start}::timestamptz + ${u(2654435)} * ${span} * interval '1 second' as r
                from generate_series(${lo + 1}::int, ${hi}::int) i) g
        ) x`.execute(tx);
      const batch = sql`dossier_number > ${`B${String(lo).padStart(9, '0')}`} and dossier_number <= ${`B${String(hi).padStart(9, '0')}`}`;
      await sql`insert into case_events (case_id, type, at, payload) select id, 'registered', received_at, '{}' from cases where ${batch}`.execute(tx);
      await sql`insert into case_events (case_id, type, at, payload)
        select id, 'routed', queued_at, jsonb_build_object('domainId', domain_id, 'unitId', unit_id, 'overridden', false) from cases where ${batch}`.execute(tx);
      await sql`insert into case_events (case_id, type, at, payload)
        select id, 'assigned', assigned_at, jsonb_build_object('investigatorId', investigator_id) from cases where ${batch} and assigned_at is not null`.execute(tx);
      await sql`insert into case_events (case_id, type, at, payload) select id, 'first_contact', first_contact_at, '{}' from cases where ${batch} and first_contact_at is not null`.execute(tx);
      await sql`insert into case_events (case_id, type, at, payload)
        select id, 'closed', closed_at, '{"outcomeId":"advice"}' from cases where ${batch} and closed_at is not null`.execute(tx);
    });
    process.stdout.write(`\r  ${hi.toLocaleString('en')} cases generated`);
  }
  process.stdout.write('\n');
}

