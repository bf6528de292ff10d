import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAttachment, addNote } from '../cases/annotation.service.ts';
import { registerCase } from '../cases/case.service.ts';
import { assignCase, closeCase, routeCase } from '../cases/case.transitions.ts';
import type { CommandIO } from '../cli/io.ts';
import { connect, type Connection } from '../db/connect.ts';
import type { Db } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { bootstrapOrganisation } from '../organisation/organisation.bootstrap.ts';
import { createServerDatabase, createTestDatabase, onServer, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';
import { UsageError } from '../cli/command.ts';
import { backupCommand, exportCommand, restoreCommand } from './backup.command.ts';
import { exportDatabase } from './export.ts';

/**
 * Must show 5: backup -> restore into an empty database -> `grip export` gives
 * the same bytes as the export before the backup; on whichever database the
 * suite runs (PGlite in memory, or a fresh database on the PostgreSQL server).
 */
const quiet: CommandIO = { out() {}, progress() {} };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'grip-backup-'));
let tdb: TestDatabase;
const opened: { connection: Connection; drop?: () => Promise<void> }[] = [];

/** A new database as `grip restore` finds it: migrated, with a fresh installation's reference data. */
async function emptyDatabase(): Promise<Db> {
  const server = onServer() ? await createServerDatabase() : null;
  const connection = await connect(server ? { databaseUrl: server.url } : { memory: true });
  opened.push({ connection, drop: server?.drop });
  await migrateToLatest(connection.db);
  await bootstrapOrganisation(connection.db);
  return connection.db;
}

let dirs = 0;
async function exportOf(db: Db): Promise<Map<string, Buffer>> {
  const dir = path.join(tmp, `export-${++dirs}`);
  await exportDatabase(db, dir, quiet);
  return new Map(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f))]));
}

function expectSameExport(a: Map<string, Buffer>, b: Map<string, Buffer>) {
  expect([...b.keys()]).toEqual([...a.keys()]);
  for (const [file, bytes] of a) expect(b.get(file)!.toString('utf8'), file).toBe(bytes.toString('utf8'));
}

const count = async (db: Db, table: string) =>
  Number((await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);

/** Rows whose single-column foreign key points at nothing, over every foreign key of the schema. */
async function orphans(db: Db): Promise<string[]> {
  const { rows } = await sql<{ child: string; col: string; parent: string; pcol: string }>`
    select c.conrelid::regclass::text as child, a.attname as col, c.confrelid::regclass::text as parent, pa.attname as pcol
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    join pg_attribute pa on pa.attrelid = c.confrelid and pa.attnum = c.confkey[1]
    where c.contype = 'f' and cardinality(c.conkey) = 1 and c.connamespace = 'public'::regnamespace`.execute(db);
  const found: string[] = [];
  for (const fk of rows) {
    const { rows: r } = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.raw(fk.child)} c where c.${sql.ref(fk.col)} is not null
      and not exists (select 1 from ${sql.raw(fk.parent)} p where p.${sql.ref(fk.pcol)} = c.${sql.ref(fk.col)})`.execute(db);
    if (r[0]!.n) found.push(`${fk.child}.${fk.col}: ${r[0]!.n}`);
  }
  return found;
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
const PDF = Buffer.from('%PDF-1.4\n% "quotes" \\ backslash \u00e9\n\0\0\x01\xff', 'latin1');
const AWKWARD = 'Zeg "nee" tegen \'dit\'\nnieuwe regel\ttab \\ backslash — ë ï ü, 日本語, 🧾 en een emoji';

let fileA: string;
let exportA: Map<string, Buffer>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { ctx } = tdb;
  tdb.setNow('2024-05-13T08:00:00Z');
  const dispatcher = await createStaff(ctx, { roles: ['dispatcher'], login: 'wv' });
  const coordinator = await createStaff(ctx, { roles: ['coordinator'], login: 'co', domains: ['inkomen'] });
  const investigator = await createStaff(ctx, { roles: ['investigator'], login: 'ko', domains: ['inkomen'] });
  for (let i = 0; i < 12; i++) {
    tdb.setNow(`2024-05-${String(13 + (i % 5)).padStart(2, '0')}T0${i % 9}:1${i % 6}:00.${String(100 + i * 7).padStart(3, '0')}Z`);
    const c = (await registerCase(ctx, dispatcher, complaint({ description: `${AWKWARD} #${i}`, petitioner: { name: i % 2 ? `Ö'Brien "${i}"` : `Jan de Vries—${i} 🧾`, email: `p${i}@example.nl` } }))).case;
    await addNote(ctx, dispatcher, c.id, { text: `${AWKWARD} (notitie ${i})`, kind: 'note' });
    if (i % 4 === 0) await addAttachment(ctx, dispatcher, c.id, { fileName: i % 8 ? 'brief.pdf' : 'scan "1".png', data: i % 8 ? PDF : PNG });
    if (i % 3 === 0) continue;
    const routed = await routeCase(ctx, dispatcher, c.id, { domain: 'inkomen', unit: 'standard' });
    const assigned = await assignCase(ctx, coordinator, c.id, { investigatorId: investigator.id, version: routed.version, handlingType: 'investigation', proposal: 'Bellen' });
    if (i % 2) await closeCase(ctx, investigator, c.id, { outcome: 'advice', version: assigned.version, registration: { advice: AWKWARD } });
  }
  // Values a factory does not make: microseconds, numeric scale, arrays, a nested jsonb, nulls.
  await sql`update staff set fte = 0.75, hours_per_week = 27.50 where login = 'ko'`.execute(ctx.db);
  await sql`update cases set received_at = '2024-05-01 12:34:56.123456+02' where id = (select min(id::text)::uuid from cases)`.execute(ctx.db);
  await sql`insert into settings (key, value) values ('backup.test', ${JSON.stringify({ z: [1, 2.50, null, 'x"y'], a: { nested: true, empty: {} } })}::jsonb)`.execute(ctx.db);
  fileA = path.join(tmp, 'a.grip-backup.gz');
  exportA = await exportOf(ctx.db);
  await backupDatabase(ctx.db, fileA, quiet);
}, 60_000);

