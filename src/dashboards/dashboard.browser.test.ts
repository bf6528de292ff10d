import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoricCase } from '../cases/case.history.ts';
import { insertHistoricCases } from '../cases/case.history.repository.ts';
import { checkA11y, clickAndWait, startBrowserSuite, type BrowserSuite } from '../testing/browser.ts';

/**
 * The manager's dashboard in real Chromium: choose a domain and an "as of"
 * date, read the figures, download everything as XLSX and open the file
 * with an independent reader: the same numbers.
 */
let suite: BrowserSuite;
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

/** A history for the last ten weeks: cases routed to Leefomgeving and Inkomen, some assigned and closed since. */
function history(): HistoricCase[] {
  return Array.from({ length: 24 }, (_, i) => {
    const receivedAt = daysAgo(70 - i * 2);
    const domainId = i % 3 === 0 ? 'inkomen' : 'leefomgeving';
    const assigned = i % 2 === 0 ? [{ at: new Date(receivedAt.getTime() + (10 + i) * DAY), actor: null, command: { type: 'assign' as const, investigatorId: 'onderzoeker', proposal: 'Bellen met de gemeente', handlingType: 'intervention' } }] : [];
    return {
      receivedAt,
      petitioner: { name: `Verzoeker ${i}`, email: null, phone: null, address: null },
      agency: 'Gemeente Utrecht', subject: `Klacht ${i}`, description: 'Uit de geschiedenis.', channel: 'letter' as const,
      keywords: [], complex: false, registeredBy: null, suggested: null,
      steps: [
        { at: new Date(receivedAt.getTime() + DAY / 4), actor: null, command: { type: 'route' as const, domainId, unitId: i % 5 === 0 ? 'extended' : 'standard', suggested: null } },
        ...assigned.filter((s) => s.at < daysAgo(1)),
      ],
    };
  });
}

beforeAll(async () => {
  suite = await startBrowserSuite();
  const staffIdByLogin = new Map(Object.entries(suite.grip.org.staff).map(([login, a]) => [login, a.id]));
  await suite.grip.ctx.db.transaction().execute((tx) => insertHistoricCases(tx, history(), { staffIdByLogin }));
});
afterAll(async () => {
  await suite?.close();
});

describe('the dashboard (teammanager)', () => {
  it('changes domain and "as of" date, downloads the XLSX, and the file holds the same numbers', async () => {
    const page = await suite.pageAs('teammanager');
    await page.goto('/dashboard');
    expect(await page.locator('h1').innerText()).toContain('Dashboard');
    await checkA11y(page);

    const asOf = dateOf(daysAgo(20));
    await page.getByLabel('Domein', { exact: true }).selectOption('leefomgeving');
    await page.getByLabel('Peildatum', { exact: true }).fill(asOf);
    await clickAndWait(page, page.getByRole('button', { name: 'Toon' }));
    expect(new URL(page.url()).searchParams.get('domein')).toBe('leefomgeving');
    expect(new URL(page.url()).searchParams.get('peildatum')).toBe(asOf);
    expect(await page.getByLabel('Peildatum', { exact: true }).inputValue()).toBe(asOf);

    const tray = page.locator('#tabel-bak');
    expect(await tray.locator('caption').innerText()).toContain(asOf);
    const rows = await tray.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
    expect(rows.map((r) => r[0])).toEqual(['Leefomgeving']);
    // As of 20 days ago, in Leefomgeving: received 70..22 days ago, every third to Inkomen; half assigned after 10+i days.
    const inTray = Number(rows[0]![3]);
    expect(inTray).toBeGreaterThan(0);
    const stockRows = await page.locator('#tabel-voorraad tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
    expect(stockRows.length).toBeGreaterThan(20);
    await checkA11y(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Alle tabellen als XLSX' }).click()]);
    expect(download.suggestedFilename()).toBe(`dashboard-${asOf}.xlsx`);
    const sheets = await readXlsxFile(await download.createReadStream());
    const sheet = (name: string) => sheets.find((s) => s.sheet === name)!.data.map((r) => r.map((v) => (v === null ? '' : String(v))));
    const shown = (cells: string[]) => cells.map((c) => (c === '—' ? '' : c.replace(',', '.')));
    expect(sheet('bak').slice(1)).toEqual(rows.map(shown));
    expect(sheet('voorraad').slice(1)).toEqual(stockRows.map(shown));
    expect(sheet('bak')[0]).toEqual(['Domein', 'In de bak KB', 'In de bak UKB', 'In de bak', 'In behandeling', 'Oudste wacht (dagen)']);
  });
});
