import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCase } from '../cases/case.service.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { pageClient, type PageClient } from '../testing/web.ts';
import { runDelayNotices } from './notice.delay.ts';
import { readNoticeSettings } from './notice.settings.ts';

/** /berichten: texts with placeholders and a preview, settings, and the letters to print. */
let tdb: TestDatabase;
let api: TestApi;
let frontOffice: PageClient;
let manager: PageClient;
let investigator: PageClient;

beforeAll(async () => {
  tdb = await createTestDatabase();
  tdb.setNow('2024-05-14T08:00:00Z');
  api = await startTestApi(tdb.ctx);
  const { ctx } = tdb;
  frontOffice = await pageClient(api, ctx, (await createStaff(ctx, { roles: ['frontOffice'], login: 'fo' })).id);
  manager = await pageClient(api, ctx, (await createStaff(ctx, { roles: ['teamManager'], login: 'tm', domains: ['inkomen'] })).id);
  investigator = await pageClient(api, ctx, (await createStaff(ctx, { roles: ['investigator'], login: 'ko', domains: ['inkomen'] })).id);
}, 60_000);
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

describe('notice texts', () => {
  it('refuses an unknown placeholder with a Dutch message and keeps the old text', async () => {
    const res = await frontOffice.post('/berichten/teksten/delay.letter', { subject: 'Uw klacht {{dossier}}', body: 'Beste {{naam}}', action: 'save' });
    expect(res.status).toBe(400);
    expect(res.html).toContain('Onbekende invulplek: {{dossier}}');
    expect((await frontOffice.get('/berichten/teksten/delay.letter')).html).toContain('Uw klacht {{dossiernummer}}');
  });

  it('previews a text filled in for an example petitioner without saving it', async () => {
    const res = await frontOffice.post('/berichten/teksten/delay.email', { subject: 'Klacht {{dossiernummer}}', body: 'Beste {{naam}}, wij verwachten uw klacht {{verwachting}} op te pakken.', action: 'preview' });
    expect(res.status).toBe(200);
    expect(res.html).toContain('Voorbeeld (niet opgeslagen)');
    expect(res.html).toContain('Klacht 2024.000123');
    expect(res.html).toContain('Beste J. Jansen, wij verwachten');
    expect((await frontOffice.get('/berichten/teksten')).html).not.toMatch(/Uitstelbericht \(e-mail\)<\/a> — gewijzigd/);
  });

  it('saves a text that the next delay notice uses', async () => {
    const saved = await frontOffice.post('/berichten/teksten/delay.email', { subject: 'Over uw klacht {{dossiernummer}}', body: 'Beste {{naam}}, nieuwe tekst. Verwacht: {{verwachting}}.', action: 'save' });
    expect(saved.status).toBe(303);
    const dispatcher = await createStaff(tdb.ctx, { roles: ['dispatcher'], login: 'wv' });
    const c = (await registerCase(tdb.ctx, dispatcher, complaint({ petitioner: { name: 'Piet Post', email: 'piet@example.nl' }, receivedAt: new Date('2024-05-06T09:00:00Z') }))).case;
    await runDelayNotices(tdb.ctx);
    const mail = await tdb.ctx.db.selectFrom('mail_outbox').select(['subject', 'body_text']).where('kind', '=', 'delayNotice').executeTakeFirstOrThrow();
    expect(mail.subject).toBe(`Over uw klacht ${c.dossierNumber}`);
    expect(mail.body_text).toContain('Beste Piet Post, nieuwe tekst.');
    // The case page says what the petitioner was told.
    expect((await frontOffice.get(`/zaken/${c.id}`)).html).toMatch(/<ul id="berichten-verzoeker"><li>[^<]+: uitstelbericht \(e-mail\)/);
  });

  it('is not for investigators', async () => {
    expect((await investigator.get('/berichten/teksten')).status).toBe(403);
    expect((await investigator.post('/berichten/teksten/receipt', { subject: 'x', body: 'y', action: 'save' })).status).toBe(403);
  });
});

describe('notice settings', () => {
  it('a team manager sets the day and a pilot domain; nonsense is refused in Dutch', async () => {
    const bad = await manager.post('/berichten/instellingen', { delayDay: '0', renoticeWeeks: '2', waitingTimesUrl: 'x', pilotDomains: 'inkomen' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Te klein: minimaal 1.');
    expect((await readNoticeSettings(tdb.ctx.db)).delayDay).toBe(8);
    const noDate = await manager.post('/berichten/instellingen', { delayDay: '9', renoticeWeeks: '3', startsOn: '', waitingTimesUrl: 'https://example.nl/wachttijden' });
    expect(noDate.status).toBe(400);
    expect(noDate.html).toContain('Vul dit veld in.');
    const ok = await manager.post('/berichten/instellingen', { delayDay: '9', renoticeWeeks: '3', startsOn: '2024-05-01', waitingTimesUrl: 'https://example.nl/wachttijden', pilotDomains: 'zorg-en-jeugd' });
    expect(ok.status).toBe(303);
    const s = await readNoticeSettings(tdb.ctx.db);
    expect(s).toMatchObject({ delayDay: 9, renoticeWeeks: 3, startsOn: '2024-05-01', pilotDomains: ['zorg-en-jeugd'] });
    expect((await frontOffice.get('/berichten/instellingen')).status).toBe(403);
  });
});

describe('letters to print', () => {
  it('lists the letters, gives them as one PDF and marks the batch printed', async () => {
    const dispatcher = await createStaff(tdb.ctx, { roles: ['dispatcher'], login: 'wv3' });
    const letterCase = (await registerCase(tdb.ctx, dispatcher, complaint({ petitioner: { name: 'Truus Papier', address: 'Kerkstraat 1\n1234 AB Ergens' }, receivedAt: new Date('2024-05-04T09:00:00Z') }))).case;
    expect((await runDelayNotices(tdb.ctx)).made.letter).toBe(1);
    const list = await frontOffice.get('/berichten/brieven');
    expect(list.html).toContain('Truus Papier');
    const ids = [...list.html.matchAll(/name="ids" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    expect(new Set(ids).size).toBe(1);
    const pdf = await fetch(`${api.url}/berichten/brieven.pdf`, {
      method: 'POST', headers: { cookie: frontOffice.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: frontOffice.csrf, ids: ids[0]! }),
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // The job's own letter, read back: the address block, the dossier number and what to expect.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'grip-letters-')), 'brieven.pdf');
    fs.writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const line of ['Truus Papier', 'Kerkstraat 1', '1234 AB Ergens', letterCase.dossierNumber, 'Wij verwachten dat een klachtonderzoeker uw klacht']) expect(text).toContain(line);
    const marked = await frontOffice.post('/berichten/brieven/afgedrukt', { ids: ids[0]! });
    expect(marked.location).toBe('/berichten/brieven?klaar=1');
    expect((await frontOffice.get('/berichten/brieven')).html).toContain('Er zijn geen brieven om af te drukken.');
    // The overview counts it.
    expect((await frontOffice.get('/berichten')).html).toMatch(/Uitstelbericht<\/th><td class="utrecht-table__cell">\d+<\/td><td class="utrecht-table__cell">1<\/td>/);
  });
});
