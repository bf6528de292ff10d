import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshDailyStats } from '../dashboards/daily.repository.ts';
import { dashboardModel } from '../dashboards/dashboard.model.ts';
import { production } from '../dashboards/production.service.ts';
import { flowSeries, stockSeries, trayStats, trayStatsByReplay, waitStats } from '../dashboards/stats.service.ts';
import { checkInvariants } from '../resilience/invariants.ts';
import { routingSummary } from '../routing/routing.service.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { caseToken, petitionerToken, seedRetentionHistory, type RetentionHistory } from './retention.fixture.ts';
import { anonymiseDue, readRetentionSettings, retentionReport, writeRetentionSettings } from './retention.service.ts';
import { ANONYMISED } from './retention.ts';

/**
 * Anonymising a year of closed dossiers: the dashboards' figures stay exactly
 * the same (rebuilt from the anonymised events), the petitioners' details and
 * the free texts are gone from every column of every table, the dossiers not
 * yet due are untouched, and running again changes nothing.
 */
let tdb: TestDatabase;
let h: RetentionHistory;
const NOW = '2025-09-01T09:00:00Z'; // 24 months: due are dossiers closed (and untouched) on or before 2023-09-01 09:00
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Every figure the dashboards show over the history, with the daily figures rebuilt from the events first. */
async function figures() {
  const { ctx } = tdb;
  await ctx.db.insertInto('stats_invalidations').values({ since: day('2023-01-01') }).execute();
  await refreshDailyStats(ctx.db, ctx.clock());
  const firsts = Array.from({ length: 22 }, (_, m) => new Date(Date.UTC(2023, m, 1)));
  const range = { from: day('2023-01-01'), to: day('2024-07-01') };
  return {
    tray: await Promise.all(firsts.map((d) => trayStats(ctx, d))),
    trayByReplay: await Promise.all(firsts.filter((_, m) => m % 4 === 1).map((d) => trayStatsByReplay(ctx, d))),
    waitsAssignment: await waitStats(ctx, { ...range, kind: 'assignment', allDomains: true }),
    waitsFirstContact: await waitStats(ctx, { ...range, kind: 'first_contact', allDomains: true }),
    stock: await stockSeries(ctx, range),
    flows: await flowSeries(ctx, range),
    production: await production(ctx, range),
    productionInkomen: await production(ctx, { ...range, domain: 'inkomen' }),
    dashboard: await dashboardModel(ctx, { asOf: day('2023-10-02'), domain: '', t: (nl) => nl }),
    dashboardLeefomgeving: await dashboardModel(ctx, { asOf: day('2023-06-05'), domain: 'leefomgeving', t: (nl) => nl }),
    routing: await routingSummary(ctx, {}),
  };
}

/** A fingerprint of every row of every table: the dry run must leave it as it is. */
async function databaseChecksum(): Promise<Record<string, string>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(tdb.ctx.db);
  const out: Record<string, string> = {};
  for (const { table_name } of tables.rows) {
    const r = await sql<{ sum: string | null }>`select md5(string_agg(t::text, '|' order by t::text)) as sum from ${sql.table(table_name)} t`.execute(tdb.ctx.db);
    out[table_name] = r.rows[0]?.sum ?? '';
  }
  return out;
}

/** Where in the database (table.column) any of the strings still occurs, case-insensitively: every text, json and array column. */
async function whereFound(needles: readonly string[]): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema and t.table_type = 'BASE TABLE'
    where c.table_schema = 'public' and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'bytea')
    order by c.table_name, c.column_name`.execute(tdb.ctx.db);
  expect(columns.rows.length).toBeGreaterThan(50);
  const patterns = needles.map((n) => `%${n}%`);
  const found: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    const value = sql`${sql.ref(`t.${column_name}`)}`;
    const asText = column_name === 'data' && table_name === 'attachments' ? sql`encode(${value}, 'escape')` : sql`${value}::text`;
    const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(table_name)} t where ${asText} ilike any(${patterns}::text[])`.execute(tdb.ctx.db);
    if (Number(r.rows[0]!.n) > 0) found.push(`${table_name}.${column_name}`);
  }
  return found;
}

let before: Awaited<ReturnType<typeof figures>>;
let dueIds: string[];
let keptCases: unknown[];
let keptEvents: unknown[];

