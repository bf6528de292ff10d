import fs from 'node:fs';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPeriods } from '../capacity/capacity.repository.ts';
import { registerCase } from '../cases/case.service.ts';
import { routeCase } from '../cases/case.transitions.ts';
import { forecast } from '../forecast/forecast.service.ts';
import { stopQueueWorker } from '../forecast/queue.runner.ts';
import { deliverDueMail } from '../mail/mail.service.ts';
import { createMailTransport } from '../mail/mail.transport.ts';
import { checkA11y, clickAndWait, field, mainText, startBrowserSuite, type BrowserSuite } from '../testing/browser.ts';
import { startSmtpServer, type TestSmtpServer } from '../testing/smtp.ts';

/**
 * Must-show 1: a citizen files a complaint on /klacht in real Chromium (no
 * log-in), with a PDF, sees the dossier number and the expected wait; the
 * receipt then goes out over SMTP to the petitioner alone, with that number
 * and the same expected wait. Form, error state and confirmation pass axe.
 */
let suite: BrowserSuite;
let smtp: TestSmtpServer;
let dir: string;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

beforeAll(async () => {
  suite = await startBrowserSuite();
  smtp = await startSmtpServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grip-klacht-'));
  const { ctx, org } = suite.grip;
  // A real forecast of the plan: one FTE per domain and 30 complaints waiting in Inkomen, so a new one there waits weeks.
  await insertPeriods(ctx.db, ['inkomen', 'leefomgeving', 'zorg-en-jeugd', 'veiligheid-en-migratie'].map((domain) => ({
    person: `${domain} 1`, staffId: null, domain, kind: 'contract' as const, from: '2024-01-01', to: null, hoursPerWeek: 36,
  })));
  for (let i = 0; i < 30; i++) {
    const c = (await registerCase(ctx, org.staff.werkverdeler, {
      petitioner: { name: `Wachtende ${i}`, email: `wacht${i}@example.nl` }, agency: 'Belastingdienst', subject: 'Toeslag', description: 'Geen reactie.', channel: 'letter',
    })).case;
    await routeCase(ctx, org.staff.werkverdeler, c.id, { domain: 'inkomen', unit: 'standard' });
  }
  await forecast(ctx, null);
}, 240_000);
afterAll(async () => {
  await suite?.close();
  await smtp?.close();
  await stopQueueWorker();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * The page is used with JavaScript switched off (Chrome's own switch, as in
 * its settings); it is switched on only for axe, which is a script.
 */
async function withoutScripts(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const scripts = (on: boolean) => cdp.send('Emulation.setScriptExecutionDisabled', { value: !on });
  await scripts(false);
  return {
    /** checkA11y (serious and critical), and every axe finding of any impact: none is allowed. */
    async noViolations(): Promise<void> {
      await scripts(true);
      try {
        await checkA11y(page);
        const found = await page.evaluate(async () => {
          const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
          });
          return result.violations.map((v) => `${v.impact}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        });
        expect(found, new URL(page.url()).pathname).toEqual([]);
      } finally {
        await scripts(false);
      }
    },
    async scriptsRan(): Promise<boolean> {
      return page.evaluate(() => typeof (window as { htmx?: unknown }).htmx !== 'undefined');
    },
  };
}

describe('/klacht in a browser', () => {
  it('files a complaint with a PDF, shows the dossier number and the expected wait, and mails the receipt', async () => {
    const page = await suite.pageAs();
    const browser = await withoutScripts(page);
    await page.goto('/klacht');
    expect(await browser.scriptsRan()).toBe(false);
    await browser.noViolations();

    // Sent empty first: the summary names what is missing, each message at its field.
    expect(await clickAndWait(page, page.getByRole('button', { name: 'Klacht versturen' }))).toBe(400);
    const summary = page.getByRole('alert');
    await expect(summary.getByRole('link', { name: 'Vul uw naam in.' }).isVisible()).resolves.toBe(true);
    await expect(summary.getByRole('link', { name: 'Vul uw e-mailadres in, of uw postadres als u geen e-mail hebt.' }).isVisible()).resolves.toBe(true);
    await browser.noViolations();

    await field(page, 'Naam').fill('Petra Verzoeker');
    await field(page, 'E-mailadres').fill('petra@example.nl');
    await field(page, 'Over welke instantie klaagt u?').fill('UWV');
    await field(page, 'Waar gaat uw klacht over, in een paar woorden?').fill('Uitkering te laat betaald');
    await field(page, 'Wat is er gebeurd?').fill('Mijn WW-uitkering is al twee maanden niet betaald.');
    await page.getByRole('group', { name: /eerst bij de instantie zelf/ }).getByLabel('Nee').check();
    await page.getByRole('group', { name: /binnen 2 weken/ }).getByLabel('Nee').check();
    await page.getByLabel('Bijlagen (niet verplicht)').setInputFiles({ name: 'brief.pdf', mimeType: 'application/pdf', buffer: PDF });
    expect(await clickAndWait(page, page.getByRole('button', { name: 'Klacht versturen' }))).toBe(200);

    const dossier = (await page.locator('#dossiernummer').innerText()).trim();
    expect(dossier).toMatch(/\S/);
    const wait = /uw klacht ((?:tussen|niet vóór) \d+ \w+ \d{4}.*?) oppakt/.exec(await mainText(page))?.[1];
    expect(wait, await mainText(page)).toBeDefined();
    await browser.noViolations();
    const stored = await suite.grip.ctx.db.selectFrom('cases as c').innerJoin('attachments as a', 'a.case_id', 'c.id')
      .select(['c.channel', 'a.content_type']).where('c.dossier_number', '=', dossier).execute();
    expect(stored).toEqual([{ channel: 'web', content_type: 'application/pdf' }]);

    const transport = createMailTransport({ smtpUrl: smtp.url, from: 'Grip <grip@test>', outboxDir: dir });
    try {
      const result = await deliverDueMail(suite.grip.ctx, transport);
      expect(result.failed).toEqual([]);
    } finally {
      transport.close();
    }
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.to).toEqual(['petra@example.nl']);
    expect(mail!.decoded).toContain(dossier);
    expect(mail!.decoded).toContain(`Wij verwachten dat een klachtonderzoeker uw klacht ${wait} oppakt.`);
  });
});
