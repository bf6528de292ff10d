import fs from 'node:fs';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../auth/login.pages.tsx';
import { hashPassword } from '../auth/password.ts';
import type { Actor, Role } from '../auth/policy.ts';
import { registerCase } from '../cases/case.service.ts';
import type { CaseView, RegisterCase } from '../cases/case.schema.ts';
import { assignCase, routeCase } from '../cases/case.transitions.ts';
import { loadDemo } from '../demo/demo.service.ts';
import { buildApp } from '../http/app.ts';
import type { AppContext } from '../shared/context.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

/**
 * Real Chromium against a real Grip: an app on a random port over a fresh
 * test database with a small organisation (one person per role, a few cases
 * in the Leefomgeving tray), and the helpers browser tests and the
 * screenshot script share: log in, check accessibility with axe, keyboard.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
/** Every seeded person has this password. */
export const PASSWORD = 'browser-wachtwoord-2026';

/** One person per role; logins as on the demo log-in page. */
export const PEOPLE = {
  werkverdeler: { name: 'Wendy Verdeel', roles: ['dispatcher'], domains: ['leefomgeving', 'zorg-en-jeugd', 'inkomen', 'veiligheid-en-migratie'] },
  coordinator: { name: 'Coen Oordijk', roles: ['coordinator'], domains: ['leefomgeving'] },
  onderzoeker: { name: 'Olga Onderzoek', roles: ['investigator'], domains: ['leefomgeving'] },
  onderzoeker2: { name: 'Iris Ingelse', roles: ['investigator'], domains: ['leefomgeving'] },
  teammanager: { name: 'Tim Manders', roles: ['teamManager'], domains: ['leefomgeving'] },
  directeur: { name: 'Dirk Rector', roles: ['director'], domains: ['leefomgeving', 'zorg-en-jeugd', 'inkomen', 'veiligheid-en-migratie'] },
  privacy: { name: 'Priya Vacy', roles: ['privacyOfficer'], domains: [] },
  woo: { name: 'Wout Openbaar', roles: ['wooCoordinator'], domains: [] },
  admin: { name: 'Beheerder', roles: ['admin'], domains: [] },
} as const satisfies Record<string, { name: string; roles: Role[]; domains: string[] }>;
export type Login = keyof typeof PEOPLE;

