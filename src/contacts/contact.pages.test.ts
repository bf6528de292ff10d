import { routeCase } from '../cases/case.transitions.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCase } from '../cases/case.service.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { pageClient, type PageClient } from '../testing/web.ts';
import { registerContact } from './contact.service.ts';

/** The front office's phone pages over HTTP: /telefoon, /telefoon/terugbellen, a contact, and linking from the case page. */
let tdb: TestDatabase;
let api: TestApi;
let staff: Record<'frontOffice' | 'investigator' | 'otherInvestigator' | 'coordinator' | 'otherCoordinator' | 'manager' | 'dispatcher', Awaited<ReturnType<typeof createStaff>>>;
let as: Record<keyof typeof staff, PageClient>;

const MONDAY = '2026-03-02T09:00:00Z'; // 10:00 in Amsterdam

beforeAll(async () => {
  tdb = await createTestDatabase();
  tdb.setNow(MONDAY);
  api = await startTestApi(tdb.ctx);
  const { ctx } = tdb;
  staff = {
    frontOffice: await createStaff(ctx, { roles: ['frontOffice'], domains: ['inkomen', 'leefomgeving', 'zorg-en-jeugd', 'veiligheid-en-migratie'], unit: 'frontOffice' }),
    investigator: await createStaff(ctx, { roles: ['investigator'], domains: ['inkomen'] }),
    otherInvestigator: await createStaff(ctx, { roles: ['investigator'], domains: ['leefomgeving'] }),
    coordinator: await createStaff(ctx, { roles: ['coordinator'], domains: ['inkomen'] }),
    otherCoordinator: await createStaff(ctx, { roles: ['coordinator'], domains: ['leefomgeving'] }),
    manager: await createStaff(ctx, { roles: ['teamManager'], domains: ['inkomen'] }),
    dispatcher: await createStaff(ctx, { roles: ['dispatcher'], domains: ['inkomen', 'leefomgeving', 'zorg-en-jeugd', 'veiligheid-en-migratie'] }),
  };
  as = Object.fromEntries(await Promise.all(Object.entries(staff).map(async ([k, s]) => [k, await pageClient(api, ctx, s.id)]))) as typeof as;
}, 60_000);
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

