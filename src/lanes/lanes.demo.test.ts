import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopQueueWorker } from '../forecast/queue.runner.ts';
import { checkA11y, clickAndWait, field, startDemoSuite, type DemoSuite } from '../testing/browser.ts';

/**
 * Must-show 3 of issue 7 on the demo, as of Wednesday 14 February 2024,
 * 09:00 in Amsterdam — the fortnightly POP day of the capacity plan. The
 * demo history clears the lanes weekly, so Leefomgeving's KB tray then holds
 * a few B and POP cases. The coordinator plans an extra B session and the POP
 * day (topic "geen reactie"), hands cases out; the investigator claims and
 * closes from the boards; the reports show what was cleared, and the
 * overview's tray counts for Leefomgeving (KB) drop by exactly the cases
 * handed out (an assigned case leaves the tray).
 */
const NOW = '2024-02-14T08:00:00Z';
const DAY = '2024-02-14';
let suite: DemoSuite;

beforeAll(async () => {
  suite = await startDemoSuite(NOW);
}, 300_000);
afterAll(async () => {
  await suite?.close();
  await stopQueueWorker();
});

/** The Leefomgeving KB row of the overview: [in the tray, urgent, B, POP]. */
async function trayCounts(page: Page): Promise<{ total: number; b: number; pop: number }> {
  await page.goto('/overzicht');
  const cells = await page.locator('tbody tr').filter({ has: page.locator('th', { hasText: /^Leefomgeving — KB$/ }) }).locator('td').allInnerTexts();
  const n = (i: number) => Number(cells[i]!.replace(/\./g, ''));
  return { total: n(0), b: n(2), pop: n(3) };
}

/** The waiting KB cases of Leefomgeving with a lane marker, oldest first, as the database has them. */
async function waiting(lane: 'b' | 'pop') {
  return suite.database.ctx.db.selectFrom('cases').select(['dossier_number', 'keywords', 'subject'])
    .where('status', '=', 'queued').where('domain_id', '=', 'leefomgeving').where('unit_id', '=', 'standard')
    .where(lane === 'b' ? 'lane_b' : 'lane_pop', '=', true).orderBy('received_at').orderBy('id').execute();
}

const rowOf = (page: Page, table: string, dossier: string) => page.locator(`#${table} tbody tr`).filter({ hasText: dossier });
const boardDossiers = (page: Page) => page.locator('#bord tbody tr th').allInnerTexts();
const totals = async (page: Page) => (await page.locator('#rapport-totaal dd').allInnerTexts()).map(Number);

async function plan(page: Page, options: { lane: 'Vluchtstrook (B-zaken)' | 'POP-dag'; people: string[]; topic?: string }) {
  await page.goto('/lanen');
  await page.getByRole('group', { name: 'Soort sessie' }).getByLabel(options.lane, { exact: true }).check();
  await field(page, 'Datum').fill(DAY);
  if (options.topic) await field(page, 'Onderwerp (alleen POP-dag, optioneel)').fill(options.topic);
  const people = page.getByRole('group', { name: 'Klachtonderzoekers van de sessie' });
  for (const name of options.people) await people.getByLabel(name, { exact: true }).check();
  expect(await clickAndWait(page, page.getByRole('button', { name: 'Sessie plannen' }))).toBe(200);
  await expect(page.locator('.grip-alert--ok').innerText()).resolves.toBe('De sessie is gepland.');
  return new URL(page.url()).pathname;
}

async function handOut(page: Page, dossier: string, to: string) {
  const row = rowOf(page, 'bord', dossier);
  await row.getByRole('combobox').selectOption({ label: to });
  expect(await clickAndWait(page, row.getByRole('button', { name: /^Uitdelen/ }))).toBe(200);
  await expect(page.locator('.grip-alert--ok').innerText()).resolves.toBe(`Zaak ${dossier} is uitgedeeld.`);
}

async function claim(page: Page, dossier: string) {
  expect(await clickAndWait(page, rowOf(page, 'bord', dossier).getByRole('button', { name: /^Oppakken/ }))).toBe(200);
  await expect(page.locator('.grip-alert--ok').innerText()).resolves.toBe(`Zaak ${dossier} is uitgedeeld.`);
}

async function close(page: Page, dossier: string, outcome: string, fields: Record<string, string>, a11y = false) {
  const row = rowOf(page, 'uitgedeeld', dossier);
  await row.getByRole('combobox').selectOption({ label: outcome });
  expect(await clickAndWait(page, row.getByRole('button', { name: /^Afsluiten/ }))).toBe(200);
  if (a11y) await checkA11y(page);
  for (const [label, value] of Object.entries(fields)) await field(page, label).fill(value);
  expect(await clickAndWait(page, page.getByRole('button', { name: 'Afsluiten' }))).toBe(200);
  await expect(page.locator('.grip-alert--ok').innerText()).resolves.toBe(`Zaak ${dossier} is afgesloten.`);
}

