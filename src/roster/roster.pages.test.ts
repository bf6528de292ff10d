import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPeriods } from '../capacity/capacity.repository.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { createStaff } from '../testing/factories.ts';
import { pageClient, type PageClient } from '../testing/web.ts';

type Staff = Awaited<ReturnType<typeof createStaff>>;
const DOMAIN = 'leefomgeving';

let tdb: TestDatabase;
let api: TestApi;
let anna: Staff;
let bram: Staff;
let coordinator: PageClient;
let coordinatorId: string;
let frontOffice: PageClient;
let otherCoordinator: PageClient;
let investigator: PageClient;

beforeAll(async () => {
  tdb = await createTestDatabase();
  // Tuesday 14 May 2024, morning in Amsterdam
  tdb.setNow('2024-05-14T07:00:00Z');
  api = await startTestApi(tdb.ctx);
  anna = await createStaff(tdb.ctx, { roles: ['investigator'], domains: [DOMAIN], login: 'anna' });
  bram = await createStaff(tdb.ctx, { roles: ['investigator'], domains: [DOMAIN], login: 'bram' });
  await insertPeriods(tdb.ctx.db, [{ person: bram.name, staffId: bram.id, domain: DOMAIN, kind: 'parentalLeave', from: '2024-05-27', to: '2024-05-31', hoursPerWeek: 36 }]);
  const co = await createStaff(tdb.ctx, { roles: ['coordinator'], domains: [DOMAIN], login: 'coord' });
  coordinatorId = co.id;
  coordinator = await pageClient(api, tdb.ctx, co.id);
  frontOffice = await pageClient(api, tdb.ctx, (await createStaff(tdb.ctx, { roles: ['frontOffice'], domains: [], unit: 'frontOffice', login: 'balie' })).id);
  otherCoordinator = await pageClient(api, tdb.ctx, (await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['inkomen'], login: 'coord2' })).id);
  investigator = await pageClient(api, tdb.ctx, anna.id);
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

const stored = (day: string) => tdb.ctx.db.selectFrom('roster_days').select(['investigator_id', 'edited_by'])
  .where('domain_id', '=', DOMAIN).where(sql<boolean>`day = ${day}::date`).executeTakeFirst();
