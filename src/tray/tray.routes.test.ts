import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';

let tdb: TestDatabase;
let api: TestApi;
let token: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  api = await startTestApi(tdb.ctx);
  token = (await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['inkomen'] })).token;
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

async function inTray(receivedAt: string, lanes: Record<string, boolean> = {}, domain = 'inkomen') {
  const c = (await api.call('POST', '/api/v1/cases', { token, body: complaint({ receivedAt: new Date(receivedAt), subject: receivedAt }) })).body;
  await api.call('POST', `/api/v1/cases/${c.id}/route`, { token, body: { domain, unit: 'standard' } });
  if (Object.keys(lanes).length) await api.call('PATCH', `/api/v1/cases/${c.id}/lanes`, { token, body: lanes });
  return c as { id: string; dossierNumber: string };
}

describe('the tray', () => {
  it('orders urgent first, then the lanes, then oldest first, and counts per domain and lane', async () => {
    const old = await inTray('2026-01-05');
    const newer = await inTray('2026-02-02');
    const urgent = await inTray('2026-02-20', { urgent: true });
    const b = await inTray('2026-02-25', { b: true });
    const pop = await inTray('2026-01-20', { pop: true });
    await inTray('2026-01-02', {}, 'leefomgeving');
    const tray = await api.call('GET', '/api/v1/tray?domain=inkomen', { token });
    expect(tray.status).toBe(200);
    expect(tray.body.items.map((i: { id: string }) => i.id)).toEqual([urgent.id, b.id, pop.id, old.id, newer.id]);
    expect(tray.body.items[3]).toMatchObject({ waitingDays: 56, agency: 'Belastingdienst', lanes: { urgent: false } });

    const counts = await api.call('GET', '/api/v1/tray/counts', { token });
    const inkomen = counts.body.items.find((i: { domain: string; unit: string }) => i.domain === 'inkomen' && i.unit === 'standard');
    expect(inkomen).toMatchObject({ total: 5, lanes: { urgent: 1, b: 1, pop: 1, ob: 0 }, oldestWaitDays: 56 });
    expect(counts.body.items).toHaveLength(8);
  });

  it('pages with limit and cursor without skipping or repeating a case', async () => {
    const all = (await api.call('GET', '/api/v1/tray?limit=500', { token })).body.items.map((i: { id: string }) => i.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.call(
        'GET', `/api/v1/tray?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token },
      );
      paged.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    // six wait in trays; the one in Leefomgeving is outside this Inkomen coordinator's domains (personal data)
    expect(all.length).toBe(5);
    const waiting = await tdb.ctx.db.selectFrom('cases').select(['id', 'domain_id']).where('status', '=', 'queued').execute();
    expect(waiting).toHaveLength(6);
    expect(all).toEqual(expect.not.arrayContaining(waiting.filter((c) => c.domain_id !== 'inkomen').map((c) => c.id)));
  });

  it('drops a case from the tray once it is assigned', async () => {
    const inv = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'] });
    const c = await inTray('2026-02-27');
    const got = (await api.call('GET', `/api/v1/cases/${c.id}`, { token })).body;
    await api.call('POST', `/api/v1/cases/${c.id}/assign`, { token, body: { investigatorId: inv.id, proposal: 'x', version: got.version } });
    const tray = await api.call('GET', '/api/v1/tray?domain=inkomen', { token });
    expect(tray.body.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
  });
});

describe('reference lists and the API description', () => {
  it('lists the domains and staff as {items} and pages staff', async () => {
    const domains = await api.call('GET', '/api/v1/domains', { token });
    expect(domains.body.items.map((d: { id: string }) => d.id).sort()).toEqual(['inkomen', 'leefomgeving', 'veiligheid-en-migratie', 'zorg-en-jeugd']);
    const twoDomains = await api.call('GET', '/api/v1/domains?limit=2', { token });
    const nextDomains = await api.call('GET', `/api/v1/domains?limit=2&cursor=${twoDomains.body.nextCursor}`, { token });
    expect([...twoDomains.body.items, ...nextDomains.body.items].map((d: { id: string }) => d.id)).toEqual(
      ['inkomen', 'leefomgeving', 'veiligheid-en-migratie', 'zorg-en-jeugd'],
    );
    expect(nextDomains.body.nextCursor).toBeNull();
    const first = await api.call('GET', '/api/v1/staff?limit=1', { token });
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0]).toHaveProperty('roles');
    const second = await api.call('GET', `/api/v1/staff?limit=1&cursor=${first.body.nextCursor}`, { token });
    expect(second.body.items[0].login).not.toBe(first.body.items[0].login);
  });

  it('publishes an OpenAPI 3.1 document with the contract paths', async () => {
    const doc = (await api.call('GET', '/api/v1/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/v1/cases', '/api/v1/cases/{id}/assign', '/api/v1/tray', '/api/v1/tray/counts', '/api/v1/staff', '/api/v1/health']) {
      expect(doc.paths).toHaveProperty([path]);
    }
    expect(doc.paths['/api/v1/cases'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['petitioner', 'agency', 'subject', 'description', 'channel']),
    );
  });
});