const keptSnapshot = async (due: string[]) => ({
  cases: await tdb.ctx.db.selectFrom('cases').selectAll().where('id', 'not in', due).orderBy('id').execute(),
  events: await tdb.ctx.db.selectFrom('case_events').selectAll().where('case_id', 'not in', due).orderBy('id').execute(),
});

beforeAll(async () => {
  tdb = await createTestDatabase();
  tdb.setNow(NOW);
  h = await seedRetentionHistory(tdb.ctx);
  before = await figures();
}, 120_000);
afterAll(async () => tdb?.close());

describe('the dry run', () => {
  it('selects the dossiers past the period and holds those still in use, writing nothing', async () => {
    const checksum = await databaseChecksum();
    const report = await retentionReport(tdb.ctx);
    expect(await databaseChecksum()).toEqual(checksum);

    expect(report.months).toBe(24);
    expect(report.cutoff).toEqual(new Date('2023-09-01T09:00:00Z'));
    dueIds = report.due.map((c) => c.id);
    const due = new Set(dueIds);
    const { special: s, ids } = h;
    expect(due.size).toBeGreaterThan(30);
    expect(due.size).toBeLessThan(ids.length - 20); // later closings and running cases stay
    for (const i of [s.closedCluster, s.sharedDue, ...s.withExtras]) expect(due.has(ids[i]!), `case ${i}`).toBe(true);
    for (const i of [s.openCluster, s.openCallback, s.unprintedLetter, s.escalatedLate, s.sharedOpen]) expect(due.has(ids[i]!), `case ${i}`).toBe(false);
    expect(report.held).toMatchObject({ openCluster: 1, openCallback: 1, noticePending: 1 });
    expect(report.held.activityAfterClosing).toBeGreaterThanOrEqual(1);

    // Every due case really closed at or before the cutoff; counts per domain and year add up.
    const rows = await tdb.ctx.db.selectFrom('cases').select(['id', 'closed_at', 'status']).where('id', 'in', dueIds).execute();
    for (const r of rows) {
      expect(r.status).toBe('closed');
      expect(r.closed_at!.getTime()).toBeLessThanOrEqual(report.cutoff.getTime());
    }
    expect(report.byDomainAndYear.reduce((n, r) => n + r.count, 0)).toBe(due.size);
    expect(new Set(report.byDomainAndYear.map((r) => r.domainId))).toEqual(new Set(['inkomen', 'leefomgeving']));
  });

  it('follows the period setting', async () => {
    await writeRetentionSettings(tdb.ctx.db, { months: 30 });
    const longer = await retentionReport(tdb.ctx);
    expect(longer.cutoff).toEqual(new Date('2023-03-01T09:00:00Z'));
    expect(longer.due.length).toBeLessThan(dueIds.length);
    await writeRetentionSettings(tdb.ctx.db, { months: 24 });
    expect(await readRetentionSettings(tdb.ctx.db)).toEqual({ months: 24 });
  });
});

