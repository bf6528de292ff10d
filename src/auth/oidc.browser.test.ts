import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../http/app.ts';
import type { AppContext } from '../shared/context.ts';
import { checkA11y, launchChromium, mainText, seedOrganisation, type SeededOrganisation } from '../testing/browser.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import type { OidcConfig } from './oidc.ts';

/**
 * Must-show 6: OpenID Connect end to end. A real provider (oidc-provider,
 * with its development login and consent forms, where any password works)
 * on a random port, Grip in-process configured for it, and Chromium doing
 * what a person does: the button on Grip's log-in page, the provider's forms,
 * and back in Grip with the role the provider's groups map to.
 */
const ACCOUNTS: Record<string, { preferred_username: string; name: string; groups: string[] }> = {
  // Seeded as an investigator in Grip; the provider puts her in the coordinators' group.
  'iris@idp': { preferred_username: 'onderzoeker2', name: 'Iris Ingelse', groups: ['grip-coordinatoren', 'iedereen'] },
  // Known in Grip (onderzoeker), but in no group Grip maps.
  'olga@idp': { preferred_username: 'onderzoeker', name: 'Olga Onderzoek', groups: ['iedereen'] },
};
const SECRET = 'test-client-secret-0123456789';

let idp: http.Server;
let issuer: string;
let database: TestDatabase;
let grip: { url: string; close(): Promise<void> };
let org: SeededOrganisation;
let browser: Browser;

beforeAll(async () => {
  // The provider's port first: Grip needs the issuer, the provider Grip's redirect URI.
  idp = http.createServer();
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;

  database = await createTestDatabase();
  const oidc: OidcConfig = {
    issuer, clientId: 'grip', clientSecret: SECRET, name: 'Testdienst', groupsClaim: 'groups', linkBy: 'username', scopes: 'openid profile',
    groupRoles: new Map([['grip-coordinatoren', ['coordinator']], ['grip-onderzoekers', ['investigator']]]), publicUrl: undefined,
  };
  const ctx: AppContext & { oidc: OidcConfig } = { db: database.ctx.db, clock: () => new Date(), oidc };
  org = await seedOrganisation(ctx);
  const app = await buildApp(ctx, { logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  grip = { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() };

  // The development interactions warn once at construction; this is a test.
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'grip', client_secret: SECRET, token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: [`${grip.url}/inloggen/oidc/terug`], grant_types: ['authorization_code'], response_types: ['code'],
    }],
    async findAccount(_ctx, id) {
      const account = ACCOUNTS[id];
      return account && { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    claims: { openid: ['sub'], profile: ['preferred_username', 'name', 'groups'] },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['oidc-test-cookie-key'] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
  });
  warn.mockRestore();
  idp.on('request', provider.callback());
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await grip?.close();
  await new Promise((resolve) => idp?.close(resolve));
  await database?.close();
});

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: grip.url, bypassCSP: true, locale: 'nl-NL' });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

/** At the provider: its development login form (any password) and its consent form. */
async function loginAtProvider(page: Page, account: string) {
  await page.waitForURL((u) => u.origin === issuer);
  await page.locator('input[name="login"]').fill(account);
  await page.locator('input[name="password"]').fill('wat-dan-ook');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

describe('OpenID Connect login in the browser', () => {
  it('logs in through the provider, maps its group to the coordinator role and returns to the page asked for', async () => {
    const page = await freshPage();
    await page.goto('/overzicht');
    expect(new URL(page.url()).pathname).toBe('/inloggen');
    // The local form stays beside the provider's button.
    await expect(page.getByLabel('Gebruikersnaam').isVisible()).resolves.toBe(true);
    await checkA11y(page);
    await page.getByRole('link', { name: 'Inloggen met Testdienst' }).click();
    await loginAtProvider(page, 'iris@idp');
    await page.waitForURL((u) => u.origin === grip.url && u.pathname === '/overzicht');

    // An investigator in Grip before; the provider's group makes her a coordinator: the tray is hers now.
    await page.goto('/bak');
    expect(await page.locator('h1').innerText()).toContain('De bak');
    const staff = await database.ctx.db.selectFrom('staff').select(['roles', 'oidc_subject', 'domains']).where('id', '=', org.staff.onderzoeker2.id).executeTakeFirstOrThrow();
    expect(staff).toEqual({ roles: ['coordinator'], oidc_subject: 'iris@idp', domains: ['leefomgeving'] });
    await page.context().close();
  }, 60_000);

  it('refuses, in Dutch, a provider user whose groups map to no Grip role, and logs nobody in', async () => {
    const page = await freshPage();
    await page.goto('/inloggen');
    await page.getByRole('link', { name: 'Inloggen met Testdienst' }).click();
    await loginAtProvider(page, 'olga@idp');
    await page.waitForURL((u) => u.origin === grip.url && u.pathname === '/inloggen/oidc/terug');
    expect(await mainText(page)).toContain('Uw account bij Testdienst is niet lid van een groep die toegang geeft tot Grip');
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('grip_session');
    await page.goto('/mijn-zaken');
    expect(new URL(page.url()).pathname).toBe('/inloggen');
    const staff = await database.ctx.db.selectFrom('staff').select(['roles', 'oidc_subject']).where('id', '=', org.staff.onderzoeker.id).executeTakeFirstOrThrow();
    expect(staff).toEqual({ roles: ['investigator'], oidc_subject: null });
    await page.context().close();
  }, 60_000);
});