export interface SeededOrganisation {
  staff: Record<Login, Actor>;
  /** Routed to Leefomgeving (KB), waiting in the tray: received 6 (urgent), 25, 12 and 2 days ago. */
  queued: CaseView[];
  /** Assigned to `onderzoeker`, no contact yet. */
  assigned: CaseView[];
  /** Registered 3 and 1 days ago, not routed yet. */
  unrouted: CaseView[];
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const complaint = (agency: string, subject: string, name: string, extra: Partial<RegisterCase> = {}): RegisterCase => ({
  petitioner: { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.nl` },
  agency,
  subject,
  description: `${subject}. Ik heb de instantie meerdere keren geschreven en geen antwoord gekregen.`,
  channel: 'web',
  ...extra,
});

export async function seedOrganisation(ctx: AppContext): Promise<SeededOrganisation> {
  const passwordHash = await hashPassword(PASSWORD);
  const staff = {} as Record<Login, Actor>;
  for (const [login, p] of Object.entries(PEOPLE) as [Login, (typeof PEOPLE)[Login]][]) {
    const values = { name: p.name, unit_id: 'standard', roles: [...p.roles], domains: [...p.domains], password_hash: passwordHash };
    // `admin` exists in every fresh installation: give it the known password.
    const row = login === 'admin'
      ? await ctx.db.updateTable('staff').set({ password_hash: passwordHash }).where('login', '=', 'admin').returning(['id', 'name', 'roles', 'domains']).executeTakeFirstOrThrow()
      : await ctx.db.insertInto('staff').values({ login, email: `${login}@example.nl`, ...values }).returning(['id', 'name', 'roles', 'domains']).executeTakeFirstOrThrow();
    staff[login] = { id: row.id, login, name: row.name, roles: row.roles as Role[], domains: row.domains };
  }
  const register = async (input: RegisterCase) => (await registerCase(ctx, staff.werkverdeler, input)).case;
  const toTray = async (input: RegisterCase) => {
    const c = await register(input);
    return routeCase(ctx, staff.werkverdeler, c.id, { domain: 'leefomgeving', unit: 'standard' });
  };

  const queued = [
    await toTray(complaint('Gemeente Amsterdam', 'Omgevingsvergunning blijft liggen', 'Anouk Bakker', { urgent: true, receivedAt: daysAgo(6) })),
    await toTray(complaint('Gemeente Rotterdam', 'Geen reactie op melding over geluidsoverlast', 'Bram de Jong', { receivedAt: daysAgo(25) })),
    await toTray(complaint('Gemeente Utrecht', 'Boom voor de deur niet gesnoeid', 'Chantal Visser', { receivedAt: daysAgo(12) })),
    await toTray(complaint('Rijkswaterstaat', 'Schade aan dijk niet hersteld', 'Daan Mulder', { receivedAt: daysAgo(2) })),
  ];
  const assigned: CaseView[] = [];
  for (const [agency, subject, name] of [
    ['Instituut Mijnbouwschade Groningen', 'Schademelding na aardbeving niet behandeld', 'Eva Smit'],
    ['Omgevingsdienst', 'Stankoverlast bedrijf, handhaving blijft uit', 'Fleur Meijer'],
  ] as const) {
    const c = await toTray(complaint(agency, subject, name, { receivedAt: daysAgo(30) }));
    assigned.push(await assignCase(ctx, staff.coordinator, c.id, {
      investigatorId: staff.onderzoeker.id, proposal: 'Bel verzoeker en vraag de instantie om een reactie.', handlingType: 'intervention', version: c.version,
    }));
  }
  const unrouted = [
    await register(complaint('UWV', 'Uitkering te laat betaald', 'Gijs van Dijk', { receivedAt: daysAgo(3) })),
    await register(complaint('Politie', 'Aangifte niet opgenomen', 'Hanna Bos', { receivedAt: daysAgo(1) })),
  ];
  return { staff, queued, assigned, unrouted };
}

export interface Grip {
  url: string;
  ctx: AppContext;
  database: TestDatabase;
  org: SeededOrganisation;
  close(): Promise<void>;
}

/** Grip on a random port over a fresh, seeded test database, with a real clock (as a person sees it). */
export async function startGrip(options: { demo?: boolean } = {}): Promise<Grip> {
  const database = await createTestDatabase();
  const ctx: AppContext = { db: database.ctx.db, clock: () => new Date() };
  try {
    const org = await seedOrganisation(ctx);
    const app = await buildApp(ctx, { logLevel: 'silent', demo: options.demo ?? false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return {
      url, ctx, database, org,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}

/** Chromium from Debian; a missing browser fails loudly, never skips. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}; the browser tests need it. Install it with: apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** One Grip and one Chromium for a test file; each role gets its own context (its own cookies). */
export interface BrowserSuite {
  grip: Grip;
  browser: Browser;
  /** A fresh page in a fresh context, logged in as `login` (or not logged in). */
  pageAs(login?: Login): Promise<Page>;
  close(): Promise<void>;
}

export async function startBrowserSuite(options: { demo?: boolean } = {}): Promise<BrowserSuite> {
  const browser = await launchChromium();
  let grip: Grip;
  try {
    grip = await startGrip(options);
  } catch (err) {
    await browser.close();
    throw err;
  }
  const contexts: BrowserContext[] = [];
  return {
    grip,
    browser,
    async pageAs(login) {
      // bypassCSP: axe is injected as an inline script, which Grip's CSP rightly refuses (src/http/hardening.test.ts checks the header).
      const context = await browser.newContext({ baseURL: grip.url, bypassCSP: true, locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      const page = await context.newPage();
      if (login) await loginAs(page, login);
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await grip.close();
    },
  };
}

/** Logs in through the log-in form, as a person would; waits until Grip has left the log-in page. */
export async function loginAs(page: Page, login: Login | (string & {}), password = PASSWORD): Promise<void> {
  if (!page.url().includes('/inloggen')) await page.goto('/inloggen');
  await page.getByLabel('Gebruikersnaam').fill(login);
  await page.getByLabel('Wachtwoord').fill(password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/inloggen')),
    page.getByRole('button', { name: 'Inloggen' }).click(),
  ]);
}

/** Runs axe on the page; fails on serious and critical violations, listed one per line. */
export async function checkA11y(page: Page): Promise<void> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim() ?? ''}`),
    }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    const lines = bad.map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n}`).join('\n')}`);
    throw new Error(`Accessibility violations on ${new URL(page.url()).pathname}:\n${lines.join('\n')}`);
  }
}