/** The table of today's people on call. */
const todayTable = (html: string) => html.slice(html.indexOf('id="vandaag-tabel"'), html.indexOf('</table>', html.indexOf('id="vandaag-tabel"')));
/** The text of a month table's row for a day. */
function row(html: string, day: string): string {
  const start = html.indexOf(`data-dag="${day}"`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</tr>', start));
}

describe('the roster page', () => {
  it('lets a coordinator change a day, and keeps the change when the month is planned again', async () => {
    const page = await coordinator.get(`/rooster?domein=${DOMAIN}&maand=2024-05`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Maand (opnieuw) indelen');
    expect(page.html).toContain('Rooster Leefomgeving, mei 2024');
    expect(row(page.html, '2024-05-09')).toBe(''); // Ascension Day: no working day
    const before = (await stored('2024-05-22'))!.investigator_id;
    const other = before === anna.id ? bram : anna;

    const res = await coordinator.post(`/rooster/${DOMAIN}/2024-05-22`, { investigatorId: other.id });
    expect(res.status, res.html).toBe(303);
    expect(res.location).toBe(`/rooster?domein=${DOMAIN}&maand=2024-05&klaar=1`);
    expect(await stored('2024-05-22')).toEqual({ investigator_id: other.id, edited_by: coordinatorId });
    const after = await coordinator.get(res.location!);
    expect(after.html).toContain('Het rooster is bijgewerkt.');
    expect(row(after.html, '2024-05-22')).toContain(`Ja, door ${'Test coord'}`);

    const again = await coordinator.post(`/rooster/${DOMAIN}/genereren?maand=2024-05`, {});
    expect(again.status).toBe(303);
    expect(await stored('2024-05-22')).toEqual({ investigator_id: other.id, edited_by: coordinatorId });
  });

  it('refuses, in Dutch, a person who is absent that day', async () => {
    const res = await coordinator.post(`/rooster/${DOMAIN}/2024-05-28`, { investigatorId: bram.id });
    expect(res.status).toBe(422);
    expect(res.html).toContain('Test bram is volgens het capaciteitsplan afwezig op dinsdag 28 mei 2024. Kies iemand anders.');
    expect((await stored('2024-05-28'))?.investigator_id).toBe(anna.id);
    // the choice lists show who is away
    expect(row(res.html, '2024-05-28')).toContain('Test bram (afwezig)');
    const empty = await coordinator.post(`/rooster/${DOMAIN}/2024-05-28`, { investigatorId: '' });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('Kies een onderzoeker.');
  });

  it('shows front office today\'s person per domain, a callback request where nobody is available, and no way to edit', async () => {
    const page = await frontOffice.get('/rooster');
    expect(page.status).toBe(200);
    const onCall = (await stored('2024-05-14'))!.investigator_id;
    const name = onCall === anna.id ? 'Test anna' : 'Test bram';
    const today = todayTable(page.html);
    expect(today).toContain(name);
    expect(today).toContain('href="/telefoon?uitkomst=callback&amp;domein=zorg-en-jeugd"');
    expect(today).toContain('Geen onderzoeker beschikbaar: maak een terugbelverzoek');
    expect(page.html).not.toContain('Maand (opnieuw) indelen');
    expect(page.html).not.toContain('name="investigatorId"');

    const month = await frontOffice.get(`/rooster?domein=${DOMAIN}&maand=2024-05`);
    expect(row(month.html, '2024-05-14')).toContain(name);
    expect(month.html).not.toContain('name="investigatorId"');
    const edit = await frontOffice.post(`/rooster/${DOMAIN}/2024-05-15`, { investigatorId: anna.id });
    expect(edit.status).toBe(403);
    expect((await frontOffice.post(`/rooster/${DOMAIN}/genereren?maand=2024-05`, {})).status).toBe(403);
  });

  it('lets only the domain\'s own coordinators edit, and only with the form\'s token', async () => {
    const page = await otherCoordinator.get(`/rooster?domein=${DOMAIN}&maand=2024-05`);
    expect(page.html).not.toContain('name="investigatorId"');
    expect((await otherCoordinator.post(`/rooster/${DOMAIN}/2024-05-15`, { investigatorId: anna.id })).status).toBe(403);
    expect((await coordinator.post(`/rooster/${DOMAIN}/2024-05-15`, { investigatorId: anna.id }, { csrf: null })).status).toBe(403);
    expect((await stored('2024-05-15'))?.edited_by).toBeNull();
  });

  it('answers a bad month and an unknown domain in Dutch', async () => {
    const badMonth = await coordinator.get(`/rooster?domein=${DOMAIN}&maand=2024-13`);
    expect(badMonth.status).toBe(400);
    expect(badMonth.html).toContain('Vul een maand in als JJJJ-MM');
    const unknown = await coordinator.get('/rooster?domein=nergens&maand=2024-05');
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('Onbekend domein: nergens.');
    expect((await coordinator.post(`/rooster/${DOMAIN}/2024-05-11`, { investigatorId: anna.id })).html).toContain('Dit is geen werkdag');
  });

  it('links to a callback request only for those who register calls; an investigator reads the same words without the link', async () => {
    const page = await investigator.get('/rooster');
    expect(page.status).toBe(200);
    const today = todayTable(page.html);
    expect(today).toContain('Geen onderzoeker beschikbaar: maak een terugbelverzoek');
    expect(today).not.toContain('/telefoon?');
    expect(page.html).not.toContain('href="/telefoon');
    // on a day off, the same
    tdb.setNow('2024-05-18T09:00:00Z');
    try {
      expect((await investigator.get('/rooster')).html).not.toContain('href="/telefoon');
      const dayOff = await frontOffice.get('/rooster');
      expect(dayOff.html).toContain('href="/telefoon?uitkomst=callback"');
    } finally {
      tdb.setNow('2024-05-14T07:00:00Z');
    }
  });

  it('answers nobody on a hand-edited day whose person is now absent, and flags it for the coordinator', async () => {
    const res = await coordinator.post(`/rooster/${DOMAIN}/2024-05-23`, { investigatorId: anna.id });
    expect(res.status, res.html).toBe(303);
    // the capacity plan changes afterwards: Anna is away that day
    await insertPeriods(tdb.ctx.db, [{ person: anna.name, staffId: anna.id, domain: DOMAIN, kind: 'absence', from: '2024-05-23', to: '2024-05-23', hoursPerWeek: 36 }]);
    const page = await coordinator.get(`/rooster?domein=${DOMAIN}&maand=2024-05`);
    expect(page.status).toBe(200);
    const day = row(page.html, '2024-05-23');
    expect(day).toContain('Niemand beschikbaar (terugbelverzoek)');
    expect(day).toContain('Met de hand ingeroosterd: Test anna, maar afwezig volgens het capaciteitsplan. Kies iemand anders.');
    expect(day).toContain('Test anna (afwezig)');
    expect(page.html).toContain('Op 1 dag staat met de hand iemand ingeroosterd die volgens het capaciteitsplan afwezig is');
    // front office reads the flag too, without the instruction and without the alert
    const seen = await frontOffice.get(`/rooster?domein=${DOMAIN}&maand=2024-05`);
    expect(row(seen.html, '2024-05-23')).toContain('Met de hand ingeroosterd: Test anna, maar afwezig volgens het capaciteitsplan.');
    expect(row(seen.html, '2024-05-23')).not.toContain('Kies iemand anders');
    expect(seen.html).not.toContain('Op 1 dag staat');
    expect(await stored('2024-05-23')).toEqual({ investigator_id: anna.id, edited_by: coordinatorId });
  });
});
