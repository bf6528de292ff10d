import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { createStaff } from '../testing/factories.ts';
import { pageClient, type PageClient } from '../testing/web.ts';
import { registrationProfile } from './admin.service.ts';

let tdb: TestDatabase;
let api: TestApi;
let admin: PageClient;
let adminId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  api = await startTestApi(tdb.ctx);
  adminId = (await createStaff(tdb.ctx, { roles: ['admin'], login: 'beheerder1' })).id;
  admin = await pageClient(api, tdb.ctx, adminId);
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

const db = () => tdb.ctx.db;

/** The Dutch error shown under the field with this id, or null. */
function fieldError(html: string, id: string): string | null {
  return new RegExp(`<p id="${id}-error" class="grip-field-error">([^<]*)</p>`).exec(html)?.[1] ?? null;
}

const staffForm = (overrides: Record<string, string | string[]> = {}) => ({
  login: 'p.pietersen', name: 'Piet Pietersen', email: 'piet@example.nl', unit: 'standard',
  roles: ['investigator'], domains: ['inkomen', 'leefomgeving'], skills: ['cn'], fte: '0,8', hoursPerWeek: '', active: 'ja',
  ...overrides,
});

describe('the administration start page', () => {
  it('links to every section', async () => {
    const res = await admin.get('/beheer');
    expect(res.status).toBe(200);
    for (const href of ['/beheer/medewerkers', '/beheer/trefwoorden', '/beheer/routering', '/beheer/uitkomsten']) {
      expect(res.html).toContain(`href="${href}"`);
    }
  });
});