/**
 * Presses Tab until `target` has the keyboard focus (fails after `max`
 * presses), so a test proves an element is reachable without a mouse.
 */
export async function tabTo(page: Page, target: Locator, max = 60): Promise<number> {
  const handle = await target.elementHandle();
  if (!handle) throw new Error(`tabTo: no element for ${String(target)}`);
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    if (await handle.evaluate((el) => el === document.activeElement)) return presses;
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing');
  throw new Error(`tabTo: ${String(target)} not reached after ${max} Tab presses (focus is on ${focused})`);
}

/** Tabs to a text field and types into it. */
export async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await tabTo(page, field);
  await page.keyboard.type(text);
}

/**
 * Does something that loads a new page (a link, a form's button, a key) and
 * waits until that page has loaded; answers the status of the page shown
 * (after redirects), so a test sees a refused or failed form.
 */
export async function navigates(page: Page, act: () => Promise<unknown>): Promise<number> {
  const shown = page.waitForResponse((r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400));
  const [response] = await Promise.all([shown, act()]);
  // the response arrives before the new document replaces the old one
  await page.waitForURL(response.url(), { waitUntil: 'load' });
  return response.status();
}

/** Clicks a button or link that loads a new page; answers its status. */
export const clickAndWait = (page: Page, target: Locator) => navigates(page, () => target.click());

/** A form field by its exact label; a required field's label ends in " *". */
export const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));

/** A section of the page by its heading (sections are labelled by their heading). */
export const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** The visible text of the page's main region, whitespace collapsed. */
export const mainText = async (page: Page): Promise<string> => ((await page.locator('main').innerText()) ?? '').replace(/\s+/g, ' ');

/** The demo as it stood on a fixed day, served to Chromium: for tests of what the demo itself shows. */
export interface DemoSuite {
  database: TestDatabase;
  url: string;
  /** A fresh page in a fresh context, logged in with a demo log-in (the demo password). */
  pageAs(login: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Loads the demo with the clock at `now` (the history ends there), lets the
 * test `prepare` the database (clock still at `now`), then serves it and
 * starts Chromium.
 */
export async function startDemoSuite(now: string, prepare?: (database: TestDatabase) => Promise<void>): Promise<DemoSuite> {
  const database = await createTestDatabase();
  database.setNow(now);
  const quiet = { out: () => undefined, progress: () => undefined };
  await loadDemo(database.ctx, quiet);
  await prepare?.(database);
  const app = await buildApp(database.ctx, { logLevel: 'silent', demo: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await launchChromium();
  return {
    database,
    url,
    async pageAs(login) {
      const context = await browser.newContext({ baseURL: url, bypassCSP: true, locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
      context.setDefaultTimeout(30_000);
      const page = await context.newPage();
      await page.goto('/inloggen');
      await page.getByLabel('Gebruikersnaam').fill(login);
      await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
      await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/inloggen')), page.getByRole('button', { name: 'Inloggen' }).click()]);
      return page;
    },
    async close() {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}
