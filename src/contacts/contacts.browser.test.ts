import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password.ts';
import type { Actor } from '../auth/policy.ts';
import { type BrowserSuite, checkA11y, clickAndWait, field, loginAs, PASSWORD, region, startBrowserSuite } from '../testing/browser.ts';
import { registerContact } from './contact.service.ts';

/**
 * Must-show 1 (issue 7), in real Chromium: the front office registers a call
 * (advice) and a callback request (TBV) for Leefomgeving; the TBV shows on
 * that domain's callback list, an investigator of the domain calls back and
 * it leaves the list; later a dispatcher registers the caller's written
 * complaint (the same phone number, written differently), gets the earlier
 * calls suggested, links one, and the case and the contact show each other.
 * axe checks every page on the way. The tests share one database and run in order.
 */
let suite: BrowserSuite;
let lateCallback: string;
let unrelated: string;

const CALLER = 'Sanne de Wit';

beforeAll(async () => {
  suite = await startBrowserSuite();
  const { ctx } = suite.grip;
  const row = await ctx.db.insertInto('staff').values({
    login: 'balie', name: 'Bea Balie', email: 'balie@example.nl', unit_id: 'frontOffice', roles: ['frontOffice'], domains: ['inkomen', 'leefomgeving', 'zorg-en-jeugd', 'veiligheid-en-migratie'], password_hash: await hashPassword(PASSWORD),
  }).returning('id').executeTakeFirstOrThrow();
  const balie: Actor = { id: row.id, login: 'balie', name: 'Bea Balie', roles: ['frontOffice'], domains: ['inkomen', 'leefomgeving', 'zorg-en-jeugd', 'veiligheid-en-migratie'] };
  // Yesterday's request for Leefomgeving, not called back in time; and someone else's call about the same municipality.
  const day = 86_400_000;
  lateCallback = (await registerContact(ctx, balie, {
    at: new Date(Date.now() - 2 * day), caller: { name: 'Tom Laat', phone: '06-99988877' }, agency: 'Gemeente Utrecht', domain: 'leefomgeving',
    summary: 'Wil weten hoe het met zijn melding staat', outcome: 'callback', callbackDueAt: new Date(Date.now() - day),
  })).id;
  unrelated = (await registerContact(ctx, balie, {
    caller: { name: 'Jan de Vries', phone: '06-87654321' }, agency: 'Gemeente Utrecht', domain: 'leefomgeving', summary: 'Parkeren', outcome: 'asked_to_write',
  })).id;
}, 120_000);
afterAll(async () => {
  await suite?.close();
});

/** The front office user this test made (not one of the suite's people). */
async function frontOffice(): Promise<Page> {
  const page = await suite.pageAs();
  await loginAs(page, 'balie');
  return page;
}

const outcome = (page: Page, choice: string) => page.getByRole('group', { name: 'Uitkomst', exact: true }).getByLabel(choice, { exact: true }).check();
const todayRows = (page: Page) => page.locator('#gesprekken-vandaag tbody tr');

