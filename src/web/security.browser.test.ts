import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, clickAndWait, field, mainText, PASSWORD, region, startBrowserSuite, type BrowserSuite } from '../testing/browser.ts';

/**
 * Log-in, language, refusals and attacks in real Chromium: what a person (or
 * an attacker with a browser) notices, in Dutch.
 */
let suite: BrowserSuite;
beforeAll(async () => {
  suite = await startBrowserSuite();
});
afterAll(async () => {
  await suite?.close();
});

describe('log-in', () => {
  it('refuses a wrong password in Dutch and lets the right one in', async () => {
    const page = await suite.pageAs();
    await page.goto('/zoeken?q=Bakker');
    expect(new URL(page.url()).pathname).toBe('/inloggen');
    await checkA11y(page);
    await field(page, 'Gebruikersnaam').fill('onderzoeker');
    await field(page, 'Wachtwoord').fill('niet-het-wachtwoord');
    const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Inloggen' }).click()]);
    expect(refused.status()).toBe(401);
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Onbekende gebruikersnaam of verkeerd wachtwoord.');
    await checkA11y(page);

    await field(page, 'Wachtwoord').fill(PASSWORD);
    await clickAndWait(page, page.getByRole('button', { name: 'Inloggen' }));
    // back where the person wanted to go
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/zoeken?q=Bakker');
    expect(await mainText(page)).toContain('Anouk Bakker');

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL((u) => u.pathname === '/inloggen');
    const again = await page.goto('/');
    expect(new URL(again!.url()).pathname).toBe('/inloggen');
  });
});

