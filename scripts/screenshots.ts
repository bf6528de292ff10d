import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, loginAs, startGrip, type Login } from '../src/testing/browser.ts';

/**
 * `npm run screenshots`: Grip over a fresh database with the small seeded
 * organisation of the browser tests, one full-page PNG per main screen and
 * role, in screenshots/ (git-ignored). Prints each file; a screen that does
 * not answer 200 is still saved, and named with its status.
 */
const OUT = path.resolve(import.meta.dirname, '../screenshots');

async function main(): Promise<number> {
  fs.mkdirSync(OUT, { recursive: true });
  // a fresh set: no stale picture of a screen that has changed since
  for (const old of fs.readdirSync(OUT)) if (old.endsWith('.png')) fs.rmSync(path.join(OUT, old));
  const browser = await launchChromium();
  const grip = await startGrip();
  const { org } = grip;
  const shots: { login: Login | null; name: string; path: string }[] = [
    { login: null, name: 'inloggen', path: '/inloggen' },
    { login: 'werkverdeler', name: 'registreren', path: '/zaken/nieuw' },
    { login: 'werkverdeler', name: 'te-routeren', path: '/zaken/te-routeren' },
    { login: 'werkverdeler', name: 'zaak-routeren', path: `/zaken/${org.unrouted[0]!.id}` },
    { login: 'coordinator', name: 'bak', path: '/bak' },
    { login: 'coordinator', name: 'zaak-in-de-bak', path: `/zaken/${org.queued[0]!.id}` },
    { login: 'onderzoeker', name: 'mijn-zaken', path: '/mijn-zaken' },
    { login: 'onderzoeker', name: 'zaak-toegewezen', path: `/zaken/${org.assigned[0]!.id}` },
    { login: 'onderzoeker', name: 'zoeken', path: `/zoeken?q=${encodeURIComponent('Bakker')}` },
    { login: 'teammanager', name: 'overzicht', path: '/overzicht' },
    { login: 'directeur', name: 'overzicht', path: '/overzicht' },
    { login: 'woo', name: 'woo-verzoeken', path: '/woo' },
    { login: 'woo', name: 'woo-gronden', path: '/woo/gronden' },
    { login: 'admin', name: 'beheer', path: '/beheer' },
    { login: 'admin', name: 'beheer-medewerkers', path: '/beheer/medewerkers' },
    { login: 'admin', name: 'beheer-uitkomsten', path: '/beheer/uitkomsten' },
  ];
  let failed = 0;
  try {
    const pages = new Map<string, Page>();
    const pageFor = async (login: Login | null) => {
      const key = login ?? '-';
      let page = pages.get(key);
      if (!page) {
        const context = await browser.newContext({ baseURL: grip.url, locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
        page = await context.newPage();
        if (login) await loginAs(page, login);
        pages.set(key, page);
      }
      return page;
    };
    for (const [i, shot] of shots.entries()) {
      const page = await pageFor(shot.login);
      const response = await page.goto(shot.path);
      const status = response?.status() ?? 0;
      const file = `${String(i + 1).padStart(2, '0')}-${shot.login ?? 'anoniem'}-${shot.name}${status === 200 ? '' : `-${status}`}.png`;
      await page.screenshot({ path: path.join(OUT, file), fullPage: true });
      if (status !== 200) failed += 1;
      console.log(`screenshots/${file}${status === 200 ? '' : `  (${shot.path} answered ${status})`}`);
    }
  } finally {
    await browser.close();
    await grip.close();
  }
  if (failed) console.error(`${failed} screen(s) did not answer 200`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
