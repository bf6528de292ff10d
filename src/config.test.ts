import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';
import { buildApp } from './http/app.ts';
import { createTestDatabase, type TestDatabase } from './testing/database.ts';

/** TRUST_PROXY: whom to believe about the client's address (the public form limits per address). */
let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.close();
});

async function clientAddress(trustProxy: string): Promise<string> {
  const app = await buildApp(tdb.ctx, { logLevel: 'silent', trustProxy: parseConfig({ TRUST_PROXY: trustProxy }).trustProxy });
  app.get('/_ip', async (request) => request.ip);
  // A client that claims to be 6.6.6.6; our one proxy added the address it saw, 9.9.9.9.
  const res = await app.inject({ url: '/_ip', headers: { 'x-forwarded-for': '6.6.6.6, 9.9.9.9' } });
  await app.close();
  return res.body;
}

describe('TRUST_PROXY', () => {
  it('takes false, true, a number of proxies or their addresses, and refuses anything else', () => {
    expect(parseConfig({}).trustProxy).toBe(false);
    expect(parseConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(parseConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(parseConfig({ TRUST_PROXY: '10.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['10.0.0.1', '10.0.0.0/8']);
    expect(() => parseConfig({ TRUST_PROXY: 'yes please' })).toThrow(ConfigError);
  });

  it('with one proxy, believes only the address that proxy saw; with true, whatever the client claims', async () => {
    expect(await clientAddress('false')).toBe('127.0.0.1');
    expect(await clientAddress('1')).toBe('9.9.9.9');
    expect(await clientAddress('127.0.0.1')).toBe('9.9.9.9');
    expect(await clientAddress('true')).toBe('6.6.6.6');
  });
});

describe('OpenID Connect settings', () => {
  const oidc = {
    OIDC_ISSUER: 'https://login.example.nl/realms/ombudsman',
    OIDC_CLIENT_ID: 'grip',
    OIDC_CLIENT_SECRET: 'een-geheim-van-voldoende-lengte',
    OIDC_GROUP_ROLES: 'grip-coordinatoren=coordinator,grip-onderzoekers=investigator',
  };
  const problems = (env: Record<string, string>) => {
    try {
      parseConfig(env);
      return '';
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
  };

  it('is off without an issuer, and on with the issuer, the client and the group mapping', () => {
    expect(parseConfig({}).oidc).toBeNull();
    const config = parseConfig({ ...oidc, OIDC_NAME: 'Ombudsman-account', PUBLIC_URL: 'https://grip.example.nl/' }).oidc!;
    expect(config).toMatchObject({ issuer: oidc.OIDC_ISSUER, clientId: 'grip', groupsClaim: 'groups', name: 'Ombudsman-account', scopes: 'openid profile email', publicUrl: 'https://grip.example.nl' });
    expect([...config.groupRoles]).toEqual([['grip-coordinatoren', ['coordinator']], ['grip-onderzoekers', ['investigator']]]);
    expect(parseConfig({ ...oidc, OIDC_GROUPS_CLAIM: 'roles', OIDC_SCOPES: 'openid profile groups' }).oidc).toMatchObject({ groupsClaim: 'roles', scopes: 'openid profile groups' });
  });

  it('names each missing or wrong setting at start', () => {
    expect(problems({ OIDC_ISSUER: oidc.OIDC_ISSUER })).toBe([
      'Invalid configuration:',
      '  OIDC_CLIENT_ID: is required when OIDC_ISSUER is set',
      '  OIDC_CLIENT_SECRET: is required when OIDC_ISSUER is set',
      '  OIDC_GROUP_ROLES: is required when OIDC_ISSUER is set',
    ].join('\n'));
    expect(problems({ OIDC_CLIENT_ID: 'grip' })).toContain('OIDC_ISSUER: is required when OIDC_CLIENT_ID is set');
    expect(problems({ ...oidc, OIDC_ISSUER: 'http://login.example.nl' })).toContain('OIDC_ISSUER: must be an https:// URL (http:// only on localhost / 127.0.0.1)');
    expect(problems({ ...oidc, OIDC_ISSUER: 'http://127.0.0.1:8080' })).toBe('');
    expect(problems({ ...oidc, OIDC_GROUP_ROLES: 'grip-baas=koning' })).toContain('OIDC_GROUP_ROLES: "koning" (for group "grip-baas") is not a role');
    expect(problems({ ...oidc, OIDC_CLIENT_SECRET: 'kort' })).toContain('OIDC_CLIENT_SECRET: must be at least 16 characters');
    expect(problems({ ...oidc, PUBLIC_URL: 'grip.example.nl' })).toContain('PUBLIC_URL: must be an http:// or https:// URL');
  });
});
