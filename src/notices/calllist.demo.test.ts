import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopQueueWorker } from '../forecast/queue.runner.ts';
import { checkA11y, clickAndWait, startDemoSuite, type DemoSuite } from '../testing/browser.ts';
import { runDelayNotices } from './notice.delay.ts';

/**
 * Must-show 5 of issue 6 on the demo (as of Monday 5 February 2024, Zorg en
 * Jeugd the pilot domain): the morning job puts Zorg en Jeugd's waiting
 * complaints on the call list and writes to the other domains; front office
 * calls one, whose agency was not approached first, and the case leaves the
 * tray as KEN; the weekly report shows it next to the written notices.
 */
let suite: DemoSuite;

beforeAll(async () => {
  // The morning job at 07:00, then front office at work.
  suite = await startDemoSuite('2024-02-05T06:00:00Z', async (database) => {
    await runDelayNotices(database.ctx);
    database.setNow('2024-02-05T09:00:00Z');
  });
}, 240_000);
afterAll(async () => {
  await suite?.close();
  await stopQueueWorker();
});

const answer = (page: Page, question: string, choice: string) => page.getByRole('group', { name: question, exact: true }).getByLabel(choice, { exact: true }).check();
const cells = async (page: Page, domain: string) => page.locator('#bellijst-domeinen tbody tr').filter({ hasText: domain }).locator('th, td').allInnerTexts();

describe('the call-list pilot on the demo', () => {
  it('calls in Zorg en Jeugd instead of writing; a call removes a case from the tray; the report sets it beside the notice domains', async () => {
    const { db } = suite.database.ctx;
    const notices = await db.selectFrom('case_notices as n').innerJoin('cases as c', 'c.id', 'n.case_id')
      .select(['n.channel', (eb) => eb.fn.coalesce('c.domain_id', 'c.suggested_domain_id').as('domain')])
      .where('n.kind', '=', 'delay').execute();
    const calls = notices.filter((n) => n.channel === 'call');
    expect(calls.length).toBeGreaterThan(5);
    expect(new Set(calls.map((n) => n.domain))).toEqual(new Set(['zorg-en-jeugd']));
    const written = notices.filter((n) => n.channel === 'email' || n.channel === 'letter');
    expect(new Set(written.map((n) => n.domain))).toEqual(new Set(['inkomen', 'leefomgeving', 'veiligheid-en-migratie', 'zorg-en-jeugd']));

    const page = await suite.pageAs('frontoffice');
    await clickAndWait(page, page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Bellijst' }));
    expect(await page.locator('#bellijst caption').innerText()).toMatch(new RegExp(`^${calls.length} zaken te bellen`));
    const domains = await page.locator('#bellijst tbody tr td:nth-of-type(3)').allInnerTexts();
    expect(new Set(domains)).toEqual(new Set(['Zorg en Jeugd']));
    await checkA11y(page);

    // The oldest first: reached; not urgent, the agency was not approached first, not withdrawn: KEN.
    const first = page.locator('#bellijst tbody tr th a').first();
    const dossier = await first.innerText();
    await clickAndWait(page, first);
    await answer(page, 'Verzoeker bereikt?', 'Ja, bereikt');
    await answer(page, 'Is het dringend?', 'Nee');
    await answer(page, 'Heeft u de instantie zelf al benaderd?', 'Nee');
    await answer(page, 'Trekt u de klacht in?', 'Nee');
    expect(await clickAndWait(page, page.getByRole('button', { name: 'Gesprek registreren' }))).toBe(200);
    expect(await page.locator('#bellijst tbody tr th a').allInnerTexts()).not.toContain(dossier);
    const c = await db.selectFrom('cases').select(['status', 'outcome_id', 'assigned_at']).where('dossier_number', '=', dossier).executeTakeFirstOrThrow();
    expect(c).toEqual({ status: 'closed', outcome_id: 'KEN', assigned_at: null });

    await page.goto('/bellijst/rapport');
    await checkA11y(page);
    // Domain, now, listed, called, reached, out of the tray, ...
    expect((await cells(page, 'Zorg en Jeugd')).slice(0, 6)).toEqual(['Zorg en Jeugd', 'pilot (bellen)', String(calls.length), '1', '1', '1']);
    for (const other of ['Inkomen', 'Leefomgeving', 'Veiligheid en Migratie']) {
      const row = await cells(page, other);
      expect(row[1]).toBe('uitstelbericht');
      const sent = written.filter((n) => n.domain === { Inkomen: 'inkomen', Leefomgeving: 'leefomgeving', 'Veiligheid en Migratie': 'veiligheid-en-migratie' }[other]).length;
      expect(Number(row.at(-3))).toBe(sent);
    }
  }, 120_000);
});
