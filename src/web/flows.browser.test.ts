import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkA11y, clickAndWait, field, mainText, navigates, PASSWORD, region, startBrowserSuite, tabTo, typeInto, type BrowserSuite,
} from '../testing/browser.ts';

/**
 * Each role's main work, end to end in real Chromium, in Dutch: the
 * dispatcher registers and routes, the coordinator marks and assigns, the
 * investigator handles and closes, the manager looks at the overview. axe
 * checks every page the flows reach. The tests share one seeded database
 * and run in order.
 */
let suite: BrowserSuite;
beforeAll(async () => {
  suite = await startBrowserSuite();
});
afterAll(async () => {
  await suite?.close();
});

const caseId = (url: string) => /\/zaken\/([0-9a-f-]{36})/.exec(url)?.[1];
/** A date a few days back, as a date field wants it. */
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

// First, while the tray is as seeded: 4 cases in Leefomgeving (KB), one urgent, the
// oldest 25 days (over the 3-week target); 2 not routed yet, the oldest 3 days.
describe('team manager and director (teammanager, directeur)', () => {
  it('the team manager sees the tray per domain on the overview and follows it to the tray', async () => {
    const page = await suite.pageAs('teammanager');
    expect(new URL(page.url()).pathname).toBe('/overzicht');
    expect(await page.locator('h1').innerText()).toBe('Overzicht');
    await checkA11y(page);
    const row = page.getByRole('row', { name: /^Leefomgeving — KB/ });
    // In de bak, Spoed, B, POP, OB, longer than target, oldest wait (weeks)
    expect(await row.getByRole('cell').allInnerTexts()).toEqual(['4', '1', '0', '0', '0', '1', '3,6']);
    const text = await mainText(page);
    expect(text).toContain('Langer dan 3 weken');
    expect(text).toContain('Geregistreerd, nog niet naar een domein 2');
    expect(text).toContain('Oudste wacht (weken) 0,4');
    expect(text).toContain('Totaal nog niet toegewezen 6');

    await clickAndWait(page, row.getByRole('link', { name: 'Leefomgeving — KB' }));
    expect(await page.locator('h1').innerText()).toBe('De bak — Leefomgeving (KB)');
    expect(await page.locator('table.grip-tray tbody tr').count()).toBe(4);
  });

  it('the director sees the same overview, without the way into the tray', async () => {
    const page = await suite.pageAs('directeur');
    expect(new URL(page.url()).pathname).toBe('/overzicht');
    const row = page.getByRole('row', { name: /^Leefomgeving — KB/ });
    expect((await row.getByRole('cell').allInnerTexts())[0]).toBe('4');
    expect(await row.getByRole('link').count()).toBe(0);
  });
});