describe('language', () => {
  it('switches to English and back, on the same page', async () => {
    const page = await suite.pageAs();
    await page.goto('/inloggen');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL((u) => u.pathname === '/inloggen');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect.poll(() => page.getByRole('button', { name: 'Log in' }).count()).toBe(1);
    await checkA11y(page);
    await page.getByRole('link', { name: 'Nederlands' }).click();
    await page.waitForURL((u) => u.pathname === '/inloggen');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await expect.poll(() => page.getByRole('button', { name: 'Inloggen' }).count()).toBe(1);
  });

  it('keeps the chosen language across the pages of a logged-in person', async () => {
    const page = await suite.pageAs('onderzoeker');
    await clickAndWait(page, page.getByRole('link', { name: 'English' }));
    expect(new URL(page.url()).pathname).toBe('/mijn-zaken');
    expect(await page.locator('h1').innerText()).toBe('My cases');
    await clickAndWait(page, page.getByRole('link', { name: suite.grip.org.assigned[0]!.dossierNumber }));
    expect(await page.getByRole('button', { name: 'Record first contact' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Log out' }).count()).toBe(1);
    await checkA11y(page);
    await clickAndWait(page, page.getByRole('link', { name: 'Nederlands' }));
    expect(await page.getByRole('button', { name: 'Eerste contact vastleggen' }).count()).toBe(1);
  });
});

describe('CSRF', () => {
  it('refuses log-out posted without the session token, and accepts it with the token', async () => {
    const page = await suite.pageAs('onderzoeker');
    const start = page.url();
    const refused = await page.request.post('/uitloggen', { form: { _csrf: '' }, maxRedirects: 0 });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('Het formulier is verlopen of niet door Grip gemaakt.');
    // the session survived the forged request
    await page.goto(start);
    expect(new URL(page.url()).pathname).not.toBe('/inloggen');

    const token = await csrfOf(page);
    const accepted = await page.request.post('/uitloggen', { form: { _csrf: token }, maxRedirects: 0 });
    expect(accepted.status()).toBe(303);
  });
});

describe('forbidden by URL', () => {
  const cases = [
    { login: 'onderzoeker', path: '/bak' },
    { login: 'werkverdeler', path: '/beheer' },
    { login: 'coordinator', path: '/beheer' },
    { login: 'teammanager', path: '/zaken/nieuw' },
    { login: 'directeur', path: '/bak' },
  ] as const;
  for (const { login, path } of cases) {
    it(`refuses ${login} on ${path} with 403 and a Dutch message`, async () => {
      const page = await suite.pageAs(login);
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      expect(await page.locator('h1').innerText()).toBe('Geen toegang');
      expect(await mainText(page)).toContain('U hebt geen toegang tot deze pagina of handeling.');
      // and the menu does not offer it either
      expect(await page.locator(`nav a[href="${path}"]`).count()).toBe(0);
      await checkA11y(page);
    });
  }
});

describe('forbidden actions', () => {
  it('refuses an investigator posting an assignment, even with a valid form token', async () => {
    const page = await suite.pageAs('onderzoeker');
    const target = suite.grip.org.queued[3]!;
    await page.goto(`/zaken/${target.id}`);
    // the form is not offered ...
    expect(await region(page, 'Toewijzen').count()).toBe(0);
    // ... and posting it anyway is refused
    const token = await csrfOf(page);
    const refused = await page.request.post(`/zaken/${target.id}/toewijzen`, {
      form: { _csrf: token, investigatorId: suite.grip.org.staff.onderzoeker.id, proposal: 'Zelf pakken', version: String(target.version) },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('U hebt geen toegang tot deze pagina of handeling.');
    await page.reload();
    expect(await mainText(page)).toContain('nog niet toegewezen');
  });
});

describe('form errors', () => {
  it('shows a missing subject in Dutch next to the field, and keeps what was typed', async () => {
    const page = await suite.pageAs('werkverdeler');
    await page.goto('/zaken/nieuw');
    await field(page, 'Naam verzoeker').fill('Lotte Vermeulen');
    await field(page, 'Instantie').fill('UWV');
    await field(page, 'Omschrijving').fill('Mijn WW-uitkering is al twee maanden niet betaald.');
    expect(await clickAndWait(page, page.getByRole('button', { name: 'Registreren' }))).toBe(400);

    expect(await page.getByRole('alert').innerText()).toContain('Het formulier is nog niet goed ingevuld');
    const subject = field(page, 'Onderwerp');
    expect(await subject.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await subject.getAttribute('aria-describedby'))!.split(' ');
    const errorId = describedBy.find((id) => id.endsWith('-error'))!;
    expect(await page.locator(`#${errorId}`).innerText()).toBe('Vul dit veld in.');
    // the error sits in the subject's own field, not somewhere else on the page
    expect(await page.locator('.utrecht-form-field', { has: subject }).locator(`#${errorId}`).count()).toBe(1);
    expect(await field(page, 'Naam verzoeker').getAttribute('aria-invalid')).toBeNull();
    expect(await field(page, 'Naam verzoeker').inputValue()).toBe('Lotte Vermeulen');
    expect(await field(page, 'Omschrijving').inputValue()).toBe('Mijn WW-uitkering is al twee maanden niet betaald.');
    await checkA11y(page);
  });
});

describe('CSRF on a case form', () => {
  it('does not register a complaint posted without the token', async () => {
    const page = await suite.pageAs('werkverdeler');
    await page.goto('/zaken/nieuw');
    const fields = {
      'petitioner.name': 'Vervalst Formulier', agency: 'UWV', subject: 'Vervalst verzoek', description: 'Van een andere site gepost.', channel: 'web',
    };
    const refused = await page.request.post('/zaken/nieuw', { multipart: fields, maxRedirects: 0 });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('Het formulier is verlopen of niet door Grip gemaakt.');
    const count = () => suite.grip.ctx.db.selectFrom('cases').select('id').where('subject', '=', 'Vervalst verzoek').execute();
    expect(await count()).toHaveLength(0);

    const accepted = await page.request.post('/zaken/nieuw', { multipart: { ...fields, _csrf: await csrfOf(page) }, maxRedirects: 0 });
    expect(accepted.status()).toBe(303);
    expect(await count()).toHaveLength(1);
  });
});

describe('XSS', () => {
  const PAYLOAD = `<script>window.__xss=1</script>"'`;
  const noScriptRan = async (page: Page) => {
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.locator('main script').count()).toBe(0);
  };

  it('shows a hostile subject and name literally on the case page, the lists and the search results', async () => {
    const page = await suite.pageAs('werkverdeler');
    await page.goto('/zaken/nieuw');
    await field(page, 'Naam verzoeker').fill(PAYLOAD);
    await field(page, 'Instantie').fill('Gemeente Utrecht');
    await field(page, 'Onderwerp').fill(PAYLOAD);
    await field(page, 'Omschrijving').fill(PAYLOAD);
    expect(await clickAndWait(page, page.getByRole('button', { name: 'Registreren' }))).toBe(200);
    const caseUrl = page.url();
    await noScriptRan(page);
    expect(await page.locator('#zaak-kop').innerText()).toBe(PAYLOAD);
    expect(await region(page, 'Verzoeker').innerText()).toContain(PAYLOAD);

    await page.goto('/zaken/te-routeren');
    await noScriptRan(page);
    expect(await page.getByRole('cell', { name: PAYLOAD, exact: true }).count()).toBe(1);

    await page.goto(caseUrl);
    await clickAndWait(page, region(page, 'Routeren').getByRole('button', { name: 'Route bevestigen' }));
    await noScriptRan(page);

    // the search echoes the query in the field, the caption and the results
    await page.getByRole('search').first().getByRole('searchbox').fill(PAYLOAD);
    await clickAndWait(page, page.getByRole('search').first().getByRole('button'));
    await noScriptRan(page);
    expect(new URL(page.url()).pathname).toBe('/zoeken');
    expect(await page.getByRole('cell', { name: PAYLOAD, exact: true }).count()).toBe(2);
    expect(await page.locator('#zoek-pagina').inputValue()).toBe(PAYLOAD);
    expect(await mainText(page)).toContain(`resultaten voor “${PAYLOAD}”`);
    await checkA11y(page);

    // routed to Leefomgeving, it waits in the coordinator's tray
    const coordinator = await suite.pageAs('coordinator');
    await coordinator.goto('/bak');
    await noScriptRan(coordinator);
    expect(await coordinator.locator('table.grip-tray').getByRole('cell', { name: PAYLOAD, exact: true }).count()).toBe(1);
  });
});

async function csrfOf(page: Page): Promise<string> {
  return page.locator('form[action="/uitloggen"] input[name="_csrf"]').inputValue();
}
