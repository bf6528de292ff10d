import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, clickAndWait, mainText, startBrowserSuite, type BrowserSuite } from '../testing/browser.ts';

/**
 * The privacy officer in Chromium: a coordinator opens a dossier, a
 * coordinator of another domain is refused it, and the privacy officer finds
 * the one view (not the refusal) in the access log; the retention page shows
 * its dry run. Both pages pass axe.
 */
let suite: BrowserSuite;
beforeAll(async () => {
  suite = await startBrowserSuite();
});
afterAll(async () => {
  await suite?.close();
});

describe('the privacy officer', () => {
  it('finds who opened a dossier in the access log, and sees the retention dry run', async () => {
    const c = suite.grip.org.queued[1]!;
    const coordinator = await suite.pageAs('coordinator');
    await coordinator.goto(`/zaken/${c.id}`);
    expect(await mainText(coordinator)).toContain('Bram de Jong');

    const privacy = await suite.pageAs('privacy');
    await privacy.goto('/');
    expect(new URL(privacy.url()).pathname).toBe('/privacy/inzage');
    await checkA11y(privacy);
    await privacy.getByLabel('Dossiernummer').fill(c.dossierNumber);
    await clickAndWait(privacy, privacy.getByRole('button', { name: 'Filteren' }));
    const rows = await privacy.locator('#inzagelog tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('coordinator');
    expect(rows[0]).toContain('Bekeken');
    expect(rows[0]).toContain(`/zaken/${c.id}`);
    expect(await mainText(privacy)).not.toContain('Bram de Jong');
    await checkA11y(privacy);

    await clickAndWait(privacy, privacy.getByRole('link', { name: 'Bewaartermijn' }));
    expect(new URL(privacy.url()).pathname).toBe('/privacy/bewaartermijn');
    expect(await mainText(privacy)).toContain('24');
    await checkA11y(privacy);
  });
});
