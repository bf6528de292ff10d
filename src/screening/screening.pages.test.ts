import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy.ts';
import { insertEvents } from '../cases/case.repository.ts';
import { getCase, registerCase } from '../cases/case.service.ts';
import { routeCase } from '../cases/case.transitions.ts';
import { stopQueueWorker } from '../forecast/queue.runner.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { pageClient, type PageClient } from '../testing/web.ts';
import { escalate } from './escalation.service.ts';
import { activeObCriteria } from './screening.service.ts';

/** The screening pages as a coordinator and an investigator would use them. */
const DAY = 86_400_000;

let tdb: TestDatabase;
let api: TestApi;
let dispatcher: Actor;
let coordinator: PageClient;
let investigator: PageClient;

beforeAll(async () => {
  tdb = await createTestDatabase();
  api = await startTestApi(tdb.ctx);
  dispatcher = await createStaff(tdb.ctx, { roles: ['dispatcher'], domains: [] });
  coordinator = await pageClient(api, tdb.ctx, (await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['inkomen'] })).id);
  investigator = await pageClient(api, tdb.ctx, (await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'] })).id);
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
  await stopQueueWorker();
});

async function queuedCase(daysAgo = 1, subject = 'Geen reactie op bezwaar') {
  const receivedAt = new Date(tdb.ctx.clock().getTime() - daysAgo * DAY);
  const { case: c } = await registerCase(tdb.ctx, dispatcher, complaint({ receivedAt, subject }));
  return routeCase(tdb.ctx, dispatcher, c.id, { domain: 'inkomen', unit: 'standard' });
}