describe('dispatcher (werkverdeler)', () => {
  it('registers an urgent complaint with an attachment and overrides the suggested route', async () => {
    const page = await suite.pageAs('werkverdeler');
    expect(new URL(page.url()).pathname).toBe('/zaken/te-routeren');
    await checkA11y(page);

    await clickAndWait(page, page.getByRole('navigation').getByRole('link', { name: 'Registreren' }));
    expect(await page.locator('h1').innerText()).toBe('Klacht registreren');
    await checkA11y(page);
    await field(page, 'Naam verzoeker').fill('Karin Jansen');
    await field(page, 'E-mail').fill('karin.jansen@example.nl');
    await field(page, 'Telefoon').fill('06-12345678');
    await field(page, 'Adres').fill('Dorpsstraat 1, 1234 AB Ergens');
    await field(page, 'Instantie').fill('Gemeente Amsterdam');
    await field(page, 'Onderwerp').fill('Parkeervergunning na verhuizing niet omgezet');
    await field(page, 'Omschrijving').fill('Sinds mijn verhuizing in september krijg ik boetes; de gemeente reageert niet.');
    await field(page, 'Kanaal').selectOption({ label: 'Brief' });
    await field(page, 'Datum ontvangst').fill(daysAgo(3));
    await field(page, 'Spoed').check();
    await page.getByLabel(/^Bijlagen/).setInputFiles({ name: 'brief.pdf', mimeType: 'application/pdf', buffer: PDF });
    expect(await clickAndWait(page, page.getByRole('button', { name: 'Registreren' }))).toBe(200);

    const id = caseId(page.url());
    expect(id).toBeDefined();
    expect(await page.getByRole('status').innerText()).toContain('De klacht is geregistreerd.');
    const facts = await mainText(page);
    expect(facts).toContain('Parkeervergunning na verhuizing niet omgezet');
    expect(facts).toContain('Karin Jansen');
    expect(facts).toContain('Ontvangen');
    expect(await page.locator('.grip-status .grip-lane--urgent').innerText()).toBe('Spoed');
    expect(await page.getByRole('link', { name: 'brief.pdf' }).count()).toBe(1);
    await checkA11y(page);

    // the suggestion names its rule; the dispatcher overrides it
    const route = region(page, 'Routeren');
    const suggestion = await route.innerText();
    expect(suggestion).toContain('Voorstel: Leefomgeving — KB');
    expect(suggestion).toContain('regel: Gemeente Amsterdam naar leefomgeving');
    await field(route, 'Domein').selectOption({ label: 'Inkomen' });
    await field(route, 'Eenheid').selectOption({ label: 'UKB' });
    expect(await clickAndWait(page, route.getByRole('button', { name: 'Route bevestigen' }))).toBe(200);
    expect(await page.getByRole('status').innerText()).toContain('De zaak is gerouteerd en staat in de bak.');
    const routed = await mainText(page);
    expect(routed).toContain('In de bak');
    expect(routed).toContain('Inkomen — UKB');
    expect(routed).toContain('Gerouteerd naar Inkomen (UKB), afwijkend van het voorstel Leefomgeving (KB)');
    await checkA11y(page);
  });

  it('confirms a suggested route from the to-route list and marks the case urgent', async () => {
    const page = await suite.pageAs('werkverdeler');
    const target = suite.grip.org.unrouted[0]!;
    await clickAndWait(page, page.getByRole('link', { name: target.dossierNumber }));
    const route = region(page, 'Routeren');
    expect(await route.innerText()).toContain('Voorstel: Inkomen — KB');
    await clickAndWait(page, route.getByRole('button', { name: 'Route bevestigen' }));
    expect(await mainText(page)).toContain('Gerouteerd naar Inkomen (KB), zoals voorgesteld');

    const lanes = region(page, 'Markeringen');
    await field(lanes, 'Spoed').check();
    await clickAndWait(page, lanes.getByRole('button', { name: 'Markeringen opslaan' }));
    expect(await page.getByRole('status').innerText()).toContain('De markeringen zijn opgeslagen.');
    expect(await page.locator('.grip-status .grip-lane--urgent').innerText()).toBe('Spoed');
    expect(await mainText(page)).toContain('Markeringen: +Spoed');

    // and it has left the list of cases to route
    await page.goto('/zaken/te-routeren');
    expect(await page.getByRole('link', { name: target.dossierNumber }).count()).toBe(0);
  });
});

