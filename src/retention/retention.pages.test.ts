import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertEvents } from '../cases/case.repository.ts';
import type { CommandIO } from '../cli/io.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { createStaff } from '../testing/factories.ts';
import { pageClient, type PageClient } from '../testing/web.ts';
import { retentionCommand } from './retention.command.ts';
import { caseToken, petitionerToken, seedRetentionHistory, type RetentionHistory } from './retention.fixture.ts';

/** /privacy/bewaartermijn and `grip retention`: the report first, then anonymising exactly what it showed. */
let tdb: TestDatabase;
let api: TestApi;
let h: RetentionHistory;
let privacy: PageClient;
const URL = '/privacy/bewaartermijn';

beforeAll(async () => {
  tdb = await createTestDatabase();
  tdb.setNow('2025-09-01T09:00:00Z');
  h = await seedRetentionHistory(tdb.ctx, 30);
  api = await startTestApi(tdb.ctx);
  privacy = await pageClient(api, tdb.ctx, (await createStaff(tdb.ctx, { roles: ['privacyOfficer'], domains: [] })).id);
}, 60_000);
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

const anonymisedCount = async () =>
  (await tdb.ctx.db.selectFrom('cases').select('id').where('anonymised_at', 'is not', null).execute()).length;
const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? '';
const dueOnPage = (html: string) => Number(/Nu (\d+) dossiers/.exec(html)?.[1]);

async function runCli(argv: string[]) {
  const lines: string[] = [];
  const progress: number[] = [];
  const io: CommandIO = { out: (l) => lines.push(l), progress: (done) => progress.push(done) };
  await retentionCommand.run(tdb.ctx, argv, io);
  return { text: lines.join('\n'), progress };
}

describe('grip retention', () => {
  it('reports by default (a dry run): counts and dossier numbers, no names, nothing changed', async () => {
    const { text } = await runCli([]);
    expect(text).toMatch(/Due for anonymising: \d+ dossiers/);
    expect(text).toContain(h.dossiers[h.special.closedCluster]);
    expect(text).toMatch(/inkomen\s+2023\s+\d+/);
    expect(text).toContain('Dry run: nothing changed');
    expect(text).not.toMatch(/pz\d+pz|zq\d+zq/);
    expect(await anonymisedCount()).toBe(0);
  });
});