describe('anonymising', () => {
  it('refuses a selection other than the one the report showed', async () => {
    const report = await retentionReport(tdb.ctx);
    await expect(anonymiseDue(tdb.ctx, { actorId: h.adminId, expected: { cutoff: report.cutoff, fingerprint: '0123456789abcdef' } }))
      .rejects.toMatchObject({ code: 'version_conflict' });
    const later = new Date(report.cutoff.getTime() + 86_400_000);
    await expect(anonymiseDue(tdb.ctx, { actorId: h.adminId, expected: { cutoff: later, fingerprint: report.fingerprint } }))
      .rejects.toMatchObject({ code: 'version_conflict' });
    expect(await tdb.ctx.db.selectFrom('cases').select('id').where('anonymised_at', 'is not', null).execute()).toEqual([]);
  });

  it('resumes where an interrupted run stopped, batch by batch', async () => {
    const kept = await keptSnapshot(dueIds);
    keptCases = kept.cases;
    keptEvents = kept.events;
    const report = await retentionReport(tdb.ctx);
    const progress: [number, number][] = [];
    await expect(anonymiseDue(tdb.ctx, {
      actorId: h.adminId, expected: { cutoff: report.cutoff, fingerprint: report.fingerprint }, batchSize: 10,
      onProgress: (done, total) => {
        progress.push([done, total]);
        throw new Error('the process stops here');
      },
    })).rejects.toThrow('the process stops here');
    expect(progress).toEqual([[10, dueIds.length]]);
    expect((await retentionReport(tdb.ctx)).due.length).toBe(dueIds.length - 10);

    const rest = await anonymiseDue(tdb.ctx, { actorId: h.adminId, batchSize: 10, onProgress: (done, total) => progress.push([done, total]) });
    expect(rest.cases).toBe(dueIds.length - 10);
    expect(progress.at(-1)).toEqual([dueIds.length - 10, dueIds.length - 10]);
    expect((await retentionReport(tdb.ctx)).due).toEqual([]);
    expect(await checkInvariants(tdb.ctx.db)).toEqual([]);
  });

  it('keeps every dashboard figure exactly as it was', async () => {
    expect(await figures()).toEqual(before);
  });

  it('leaves no trace of the petitioners and their texts anywhere in the database', async () => {
    const { special: s, ids } = h;
    const due = new Set(dueIds);
    const indexes = ids.map((id, i) => (due.has(id) ? i : -1)).filter((i) => i >= 0);
    // The petitioner of sharedDue also has a running case: their details stay until that one is due too.
    const needles = [...indexes.map(caseToken), ...indexes.filter((i) => i !== s.sharedDue).map(petitionerToken)];
    expect(await whereFound(needles)).toEqual([]);
    // ...and the kept ones are all still there (the search does find what is present).
    expect(await whereFound([caseToken(s.openCluster)])).toEqual(expect.arrayContaining(['cases.subject', 'cases.description', 'case_events.payload']));
    expect(await whereFound([petitionerToken(s.sharedDue)])).toEqual(['petitioners.address', 'petitioners.email', 'petitioners.name', 'petitioners.phone']);

    const petitioners = await tdb.ctx.db.selectFrom('petitioners').innerJoin('cases', 'cases.petitioner_id', 'petitioners.id')
      .select(['cases.id', 'petitioners.name', 'petitioners.email', 'petitioners.phone', 'petitioners.address', 'petitioners.anonymised_at'])
      .where('cases.id', 'in', dueIds).where('cases.id', '<>', ids[s.sharedDue]!).execute();
    expect(petitioners.length).toBe(dueIds.length - 1);
    for (const p of petitioners) expect(p).toMatchObject({ name: ANONYMISED, email: null, phone: null, address: null, anonymised_at: new Date(NOW) });
    const cases = await tdb.ctx.db.selectFrom('cases').select(['subject', 'description', 'anonymised_at']).where('id', 'in', dueIds).execute();
    for (const c of cases) expect(c).toEqual({ subject: ANONYMISED, description: ANONYMISED, anonymised_at: new Date(NOW) });
    expect(await tdb.ctx.db.selectFrom('attachments').select('id').where('case_id', 'in', dueIds).execute()).toEqual([]);
    const contact = await tdb.ctx.db.selectFrom('contacts').selectAll().where('case_id', '=', ids[s.withExtras[0]!]!).executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ caller_name: null, caller_phone: null, caller_email: null, summary: ANONYMISED, outcome: 'advised' });
    const mail = await tdb.ctx.db.selectFrom('mail_outbox').selectAll().where('dedupe_key', '=', `notice:${ids[s.withExtras[0]!]}:receipt:0`).executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ kind: 'receipt', subject: ANONYMISED, body_html: null, transport: 'outbox' });
    expect(mail.sent_at).not.toBeNull();
  });

  it('leaves the dossiers not yet due untouched, and records who anonymised each one', async () => {
    const kept = await keptSnapshot(dueIds);
    expect(kept.cases).toEqual(keptCases);
    expect(kept.events).toEqual(keptEvents);
    const audit = await tdb.ctx.db.selectFrom('case_events').select(['case_id', 'actor_id', 'payload']).where('type', '=', 'anonymised').execute();
    expect(audit.map((e) => e.case_id).sort()).toEqual([...dueIds].sort());
    for (const e of audit) expect(e).toMatchObject({ actor_id: h.adminId, payload: { retentionMonths: 24, cutoff: '2023-09-01T09:00:00.000Z' } });
  });

  it('does nothing the second time', async () => {
    const checksum = await databaseChecksum();
    expect(await anonymiseDue(tdb.ctx, { actorId: null })).toMatchObject({ cases: 0, petitioners: 0 });
    expect(await databaseChecksum()).toEqual(checksum);
  });
});
