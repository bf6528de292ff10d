import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { createStaff } from '../testing/factories.ts';
import { pageClient, type PageClient } from '../testing/web.ts';

/** The dossier's whole life through the pages, as the people in DOMAIN.md would click it. */
let tdb: TestDatabase;
let api: TestApi;
let dispatcher: PageClient;
let coordinator: PageClient;
let investigator: PageClient;
let investigatorId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  api = await startTestApi(tdb.ctx);
  dispatcher = await pageClient(api, tdb.ctx, (await createStaff(tdb.ctx, { roles: ['dispatcher'] })).id);
  coordinator = await pageClient(api, tdb.ctx, (await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['inkomen'] })).id);
  const inv = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'], login: 'pdevries' });
  investigatorId = inv.id;
  investigator = await pageClient(api, tdb.ctx, inv.id);
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

const complaintForm = (overrides: Record<string, string> = {}) => ({
  'petitioner.name': 'Anna Jansen', 'petitioner.email': 'anna@example.nl', agency: 'UWV', subject: 'WW-uitkering stopgezet',
  description: 'Zonder bericht is mijn uitkering gestopt.', channel: 'letter', receivedAt: '2026-02-16', idempotencyKey: `k${Math.random()}`,
  ...overrides,
});
const version = (html: string) => Number(/name="version" value="(\d+)"/.exec(html)![1]);

async function registered(overrides: Record<string, string> = {}) {
  const res = await dispatcher.post('/zaken/nieuw', complaintForm(overrides));
  expect(res.status, res.html).toBe(303);
  return res.location!.split('?')[0]!;
}

describe('a complaint from registration to aftercare', () => {
  it('is registered, routed as suggested, marked, assigned, contacted, closed and given aftercare', async () => {
    const res = await dispatcher.post('/zaken/nieuw', complaintForm());
    expect(res.location).toMatch(/\?gedaan=geregistreerd$/);
    const path = res.location!.split('?')[0]!;
    let page = await dispatcher.get(res.location!);
    expect(page.html).toContain('De klacht is geregistreerd.');
    expect(page.html).toContain('Inkomen — KB');
    expect(page.html).toContain('regel: UWV naar inkomen');

    expect((await dispatcher.post(`${path}/routeren`, { domain: 'inkomen', unit: 'standard', version: String(version(page.html)) })).status).toBe(303);
    page = await coordinator.get(path);
    expect(page.html).toContain('In de bak');
    expect((await coordinator.post(`${path}/markeringen`, { urgent: 'on', version: String(version(page.html)) })).status).toBe(303);
    page = await coordinator.get(path);
    expect(page.html).toContain('grip-lane--urgent');
    expect(page.html).toMatch(/Test pdevries — 0 zaken/);
    const assign = await coordinator.post(`${path}/toewijzen`, { investigatorId, proposal: 'Bel UWV over hervatting', handlingType: 'intervention', version: String(version(page.html)) });
    expect(assign.status).toBe(303);

    const mine = await investigator.get('/mijn-zaken');
    expect(mine.html).toContain('WW-uitkering stopgezet');
    expect(mine.html).toContain('Verzoeker bellen (eerste contact)');
    page = await investigator.get(path);
    expect((await investigator.post(`${path}/eerste-contact`, { version: String(version(page.html)) })).status).toBe(303);
    expect((await investigator.post(`${path}/notitie`, { text: 'UWV gebeld, terugbelverzoek uitgezet', kind: 'action' })).status).toBe(303);
    page = await investigator.get(`${path}?uitkomst=intervention`);
    expect(page.html).toContain('Wat is met de instantie afgesproken');
    const incomplete = await investigator.post(`${path}/afsluiten`, { outcome: 'intervention', version: String(version(page.html)) });
    expect(incomplete.status).toBe(400);
    expect(incomplete.html).toMatch(/id="f-registration-agreement-error" class="grip-field-error">Vul dit veld in\./);
    const close = await investigator.post(`${path}/afsluiten`, {
      outcome: 'intervention', 'registration.agreement': 'UWV hervat de betaling per 1 maart', 'registration.result': 'Uitkering loopt weer',
      version: String(version(page.html)),
    });
    expect(close.status, close.html).toBe(303);
    expect((await investigator.post(`${path}/nazorg`, { note: 'Verzoeker belde: betaling ontvangen' })).status).toBe(303);

    page = await investigator.get(path);
    expect(page.html).toContain('Afgesloten');
    for (const text of ['Geregistreerd', 'Gerouteerd naar Inkomen', 'Markeringen: +Spoed', 'Toegewezen aan Test pdevries', 'Eerste contact met de verzoeker', 'Actie: UWV gebeld', 'Afgesloten: Interventie — Wat is met de instantie afgesproken: UWV hervat de betaling', 'Nazorg: Verzoeker belde']) {
      expect(page.html).toContain(text);
    }
  });

  it('shows a Dutch error next to the field and keeps what was typed', async () => {
    const res = await dispatcher.post('/zaken/nieuw', complaintForm({ subject: '', 'petitioner.email': 'geen-mail' }));
    expect(res.status).toBe(400);
    expect(res.html).toMatch(/id="f-subject-error" class="grip-field-error">Vul dit veld in\./);
    expect(res.html).toMatch(/id="f-petitioner-email-error" class="grip-field-error">Vul een geldig e-mailadres in/);
    expect(res.html).toContain('value="Anna Jansen"');
    expect(res.html).toMatch(/id="f-subject"[^>]*aria-invalid="true"/);
  });

  it('registers a double-submitted form once', async () => {
    const form = complaintForm({ subject: 'Dubbel verstuurd' });
    const [a, b] = [await dispatcher.post('/zaken/nieuw', form), await dispatcher.post('/zaken/nieuw', form)];
    expect(a.location).toBe(b.location);
  });

  it('tells a coordinator whose form went stale what happened, and changes nothing', async () => {
    const path = await registered();
    await dispatcher.post(`${path}/routeren`, { domain: 'inkomen', unit: 'standard' });
    const res = await coordinator.post(`${path}/toewijzen`, { investigatorId, proposal: 'x', version: '1' });
    expect(res.status).toBe(409);
    expect(res.html).toContain('Iemand anders heeft deze zaak intussen gewijzigd');
  });
});