describe('staff', () => {
  it('adds a person without a password, with the Dutch decimal comma and 36 hours per FTE', async () => {
    const res = await admin.post('/beheer/medewerkers/nieuw', staffForm());
    expect(res.status).toBe(303);
    const row = await db().selectFrom('staff').selectAll().where('login', '=', 'p.pietersen').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Piet Pietersen', unit_id: 'standard', roles: ['investigator'], domains: ['inkomen', 'leefomgeving'], skills: ['cn'], active: true, password_hash: null });
    expect(Number(row.fte)).toBe(0.8);
    expect(Number(row.hours_per_week)).toBe(28.8);
    expect(res.location).toBe(`/beheer/medewerkers?gedaan=toegevoegd&id=${row.id}`);

    const list = await admin.get(res.location!);
    expect(list.html).toContain('Piet Pietersen is toegevoegd.');
    expect(list.html).toContain('npx grip password --user p.pietersen');
    expect(list.html).toMatch(/<th scope="row"[^>]*>p\.pietersen/);
    expect(list.html).toContain('28,8');
  });

  it('refuses a login that is taken, with a Dutch error next to the field, and stores nothing', async () => {
    const before = await db().selectFrom('staff').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await admin.post('/beheer/medewerkers/nieuw', staffForm({ login: 'P.Pietersen', name: 'Een ander' }));
    expect(res.status).toBe(400);
    expect(fieldError(res.html, 'f-login')).toBe('De gebruikersnaam p.pietersen is al in gebruik. Kies een andere.');
    expect(res.html).toContain('value="Een ander"');
    const after = await db().selectFrom('staff').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('explains invalid input in Dutch at each field', async () => {
    const res = await admin.post('/beheer/medewerkers/nieuw', staffForm({ login: 'x', name: '', fte: '2,5', hoursPerWeek: 'veel', roles: [] }));
    expect(res.status).toBe(400);
    expect(fieldError(res.html, 'f-login')).toContain('kleine letters');
    expect(fieldError(res.html, 'f-name')).toBe('Vul dit veld in.');
    expect(fieldError(res.html, 'f-fte')).toBe('Vul een getal in van 0,1 tot en met 1,2, bijvoorbeeld 0,8.');
    expect(fieldError(res.html, 'f-hoursPerWeek')).toContain('laat het veld leeg');
    expect(fieldError(res.html, 'f-roles')).toBe('Kies er minstens één.');
    expect(res.html).toMatch(/<input[^>]*id="f-fte"[^>]*aria-invalid="true"/);
    expect(await db().selectFrom('staff').select('id').where('login', '=', 'x').executeTakeFirst()).toBeUndefined();
  });

  it('edits a person, and deactivating ends their sessions', async () => {
    const person = await createStaff(tdb.ctx, { roles: ['investigator'], login: 'k.klaassen' });
    const theirs = await pageClient(api, tdb.ctx, person.id);
    expect((await theirs.get('/')).status).toBe(303);

    const form = await admin.get(`/beheer/medewerkers/${person.id}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('value="k.klaassen"');
    expect(form.html).toMatch(/<legend[^>]*>Rollen<\/legend>/);

    const res = await admin.post(`/beheer/medewerkers/${person.id}`, staffForm({
      login: 'k.klaassen', name: 'Karin Klaassen', roles: ['coordinator', 'investigator'], unit: 'extended', fte: '1', hoursPerWeek: '32', active: [],
    }));
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/beheer/medewerkers?gedaan=uitgezet&id=${person.id}`);
    const row = await db().selectFrom('staff').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Karin Klaassen', roles: ['coordinator', 'investigator'], unit_id: 'extended', active: false });
    expect(Number(row.hours_per_week)).toBe(32);
    expect(await db().selectFrom('sessions').select('id_hash').where('staff_id', '=', person.id).execute()).toEqual([]);
    expect((await theirs.get('/mijn-zaken')).location).toMatch(/^\/inloggen/);
  });

  it('does not let an administrator deactivate themselves', async () => {
    const res = await admin.post(`/beheer/medewerkers/${adminId}`, staffForm({ login: 'beheerder1', roles: ['admin'], active: [] }));
    expect(res.status).toBe(400);
    expect(fieldError(res.html, 'f-active')).toBe('U kunt uw eigen account niet uitzetten.');
  });

  it('answers 404 for an unknown person', async () => {
    expect((await admin.get('/beheer/medewerkers/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await admin.get('/beheer/medewerkers/geen-id')).status).toBe(404);
  });

  it('shows a name with <script> as text', async () => {
    const res = await admin.post('/beheer/medewerkers/nieuw', staffForm({ login: 'xss', name: '<script>alert(1)</script>' }));
    expect(res.status).toBe(303);
    const list = await admin.get('/beheer/medewerkers');
    expect(list.html).not.toContain('<script>alert(1)');
    expect(list.html).toContain('&lt;script>alert(1)&lt;/script>');
  });
});

describe('keywords', () => {
  it('starts with the default warning limit of 15 and no warning', async () => {
    const setting = await db().selectFrom('settings').select('value').where('key', '=', 'keyword_warn_limit').executeTakeFirst();
    expect(setting?.value).toBe(15);
    const page = await admin.get('/beheer/trefwoorden');
    expect(page.html).not.toContain('trefwoorden-waarschuwing');
  });

  it('adds, renames and deactivates a keyword', async () => {
    expect((await admin.post('/beheer/trefwoorden', { label: 'Parkeren' })).location).toBe('/beheer/trefwoorden?gedaan=toegevoegd');
    expect(await db().selectFrom('keywords').selectAll().where('id', '=', 'parkeren').executeTakeFirst()).toMatchObject({ label: 'Parkeren', active: true });

    expect((await admin.post('/beheer/trefwoorden/parkeren/naam', { label: 'Parkeren en verkeer' })).status).toBe(303);
    expect((await admin.post('/beheer/trefwoorden/parkeren/status', { active: 'nee' })).location).toBe('/beheer/trefwoorden?gedaan=uitgezet');
    expect(await db().selectFrom('keywords').selectAll().where('id', '=', 'parkeren').executeTakeFirst()).toMatchObject({ label: 'Parkeren en verkeer', active: false });
    const page = await admin.get('/beheer/trefwoorden?gedaan=uitgezet');
    expect(page.html).toContain('Het trefwoord staat uit.');
  });

  it('refuses an empty or duplicate name, next to the field', async () => {
    const empty = await admin.post('/beheer/trefwoorden', { label: '  ' });
    expect(empty.status).toBe(400);
    expect(fieldError(empty.html, 'f-new-label')).toBe('Vul dit veld in.');
    const twice = await admin.post('/beheer/trefwoorden', { label: 'bejegening' });
    expect(twice.status).toBe(400);
    expect(fieldError(twice.html, 'f-new-label')).toBe('Het trefwoord &quot;Bejegening&quot; bestaat al.');
    const rename = await admin.post('/beheer/trefwoorden/bomen/naam', { label: 'Bejegening' });
    expect(rename.status).toBe(400);
    expect(fieldError(rename.html, 'f-rename-bomen')).toContain('bestaat al');
    expect((await db().selectFrom('keywords').select('label').where('id', '=', 'bomen').executeTakeFirstOrThrow()).label).toBe('Bomen en groen');
  });

  it('warns when more keywords are active than the limit, and the limit can be changed', async () => {
    const active = (await db().selectFrom('keywords').select('id').where('active', '=', true).execute()).length;
    expect((await admin.post('/beheer/trefwoorden/grens', { limit: String(active) })).location).toBe('/beheer/trefwoorden?gedaan=grens');
    expect((await admin.get('/beheer/trefwoorden')).html).not.toContain('trefwoorden-waarschuwing');

    await admin.post('/beheer/trefwoorden', { label: 'Eén te veel' });
    const page = await admin.get('/beheer/trefwoorden');
    expect(page.html).toContain('trefwoorden-waarschuwing');
    expect(page.html).toContain(`Er zijn ${active + 1} actieve trefwoorden; de afgesproken grens is ${active}.`);

    const wrong = await admin.post('/beheer/trefwoorden/grens', { limit: 'nul' });
    expect(wrong.status).toBe(400);
    expect(fieldError(wrong.html, 'f-limit')).toBe('Vul een heel getal in van 1 tot en met 500.');
    expect((await db().selectFrom('settings').select('value').where('key', '=', 'keyword_warn_limit').executeTakeFirstOrThrow()).value).toBe(active);
  });

  it('shows a keyword with <script> as text', async () => {
    await admin.post('/beheer/trefwoorden', { label: '<script>x()</script>' });
    const page = await admin.get('/beheer/trefwoorden');
    expect(page.html).not.toContain('<script>x()');
    expect(page.html).toContain('&lt;script>x()&lt;/script>');
  });
});

describe('routing rules', () => {
  it('lists the rules in order of position', async () => {
    const page = await admin.get('/beheer/routering');
    expect(page.status).toBe(200);
    expect(page.html.indexOf('Complexe zaak naar UKB')).toBeLessThan(page.html.indexOf('Gaswinning naar Leefomgeving'));
    expect(page.html).toContain('Trefwoord: Gaswinning');
  });

  it('adds and edits a rule', async () => {
    const agency = await db().selectFrom('agencies').select('id').where('name', '=', 'UWV').executeTakeFirstOrThrow();
    const res = await admin.post('/beheer/routering/nieuw', {
      name: 'Telefonische UWV-klachten naar UKB', position: '', agencyId: String(agency.id), keywordId: '', channel: 'phone', complex: 'nee',
      domainId: 'inkomen', unitId: 'extended', active: 'ja',
    });
    expect(res.status).toBe(303);
    const rule = await db().selectFrom('routing_rules').selectAll().where('name', '=', 'Telefonische UWV-klachten naar UKB').executeTakeFirstOrThrow();
    const last = await db().selectFrom('routing_rules').select((eb) => eb.fn.max('position').as('max')).executeTakeFirstOrThrow();
    expect(rule).toMatchObject({ agency_id: agency.id, keyword_id: null, channel: 'phone', complex: false, domain_id: 'inkomen', unit_id: 'extended', active: true, position: last.max });

    const edit = await admin.post(`/beheer/routering/${rule.id}`, { name: 'Kinderen bij UWV', position: '5', agencyId: '', keywordId: 'kinderen', channel: '', complex: '', domainId: '', unitId: 'extended' });
    expect(edit.location).toBe('/beheer/routering?gedaan=uitgezet');
    expect(await db().selectFrom('routing_rules').selectAll().where('id', '=', rule.id).executeTakeFirst()).toMatchObject({
      name: 'Kinderen bij UWV', position: 5, agency_id: null, keyword_id: 'kinderen', channel: null, complex: null, domain_id: null, unit_id: 'extended', active: false,
    });
    expect((await admin.post(`/beheer/routering/${rule.id}/status`, { active: 'ja' })).location).toBe('/beheer/routering?gedaan=aangezet');
    expect((await db().selectFrom('routing_rules').select('active').where('id', '=', rule.id).executeTakeFirstOrThrow()).active).toBe(true);
  });

  it('needs a domain or a unit, and says so in Dutch without storing', async () => {
    const before = (await db().selectFrom('routing_rules').select('id').execute()).length;
    const res = await admin.post('/beheer/routering/nieuw', { name: '', position: 'eerst', channel: 'web', domainId: '', unitId: '', active: 'ja' });
    expect(res.status).toBe(400);
    expect(fieldError(res.html, 'f-result')).toBe('Kies een domein, een eenheid of allebei.');
    expect(fieldError(res.html, 'f-name')).toBe('Vul dit veld in.');
    expect(fieldError(res.html, 'f-position')).toContain('heel getal');
    expect((await db().selectFrom('routing_rules').select('id').execute()).length).toBe(before);
  });

  it('answers 404 for an unknown rule', async () => {
    expect((await admin.get('/beheer/routering/999999')).status).toBe(404);
    expect((await admin.get('/beheer/routering/abc')).status).toBe(404);
  });
});

describe('outcomes and registration profiles', () => {
  it('start with a short profile for a referral and a fuller one for an intervention', async () => {
    expect(await registrationProfile(db(), 'KEN')).toEqual([{ key: 'referredTo', label: 'Verwezen naar', required: true, kind: 'line' }]);
    const intervention = await registrationProfile(db(), 'intervention');
    expect(intervention.map((f) => [f.label, f.required, f.kind])).toEqual([
      ['Wat is met de instantie afgesproken', true, 'text'],
      ['Resultaat voor verzoeker', true, 'text'],
      ['Datum terugkoppeling', false, 'line'],
    ]);
    await expect(registrationProfile(db(), 'bestaat-niet')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('edits the name and the fields: reorder, remove and add', async () => {
    const form = await admin.get('/beheer/uitkomsten/advice');
    expect(form.status).toBe(200);
    expect(form.html).toContain('value="Advies aan verzoeker"');
    const res = await admin.post('/beheer/uitkomsten/advice', {
      name: 'Advies gegeven',
      'profile.0.label': 'Advies aan verzoeker', 'profile.0.key': 'advice', 'profile.0.kind': 'text', 'profile.0.required': 'ja', 'profile.0.order': '2',
      'profile.1.label': 'Vervolgstap voor verzoeker', 'profile.1.key': 'nextStep', 'profile.1.kind': 'line', 'profile.1.order': '3', 'profile.1.remove': 'ja',
      'profile.2.label': 'Gesproken met', 'profile.2.key': '', 'profile.2.kind': 'line', 'profile.2.required': 'ja', 'profile.2.order': '1',
      'profile.3.label': '', 'profile.3.key': '', 'profile.3.kind': 'line', 'profile.3.order': '4',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/beheer/uitkomsten?gedaan=opgeslagen');
    expect(await registrationProfile(db(), 'advice')).toEqual([
      { key: 'gesprokenMet', label: 'Gesproken met', required: true, kind: 'line' },
      { key: 'advice', label: 'Advies aan verzoeker', required: true, kind: 'text' },
    ]);
    const list = await admin.get(res.location!);
    expect(list.html).toContain('Advies gegeven');
    expect(list.html).toContain('De uitkomst en het registratieprofiel zijn opgeslagen.');
  });

  it('refuses a duplicate key or an empty label at the row, and stores nothing', async () => {
    const res = await admin.post('/beheer/uitkomsten/report', {
      name: 'Rapport',
      'profile.0.label': 'Conclusie', 'profile.0.key': 'conclusion', 'profile.0.kind': 'text', 'profile.0.order': '1',
      'profile.1.label': 'Nog een conclusie', 'profile.1.key': 'conclusion', 'profile.1.kind': 'text', 'profile.1.order': '2',
      'profile.2.label': '', 'profile.2.key': 'zonderLabel', 'profile.2.kind': 'line', 'profile.2.order': '3',
    });
    expect(res.status).toBe(400);
    expect(fieldError(res.html, 'f-profile-1-key')).toBe('Deze sleutel komt al bij een ander veld voor.');
    expect(fieldError(res.html, 'f-profile-2-label')).toBe('Vul dit veld in.');
    expect((await registrationProfile(db(), 'report')).map((f) => f.key)).toEqual(['conclusion', 'recommendations', 'reportNumber']);
  });
});

describe('access', () => {
  const GETS = ['/beheer', '/beheer/medewerkers', '/beheer/medewerkers/nieuw', '/beheer/trefwoorden', '/beheer/routering', '/beheer/routering/nieuw', '/beheer/routering/1', '/beheer/uitkomsten', '/beheer/uitkomsten/KEN'];
  const POSTS = ['/beheer/medewerkers/nieuw', '/beheer/trefwoorden', '/beheer/trefwoorden/grens', '/beheer/trefwoorden/bomen/naam', '/beheer/trefwoorden/bomen/status', '/beheer/routering/nieuw', '/beheer/routering/1', '/beheer/routering/1/status', '/beheer/uitkomsten/KEN'];

  it('refuses every administration page and action to a non-admin', async () => {
    const coordinator = await createStaff(tdb.ctx, { roles: ['coordinator', 'teamManager', 'director'] });
    const client = await pageClient(api, tdb.ctx, coordinator.id);
    const person = await db().selectFrom('staff').select('id').where('login', '=', 'p.pietersen').executeTakeFirstOrThrow();
    for (const path of [...GETS, `/beheer/medewerkers/${person.id}`]) expect([path, (await client.get(path)).status]).toEqual([path, 403]);
    for (const path of [...POSTS, `/beheer/medewerkers/${person.id}`]) {
      expect([path, (await client.post(path, { label: 'Gehackt', name: 'Gehackt', active: 'nee', limit: '1' })).status]).toEqual([path, 403]);
    }
    expect(await db().selectFrom('keywords').select('id').where('label', '=', 'Gehackt').executeTakeFirst()).toBeUndefined();
    expect((await db().selectFrom('keywords').select('active').where('id', '=', 'bomen').executeTakeFirstOrThrow()).active).toBe(true);
  });

  it('refuses a POST without the CSRF token', async () => {
    for (const path of POSTS) expect([path, (await admin.post(path, { label: 'Zonder token', active: 'nee' }, { csrf: null })).status]).toEqual([path, 403]);
    expect(await db().selectFrom('keywords').select('id').where('label', '=', 'Zonder token').executeTakeFirst()).toBeUndefined();
    expect((await db().selectFrom('keywords').select('active').where('id', '=', 'bomen').executeTakeFirstOrThrow()).active).toBe(true);
  });

  it('sends a visitor who is not logged in to the log-in page', async () => {
    const res = await fetch(`${api.url}/beheer/trefwoorden`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/inloggen?terug=%2Fbeheer%2Ftrefwoorden');
  });
});
