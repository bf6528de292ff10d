import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password.ts';
import { type BrowserSuite, checkA11y, clickAndWait, loginAs, mainText, PASSWORD, startBrowserSuite } from '../testing/browser.ts';
import { isoWeek } from '../weekmail/week.ts';
import { mondayOf } from './calllist.report.ts';
import { insertNotice } from './notice.repository.ts';
import { writeNoticeSettings } from './notice.settings.ts';

/**
 * Must-show (issue 6): the call-list pilot end to end for one domain
 * (Leefomgeving) in real Chromium. Front office opens the day's call list,
 * registers "reached, withdraws" — the case is closed and leaves the list —
 * and "not reached" — the case stays with one attempt; the weekly report
 * shows the removed case in this week's pilot column. axe checks each page.
 */
let suite: BrowserSuite;
let withdrawing: { id: string; dossierNumber: string };
let unreachable: { id: string; dossierNumber: string };

beforeAll(async () => {
  suite = await startBrowserSuite();
  const { ctx, org } = suite.grip;
  await writeNoticeSettings(ctx.db, { pilotDomains: ['leefomgeving'] });
  // As the delay-notice job leaves them for a pilot domain: one 'call' notice each, no message sent.
  [withdrawing, unreachable] = [org.queued[1]!, org.queued[2]!]; // Bram de Jong (25 days), Chantal Visser (12 days)
  for (const [c, phone] of [[withdrawing, '06-11122233'], [unreachable, '070 123 4567']] as const) {
    await insertNotice(ctx.db, { caseId: c.id, kind: 'delay', seq: 0, channel: 'call', expected: null, createdAt: new Date() });
    const { petitioner_id } = await ctx.db.selectFrom('cases').select('petitioner_id').where('id', '=', c.id).executeTakeFirstOrThrow();
    await ctx.db.updateTable('petitioners').set({ phone }).where('id', '=', petitioner_id).execute();
  }
  await ctx.db.insertInto('staff').values({
    login: 'balie', name: 'Bea Balie', email: 'balie@example.nl', unit_id: 'standard', roles: ['frontOffice'], domains: ['leefomgeving'], password_hash: await hashPassword(PASSWORD),
  }).execute();
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

const rowOf = (page: Page, dossier: string) => page.locator('#bellijst tbody tr').filter({ has: page.getByRole('link', { name: dossier, exact: true }) });
const answer = (page: Page, question: string, choice: string) => page.getByRole('group', { name: question, exact: true }).getByLabel(choice, { exact: true }).check();

describe('the call-list pilot in the browser (Leefomgeving)', () => {
  it('front office calls: "reached, withdraws" closes the case; "not reached" keeps it with one attempt; the report counts it', async () => {
    const page = await frontOffice();
    await clickAndWait(page, page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Bellijst' }));
    expect(await page.locator('h1').innerText()).toBe('Bellijst');
    await checkA11y(page);
    // Oldest first, both new today, with the number to call.
    expect(await page.locator('#bellijst tbody tr th a').allInnerTexts()).toEqual([withdrawing.dossierNumber, unreachable.dossierNumber]);
    expect(await page.locator('#bellijst caption').innerText()).toBe('2 zaken te bellen, waarvan 2 nieuw vandaag');
    const first = rowOf(page, withdrawing.dossierNumber);
    expect(await first.getByRole('cell').allInnerTexts()).toEqual(['Bram de Jong', '06-11122233', 'Leefomgeving', '25', '–']);
    expect(await first.getByRole('link', { name: '06-11122233' }).getAttribute('href')).toBe('tel:0611122233');

    // Reached; it is not urgent, the municipality was approached, and the complaint is withdrawn.
    await clickAndWait(page, first.getByRole('link', { name: withdrawing.dossierNumber }));
    expect(await page.locator('h1').innerText()).toBe(`Bellen: ${withdrawing.dossierNumber}`);
    await checkA11y(page);
    // A question left open is named, in Dutch, at the question.
    await answer(page, 'Verzoeker bereikt?', 'Ja, bereikt');
    expect(await clickAndWait(page, page.getByRole('button', { name: 'Gesprek registreren' }))).toBe(400);
    expect(await page.getByRole('group', { name: 'Trekt u de klacht in?', exact: true }).innerText()).toContain('Maak een keuze.');
    await checkA11y(page);
    await answer(page, 'Is het dringend?', 'Nee');
    await answer(page, 'Heeft u de instantie zelf al benaderd?', 'Ja');
    await answer(page, 'Trekt u de klacht in?', 'Ja');
    await page.getByLabel('Notitie (niet verplicht)').fill('Gemeente heeft de melding inmiddels opgepakt.');
    expect(await clickAndWait(page, page.getByRole('button', { name: 'Gesprek registreren' }))).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/bellijst');
    expect(await page.getByRole('status').innerText()).toBe(`Gesprek over ${withdrawing.dossierNumber} geregistreerd: de klacht is ingetrokken; de zaak is afgesloten.`);
    expect(await page.locator('#bellijst tbody tr th a').allInnerTexts()).toEqual([unreachable.dossierNumber]);
    await checkA11y(page);
    const closed = await suite.grip.ctx.db.selectFrom('cases').select(['status', 'outcome_id']).where('id', '=', withdrawing.id).executeTakeFirstOrThrow();
    expect(closed).toEqual({ status: 'closed', outcome_id: 'withdrawn' });

    // Not reached: the case stays on the list, now with one attempt.
    await clickAndWait(page, rowOf(page, unreachable.dossierNumber).getByRole('link', { name: unreachable.dossierNumber }));
    await answer(page, 'Verzoeker bereikt?', 'Nee, niet bereikt');
    await clickAndWait(page, page.getByRole('button', { name: 'Gesprek registreren' }));
    expect(await page.getByRole('status').innerText()).toContain('niet bereikt; de zaak blijft op de bellijst.');
    const still = rowOf(page, unreachable.dossierNumber);
    expect(await still.count()).toBe(1);
    expect((await still.getByRole('cell').allInnerTexts()).at(-1)).toMatch(/^1× niet bereikt, laatst \d+ \w+ \d{4}, \d\d:\d\d$/);

    // The dossier tells what happened, in its history.
    await page.goto(`/zaken/${withdrawing.id}`);
    const history = await mainText(page);
    expect(history).toContain('Gebeld (bellijst): bereikt — dringend: nee, instantie zelf benaderd: ja, trekt in: ja');
    expect(history).toContain('Afgesloten: Ingetrokken');

    // The weekly report: this week, the pilot took one case out of the tray.
    await page.goto('/bellijst');
    await clickAndWait(page, page.getByRole('link', { name: 'Weekrapport: bellijst naast uitstelbericht' }));
    expect(await page.locator('h1').innerText()).toBe('Bellijst naast uitstelbericht');
    await checkA11y(page);
    // Week, Monday; call list: listed, calls, reached, out of the tray, urgent set, per 100; delay notice: sent, out of the tray, per 100.
    const thisWeek = await page.locator('#bellijst-weken tbody tr').first().locator('th, td').allInnerTexts();
    expect(thisWeek).toEqual([isoWeek(new Date(`${mondayOf(new Date())}T00:00:00Z`)), mondayOf(new Date()), '2', '2', '1', '1', '0', '50', '0', '0', '–']);
    expect(await page.locator('#bellijst-weken thead th').allInnerTexts()).toEqual([
      'Week', 'Maandag', 'Bellijst (pilot)', 'Uitstelbericht',
      'Op de lijst', 'Gebeld', 'Bereikt', 'Uit de bak (ingetrokken + KEN)', 'Spoed gezet', 'Uit de bak per 100',
      'Verstuurd', 'Uit de bak zonder onderzoeker', 'Uit de bak per 100',
    ]);
    const leefomgeving = page.locator('#bellijst-domeinen tbody tr').filter({ hasText: 'Leefomgeving' });
    expect((await leefomgeving.locator('th, td').allInnerTexts()).slice(0, 6)).toEqual(['Leefomgeving', 'pilot (bellen)', '2', '2', '1', '1']);
  }, 120_000);
});