describe('the B lane and a POP day on the demo', () => {
  it('runs a B session and a POP day end to end; the reports show what they cleared and the tray counts drop', async () => {
    const { db } = suite.database.ctx;
    const staff = await db.selectFrom('staff').select(['login', 'name']).where('active', '=', true).where('unit_id', '=', 'standard')
      .where(sql<boolean>`'leefomgeving' = any(domains) and 'investigator' = any(roles)`).orderBy('name').execute();
    const iris = staff.find((s) => s.login === 'onderzoeker')!.name;
    const colleague = staff.find((s) => s.login !== 'onderzoeker')!.name;
    const bCases = (await waiting('b')).map((c) => c.dossier_number);
    const popCases = await waiting('pop');
    expect(bCases.length).toBeGreaterThanOrEqual(2);
    // No case carries both markers, so each hand-out lowers exactly one lane's count.
    expect(popCases.filter((c) => bCases.includes(c.dossier_number))).toEqual([]);
    expect(popCases.length).toBeGreaterThanOrEqual(3);
    const fits = popCases.filter((c) => c.keywords.includes('geen-reactie')).map((c) => c.dossier_number);
    expect(fits.length).toBeGreaterThanOrEqual(2);
    const popOrder = [...fits, ...popCases.map((c) => c.dossier_number).filter((d) => !fits.includes(d))];

    const coordinator = await suite.pageAs('coordinator');
    const before = await trayCounts(coordinator);
    expect(before.b).toBe(bCases.length);
    expect(before.pop).toBe(popCases.length);

    // The coordinator plans an extra B session today; the capacity plan proposes the POP day for today.
    await clickAndWait(coordinator, coordinator.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Vluchtstrook en POP' }));
    await expect(coordinator.locator('#f-day-hint').innerText()).resolves.toContain('volgende POP-dag woensdag 14 februari 2024');
    await checkA11y(coordinator);
    const bBoard = await plan(coordinator, { lane: 'Vluchtstrook (B-zaken)', people: [iris, colleague] });
    expect(await boardDossiers(coordinator)).toEqual(bCases);
    await checkA11y(coordinator);
    await handOut(coordinator, bCases[0]!, colleague);

    const popBoard = await plan(coordinator, { lane: 'POP-dag', people: [iris], topic: 'geen reactie' });
    expect(await boardDossiers(coordinator)).toEqual(popOrder);
    expect(await coordinator.locator('#bord tbody tr td:nth-of-type(5)').allInnerTexts()).toEqual(popOrder.map((d) => (fits.includes(d) ? 'Ja' : 'Nee')));
    await handOut(coordinator, popOrder[0]!, iris);
    await handOut(coordinator, popOrder[1]!, iris);

    // The investigator sees both sessions, claims from the boards and closes quickly.
    const investigator = await suite.pageAs('onderzoeker');
    await clickAndWait(investigator, investigator.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Vluchtstrook en POP' }));
    expect(await investigator.locator('#sessies-gepland tbody tr').count()).toBe(2);
    await investigator.goto(bBoard);
    await claim(investigator, bCases[1]!);
    await close(investigator, bCases[1]!, 'Doorverwezen', { 'Verwezen naar': 'Klachtenloket RDW' }, true);
    await investigator.goto(popBoard);
    await claim(investigator, popOrder[2]!);
    await checkA11y(investigator);
    await close(investigator, popOrder[0]!, 'Eerst klacht indienen bij instantie (KEN)', { 'Verwezen naar': 'Klachtafdeling gemeente' });
    await close(investigator, popOrder[1]!, 'Interventie', {
      'Wat is met de instantie afgesproken': 'De gemeente reageert binnen twee weken op de melding.',
      'Resultaat voor verzoeker': 'Verzoeker krijgt antwoord.',
    });
    expect(await investigator.locator('#voortgang tfoot td').allInnerTexts()).toEqual(['3', '2', '1']);
    // The coordinator closes the colleague's B case for them.
    await coordinator.goto(bBoard);
    await close(coordinator, bCases[0]!, 'Advies', { 'Advies aan verzoeker': 'Wacht het besluit van de RDW af; het komt deze maand.' });

    // The reports: what each session cleared.
    await coordinator.goto(`${bBoard}/rapport`);
    expect(await totals(coordinator)).toEqual([2, 2, 0, 0]);
    const perPerson = async (page: Page) => Object.fromEntries(await Promise.all((await page.locator('#rapport-personen tbody tr').all()).map(async (r) => [await r.locator('th').innerText(), (await r.locator('td').allInnerTexts()).map(Number)])));
    expect(await perPerson(coordinator)).toEqual({ [iris]: [1, 1, 0, 0], [colleague]: [1, 1, 0, 0] });
    await checkA11y(coordinator);
    await coordinator.goto(`${popBoard}/rapport`);
    expect(await totals(coordinator)).toEqual([3, 2, 0, 1]);
    expect(await perPerson(coordinator)).toEqual({ [iris]: [3, 2, 0, 1] });
    await checkA11y(coordinator);

    // The dashboard: the tray lost exactly the cases handed out, per lane.
    const after = await trayCounts(coordinator);
    expect(after).toEqual({ total: before.total - 5, b: before.b - 2, pop: before.pop - 3 });

    // The next day the sessions are past, listed with what they cleared.
    suite.database.setNow('2024-02-15T08:00:00Z');
    const nextDay = await suite.pageAs('coordinator'); // yesterday's log-in has expired
    await nextDay.goto('/lanen');
    const past = await nextDay.locator('#sessies-eerder tbody tr').allInnerTexts();
    expect(past.map((r) => r.split('\t').slice(1, 5))).toEqual(
      expect.arrayContaining([['Vluchtstrook (B)', '–', '2', '2'], ['POP-dag', 'geen reactie', '3', '2']]),
    );
  }, 180_000);
});