describe('coordinator (coördinator)', () => {
  it('marks a lane and assigns a case with a directional proposal on the case page', async () => {
    const page = await suite.pageAs('coordinator');
    const target = suite.grip.org.queued[1]!;
    await page.goto(`/zaken/${target.id}`);
    await checkA11y(page);

    const lanes = region(page, 'Markeringen');
    await lanes.getByLabel(/^B:/).check();
    await clickAndWait(page, lanes.getByRole('button', { name: 'Markeringen opslaan' }));
    expect(await page.getByRole('status').innerText()).toContain('De markeringen zijn opgeslagen.');
    expect(await page.locator('.grip-status .grip-lane--b').innerText()).toBe('B');

    const assign = region(page, 'Toewijzen');
    const investigator = field(assign, 'Klachtonderzoeker');
    const option = await investigator.locator('option', { hasText: 'Iris Ingelse' }).getAttribute('value');
    await investigator.selectOption(option!);
    await field(assign, 'Richtinggevend voorstel').fill('Vraag de gemeente binnen twee weken te reageren op de melding.');
    await field(assign, 'Soort afhandeling').selectOption({ label: 'Interventie' });
    expect(await clickAndWait(page, assign.getByRole('button', { name: 'Toewijzen' }))).toBe(200);
    expect(await page.getByRole('status').innerText()).toContain('De zaak is toegewezen.');
    const text = await mainText(page);
    expect(text).toContain('Toegewezen');
    expect(text).toContain('Iris Ingelse');
    expect(text).toContain('Vraag de gemeente binnen twee weken te reageren op de melding.');
    await checkA11y(page);
  });

  it('refuses an assignment without a proposal, in Dutch next to the field', async () => {
    const page = await suite.pageAs('coordinator');
    await page.goto(`/zaken/${suite.grip.org.queued[2]!.id}`);
    const assign = region(page, 'Toewijzen');
    const investigator = field(assign, 'Klachtonderzoeker');
    await investigator.selectOption((await investigator.locator('option', { hasText: 'Olga Onderzoek' }).getAttribute('value'))!);
    expect(await clickAndWait(page, assign.getByRole('button', { name: 'Toewijzen' }))).toBe(400);
    const proposal = field(region(page, 'Toewijzen'), 'Richtinggevend voorstel');
    expect(await proposal.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await proposal.getAttribute('aria-describedby'))!;
    expect(await page.locator(`#${errorId}`).innerText()).toBe('Vul dit veld in.');
    await checkA11y(page);
  });
  it('filters the tray, marks two cases POP and assigns both in one go', async () => {
    const page = await suite.pageAs('coordinator');
    const [first, , , fourth] = suite.grip.org.queued;
    expect(new URL(page.url()).pathname).toBe('/bak');
    expect(await page.locator('h1').innerText()).toBe('De bak — Leefomgeving (KB)');
    await checkA11y(page);

    // filter on the urgent lane: only the urgent case is left
    const filters = page.getByRole('form', { name: 'Kiezen en filteren' });
    await field(filters, 'Markering').selectOption({ label: 'Spoed' });
    await clickAndWait(page, filters.getByRole('button', { name: 'Toon' }));
    const rows = page.locator('table.grip-tray tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain(first!.dossierNumber);
    await checkA11y(page);
    await clickAndWait(page, page.getByRole('link', { name: 'Filters wissen' }));
    // at least a week old: only the case of 12 days (not those of 6 and 2 days)
    await field(filters, 'Minimaal weken oud').fill('1');
    await clickAndWait(page, filters.getByRole('button', { name: 'Toon' }));
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain(suite.grip.org.queued[2]!.dossierNumber);
    await clickAndWait(page, page.getByRole('link', { name: 'Filters wissen' }));
    expect(await rows.count()).toBe(3);

    const bulk = page.locator('form[action="/bak/toewijzen"]');
    for (const c of [first!, fourth!]) await page.getByRole('checkbox', { name: `Selecteer ${c.dossierNumber}` }).check();
    await field(bulk, 'Markering').selectOption({ label: 'POP' });
    await field(bulk, 'Handeling').selectOption({ label: 'Zetten' });
    await clickAndWait(page, bulk.getByRole('button', { name: 'Markering bijwerken' }));
    expect(await page.getByRole('status').innerText()).toContain('Markering bijgewerkt bij 2 zaken.');
    for (const c of [first!, fourth!]) {
      expect(await page.getByRole('row', { name: new RegExp(c.dossierNumber) }).locator('.grip-lane--pop').count()).toBe(1);
    }

    for (const c of [first!, fourth!]) await page.getByRole('checkbox', { name: `Selecteer ${c.dossierNumber}` }).check();
    await page.getByRole('radio', { name: 'Olga Onderzoek' }).check();
    await field(bulk, 'Soort afhandeling').selectOption({ label: 'Snelle afhandeling (POP/B)' });
    await field(bulk, 'Richtinggevend voorstel').fill('POP-dag: kort bellen en de instantie om een reactie vragen.');
    expect(await clickAndWait(page, bulk.getByRole('button', { name: 'Toewijzen' }))).toBe(200);
    expect(await page.getByRole('status').innerText()).toContain('2 zaken toegewezen.');
    for (const c of [first!, fourth!]) expect(await page.getByRole('link', { name: c.dossierNumber }).count()).toBe(0);
    await checkA11y(page);

    await page.goto(`/zaken/${fourth!.id}`);
    const text = await mainText(page);
    expect(text).toContain('Olga Onderzoek');
    expect(text).toContain('POP-dag: kort bellen en de instantie om een reactie vragen.');
  });
});

describe('investigator (klachtonderzoeker)', () => {
  it('records first contact, adds a note, closes with an outcome and its profile, and adds aftercare', async () => {
    const page = await suite.pageAs('onderzoeker');
    const target = suite.grip.org.assigned[0]!;
    expect(new URL(page.url()).pathname).toBe('/mijn-zaken');
    const row = page.getByRole('row', { name: new RegExp(target.dossierNumber) });
    expect(await row.innerText()).toContain('Verzoeker bellen (eerste contact)');
    await checkA11y(page);
    await clickAndWait(page, row.getByRole('link', { name: target.dossierNumber }));
    await checkA11y(page);

    await clickAndWait(page, region(page, 'Eerste contact').getByRole('button', { name: 'Eerste contact vastleggen' }));
    expect(await page.getByRole('status').innerText()).toContain('Het eerste contact is vastgelegd.');
    expect(await mainText(page)).toContain('In behandeling');

    const note = region(page, 'Notitie of actie');
    await field(note, 'Tekst').fill('Verzoeker gebeld: schade is in mei gemeld, nog geen opname gepland.');
    await clickAndWait(page, note.getByRole('button', { name: 'Notitie toevoegen' }));
    expect(await page.getByRole('status').innerText()).toContain('De notitie is toegevoegd.');
    expect(await mainText(page)).toContain('Notitie: Verzoeker gebeld: schade is in mei gemeld, nog geen opname gepland.');

    // closing: the outcome decides which fields to fill in
    const close = region(page, 'Afsluiten');
    await field(close, 'Uitkomst').selectOption({ label: 'Interventie' });
    await clickAndWait(page, close.getByRole('button', { name: 'Velden tonen' }));
    await checkA11y(page);
    const profile = region(page, 'Afsluiten');
    await field(profile, 'Wat is met de instantie afgesproken').fill('IMG plant de schade-opname binnen vier weken.');
    // a required profile field left empty is refused next to the field
    const refused = await clickAndWait(page, profile.getByRole('button', { name: 'Zaak afsluiten' }));
    expect(refused).toBeGreaterThanOrEqual(400);
    expect(refused).toBeLessThan(500);
    const result = field(region(page, 'Afsluiten'), 'Resultaat voor verzoeker');
    expect(await result.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await result.getAttribute('aria-describedby')}`).innerText()).toBe('Vul dit veld in.');
    expect(await field(region(page, 'Afsluiten'), 'Wat is met de instantie afgesproken').inputValue()).toBe('IMG plant de schade-opname binnen vier weken.');
    await result.fill('Opname gepland op korte termijn.');
    expect(await clickAndWait(page, region(page, 'Afsluiten').getByRole('button', { name: 'Zaak afsluiten' }))).toBe(200);
    expect(await page.getByRole('status').innerText()).toContain('De zaak is afgesloten.');
    const closed = await mainText(page);
    expect(closed).toContain('Afgesloten: Interventie');
    expect(closed).toContain('Resultaat voor verzoeker: Opname gepland op korte termijn.');

    const aftercare = region(page, 'Nazorg');
    await field(aftercare, 'Wat is er gedaan?').fill('Verzoeker belde na: opname is gedaan, uitleg gegeven.');
    await clickAndWait(page, aftercare.getByRole('button', { name: 'Nazorg vastleggen' }));
    expect(await page.getByRole('status').innerText()).toContain('De nazorg is vastgelegd.');
    const after = await mainText(page);
    expect(after).toContain('Nazorg: Verzoeker belde na: opname is gedaan, uitleg gegeven.');
    // aftercare is not a new dossier: the same page, still closed
    expect(after).toContain(`Dossier ${target.dossierNumber}`);
    await checkA11y(page);

    await clickAndWait(page, page.getByRole('navigation').getByRole('link', { name: 'Mijn zaken' }));
    const recent = page.getByRole('table', { name: 'De laatste tien afgesloten zaken' });
    expect(await recent.innerText()).toContain(target.dossierNumber);
  });

  it('records first contact with the keyboard only, from the log-in on', async () => {
    const page = await suite.pageAs();
    const target = suite.grip.org.assigned[1]!;
    await page.goto('/inloggen');
    await typeInto(page, field(page, 'Gebruikersnaam'), 'onderzoeker');
    await typeInto(page, field(page, 'Wachtwoord'), PASSWORD);
    await tabTo(page, page.getByRole('button', { name: 'Inloggen' }));
    await navigates(page, () => page.keyboard.press('Enter'));
    expect(new URL(page.url()).pathname).toBe('/mijn-zaken');

    await tabTo(page, page.getByRole('link', { name: target.dossierNumber }));
    await navigates(page, () => page.keyboard.press('Enter'));
    expect(new URL(page.url()).pathname).toBe(`/zaken/${target.id}`);
    await tabTo(page, page.getByRole('button', { name: 'Eerste contact vastleggen' }));
    await navigates(page, () => page.keyboard.press('Space'));
    expect(await page.getByRole('status').innerText()).toContain('Het eerste contact is vastgelegd.');
    expect(await mainText(page)).toContain('In behandeling');
  });
});

describe('administrator (beheerder)', () => {
  it('opens the administration and the staff list', async () => {
    const page = await suite.pageAs('admin');
    expect(new URL(page.url()).pathname).toBe('/beheer');
    expect(await page.locator('h1').innerText()).toBe('Beheer');
    await checkA11y(page);
    await clickAndWait(page, page.getByRole('main').getByRole('link', { name: 'Medewerkers' }));
    expect(await page.locator('h1').innerText()).toBe('Medewerkers');
    const text = await mainText(page);
    for (const name of ['Wendy Verdeel', 'Coen Oordijk', 'Olga Onderzoek', 'Tim Manders']) expect(text).toContain(name);
    await checkA11y(page);
  });
});