/** The text of a field's error message. */
const fieldError = (html: string, id: string) => new RegExp(`id="${id}-error"[^>]*>([^<]*)<`).exec(html)?.[1];
const contactCount = async () => Number((await tdb.ctx.db.selectFrom('contacts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const idFrom = (location: string | null) => /geregistreerd=([0-9a-f-]{36})/.exec(location ?? '')?.[1];

const call = (fields: Record<string, string>) => ({
  'caller.name': 'Mevrouw Jansen', 'caller.phone': '06-12345678', 'caller.email': '', agency: 'UWV', domain: 'inkomen',
  summary: 'Uitkering is gestopt zonder bericht', advice: '', callbackDomain: '', callbackDueAt: '2026-03-03T12:00', ...fields,
});

async function register(fields: Record<string, string>): Promise<string> {
  const res = await as.frontOffice.post('/telefoon', call(fields));
  expect(res.status, res.html.slice(0, 2000)).toBe(303);
  return idFrom(res.location)!;
}

describe('the phone page (/telefoon)', () => {
  it('answers an incomplete call with Dutch messages at the fields, keeping what was typed', async () => {
    tdb.setNow(MONDAY);
    const before = await contactCount();
    const empty = await as.frontOffice.post('/telefoon', { 'caller.name': 'Piet', summary: '' });
    expect(empty.status).toBe(400);
    expect(fieldError(empty.html, 'f-summary')).toBe('Vul dit veld in.');
    expect(fieldError(empty.html, 'f-outcome')).toBe('Maak een keuze.');
    expect(empty.html).toContain('Het formulier is nog niet goed ingevuld');
    expect(empty.html).toMatch(/id="f-caller-name"[^>]*value="Piet"/);

    const cases: [Record<string, string>, string, string][] = [
      [{ outcome: 'advised' }, 'f-advice', 'Vul het gegeven advies in.'],
      [{ outcome: 'callback', 'caller.name': '' }, 'f-caller-name', 'Vul de naam in van wie teruggebeld wil worden.'],
      [{ outcome: 'callback', 'caller.phone': '' }, 'f-caller-phone', 'Vul het telefoonnummer in om op terug te bellen.'],
      [{ outcome: 'callback', domain: '' }, 'f-callbackDomain', 'Kies het domein dat terugbelt.'],
      [{ outcome: 'callback', callbackDueAt: 'morgen' }, 'f-callbackDueAt', 'Vul een datum en tijd in, zoals 2026-03-09 12:00.'],
      [{ outcome: 'callback', callbackDueAt: '2026-03-01T12:00' }, 'f-callbackDueAt', 'Dit tijdstip ligt vóór het gesprek.'],
      [{ outcome: 'put_through', 'caller.email': 'jansen' }, 'f-caller-email', 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.'],
      [{ outcome: 'put_through', summary: 'x'.repeat(10_001) }, 'f-summary', 'Te lang: hoogstens 10000 tekens.'],
    ];
    for (const [fields, id, message] of cases) {
      const res = await as.frontOffice.post('/telefoon', call(fields));
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(fieldError(res.html, id), JSON.stringify(fields)).toBe(message);
    }
    expect(await contactCount()).toBe(before);
  });

  it('registers a call and comes back with a confirmation, an empty form and the call among today’s', async () => {
    tdb.setNow(MONDAY);
    // the TBV fields are filled in beforehand (the default due time); they do not count for advice
    const id = await register({ 'caller.name': 'Piet Bakker', outcome: 'advised', advice: 'Eerst bezwaar maken bij het UWV', callbackDomain: 'leefomgeving' });
    const page = await as.frontOffice.get(`/telefoon?geregistreerd=${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Het gesprek is geregistreerd.');
    expect(page.html).toMatch(/id="f-caller-name"/);
    expect(page.html).not.toMatch(/id="f-caller-name"[^>]*value="[^"]/);
    expect(page.html).toMatch(/<table[^>]*id="gesprekken-vandaag"[\s\S]*Piet Bakker[\s\S]*Advies gegeven/);
    const row = await tdb.ctx.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ caller_name: 'Piet Bakker', outcome: 'advised', callback_domain_id: null, callback_due_at: null, case_id: null });
  });

  it('registers a callback request for a domain, due by the time given (Amsterdam) or by noon on the next working day', async () => {
    tdb.setNow(MONDAY);
    expect((await as.frontOffice.get('/telefoon')).html).toMatch(/id="f-callbackDueAt"[^>]*value="2026-03-03T12:00"/);
    const given = await register({ outcome: 'callback', callbackDueAt: '2026-03-03T15:30', callbackDomain: 'leefomgeving' });
    const byDefault = await register({ outcome: 'callback', callbackDueAt: '' });
    const rows = await tdb.ctx.db.selectFrom('contacts').select(['id', 'callback_domain_id', 'callback_due_at']).where('id', 'in', [given, byDefault]).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(given)).toMatchObject({ callback_domain_id: 'leefomgeving', callback_due_at: new Date('2026-03-03T14:30:00Z') });
    expect(byId.get(byDefault)).toMatchObject({ callback_domain_id: 'inkomen', callback_due_at: new Date('2026-03-03T11:00:00Z') });
    const page = await as.frontOffice.get(`/telefoon?geregistreerd=${given}`);
    expect(page.html).toContain('Het terugbelverzoek is geregistreerd: Leefomgeving belt terug vóór 3 mrt 2026, 15:30.');
  });

  it('opens partly filled in from the roster’s link: a callback request for the domain; junk in the link is ignored', async () => {
    tdb.setNow(MONDAY);
    const checked = (html: string) => [...html.matchAll(/id="f-outcome-([a-z_]+)"[^>]*\bchecked\b/g)].map((m) => m[1]);
    const selected = (html: string, id: string) => /<option value="([^"]*)" selected>/.exec(new RegExp(`<select id="${id}"[\\s\\S]*?</select>`).exec(html)?.[0] ?? '')?.[1];
    const page = await as.frontOffice.get('/telefoon?uitkomst=callback&domein=leefomgeving');
    expect(page.status).toBe(200);
    expect(checked(page.html)).toEqual(['callback']);
    expect(selected(page.html, 'f-domain')).toBe('leefomgeving');
    expect(selected(page.html, 'f-callbackDomain')).toBe('leefomgeving');
    for (const junk of ['?uitkomst=dossier&domein=nergens', '?uitkomst=&domein=', `?uitkomst=${encodeURIComponent('"><script>')}&domein=${'x'.repeat(80)}`]) {
      const odd = await as.frontOffice.get(`/telefoon${junk}`);
      expect(odd.status, junk).toBe(200);
      expect(checked(odd.html), junk).toEqual([]);
      expect(selected(odd.html, 'f-domain'), junk).toBeUndefined();
      expect(selected(odd.html, 'f-callbackDomain'), junk).toBeUndefined();
      expect(odd.html).not.toContain('<script>');
    }
    // only the callback domain of a known domain; the outcome alone also counts
    expect(checked((await as.frontOffice.get('/telefoon?uitkomst=callback')).html)).toEqual(['callback']);
    // what was typed wins over the link when the form comes back with an error
    const back = await as.frontOffice.post('/telefoon?uitkomst=callback&domein=leefomgeving', call({ outcome: 'advised', domain: 'inkomen' }));
    expect(back.status).toBe(400);
    expect(checked(back.html)).toEqual(['advised']);
    expect(selected(back.html, 'f-domain')).toBe('inkomen');
  });

  it('says the advice is required with the outcome ‘Advies gegeven’', async () => {
    const page = await as.frontOffice.get('/telefoon');
    expect(page.html).toMatch(/id="f-advice-hint"[^>]*>Verplicht bij de uitkomst ‘Advies gegeven’.</);
    expect(page.html).toMatch(/<textarea id="f-advice"[^>]*aria-describedby="f-advice-hint"/);
  });

  it('is for the front office, dispatchers and coordinators: an investigator gets 403 and registers nothing', async () => {
    const before = await contactCount();
    expect((await as.investigator.get('/telefoon')).status).toBe(403);
    const refused = await as.investigator.post('/telefoon', call({ outcome: 'put_through' }));
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('U hebt geen toegang tot deze pagina of handeling.');
    expect(await contactCount()).toBe(before);
    expect((await as.frontOffice.post('/telefoon', call({ outcome: 'put_through' }), { csrf: null })).status).toBe(403);
    expect((await as.dispatcher.get('/telefoon')).status).toBe(200);
  });
});

describe('callback requests (/telefoon/terugbellen)', () => {
  let overdue: string;
  let later: string;
  let elsewhere: string;

  beforeAll(async () => {
    tdb.setNow('2026-03-02T08:00:00Z');
    overdue = await register({ outcome: 'callback', 'caller.name': 'Te Laat', 'caller.phone': '06-11122233', callbackDueAt: '2026-03-02T09:30' });
    later = await register({ outcome: 'callback', 'caller.name': 'Later Bellen', 'caller.phone': '070 123 4567', callbackDueAt: '2026-03-04T12:00' });
    elsewhere = await register({ outcome: 'callback', 'caller.name': 'Elders', domain: 'leefomgeving', agency: 'Gemeente Utrecht' });
    tdb.setNow('2026-03-02T10:00:00Z'); // 11:00 in Amsterdam: the first is late
  });

  it('lists a domain’s open requests to its investigator, the first due first, the late one marked, with the number to call', async () => {
    const page = await as.investigator.get('/telefoon/terugbellen');
    expect(page.status).toBe(200);
    const order = [...page.html.matchAll(/\/telefoon\/gesprek\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(order.indexOf(overdue)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(overdue)).toBeLessThan(order.indexOf(later));
    expect(order).not.toContain(elsewhere);
    expect(page.html).toMatch(new RegExp(`te laat</span></td><th scope="row" class="utrecht-table__cell" id="beller-${overdue}"`));
    expect(page.html).toContain('<a href="tel:0611122233">06-11122233</a>');
    expect(page.html).toContain('open terugbelverzoeken — Inkomen');
  });

  it('shows another domain’s requests only to that domain; managers read without the form', async () => {
    const other = await as.otherInvestigator.get('/telefoon/terugbellen');
    expect(other.html).toContain(elsewhere);
    expect(other.html).not.toContain(overdue);
    expect((await as.otherInvestigator.get('/telefoon/terugbellen?domein=inkomen')).html).toContain('Geen open terugbelverzoeken voor Inkomen.');
    const all = await as.frontOffice.get('/telefoon/terugbellen');
    for (const id of [overdue, later, elsewhere]) expect(all.html).toContain(id);
    // an unknown domain or a mangled page link shows every domain (the reader's part of it)
    const odd = await as.investigator.get(`/telefoon/terugbellen?domein=${'x'.repeat(80)}&na=${'y'.repeat(600)}`);
    expect(odd.status).toBe(200);
    expect(odd.html).toContain('open terugbelverzoeken — alle domeinen');
    expect(odd.html).toContain(overdue);
    const manager = await as.manager.get('/telefoon/terugbellen');
    expect(manager.html).toContain(later);
    expect(manager.html).not.toContain(`/telefoon/terugbellen/${later}/klaar`);
    expect(manager.html).toContain('Alleen het domein zelf of de klachtbehandelaars');
    expect(manager.html).not.toContain('frontoffice');
  });

  it('marks a request done with its result, once; it leaves the list', async () => {
    const empty = await as.investigator.post(`/telefoon/terugbellen/${later}/klaar`, { result: ' ', domein: 'inkomen' });
    expect(empty.status).toBe(400);
    expect(fieldError(empty.html, `f-result-${later}`)).toBe('Vul dit veld in.');

    const wrongDomain = await as.otherInvestigator.post(`/telefoon/terugbellen/${later}/klaar`, { result: 'Gebeld', domein: '' });
    // another domain's request is as absent as a missing one: nothing about the caller comes back
    expect(wrongDomain.status).toBe(404);
    expect(wrongDomain.html).not.toContain('Later Bellen');
    expect((await as.dispatcher.post(`/telefoon/terugbellen/${later}/klaar`, { result: 'Gebeld' })).status).toBe(403);

    const done = await as.investigator.post(`/telefoon/terugbellen/${later}/klaar`, { result: 'Teruggebeld, gaat bezwaar maken', domein: 'inkomen' });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/telefoon/terugbellen?domein=inkomen&gedaan=${later}`);
    const list = await as.investigator.get(done.location!);
    expect(list.html).toContain('Het terugbelverzoek van Later Bellen is afgehandeld.');
    expect(list.html).not.toContain(`/telefoon/gesprek/${later}"`);
    expect(list.html).toContain(overdue);
    const row = await tdb.ctx.db.selectFrom('contacts').select(['callback_done_by', 'callback_result']).where('id', '=', later).executeTakeFirstOrThrow();
    expect(row).toEqual({ callback_done_by: staff.investigator.id, callback_result: 'Teruggebeld, gaat bezwaar maken' });

    const again = await as.frontOffice.post(`/telefoon/terugbellen/${later}/klaar`, { result: 'Nog eens', domein: '' });
    expect(again.status).toBe(409);
    expect(again.html).toContain('Dit terugbelverzoek is al afgehandeld.');
    // the contact itself tells what was done
    const contact = await as.investigator.get(`/telefoon/gesprek/${later}`);
    expect(contact.html).toContain('Teruggebeld, gaat bezwaar maken');
    expect((await as.otherInvestigator.get(`/telefoon/gesprek/${later}`)).status).toBe(404);
  });
});

describe('linking the written complaint (the case page)', () => {
  let byPhone: string;
  let byName: string;
  let tooOld: string;
  let someoneElse: string;
  let caseId: string;
  let otherCaseId: string;

  beforeAll(async () => {
    const { ctx } = tdb;
    tdb.setNow('2025-11-20T10:00:00Z');
    tooOld = (await registerContact(ctx, staff.frontOffice, { caller: { name: 'Karin Jansen', phone: '06-55566677' }, summary: 'Lang geleden', outcome: 'asked_to_write' })).id;
    tdb.setNow('2026-02-20T10:00:00Z');
    byPhone = await register({ 'caller.name': 'K. Jansen', 'caller.phone': '06-55566677', outcome: 'asked_to_write', summary: 'Uitkering gestopt, gevraagd te schrijven' });
    byName = (await registerContact(ctx, staff.frontOffice, { caller: { name: 'karin  jansen' }, agency: 'uwv', domain: 'inkomen', summary: 'Vraag over bezwaar', outcome: 'advised', advice: 'Uitgelegd' })).id;
    someoneElse = (await registerContact(ctx, staff.frontOffice, { caller: { name: 'Jan de Vries', phone: '06-87654321' }, agency: 'UWV', domain: 'inkomen', summary: 'Iets anders', outcome: 'put_through' })).id;
    tdb.setNow('2026-03-02T10:00:00Z');
    const petitioner = { name: 'Karin Jansen', phone: '+31 6 55566677', email: 'karin@example.nl' };
    caseId = (await registerCase(ctx, staff.dispatcher, complaint({ petitioner, agency: 'UWV', channel: 'letter' }))).case.id;
    otherCaseId = (await registerCase(ctx, staff.dispatcher, complaint({ petitioner, agency: 'UWV' }))).case.id;
  });

  it('suggests the petitioner’s earlier unlinked calls of the last 90 days to the dispatcher, and no one else’s', async () => {
    const page = await as.dispatcher.get(`/zaken/${caseId}?gedaan=geregistreerd`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Eerdere telefoongesprekken van deze verzoeker');
    const suggested = [...page.html.matchAll(/action="\/telefoon\/gesprek\/([0-9a-f-]{36})\/koppelen"/g)].map((m) => m[1]);
    expect(suggested).toEqual([byPhone, byName]);
    expect(page.html).toContain('zelfde telefoonnummer');
    expect(page.html).toContain('zelfde naam en instantie');
    for (const id of [tooOld, someoneElse]) expect(page.html).not.toContain(id);
    // an investigator cannot link; a coordinator of another domain does not see these callers
    expect((await as.investigator.get(`/zaken/${caseId}`)).html).not.toContain('Eerdere telefoongesprekken');
    expect((await as.otherCoordinator.get(`/zaken/${caseId}`)).html).not.toContain('Eerdere telefoongesprekken');
    expect((await as.coordinator.get(`/zaken/${caseId}`)).html).toContain(`/telefoon/gesprek/${byPhone}/koppelen`);
  });

  it('links one: the case shows the contact, the contact shows the case, and it is suggested no more', async () => {
    const linked = await as.dispatcher.post(`/telefoon/gesprek/${byPhone}/koppelen`, { caseId });
    expect(linked.status).toBe(303);
    expect(linked.location).toBe(`/zaken/${caseId}?gedaan=gekoppeld`);
    const page = await as.dispatcher.get(linked.location!);
    expect(page.html).toContain('Het telefoongesprek is aan dit dossier gekoppeld.');
    expect(page.html).toMatch(new RegExp(`<ul id="gekoppelde-gesprekken"><li><a href="/telefoon/gesprek/${byPhone}">[^<]+</a>: K. Jansen — Uitkering gestopt`));
    expect(page.html).not.toContain(`/telefoon/gesprek/${byPhone}/koppelen`);
    expect(page.html).toContain(`/telefoon/gesprek/${byName}/koppelen`);
    // once routed to Inkomen, the investigator of the domain sees the case in the tray, and the linked call too
    await routeCase(tdb.ctx, staff.dispatcher, caseId, { domain: 'inkomen', unit: 'standard' });
    expect((await as.investigator.get(`/zaken/${caseId}`)).html).toContain(`<a href="/telefoon/gesprek/${byPhone}">`);

    const { dossier_number } = await tdb.ctx.db.selectFrom('cases').select('dossier_number').where('id', '=', caseId).executeTakeFirstOrThrow();
    const contact = await as.frontOffice.get(`/telefoon/gesprek/${byPhone}`);
    expect(contact.html).toContain(`<dd id="gesprek-dossier"><a href="/zaken/${caseId}">${dossier_number}</a></dd>`);
    // the other case of the same petitioner no longer gets it suggested
    expect((await as.dispatcher.get(`/zaken/${otherCaseId}`)).html).not.toContain(byPhone);
  });

  it('refuses a second case, a bad case and people who may not register contacts, in Dutch', async () => {
    const other = await as.dispatcher.post(`/telefoon/gesprek/${byPhone}/koppelen`, { caseId: otherCaseId });
    expect(other.status).toBe(409);
    expect(other.html).toContain('Dit telefoongesprek is intussen aan een ander dossier gekoppeld.');
    expect((await as.dispatcher.post(`/telefoon/gesprek/${byPhone}/koppelen`, { caseId })).status).toBe(303); // the same case again changes nothing
    const missing = await as.dispatcher.post(`/telefoon/gesprek/${byName}/koppelen`, { caseId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.status).toBe(422);
    expect(missing.html).toContain('Er is geen dossier met dit id.');
    expect((await as.dispatcher.post(`/telefoon/gesprek/${byName}/koppelen`, { caseId: 'x' })).status).toBe(400);
    expect((await as.investigator.post(`/telefoon/gesprek/${byName}/koppelen`, { caseId })).status).toBe(403);
    const hidden = await as.otherCoordinator.post(`/telefoon/gesprek/${byName}/koppelen`, { caseId });
    expect(hidden.status).toBe(404);
    expect(hidden.html).not.toContain('karin');
    const row = await tdb.ctx.db.selectFrom('contacts').select('case_id').where('id', '=', byName).executeTakeFirstOrThrow();
    expect(row.case_id).toBeNull();
  });

  it('refuses, in Dutch, a coordinator who links a call to a case of another domain', async () => {
    // a call about Leefomgeving, seen by its coordinator; the case (UWV) is Inkomen's
    const call = (await registerContact(tdb.ctx, staff.frontOffice, {
      caller: { name: 'Karin Jansen', phone: '06-55566677' }, domain: 'leefomgeving', summary: 'Over de gemeente', outcome: 'asked_to_write',
    })).id;
    const refused = await as.otherCoordinator.post(`/telefoon/gesprek/${call}/koppelen`, { caseId: otherCaseId });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('Dit dossier hoort bij een domein waarin u niet werkt: u kunt er geen telefoongesprek aan koppelen.');
    const row = await tdb.ctx.db.selectFrom('contacts').select('case_id').where('id', '=', call).executeTakeFirstOrThrow();
    expect(row.case_id).toBeNull();
  });
});

describe('today’s calls under the form', () => {
  it('says when it shows only the latest 20 of today', async () => {
    // a day of its own, after every other test's calls
    tdb.setNow('2026-04-14T06:00:00Z');
    const heading = async () => /<h2 class="utrecht-heading-2" id="vandaag-kop">([^<]*)<\/h2>/.exec((await as.frontOffice.get('/telefoon')).html)?.[1];
    const rows = async () => (/<table[^>]*id="gesprekken-vandaag"[\s\S]*?<\/table>/.exec((await as.frontOffice.get('/telefoon')).html)?.[0].match(/<tr class="utrecht-table__row">/g) ?? []).length - 1;
    for (let i = 1; i <= 20; i += 1) {
      tdb.setNow(new Date(Date.parse('2026-04-14T06:00:00Z') + i * 60_000));
      await registerContact(tdb.ctx, staff.frontOffice, { caller: {}, summary: `Vraag ${i}`, outcome: 'advised', advice: 'Uitgelegd' });
    }
    expect(await heading()).toBe('Vandaag geregistreerd');
    expect(await rows()).toBe(20);
    tdb.setNow('2026-04-14T07:00:00Z');
    await registerContact(tdb.ctx, staff.frontOffice, { caller: {}, summary: 'Vraag 21', outcome: 'advised', advice: 'Uitgelegd' });
    expect(await heading()).toBe('Vandaag geregistreerd: de laatste 20');
    expect(await rows()).toBe(20);
  });
});
