import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import type { AppContext } from '../shared/context.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { createStaff } from '../testing/factories.ts';
import { matchStaff, OIDC_STATE_COOKIE, openState, parseGroupRoles, rolesForGroups, sealState, type OidcConfig, type OidcState } from './oidc.ts';

/** The pure parts of OpenID Connect login, the matching rule, and the callback's refusals (no provider needed). */
const mapping = parseGroupRoles('grip-coordinatoren=coordinator, grip-onderzoekers=investigator, grip-leiding=teamManager, grip-leiding=director').mapping;
const config: OidcConfig = {
  // Nothing listens here: the refusals below must come before Grip ever asks the provider.
  issuer: 'http://127.0.0.1:9', clientId: 'grip', clientSecret: 'a-client-secret-of-some-length', groupRoles: mapping,
  groupsClaim: 'groups', linkBy: 'username', name: 'Testdienst', scopes: 'openid profile', publicUrl: undefined,
};

describe('group mapping', () => {
  it('reads group=role pairs, a group may give several roles, and names what is wrong', () => {
    expect([...mapping]).toEqual([
      ['grip-coordinatoren', ['coordinator']], ['grip-onderzoekers', ['investigator']], ['grip-leiding', ['teamManager', 'director']],
    ]);
    expect(parseGroupRoles('a=koning').errors).toEqual(['"koning" (for group "a") is not a role; roles are dispatcher, coordinator, investigator, frontOffice, teamManager, director, privacyOfficer, wooCoordinator, admin']);
    expect(parseGroupRoles('zonder-rol').errors).toEqual(['"zonder-rol" is not group=role']);
    expect(parseGroupRoles(' , ').errors).toEqual(['maps no group to a role']);
  });

  it('gives the roles of the mapped groups, ignores the rest and anything that is not a group name', () => {
    expect(rolesForGroups(['iedereen', 'grip-leiding', 'grip-onderzoekers'], mapping)).toEqual(['investigator', 'teamManager', 'director']);
    expect(rolesForGroups('grip-coordinatoren', mapping)).toEqual(['coordinator']);
    expect(rolesForGroups(['iedereen'], mapping)).toEqual([]);
    expect(rolesForGroups(undefined, mapping)).toEqual([]);
    expect(rolesForGroups([{ name: 'grip-coordinatoren' }, 42], mapping)).toEqual([]);
    // Group names are exact: no case folding, no prefixes.
    expect(rolesForGroups(['GRIP-COORDINATOREN', 'grip-coordinatoren-oud'], mapping)).toEqual([]);
  });
});

describe('the state cookie', () => {
  const now = new Date('2026-11-29T12:00:00Z');
  const state: OidcState = { state: 's', nonce: 'n', verifier: 'v', back: '/bak', expires: now.getTime() + 600_000 };

  it('comes back as sealed, and not when forged, changed or expired', () => {
    const sealed = sealState(config, state);
    expect(openState(config, sealed, now)).toEqual(state);
    const [payload] = sealed.split('.');
    const changed = Buffer.from(JSON.stringify({ ...state, back: 'https://evil.example' })).toString('base64url');
    expect(openState(config, `${changed}.${sealed.split('.')[1]}`, now)).toBeNull();
    expect(openState(config, `${payload}.AAAA`, now)).toBeNull();
    expect(openState({ ...config, clientSecret: 'another-secret-entirely' }, sealed, now)).toBeNull();
    expect(openState(config, sealed, new Date(state.expires))).toBeNull();
    expect(openState(config, undefined, now)).toBeNull();
  });
});

let tdb: TestDatabase;
let app: FastifyInstance;
beforeAll(async () => {
  tdb = await createTestDatabase();
  const ctx: AppContext & { oidc: OidcConfig } = { ...tdb.ctx, oidc: config };
  app = await buildApp(ctx, { logLevel: 'silent' });
});
afterAll(async () => {
  await app?.close();
  await tdb?.close();
});

