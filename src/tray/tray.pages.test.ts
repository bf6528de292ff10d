import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy.ts';
import { registerCase } from '../cases/case.service.ts';
import { routeCase, setLanes } from '../cases/case.transitions.ts';
import type { RegisterCase } from '../cases/case.schema.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { pageClient, type PageClient } from '../testing/web.ts';

let tdb: TestDatabase;
let api: TestApi;
let coordinator: Actor;
let client: PageClient;
let investigator: Actor;

beforeAll(async () => {
  tdb = await createTestDatabase();
  api = await startTestApi(tdb.ctx);
  coordinator = await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['inkomen', 'zorg-en-jeugd', 'veiligheid-en-migratie'] });
  investigator = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'], login: 'petra' });
  await tdb.ctx.db.updateTable('staff').set({ name: 'Petra de Vries', fte: 0.8, skills: ['gaswinning'] }).where('id', '=', investigator.id).execute();
  client = await pageClient(api, tdb.ctx, coordinator.id);
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

type Lanes = Partial<Record<'urgent' | 'b' | 'pop' | 'ob', boolean>>;

async function inTray(receivedAt: string, options: { lanes?: Lanes; domain?: string } & Partial<RegisterCase> = {}) {
  const { lanes, domain = 'inkomen', ...overrides } = options;
  const { case: c } = await registerCase(tdb.ctx, coordinator, complaint({ receivedAt: new Date(receivedAt), subject: `Klacht van ${receivedAt}`, ...overrides }));
  let view = await routeCase(tdb.ctx, coordinator, c.id, { domain, unit: 'standard' });
  if (lanes) view = await setLanes(tdb.ctx, coordinator, c.id, lanes);
  return view;
}