describe('the retention page', () => {
  it('is refused to everyone but the privacy officer (and admin)', async () => {
    for (const roles of [['investigator'], ['coordinator'], ['director'], ['teamManager'], ['dispatcher'], ['frontOffice']] as const) {
      const client = await pageClient(api, tdb.ctx, (await createStaff(tdb.ctx, { roles: [...roles] })).id);
      expect((await client.get(URL)).status, roles[0]).toBe(403);
      const page = await privacy.get(URL);
      const post = await client.post(`${URL}/anonimiseren`, { cutoff: hidden(page.html, 'cutoff'), fingerprint: hidden(page.html, 'fingerprint') });
      expect(post.status, roles[0]).toBe(403);
      expect((await client.post(`${URL}/instellingen`, { months: '6' })).status, roles[0]).toBe(403);
    }
    const admin = await pageClient(api, tdb.ctx, h.adminId);
    expect((await admin.get(URL)).status).toBe(200);
    expect(await anonymisedCount()).toBe(0);
  });

  it('shows the report: the period, counts per domain and year, the dossiers without names', async () => {
    const page = await privacy.get(URL);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Bewaartermijn');
    expect(dueOnPage(page.html)).toBeGreaterThan(5);
    expect(page.html).toContain('id="retentie-per-domein"');
    expect(page.html).toContain(h.dossiers[h.special.closedCluster]);
    expect(page.html).not.toContain(h.dossiers[h.special.openCluster]);
    expect(page.html).toContain('in een cluster dat nog loopt: 1');
    expect(page.html).not.toMatch(/pz\d+pz|zq\d+zq/);
    expect(page.html).toMatch(/Anonimiseren \(\d+ dossiers\)/);
  });

  it('saves the period, and refuses one outside 6-120 months', async () => {
    const wrong = await privacy.post(`${URL}/instellingen`, { months: '3' });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('De termijn is niet opgeslagen');
    const due24 = dueOnPage((await privacy.get(URL)).html);
    const saved = await privacy.post(`${URL}/instellingen`, { months: '30' });
    expect(saved.status).toBe(303);
    const page = await privacy.get(saved.location!);
    expect(page.html).toContain('De bewaartermijn is opgeslagen.');
    expect(dueOnPage(page.html)).toBeLessThan(due24);
    expect((await privacy.post(`${URL}/instellingen`, { months: '24' })).status).toBe(303);
  });

  it('refuses to anonymise when the selection changed since the report, and shows the new one', async () => {
    const page = await privacy.get(URL);
    const shown = dueOnPage(page.html);
    // Aftercare on a due dossier today: it is kept for another period.
    await insertEvents(tdb.ctx.db, [{ caseId: h.ids[h.special.closedCluster]!, type: 'aftercare', at: tdb.ctx.clock(), actorId: null, payload: { note: 'Nog even nabellen' } }]);
    const res = await privacy.post(`${URL}/anonimiseren`, { cutoff: hidden(page.html, 'cutoff'), fingerprint: hidden(page.html, 'fingerprint') });
    expect(res.status).toBe(409);
    expect(res.html).toContain(`De selectie is veranderd sinds het overzicht: nu zijn ${shown - 1} dossiers aan de beurt.`);
    expect(await anonymisedCount()).toBe(0);
    expect((await privacy.post(`${URL}/anonimiseren`, {})).status).toBe(409);
    expect((await privacy.post(`${URL}/anonimiseren`, { cutoff: '-271821-04-20T00:00:00.000Z', fingerprint: hidden(page.html, 'fingerprint') })).status).toBe(409);
  });

  it('anonymises exactly what the report showed and says how many', async () => {
    const page = await privacy.get(URL);
    const shown = dueOnPage(page.html);
    const res = await privacy.post(`${URL}/anonimiseren`, { cutoff: hidden(page.html, 'cutoff'), fingerprint: hidden(page.html, 'fingerprint') });
    expect(res.status).toBe(303);
    const after = await privacy.get(res.location!);
    expect(after.html).toMatch(new RegExp(`${shown} dossiers zijn geanonimiseerd, en \\d+ verzoekers`));
    expect(dueOnPage(after.html)).toBe(0);
    expect(await anonymisedCount()).toBe(shown);
    const c = await tdb.ctx.db.selectFrom('cases').innerJoin('petitioners', 'petitioners.id', 'cases.petitioner_id')
      .select(['cases.subject', 'petitioners.name']).where('cases.id', '=', h.ids[h.special.withExtras[0]!]!).executeTakeFirstOrThrow();
    expect(c).toEqual({ subject: 'Geanonimiseerd', name: 'Geanonimiseerd' });
    expect(JSON.stringify(c)).not.toMatch(new RegExp(`${caseToken(h.special.withExtras[0]!)}|${petitionerToken(h.special.withExtras[0]!)}`));
  });
});

describe('grip retention --apply', () => {
  it('anonymises what has become due since, with progress, and prints the counts', async () => {
    tdb.setNow('2026-07-01T09:00:00Z'); // the late escalation (June 2024) is past the period now
    const before = await anonymisedCount();
    const { text, progress } = await runCli(['--apply']);
    const n = Number(/Due for anonymising: (\d+) dossiers/.exec(text)?.[1]);
    expect(n).toBeGreaterThan(0);
    expect(text).toContain(`Anonymised ${n} dossiers and`);
    expect(progress.at(-1)).toBe(n);
    expect(await anonymisedCount()).toBe(before + n);
    expect((await runCli(['--apply'])).text).toContain('Anonymised 0 dossiers and 0 petitioners.');
  });

  it('refuses an unknown option', async () => {
    await expect(runCli(['--yes'])).rejects.toThrow('usage: grip retention');
  });
});