/** The plain text of a page, without tags, for reading what a person sees. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the OB criteria page', () => {
  it('shows the default checklist and the report, and lets a coordinator add, rename, reorder and switch off', async () => {
    let page = await coordinator.get('/screening');
    expect(page.status).toBe(200);
    expect(page.html).toContain('De verzoeker heeft geen eigen belang');
    expect(page.html).toContain('id="ob-rapport"');
    expect(page.html).toContain('Toegepaste OB-criteria per domein, laatste 12 weken');

    const added = await coordinator.post('/screening/criteria', { label: 'De klacht is anoniem ingediend' });
    expect(added.status).toBe(303);
    expect(added.location).toBe('/screening?gedaan=toegevoegd');
    page = await coordinator.get(added.location!);
    expect(page.html).toContain('Het criterium is toegevoegd.');
    const id = (await activeObCriteria(tdb.ctx)).find((c) => c.label === 'De klacht is anoniem ingediend')!.id;
    expect(page.html).toContain(`data-criterium="${id}"`);

    expect((await coordinator.post(`/screening/criteria/${id}/naam`, { label: 'De klacht is anoniem' })).status).toBe(303);
    expect((await coordinator.post(`/screening/criteria/${id}/volgorde`, { direction: 'up' })).location).toBe('/screening?gedaan=volgorde');
    expect((await coordinator.post(`/screening/criteria/${id}/status`, { active: 'nee' })).location).toBe('/screening?gedaan=uit');
    page = await coordinator.get('/screening');
    expect(page.html).toContain('value="De klacht is anoniem"');
    expect((await activeObCriteria(tdb.ctx)).some((c) => c.id === id)).toBe(false);
    await coordinator.post(`/screening/criteria/${id}/status`, { active: 'ja' });
  });

  it('answers mistakes in Dutch', async () => {
    const empty = await coordinator.post('/screening/criteria', { label: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('Vul een omschrijving in van hoogstens 300 tekens.');
    const dup = await coordinator.post('/screening/criteria', { label: 'De verzoeker heeft geen eigen belang' });
    expect(dup.status).toBe(409);
    expect(dup.html).toContain('Dit criterium staat al in de lijst.');
    const missing = await coordinator.post(`/screening/criteria/${crypto.randomUUID()}/status`, { active: 'nee' });
    expect(missing.status).toBe(404);
    expect(missing.html).toContain('Dit criterium bestaat niet.');
  });

  it('is refused to investigators, and to a form without its CSRF token', async () => {
    for (const path of ['/screening', '/screening/overdracht', '/screening/escalaties']) expect((await investigator.get(path)).status, path).toBe(403);
    expect((await investigator.post('/screening/criteria', { label: 'Iets' })).status).toBe(403);
    expect((await investigator.post('/screening/escalaties', { title: 'T', description: 'D', dossiers: '2026.000001' })).status).toBe(403);
    expect((await coordinator.post('/screening/criteria', { label: 'Zonder token' }, { csrf: null })).status).toBe(403);
    expect((await activeObCriteria(tdb.ctx)).some((c) => c.label === 'Iets' || c.label === 'Zonder token')).toBe(false);
  });
});

describe('the OB screening on the case page', () => {
  it('is offered to coordinators, not to investigators; refuses OB without a criterion; closes with outcome OB', async () => {
    const c = await queuedCase();
    const path = `/zaken/${c.id}`;
    let page = await coordinator.get(path);
    expect(page.html).toContain(`action="${path}/ob-toets"`);
    expect(page.html).toContain('Het belang van de verzoeker is gering ten opzichte van de inspanning');
    expect(page.html).toContain('OB: sluiten met uitkomst OB');
    expect((await investigator.get(path)).html).not.toContain('ob-toets');

    const [first, second] = await activeObCriteria(tdb.ctx);
    const refused = await coordinator.post(`${path}/ob-toets`, { decision: 'ob', note: 'Mijn toelichting', version: String(c.version) });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Kies minstens één criterium.');
    expect(refused.html).toContain('Mijn toelichting'); // what was typed comes back
    expect((await investigator.post(`${path}/ob-toets`, { decision: 'ob', criteria: first!.id })).status).toBe(403);

    const done = await coordinator.post(`${path}/ob-toets`, { decision: 'ob', criteria: [first!.id, second!.id], version: String(c.version) });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${path}?gedaan=ob-gesloten`);
    page = await coordinator.get(done.location!);
    expect(page.html).toContain('De OB-toets is vastgelegd en de zaak is afgesloten met uitkomst OB.');
    expect(textOf(page.html)).toContain(`OB-toets — OB, gesloten met uitkomst OB; criteria: ${first!.label}; ${second!.label}`);
    expect(page.html).not.toContain(`action="${path}/ob-toets"`); // closed: no more screening
    expect(await getCase(tdb.ctx, c.id)).toMatchObject({ status: 'closed', outcome: 'OB' });

    const again = await coordinator.post(`${path}/ob-toets`, { decision: 'not_ob' });
    expect(again.status).toBe(409);
    expect(again.html).toContain('De OB-toets kan alleen bij een zaak die binnen is of in de bak staat.');
  });

  it('is not offered to a dispatcher, nor on a case without a domain, and a dispatcher\'s POST is refused', async () => {
    const c = await queuedCase();
    const path = `/zaken/${c.id}`;
    const asDispatcher = await pageClient(api, tdb.ctx, dispatcher.id);
    expect((await asDispatcher.get(path)).html).not.toContain(`action="${path}/ob-toets"`);
    const [first] = await activeObCriteria(tdb.ctx);
    expect((await asDispatcher.post(`${path}/ob-toets`, { decision: 'ob', criteria: first!.id })).status).toBe(403);
    expect((await getCase(tdb.ctx, c.id)).status).toBe('queued');

    const { case: unrouted } = await registerCase(tdb.ctx, dispatcher, complaint({ receivedAt: tdb.ctx.clock(), subject: 'Nog niet gerouteerd' }));
    expect((await coordinator.get(`/zaken/${unrouted.id}`)).html).not.toContain('ob-toets');
    const refused = await coordinator.post(`/zaken/${unrouted.id}/ob-toets`, { decision: 'ob', criteria: first!.id });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('Routeer de zaak eerst naar een domein.');
    expect((await getCase(tdb.ctx, unrouted.id)).status).toBe('received');
  });

  it('records "Geen OB" and keeps the case in the tray; the report counts the closing', async () => {
    const c = await queuedCase();
    const [first] = await activeObCriteria(tdb.ctx);
    const res = await coordinator.post(`/zaken/${c.id}/ob-toets`, { decision: 'not_ob', criteria: first!.id });
    expect(res.location).toBe(`/zaken/${c.id}?gedaan=ob-geen`);
    expect((await coordinator.get(res.location!)).html).toContain('De OB-toets is vastgelegd: geen OB.');
    expect((await getCase(tdb.ctx, c.id)).status).toBe('queued');
    let report = textOf((await coordinator.get('/screening')).html);
    expect(report).toContain('2 OB-toetsen, waarvan 1 gesloten met uitkomst OB en 1 met „Geen OB”');
    expect(report).not.toContain('Zonder domein');
    // An OB closing of an unrouted case, from before screening asked for a domain, counts under "Zonder domein".
    const { case: unrouted } = await registerCase(tdb.ctx, dispatcher, complaint({ receivedAt: tdb.ctx.clock() }));
    await insertEvents(tdb.ctx.db, [{ caseId: unrouted.id, type: 'ob_screened', at: tdb.ctx.clock(), actorId: dispatcher.id, payload: { criteria: [first!.id], labels: [first!.label], note: null, decision: 'ob' } }]);
    report = textOf((await coordinator.get('/screening')).html);
    expect(report).toContain('Zonder domein');
  });
});

describe('transfers and escalations', () => {
  it('lists a long-running case with "Naar UKB", and transfers it', async () => {
    const old = await queuedCase(100, 'Al heel lang wachten');
    const fresh = await queuedCase(2, 'Net binnen');
    let page = await coordinator.get('/screening/overdracht');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Langer dan 12 weken sinds ontvangst');
    // The criterion's name, its kind and its rule say the same: counted from receipt.
    expect(page.html).toContain('Meer dan 12 weken sinds ontvangst');
    expect(page.html).toContain('Langer dan een aantal weken sinds ontvangst');
    expect(page.html).not.toContain('in behandeling');
    expect(page.html).toContain(`data-dossier="${old.dossierNumber}"`);
    expect(page.html).not.toContain(`data-dossier="${fresh.dossierNumber}"`);
    const res = await coordinator.post('/screening/overdracht/naar-ukb', { caseId: old.id, version: String(old.version) });
    expect(res.status).toBe(303);
    page = await coordinator.get(res.location!);
    expect(page.html).toContain(`Zaak ${old.dossierNumber} is overgedragen naar UKB.`);
    expect(page.html).not.toContain(`data-dossier="${old.dossierNumber}"`);
    expect((await getCase(tdb.ctx, old.id)).unit).toBe('extended');
    const stale = await coordinator.post('/screening/overdracht/naar-ukb', { caseId: old.id });
    expect(stale.status).toBe(422);
    expect(stale.html).toContain('Deze zaak voldoet niet (meer) aan een overdrachtscriterium');
    expect((await investigator.post('/screening/overdracht/naar-ukb', { caseId: fresh.id })).status).toBe(403);
  });

  it('adds a transfer criterion, with Dutch errors when incomplete', async () => {
    const bad = await coordinator.post('/screening/overdracht/criteria', { label: 'Lang', kind: 'age_weeks', weeks: '' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Vul een aantal weken in van 1 tot en met 260.');
    const ok = await coordinator.post('/screening/overdracht/criteria', { label: 'Langer dan 30 weken', kind: 'age_weeks', weeks: '30' });
    expect(ok.location).toBe('/screening/overdracht?gedaan=toegevoegd');
    expect((await coordinator.get(ok.location!)).html).toContain('Meer dan 30 weken sinds ontvangst');
  });

  it('escalates cases to research, with a Dutch error for unknown dossier numbers', async () => {
    const a = await queuedCase();
    const b = await queuedCase();
    const unknown = await coordinator.post('/screening/escalaties', { title: 'Structureel', description: 'Uitleg', dossiers: `${a.dossierNumber}\n2026.999999` });
    expect(unknown.status).toBe(400);
    expect(unknown.html).toContain('Onbekende dossiernummers: 2026.999999.');
    expect(unknown.html).toContain('Uitleg');
    const res = await coordinator.post('/screening/escalaties', { title: 'Bezwaren blijven liggen', description: 'Uitleg', dossiers: `${a.dossierNumber}, ${b.dossierNumber}` });
    expect(res.status).toBe(303);
    const page = await coordinator.get(res.location!);
    expect(page.html).toContain('De escalatie is vastgelegd en de zaken zijn gekoppeld.');
    expect(page.html).toContain('Bezwaren blijven liggen');
    expect(page.html).toContain(`href="/zaken/${a.id}"`);
    expect(page.html).toContain(`href="/zaken/${b.id}"`);
    expect(textOf((await coordinator.get(`/zaken/${a.id}`)).html)).toContain('geëscaleerd naar onderzoek — Bezwaren blijven liggen');
  });

  it('shows of an escalation only the cases of the coordinator\'s domains, and counts the others', async () => {
    const admin = await createStaff(tdb.ctx, { roles: ['admin'], domains: [] });
    const own = await queuedCase(1, 'Eigen zaak');
    const { case: f } = await registerCase(tdb.ctx, dispatcher, complaint({ receivedAt: tdb.ctx.clock(), subject: 'Geheim onderwerp van Leefomgeving' }));
    const foreign = await routeCase(tdb.ctx, dispatcher, f.id, { domain: 'leefomgeving', unit: 'standard' });
    const onlyForeign = await escalate(tdb.ctx, admin, { title: 'Alleen een ander domein', description: 'D', dossiers: foreign.dossierNumber });
    const mixed = await escalate(tdb.ctx, admin, { title: 'Over domeinen heen', description: 'D', dossiers: `${own.dossierNumber}, ${foreign.dossierNumber}` });
    const page = await coordinator.get('/screening/escalaties');
    expect(page.html).toContain(`data-escalatie="${mixed.id}"`);
    expect(page.html).not.toContain(`data-escalatie="${onlyForeign.id}"`);
    expect(page.html).toContain(`href="/zaken/${own.id}"`);
    expect(page.html).not.toContain('Geheim onderwerp van Leefomgeving');
    expect(page.html).toContain('En 1 zaak van een ander domein.');
  });
});