/** The dossier numbers in the tray table, in the order shown. */
const dossiers = (html: string) => [...html.matchAll(/<a href="\/zaken\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map((m) => m[1]);
const ref = (c: { id: string; version: number }) => `${c.id}:${c.version}`;
const caseRow = (id: string) => tdb.ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const eventsOf = (id: string, type: string) =>
  tdb.ctx.db.selectFrom('case_events').selectAll().where('case_id', '=', id).where('type', '=', type).execute();

/** The value shown for a count in the counts list. */
const count = (html: string, label: string) => html.match(new RegExp(`<dt>${label}</dt><dd>([^<]*)</dd>`))?.[1];

describe('the tray page', () => {
  let old: Awaited<ReturnType<typeof inTray>>, newer: typeof old, urgent: typeof old, b: typeof old, pop: typeof old;

  beforeAll(async () => {
    old = await inTray('2026-01-05', { agency: 'UWV', keywords: ['betaling'] });
    newer = await inTray('2026-02-16');
    urgent = await inTray('2026-02-20', { lanes: { urgent: true } });
    b = await inTray('2026-02-25', { lanes: { b: true }, agency: 'Dienst Toeslagen' });
    pop = await inTray('2026-01-20', { lanes: { pop: true } });
    await inTray('2026-01-02', { domain: 'leefomgeving' });
  });

  it('shows the domain tray in priority order with counts, ages in weeks, lanes and keywords', async () => {
    const res = await client.get('/bak');
    expect(res.status).toBe(200);
    expect(res.html).toContain('De bak — Inkomen (KB)');
    expect(dossiers(res.html)).toEqual([urgent, b, pop, old, newer].map((c) => c.dossierNumber));
    expect(count(res.html, 'Totaal in deze bak')).toBe('5');
    expect(count(res.html, 'Spoed')).toBe('1');
    expect(count(res.html, 'Zonder markering')).toBe('2');
    expect(count(res.html, 'Oudste zaak wacht \\(weken\\)')).toBe('8,0');
    expect(res.html).toContain('<td class="utrecht-table__cell grip-number">8,0</td>');
    expect(res.html).toContain('Betaling of terugvordering');
    expect(res.html).toContain(`aria-label="Selecteer ${old.dossierNumber}"`);
    expect(res.html).toContain(`value="${old.id}:${old.version}"`);
    expect(res.html).toMatch(/<caption[^>]*>Zaken in de bak, gesorteerd op prioriteit: 5 van 5 getoond/);
  });

  it('filters on lane, minimum age, agency and keyword, and sorts by age and agency', async () => {
    const shown = async (query: string) => dossiers((await client.get(`/bak?domein=inkomen&${query}`)).html);
    expect(await shown('baan=spoed')).toEqual([urgent.dossierNumber]);
    expect(await shown('baan=geen')).toEqual([old.dossierNumber, newer.dossierNumber]);
    expect(await shown('weken=5')).toEqual([pop.dossierNumber, old.dossierNumber]);
    expect(await shown('weken=1,4')).toEqual([urgent.dossierNumber, pop.dossierNumber, old.dossierNumber, newer.dossierNumber]);
    expect(await shown('instantie=toeslag')).toEqual([b.dossierNumber]);
    expect(await shown('trefwoord=betaling')).toEqual([old.dossierNumber]);
    expect(await shown('sorteer=leeftijd')).toEqual([old, pop, newer, urgent, b].map((c) => c.dossierNumber));
    // Belastingdienst (oldest first), then Dienst Toeslagen, then UWV
    expect(await shown('sorteer=instantie')).toEqual([pop, newer, urgent, b, old].map((c) => c.dossierNumber));
    const elsewhere = await client.get('/bak?domein=leefomgeving'); // not one of the coordinator's domains
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.html).toContain('U kunt alleen de bak van uw eigen domeinen openen');
    expect(dossiers(elsewhere.html)).toHaveLength(5);
    expect(elsewhere.html).not.toContain('<option value="leefomgeving"');
    const wrong = await client.get('/bak?weken=veel');
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('Vul een aantal weken in');
    expect(dossiers(wrong.html)).toHaveLength(5);
  });

  it('shows each investigator of the domain and unit with load, FTE and skills', async () => {
    const res = await client.get('/bak');
    expect(res.html).toContain(`<label for="inv-${investigator.id}">Petra de Vries</label>`);
    expect(res.html).toMatch(/Petra de Vries<\/label><\/th><td class="utrecht-table__cell grip-number">0<\/td><td class="utrecht-table__cell grip-number">0,8<\/td><td class="utrecht-table__cell">Gaswinning<\/td>/);
  });

  it('shows a subject and a filter value with markup and quotes escaped', async () => {
    const evil = await inTray('2026-02-27', { subject: `<script>alert("x")</script> en 'quotes' & "meer"`, domain: 'veiligheid-en-migratie' });
    const res = await client.get(`/bak?domein=veiligheid-en-migratie&instantie=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(res.html).not.toContain('<script>alert');
    const all = await client.get('/bak?domein=veiligheid-en-migratie');
    expect(dossiers(all.html)).toEqual([evil.dossierNumber]);
    expect(all.html).not.toContain('<script>alert');
    expect(all.html).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script> en \'quotes\' &amp; &quot;meer&quot;');
  });
});

describe('paging', () => {
  it('pages 50 at a time with next and previous links, without skipping or repeating a case', async () => {
    for (let i = 0; i < 55; i++) await inTray(new Date(Date.UTC(2025, 11, 1) + i * 3_600_000).toISOString(), { domain: 'zorg-en-jeugd' });
    const first = await client.get('/bak?domein=zorg-en-jeugd');
    expect(dossiers(first.html)).toHaveLength(50);
    expect(first.html).not.toContain('rel="prev"');
    const next = first.html.match(/href="([^"]+)" rel="next"/)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeDefined();
    const second = await client.get(next!);
    expect(dossiers(second.html)).toHaveLength(5);
    expect(second.html).not.toContain('rel="next"');
    expect(new Set([...dossiers(first.html), ...dossiers(second.html)]).size).toBe(55);
    const prev = second.html.match(/href="([^"]+)" rel="prev"/)?.[1]?.replace(/&amp;/g, '&');
    expect(dossiers((await client.get(prev!)).html)).toEqual(dossiers(first.html));

    const byAgency = await client.get('/bak?domein=zorg-en-jeugd&sorteer=instantie');
    const later = byAgency.html.match(/href="([^"]+)" rel="next"/)?.[1]?.replace(/&amp;/g, '&');
    expect(later).toContain('sorteer=instantie');
    const all = [...dossiers(byAgency.html), ...dossiers((await client.get(later!)).html)];
    expect(all).toEqual([...dossiers(first.html), ...dossiers(second.html)]); // one agency: oldest first, as in priority order
  });
});

describe('bulk actions', () => {
  it('sets and clears a lane marker on the selected cases, each with its event', async () => {
    const one = await inTray('2026-02-02');
    const two = await inTray('2026-02-03');
    const res = await client.post('/bak/markeringen', { domein: 'inkomen', eenheid: 'kb', case: [ref(one), ref(two)], lane: 'ob', action: 'set' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/bak?domein=inkomen&eenheid=kb&gedaan=2&actie=markering');
    expect((await caseRow(one.id)).lane_ob).toBe(true);
    expect((await caseRow(two.id)).tray_rank).toBe(3);
    const events = await eventsOf(two.id, 'lanes_changed');
    expect(events).toHaveLength(1);
    expect(events[0]!.actor_id).toBe(coordinator.id);
    expect((await client.get(res.location!)).html).toContain('Markering bijgewerkt bij 2 zaken.');

    const clear = await client.post('/bak/markeringen', { domein: 'inkomen', case: [`${one.id}:${(await caseRow(one.id)).version}`], lane: 'ob', action: 'clear' });
    expect(clear.status).toBe(303);
    expect((await caseRow(one.id)).lane_ob).toBe(false);
  });

  it('reports by dossier number which case someone else changed, and changes the others', async () => {
    const fresh = await inTray('2026-02-04');
    const stale = await inTray('2026-02-05');
    await setLanes(tdb.ctx, coordinator, stale.id, { pop: true });
    const res = await client.post('/bak/markeringen', { domein: 'inkomen', case: [ref(fresh), ref(stale)], lane: 'urgent', action: 'set' });
    expect(res.status).toBe(409);
    expect(res.html).toContain(`${stale.dossierNumber}: iemand anders heeft deze zaak intussen gewijzigd`);
    expect((await caseRow(fresh.id)).lane_urgent).toBe(true);
    expect((await caseRow(stale.id)).lane_urgent).toBe(false);
  });

  it('assigns the selected cases with a directional proposal and handling type, each with its event', async () => {
    const one = await inTray('2026-02-06');
    const two = await inTray('2026-02-07');
    const res = await client.post('/bak/toewijzen', {
      domein: 'inkomen', eenheid: 'kb', case: [ref(one), ref(two)], investigatorId: investigator.id, proposal: 'Bel de verzoeker en vraag UWV om uitleg.', handlingType: 'quick',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/bak?domein=inkomen&eenheid=kb&gedaan=2&actie=toegewezen');
    for (const c of [one, two]) {
      const row = await caseRow(c.id);
      expect(row).toMatchObject({ status: 'assigned', investigator_id: investigator.id, proposal: 'Bel de verzoeker en vraag UWV om uitleg.', handling_type: 'quick' });
      expect(await eventsOf(c.id, 'assigned')).toHaveLength(1);
    }
    const after = await client.get(res.location!);
    expect(after.html).toContain('2 zaken toegewezen.');
    expect(dossiers(after.html)).not.toContain(one.dossierNumber);
    expect(after.html).toMatch(/Petra de Vries<\/label><\/th><td class="utrecht-table__cell grip-number">2<\/td>/);
  });

  it('shows a Dutch error next to each missing field and assigns nothing', async () => {
    const c = await inTray('2026-02-08');
    const noInvestigator = await client.post('/bak/toewijzen', { domein: 'inkomen', case: [ref(c)], proposal: 'Bellen.' });
    expect(noInvestigator.status).toBe(400);
    expect(noInvestigator.html).toContain('<p id="f-investigatorId-error" class="grip-field-error">Kies een klachtonderzoeker.</p>');
    expect(noInvestigator.html).toContain('aria-describedby="f-investigatorId-error"');
    expect(noInvestigator.html).toContain('Bellen.'); // the proposal is kept
    expect(noInvestigator.html).toMatch(new RegExp(`value="${c.id}:${c.version}" checked`));

    const nothing = await client.post('/bak/toewijzen', { domein: 'inkomen', investigatorId: investigator.id, proposal: '  ' });
    expect(nothing.status).toBe(400);
    expect(nothing.html).toContain('Selecteer minstens één zaak in de tabel.');
    expect(nothing.html).toContain('<p id="f-proposal-error" class="grip-field-error">Vul een richtinggevend voorstel in.</p>');
    expect((await caseRow(c.id)).status).toBe('queued');
  });

  it('refuses a stale version with a clear message and assigns none of the selected cases', async () => {
    const fresh = await inTray('2026-02-09');
    const stale = await inTray('2026-02-10');
    await setLanes(tdb.ctx, coordinator, stale.id, { b: true });
    const res = await client.post('/bak/toewijzen', { domein: 'inkomen', case: [ref(fresh), ref(stale)], investigatorId: investigator.id, proposal: 'Bellen.' });
    expect(res.status).toBe(409);
    expect(res.html).toContain(`Iemand anders heeft intussen ${stale.dossierNumber} gewijzigd`);
    expect(res.html).toContain('Er is niets toegewezen');
    expect((await caseRow(fresh.id)).status).toBe('queued');
    expect((await caseRow(stale.id)).status).toBe('queued');
    expect(await eventsOf(fresh.id, 'assigned')).toHaveLength(0);
  });

  it('refuses a POST without the CSRF token and changes nothing', async () => {
    const c = await inTray('2026-02-11');
    const assign = await client.post('/bak/toewijzen', { domein: 'inkomen', case: [ref(c)], investigatorId: investigator.id, proposal: 'Bellen.' }, { csrf: null });
    expect(assign.status).toBe(403);
    const lanes = await client.post('/bak/markeringen', { domein: 'inkomen', case: [ref(c)], lane: 'urgent', action: 'set' }, { csrf: null });
    expect(lanes.status).toBe(403);
    expect(await caseRow(c.id)).toMatchObject({ status: 'queued', lane_urgent: false, version: c.version });
  });
});

describe('who may use the tray', () => {
  it('refuses an investigator (403)', async () => {
    const own = await pageClient(api, tdb.ctx, investigator.id);
    expect((await own.get('/bak')).status).toBe(403);
    expect((await own.post('/bak/toewijzen', { domein: 'inkomen' })).status).toBe(403);
  });

  it('lets a team manager assign but not mark lanes', async () => {
    const manager = await createStaff(tdb.ctx, { roles: ['teamManager'], domains: ['inkomen'] });
    const mine = await pageClient(api, tdb.ctx, manager.id);
    const res = await mine.get('/bak');
    expect(res.status).toBe(200);
    expect(res.html).toContain('Toewijzen');
    expect(res.html).not.toContain('formaction="/bak/markeringen"');
    expect((await mine.post('/bak/markeringen', { domein: 'inkomen' })).status).toBe(403);
  });

  it('tells a team manager without a domain why there is no tray', async () => {
    const manager = await createStaff(tdb.ctx, { roles: ['teamManager'], domains: [] });
    const res = await (await pageClient(api, tdb.ctx, manager.id)).get('/bak');
    expect(res.status).toBe(403);
    expect(res.html).toContain('U werkt in geen enkel domein.');
  });

  it('opens the first domain for an administrator without domains', async () => {
    const admin = await createStaff(tdb.ctx, { roles: ['admin'], domains: [] });
    const res = await (await pageClient(api, tdb.ctx, admin.id)).get('/bak');
    expect(res.status).toBe(200);
    expect(res.html).toContain('De bak — Inkomen (KB)');
  });
});

describe('a tampered page cursor', () => {
  it('is ignored, never a server error', async () => {
    for (const key of [['p', 'x', 'not-a-date', 'y'], ['p', 1, '2024-01-01T00:00:00Z', "'; drop table cases; --"], ['a', 'x', 'y']]) {
      const cursor = Buffer.from(JSON.stringify(key)).toString('base64url');
      const res = await client.get(`/bak?domein=inkomen&na=${cursor}`);
      expect(res.status).toBe(200);
    }
  });
});