describe('front office, callback and intake in the browser (Leefomgeving)', () => {
  it('the front office registers a call with advice and a callback request, each in one short form', async () => {
    const page = await frontOffice();
    await clickAndWait(page, page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Telefoon' }));
    expect(await page.locator('h1').innerText()).toBe('Telefoon');
    await checkA11y(page);

    // Nothing filled in: the messages stand at the fields, in Dutch.
    expect(await clickAndWait(page, page.getByRole('button', { name: 'Gesprek registreren' }))).toBe(400);
    expect(await page.getByRole('group', { name: 'Uitkomst', exact: true }).innerText()).toContain('Maak een keuze.');
    expect(await page.locator('#f-summary-error').innerText()).toBe('Vul dit veld in.');
    await checkA11y(page);

    await field(page, 'Naam').fill(CALLER);
    await field(page, 'Telefoonnummer').fill('06-12345678');
    await field(page, 'Instantie').fill('Gemeente Utrecht');
    await field(page, 'Domein').selectOption({ label: 'Leefomgeving' });
    await field(page, 'Waar ging het gesprek over?').fill('De gemeente snoeit de boom voor de deur niet, ondanks twee meldingen.');
    await field(page, 'Gegeven advies').fill('Eerst een klacht bij de gemeente indienen; daarna kan de ombudsman helpen.');
    await outcome(page, 'Advies gegeven');
    expect(await clickAndWait(page, page.getByRole('button', { name: 'Gesprek registreren' }))).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/telefoon');
    expect(await page.getByRole('status').innerText()).toBe('Het gesprek is geregistreerd.');
    expect(await field(page, 'Naam').inputValue()).toBe('');
    expect(await todayRows(page).filter({ hasText: CALLER }).locator('th, td').allInnerTexts()).toEqual([
      expect.stringMatching(/^\d\d:\d\d$/), CALLER, '06-12345678', 'Gemeente Utrecht', expect.stringContaining('De gemeente snoeit'), 'Advies gegeven', '–',
    ]);
    await checkA11y(page);

    // She calls again a few days later: nobody free, so a callback request for the domain, due at the default time.
    const due = await field(page, 'Terugbellen vóór').inputValue();
    expect(due).toMatch(/^\d{4}-\d\d-\d\dT12:00$/);
    await field(page, 'Naam').fill(CALLER);
    await field(page, 'Telefoonnummer').fill('+31 6 12345678');
    await field(page, 'Instantie').fill('Gemeente Utrecht');
    await field(page, 'Domein').selectOption({ label: 'Leefomgeving' });
    await field(page, 'Waar ging het gesprek over?').fill('Heeft de gemeente geschreven, nog steeds geen reactie; wil een onderzoeker spreken.');
    await outcome(page, 'Terugbelverzoek (TBV)');
    expect(await clickAndWait(page, page.getByRole('button', { name: 'Gesprek registreren' }))).toBe(200);
    expect(await page.getByRole('status').innerText()).toMatch(/^Het terugbelverzoek is geregistreerd: Leefomgeving belt terug vóór \d+ \w+ \d{4}, 12:00\.$/);
    expect(await todayRows(page).filter({ hasText: 'Terugbelverzoek (TBV)' }).filter({ hasText: CALLER }).count()).toBe(1);
    await checkA11y(page);
  }, 120_000);

  it('the TBV shows on the domain’s callback list; an investigator of the domain calls back and it leaves the list', async () => {
    const page = await suite.pageAs('onderzoeker');
    // Investigators have no "Telefoon" in their menu: the list is reached by its address.
    await page.goto('/telefoon/terugbellen');
    expect(await page.locator('h1').innerText()).toBe('Terugbelverzoeken');
    await checkA11y(page);
    const rows = page.locator('#terugbelverzoeken tbody tr');
    // The first due first: yesterday's, marked late, then hers.
    expect(await rows.locator('th').allInnerTexts()).toEqual(['Tom Laat', CALLER]);
    expect(await rows.first().locator('td').first().innerText()).toContain('te laat');
    const hers = rows.filter({ hasText: CALLER });
    expect(await hers.locator('td').first().innerText()).not.toContain('te laat');
    expect(await hers.getByRole('link', { name: '+31 6 12345678' }).getAttribute('href')).toBe('tel:+31612345678');

    // Done without a result: asked for it at the field.
    expect(await clickAndWait(page, hers.getByRole('button', { name: 'Teruggebeld' }))).toBe(400);
    expect(await rows.filter({ hasText: CALLER }).locator('.grip-field-error').innerText()).toBe('Vul dit veld in.');
    await checkA11y(page);
    await rows.filter({ hasText: CALLER }).getByLabel(/^Resultaat/).fill('Teruggebeld: gevraagd de klacht op schrift te sturen.');
    expect(await clickAndWait(page, rows.filter({ hasText: CALLER }).getByRole('button', { name: 'Teruggebeld' }))).toBe(200);
    expect(await page.getByRole('status').innerText()).toBe(`Het terugbelverzoek van ${CALLER} is afgehandeld.`);
    expect(await rows.locator('th').allInnerTexts()).toEqual(['Tom Laat']);
    await checkA11y(page);
    const open = await suite.grip.ctx.db.selectFrom('contacts').select('id').where('callback_done_at', 'is', null).where('outcome', '=', 'callback').execute();
    expect(open.map((r) => r.id)).toEqual([lateCallback]);
  }, 120_000);

  it('a dispatcher registers her written complaint, gets both calls suggested, links one; case and contact show each other', async () => {
    const page = await suite.pageAs('werkverdeler');
    await clickAndWait(page, page.getByRole('navigation').getByRole('link', { name: 'Registreren' }));
    await field(page, 'Naam verzoeker').fill(CALLER);
    await field(page, 'Telefoon').fill('0612345678');
    await field(page, 'Instantie').fill('Gemeente Utrecht');
    await field(page, 'Onderwerp').fill('Boom voor de deur niet gesnoeid');
    await field(page, 'Omschrijving').fill('Ik heb de gemeente twee keer gemeld en een klacht ingediend, zonder reactie.');
    await field(page, 'Kanaal').selectOption({ label: 'Brief' });
    expect(await clickAndWait(page, page.getByRole('button', { name: 'Registreren' }))).toBe(200);
    expect(await page.getByRole('status').innerText()).toBe('De klacht is geregistreerd.');
    const caseUrl = new URL(page.url()).pathname;
    const dossier = (await page.locator('h1').innerText()).replace('Dossier ', '');

    const suggestions = region(page, 'Eerdere telefoongesprekken van deze verzoeker');
    const rows = suggestions.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toContain('Terugbelverzoek (TBV)');
    expect(await rows.nth(1).innerText()).toContain('Advies gegeven');
    for (const i of [0, 1]) expect(await rows.nth(i).innerText()).toContain('zelfde telefoonnummer');
    expect(await suggestions.innerText()).not.toContain('Jan de Vries');
    expect(await suggestions.innerText()).not.toContain('Tom Laat');
    await checkA11y(page);

    // The first call led to the letter: link it.
    expect(await clickAndWait(page, rows.nth(1).getByRole('button', { name: 'Koppelen' }))).toBe(200);
    expect(new URL(page.url()).pathname).toBe(caseUrl);
    expect(await page.getByRole('status').innerText()).toBe('Het telefoongesprek is aan dit dossier gekoppeld.');
    const linked = page.locator('#gekoppelde-gesprekken li');
    expect(await linked.count()).toBe(1);
    expect(await linked.innerText()).toContain(`${CALLER} — De gemeente snoeit`);
    expect(await region(page, 'Eerdere telefoongesprekken van deze verzoeker').locator('tbody tr').count()).toBe(1);
    await checkA11y(page);

    // The contact shows the case.
    await clickAndWait(page, linked.getByRole('link'));
    expect(await page.locator('h1').innerText()).toMatch(/^Telefoongesprek /);
    expect(await page.locator('#gesprek-dossier').innerText()).toBe(dossier);
    await checkA11y(page);
    await clickAndWait(page, page.locator('#gesprek-dossier').getByRole('link', { name: dossier }));
    expect(new URL(page.url()).pathname).toBe(caseUrl);

    const row = await suite.grip.ctx.db.selectFrom('contacts').select(['case_id', 'outcome']).where('case_id', 'is not', null).execute();
    expect(row).toEqual([{ case_id: caseUrl.split('/').at(-1), outcome: 'advised' }]);
    const stillUnlinked = await suite.grip.ctx.db.selectFrom('contacts').select('id').where('id', '=', unrelated).where('case_id', 'is', null).execute();
    expect(stillUnlinked).toHaveLength(1);

    // and the front office sees the dossier beside today's call
    const fo = await frontOffice();
    await fo.goto('/telefoon');
    expect(await todayRows(fo).filter({ hasText: 'Advies gegeven' }).filter({ hasText: CALLER }).getByRole('link', { name: dossier }).count()).toBe(1);
  }, 120_000);
});
