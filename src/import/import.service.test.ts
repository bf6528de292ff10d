import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIO } from '../cli/io.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { createStaff } from '../testing/factories.ts';
import { importCases } from './import.service.ts';

let tdb: TestDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grip-import-'));
const progress: number[] = [];
const io: CommandIO = { out: () => {}, progress: (done) => progress.push(done) };

beforeAll(async () => {
  tdb = await createTestDatabase();
  await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'], login: 'pjansen' });
});
afterAll(async () => {
  await tdb?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const header = 'dossier_number,received_at,petitioner_name,petitioner_email,agency,subject,description,channel,keywords,domain,unit,urgent,investigator,assigned_at,proposal,first_contact_at,closed_at,outcome';
function file(name: string, rows: string[]): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, [header, ...rows].join('\n'));
  return p;
}

const count = async () =>
  Number((await tdb.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('grip import cases', () => {
  it('imports closed, running and waiting cases with the events live work would have', async () => {
    const p = file('good.csv', [
      'OUD-1,2023-03-01,Piet Jansen,piet@example.nl,UWV,Uitkering gestopt,"Zonder bericht, zegt hij",letter,betaling,inkomen,standard,false,pjansen,2023-03-20,Bellen,2023-03-22,2023-04-10,intervention',
      'OUD-2,2023-05-01,Ans Bakker,,Belastingdienst,Geen reactie,Al maanden niets,email,geen-reactie,inkomen,,true,,,,,,',
      ',2023-06-01,Kees Smit,,Gemeente Nieuwegein,Boom,Boom voor de deur,web,bomen;bejegening,,,,,,,,,',
    ]);
    const result = await importCases(tdb.ctx, p, io);
    expect(result).toEqual({ imported: 3, errors: [] });
    expect(progress.length).toBeGreaterThan(0);
    const rows = await tdb.ctx.db.selectFrom('cases').select(['id', 'dossier_number', 'status', 'lane_urgent', 'closed_at']).orderBy('received_at').execute();
    expect(rows.map((r) => [r.dossier_number.startsWith('OUD') ? r.dossier_number : 'new', r.status, r.lane_urgent])).toEqual([
      ['OUD-1', 'closed', false], ['OUD-2', 'queued', true], ['new', 'received', false],
    ]);
    const events = await tdb.ctx.db.selectFrom('case_events').select(['type', 'at']).where('case_id', '=', rows[0]!.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['registered', 'routed', 'assigned', 'first_contact', 'closed']);
    expect(events.at(-1)!.at.toISOString()).toBe('2023-04-10T00:00:00.000Z');
  });

  it('reports every faulty row by line number and imports nothing', async () => {
    const before = await count();
    const p = file('bad.csv', [
      ',2023-03-01,Piet Jansen,,UWV,Uitkering,Tekst,letter,,inkomen,,,,,,,,',
      ',2023-03-01,,,UWV,Uitkering,Tekst,fax,,inkomen,,,,,,,,',
      ',2023-03-01,Piet,,UWV,Uitkering,Tekst,web,,nergens,,,,,,,,',
      ',2023-03-01,Piet,,UWV,Uitkering,Tekst,web,,inkomen,,,pjansen,2023-03-20,x,,2023-03-10,KEN',
      'OUD-1,2023-03-01,Piet,,UWV,Uitkering,Tekst,web,,inkomen,,,,,,,,',
    ]);
    const result = await importCases(tdb.ctx, p, io);
    expect(result.imported).toBe(0);
    const byLine = (line: number) => result.errors.filter((e) => e.line === line).map((e) => e.message).join(' | ');
    expect(result.errors.some((e) => e.line === 2)).toBe(false);
    expect(byLine(3)).toContain('petitioner_name');
    expect(byLine(3)).toContain('channel');
    expect(byLine(4)).toContain('unknown domain nergens');
    expect(byLine(5)).toContain('before the step before it');
    expect(byLine(6)).toContain('OUD-1 exists already');
    expect(await count()).toBe(before);
  });

  it('refuses a file whose columns do not match', async () => {
    const p = path.join(dir, 'ragged.csv');
    fs.writeFileSync(p, `${header}\n,2023-03-01,Piet\n`);
    const result = await importCases(tdb.ctx, p, io);
    expect(result.imported).toBe(0);
    expect(result.errors[0]!.line).toBe(2);
  });
});

describe('after an import with numbers in Grip\'s own format', () => {
  it('numbers new intake past the imported dossiers', async () => {
    const p = file('own-format.csv', [',2023-03-01,Piet,,UWV,Uitkering,Tekst,web,,,,,,,,,,'.replace(/^/, '2026.000900')]);
    expect((await importCases(tdb.ctx, p, io)).imported).toBe(1);
    const { registerCase } = await import('../cases/case.service.ts');
    const actor = { id: (await createStaff(tdb.ctx, { roles: ['dispatcher'] })).id, login: 'd', name: 'd', roles: ['dispatcher' as const], domains: [] };
    const next = await registerCase(tdb.ctx, actor, { petitioner: { name: 'Nieuw' }, agency: 'UWV', subject: 's', description: 'd', channel: 'web' });
    expect(next.case.dossierNumber).toBe('2026.000901');
  });
});
