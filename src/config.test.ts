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