afterAll(async () => {
  for (const o of opened) {
    await o.connection.close();
    await o.drop?.();
  }
  await tdb?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('backup, restore and export', () => {
  it('restores into an empty database so that the export is byte for byte the one from before the backup', async () => {
    const manifest = JSON.parse(exportA.get('manifest.json')!.toString()) as { tables: { name: string; rows: number }[]; sequences: { name: string }[] };
    const rows = Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows]));
    expect(rows.cases).toBe(12);
    expect(rows.case_events).toBeGreaterThan(40);
    expect(rows.attachments).toBe(3);
    expect(manifest.sequences.map((s) => s.name)).toContain('dossier_number_seq');
    expect(fs.existsSync(`${fileA}.partial`)).toBe(false);

    const b = await emptyDatabase();
    await restoreDatabase(b, fileA, quiet);
    expectSameExport(exportA, await exportOf(b));

    // Binary content comes back as the same bytes, and the restored database takes new work.
    const attachments = await b.selectFrom('attachments').select(['file_name', 'data']).orderBy('file_name').execute();
    expect(attachments.map((a) => Buffer.compare(a.data as Buffer, a.file_name.endsWith('.png') ? PNG : PDF))).toEqual([0, 0, 0]);
    const dispatcher = await b.selectFrom('staff').select(['id', 'roles', 'domains', 'name', 'login']).where('login', '=', 'wv').executeTakeFirstOrThrow();
    const before = await b.selectFrom('cases').select('dossier_number').execute();
    const fresh = await registerCase({ db: b, clock: () => new Date('2024-06-01T09:00:00Z') }, dispatcher as never, complaint());
    expect(before.map((c) => c.dossier_number)).not.toContain(fresh.case.dossierNumber);
    expect(await orphans(b)).toEqual([]);
  }, 60_000);

  it('takes a consistent snapshot while cases keep coming in', async () => {
    const { ctx } = tdb;
    const dispatcher = await createStaff(ctx, { roles: ['dispatcher'] });
    let writing = true;
    let written = 0;
    let failed: unknown = null;
    const writer = (async () => {
      while (writing) {
        const c = (await registerCase(ctx, dispatcher, complaint())).case;
        await addNote(ctx, dispatcher, c.id, { text: 'tijdens de back-up', kind: 'note' });
        written++;
        await new Promise((r) => setImmediate(r)); // PGlite answers in microtasks: let timers and the backup in
      }
    })().catch((err: unknown) => {
      failed = err;
    });
    const until = async (enough: () => boolean) => {
      while (!enough() && !failed) await new Promise((r) => setTimeout(r, 5));
      if (failed) throw failed;
    };
    await until(() => written >= 3);
    const file = path.join(tmp, 'busy.gz');
    const header = await backupDatabase(ctx.db, file, quiet);
    const duringBackup = written;
    await until(() => written >= duringBackup + 3);
    writing = false;
    await writer;

    const b = await emptyDatabase();
    await restoreDatabase(b, file, quiet);
    const restoredCases = await count(b, 'cases');
    expect(restoredCases).toBe(header.tables.find((t) => t.name === 'cases')!.rows);
    expect(restoredCases).toBeLessThan(await count(ctx.db, 'cases')); // writes went on after the snapshot
    expect(await orphans(b)).toEqual([]);
    // Every case has its registration event, and every event its case: one snapshot, not a mix.
    const { rows } = await sql<{ without: number; events: number }>`
      select (select count(*)::int from cases c where not exists
                (select 1 from case_events e where e.case_id = c.id and e.type = 'registered')) as without,
             (select count(*)::int from case_events where type = 'registered') as events`.execute(b);
    expect(rows[0]).toEqual({ without: 0, events: restoredCases });
  }, 60_000);

  it('refuses to restore into a database that holds data, and changes nothing', async () => {
    const before = await exportOf(tdb.ctx.db);
    await expect(restoreDatabase(tdb.ctx.db, fileA, quiet)).rejects.toThrow(/not empty \(.*cases \(\d+\).*Nothing was changed/);
    expectSameExport(before, await exportOf(tdb.ctx.db));
  });

  it('refuses a cut-off, damaged or foreign file with a clear message, and leaves the database empty', async () => {
    const b = await emptyDatabase();
    const emptyExport = await exportOf(b);
    const whole = fs.readFileSync(fileA);
    const text = gunzipSync(whole).toString('utf8');
    const lines = text.split('\n');
    const withUuid = lines.map((l, i) => (i > 0 && /"[0-9a-f]{8}-[0-9a-f-]{27}"/.test(l) ? i : -1));
    const lastWithUuid = Math.max(...withUuid);
    const variants: [string, Buffer, RegExp][] = [
      ['cut off', whole.subarray(0, Math.floor(whole.length * 0.7)), /damaged or incomplete.*nothing was restored/],
      ['garbled', Buffer.concat([whole.subarray(0, 200), Buffer.alloc(64, 0x41), whole.subarray(264)]), /damaged or incomplete/],
      // Whole gzip, but the last rows are missing: the counts in the header give it away.
      ['rows missing', gzipSync(lines.slice(0, -6).join('\n') + '\n'), /damaged or incomplete/],
      // A row PostgreSQL refuses, in the last table: all tables before it were loaded and are rolled back.
      ['bad value', gzipSync(lines.map((l, i) => (i === lastWithUuid ? l.replace(/"[0-9a-f]{8}-[0-9a-f-]{27}"/, '"not-a-uuid"') : l)).join('\n')), /damaged or incomplete.*uuid/],
      ['not a backup', gzipSync('{"hello":"world"}\n'), /is not a Grip backup/],
      ['newer', gzipSync(lines.map((l, i) => (i === 0 ? l.replace('"migrations":[', '"migrations":["2099_01_01_0001_future",') : l)).join('\n')), /newer Grip.*2099_01_01_0001_future/],
    ];
    for (const [name, bytes, message] of variants) {
      const file = path.join(tmp, `${name.replaceAll(' ', '-')}.gz`);
      fs.writeFileSync(file, bytes);
      await expect(restoreDatabase(b, file, quiet), name).rejects.toThrow(message);
      expect(await count(b, 'cases'), name).toBe(0);
    }
    expectSameExport(emptyExport, await exportOf(b));
    // The same database still takes the whole backup afterwards.
    await restoreDatabase(b, fileA, quiet);
    expect(await count(b, 'cases')).toBe(12);
  }, 60_000);

  it('asks for exactly one path, and never exports over an earlier export', async () => {
    for (const command of [backupCommand, restoreCommand, exportCommand]) {
      await expect(command.run(tdb.ctx, [], quiet), command.name).rejects.toThrow(UsageError);
      await expect(command.run(tdb.ctx, ['a', 'b'], quiet), command.name).rejects.toThrow(/usage: grip/);
    }
    const dir = path.join(tmp, 'twice');
    await exportCommand.run(tdb.ctx, [dir], quiet);
    await expect(exportCommand.run(tdb.ctx, [dir], quiet)).rejects.toThrow(/is not empty/);
    await expect(restoreCommand.run(tdb.ctx, [path.join(tmp, 'nothing-here.gz')], quiet)).rejects.toThrow(/does not exist/);
  });
});