describe('matching a provider user to a staff member', () => {
  const groups = ['grip-onderzoekers'];

  it('links on first login by login name, then by the subject only; roles follow the groups, domains stay', async () => {
    const person = await createStaff(tdb.ctx, { roles: ['dispatcher'], domains: ['zorg-en-jeugd'], login: 'petra.oidc' });
    // By default (OIDC_LINK_BY=email) a username the provider user may have chosen links nobody.
    expect(await matchStaff(tdb.ctx.db, { ...config, linkBy: 'email' }, { sub: 'sub-petra', preferred_username: 'Petra.OIDC', groups })).toEqual({ ok: false, reason: 'unknown' });
    expect(await matchStaff(tdb.ctx.db, config, { sub: 'sub-petra', preferred_username: 'Petra.OIDC', groups })).toEqual({ ok: true, staffId: person.id, roles: ['investigator'] });
    // Renamed at the provider: the subject still finds her; new groups, new roles.
    expect(await matchStaff(tdb.ctx.db, config, { sub: 'sub-petra', preferred_username: 'p.nieuw', groups: ['grip-coordinatoren'] })).toMatchObject({ ok: true, staffId: person.id });
    const row = await tdb.ctx.db.selectFrom('staff').select(['roles', 'domains', 'oidc_subject']).where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ roles: ['coordinator'], domains: ['zorg-en-jeugd'], oidc_subject: 'sub-petra' });
    // Another provider user calling himself petra.oidc does not get her account.
    expect(await matchStaff(tdb.ctx.db, config, { sub: 'sub-mallory', preferred_username: 'petra.oidc', groups })).toEqual({ ok: false, reason: 'linkedElsewhere' });
  });

  it('falls back to the e-mail address only when the provider says it is verified', async () => {
    const person = await createStaff(tdb.ctx, { roles: ['investigator'], login: 'kees.mail' });
    expect(await matchStaff(tdb.ctx.db, config, { sub: 'sub-kees', preferred_username: 'kvb', email: 'Kees.Mail@example.nl', email_verified: false, groups })).toEqual({ ok: false, reason: 'unknown' });
    expect(await matchStaff(tdb.ctx.db, config, { sub: 'sub-kees', preferred_username: 'kvb', email: 'Kees.Mail@example.nl', email_verified: true, groups })).toMatchObject({ ok: true, staffId: person.id });
  });

  it('refuses an inactive person and a person without a mapped group, and changes nothing', async () => {
    const inactive = await createStaff(tdb.ctx, { roles: ['investigator'], login: 'slaper' });
    await tdb.ctx.db.updateTable('staff').set({ active: false }).where('id', '=', inactive.id).execute();
    expect(await matchStaff(tdb.ctx.db, config, { sub: 'sub-slaper', preferred_username: 'slaper', groups })).toEqual({ ok: false, reason: 'inactive' });
    const outsider = await createStaff(tdb.ctx, { roles: ['investigator'], login: 'buitenstaander' });
    expect(await matchStaff(tdb.ctx.db, config, { sub: 'sub-buiten', preferred_username: 'buitenstaander', groups: ['iedereen'] })).toEqual({ ok: false, reason: 'noRoles' });
    const rows = await tdb.ctx.db.selectFrom('staff').select(['roles', 'oidc_subject']).where('id', 'in', [inactive.id, outsider.id]).execute();
    expect(rows).toEqual([{ roles: ['investigator'], oidc_subject: null }, { roles: ['investigator'], oidc_subject: null }]);
    expect(await matchStaff(tdb.ctx.db, config, { sub: 'sub-niemand', preferred_username: 'niemand', groups })).toEqual({ ok: false, reason: 'unknown' });
  });
});

describe('the callback', () => {
  const sessions = async () => Number((await tdb.ctx.db.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses a state that is not the one Grip sent (400, in Dutch) and logs nobody in', async () => {
    const before = await sessions();
    const sealed = sealState(config, { state: 'goed', nonce: 'n', verifier: 'v', back: '/', expires: Date.now() + 600_000 });
    for (const cookie of [`${OIDC_STATE_COOKIE}=${sealed}`, '']) {
      const res = await app.inject({ url: '/inloggen/oidc/terug?code=abc&state=fout', headers: cookie ? { cookie } : {} });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Deze inlogpoging is verlopen of niet vanuit Grip begonnen');
      expect(res.cookies.map((c) => c.name)).not.toContain('grip_session');
    }
    expect(await sessions()).toBe(before);
  });

  it('shows the provider button beside the local form only when OIDC is configured', async () => {
    const page = await app.inject({ url: '/inloggen?terug=/bak' });
    expect(page.body).toContain('href="/inloggen/oidc?terug=%2Fbak"');
    expect(page.body).toContain('Inloggen met Testdienst');
    expect(page.body).toContain('name="password"');
    const plain = await buildApp(tdb.ctx, { logLevel: 'silent' });
    expect((await plain.inject({ url: '/inloggen' })).body).not.toContain('/inloggen/oidc');
    expect((await plain.inject({ url: '/inloggen/oidc' })).statusCode).toBe(404);
    await plain.close();
  });
});