describe('safety', () => {
  it('shows a subject and name with script and quotes as text', async () => {
    const evil = `<script>alert("x")</script>'"`;
    const path = await registered({ subject: evil, 'petitioner.name': evil });
    const page = await dispatcher.get(path);
    expect(page.html).not.toContain('<script>alert');
    expect(page.html).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>');
    const search = await dispatcher.get(`/zoeken?q=${encodeURIComponent('<script>')}`);
    expect(search.html).not.toContain('<script>alert');
    expect(search.html).toContain('&lt;script>alert');
  });

  it('refuses a form posted without the CSRF token and changes nothing', async () => {
    const before = await tdb.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const res = await dispatcher.post('/zaken/nieuw', complaintForm(), { csrf: null });
    expect(res.status).toBe(403);
    expect(res.html).toContain('Het formulier is verlopen');
    const after = await tdb.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses pages and actions outside a role, not just hides them', async () => {
    const path = await registered();
    expect((await investigator.get('/zaken/nieuw')).status).toBe(403);
    const route = await investigator.post(`${path}/routeren`, { domain: 'inkomen', unit: 'standard' });
    expect(route.status).toBe(403);
    expect(route.html).toContain('U hebt geen toegang');
    expect((await dispatcher.get('/mijn-zaken')).status).toBe(403);
  });

  it('sends a visitor without a session to the log-in page', async () => {
    const res = await fetch(`${api.url}/zaken/nieuw`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/inloggen?terug=%2Fzaken%2Fnieuw');
  });
});

describe('search', () => {
  it('finds a case by dossier number, petitioner name and agency', async () => {
    const path = await registered({ 'petitioner.name': 'Zoë Vindbaar', agency: 'Dienst Toeslagen' });
    const page = await dispatcher.get(path);
    const dossier = /Dossier (\d{4}\.\d{6})/.exec(page.html)![1]!;
    for (const q of [dossier, 'vindbaar', 'toeslagen']) {
      expect((await dispatcher.get(`/zoeken?q=${encodeURIComponent(q)}`)).html).toContain(path.split('/').pop());
    }
  });
});

describe('partial updates and language', () => {
  it('gives the registration fields of a chosen outcome as a fragment for htmx', async () => {
    const path = await registered();
    // Routed to the investigator's domain: a case in their tray they may see (an unrouted one they may not).
    expect((await investigator.get(`${path}/afsluitvelden?uitkomst=KEN`)).status).toBe(403);
    const page = await coordinator.get(path);
    expect((await coordinator.post(`${path}/routeren`, { domain: 'inkomen', unit: 'standard', version: String(version(page.html)) })).status).toBe(303);
    const res = await investigator.get(`${path}/afsluitvelden?uitkomst=KEN`);
    expect(res.status).toBe(200);
    expect(res.html.startsWith('<form')).toBe(true);
    expect(res.html).toContain('Verwezen naar');
  });

  it('switches the pages to English and back', async () => {
    const to = await fetch(`${api.url}/taal?l=en&terug=%2Fzaken%2Fnieuw`, { redirect: 'manual' });
    expect(to.headers.get('location')).toBe('/zaken/nieuw');
    expect(to.headers.get('set-cookie')).toContain('grip_lang=en');
    const away = await fetch(`${api.url}/taal?l=en&terug=https%3A%2F%2Fevil.example`, { redirect: 'manual' });
    expect(away.headers.get('location')).toBe('/');
    const cookie = `${dispatcher.cookie}; grip_lang=en`;
    const page = await fetch(`${api.url}/zaken/nieuw`, { headers: { cookie } });
    const html = await page.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Register a complaint');
  });
});


describe('downloads and return paths', () => {
  it('downloads an attachment with any name, and never redirects off the site', async () => {
    const path = await registered();
    const form = new FormData();
    form.append('_csrf', dispatcher.csrf);
    form.append('attachments', new Blob([Buffer.from('%PDF-1.4 test')], { type: 'application/pdf' }), 'klacht Şahin – één.pdf');
    const up = await fetch(`${api.url}${path}/bijlage`, { method: 'POST', headers: { cookie: dispatcher.cookie }, body: form, redirect: 'manual' });
    expect(up.status).toBe(303);
    const link = /href="(\/zaken\/[^"]+\/bijlagen\/[^"]+)"/.exec((await dispatcher.get(path)).html)![1]!;
    const file = await fetch(api.url + link, { headers: { cookie: dispatcher.cookie } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain("filename*=UTF-8''klacht%20%C5%9Eahin");
    for (const back of ['%2F%09%2Fevil.example', '%2F%2Fevil.example', '%2F%5Cevil.example', 'https%3A%2F%2Fevil.example']) {
      const res = await fetch(`${api.url}/taal?l=nl&terug=${back}`, { redirect: 'manual' });
      expect(res.headers.get('location')).toBe('/');
    }
  });
});
