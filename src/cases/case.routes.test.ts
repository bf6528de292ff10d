import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';

let tdb: TestDatabase;
let api: TestApi;
let dispatcher: Awaited<ReturnType<typeof createStaff>>;
let coordinator: Awaited<ReturnType<typeof createStaff>>;
let investigator: Awaited<ReturnType<typeof createStaff>>;
let otherInvestigator: Awaited<ReturnType<typeof createStaff>>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  api = await startTestApi(tdb.ctx);
  dispatcher = await createStaff(tdb.ctx, { roles: ['dispatcher'] });
  coordinator = await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['inkomen'] });
  investigator = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'] });
  otherInvestigator = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'] });
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

async function register(overrides = {}) {
  const res = await api.call('POST', '/api/v1/cases', { token: dispatcher.token, body: complaint(overrides) });
  expect(res.status).toBe(201);
  return res.body;
}

async function queued(overrides = {}) {
  const c = await register(overrides);
  const res = await api.call('POST', `/api/v1/cases/${c.id}/route`, { token: dispatcher.token, body: { domain: 'inkomen', unit: 'standard' } });
  expect(res.status).toBe(200);
  return res.body;
}

describe('registering a complaint', () => {
  it('gives a dossier number, the received status and the route the rules suggest', async () => {
    const res = await api.call('POST', '/api/v1/cases', {
      token: dispatcher.token,
      body: complaint({ agency: 'UWV', receivedAt: new Date('2026-02-23') }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'received', version: 1, suggestedRoute: { domain: 'inkomen', unit: 'standard' } });
    expect(res.body.dossierNumber).toMatch(/^2026\.\d{6}$/);
    expect(res.body.waitingDays).toBe(7);
    const got = await api.call('GET', `/api/v1/cases/${res.body.id}`, { token: dispatcher.token });
    expect(got.body.events.map((e: { type: string }) => e.type)).toEqual(['registered']);
    expect(got.body.events[0].actorId).toBe(dispatcher.id);
  });

  it('gives 200 concurrent registrations 200 distinct dossier numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, () => api.call('POST', '/api/v1/cases', { token: dispatcher.token, body: complaint() })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(200).fill(201));
    const numbers = new Set(results.map((r) => r.body.dossierNumber));
    expect(numbers.size).toBe(200);
  });

  it('makes one case of a request repeated with one Idempotency-Key, even concurrently', async () => {
    const body = complaint({ subject: 'Idempotent' });
    const headers = { 'idempotency-key': 'intake-42' };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => api.call('POST', '/api/v1/cases', { token: dispatcher.token, body, headers })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const count = await tdb.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('subject', '=', 'Idempotent').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    const other = await api.call('POST', '/api/v1/cases', { token: dispatcher.token, body: complaint(), headers });
    expect(other.status).toBe(422);
  });
});

describe('the lifecycle through the API', () => {
  it('routes, marks lanes, assigns, records first contact, closes, gives aftercare and reopens', async () => {
    const c = await register({ agency: 'Dienst Toeslagen' });
    const routed = await api.call('POST', `/api/v1/cases/${c.id}/route`, { token: dispatcher.token, body: {} });
    expect(routed.body).toMatchObject({ status: 'queued', domain: 'inkomen', unit: 'standard', version: 2 });
    const lanes = await api.call('PATCH', `/api/v1/cases/${c.id}/lanes`, { token: coordinator.token, body: { urgent: true, b: true } });
    expect(lanes.body.lanes).toEqual({ urgent: true, b: true, pop: false, ob: false });
    const assigned = await api.call('POST', `/api/v1/cases/${c.id}/assign`, {
      token: coordinator.token,
      body: { investigatorId: investigator.id, proposal: 'Bel burger, vraag Toeslagen om spoed', version: lanes.body.version },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', investigatorId: investigator.id, handlingType: 'intervention' });
    const contact = await api.call('POST', `/api/v1/cases/${c.id}/first-contact`, { token: investigator.token, body: {} });
    expect(contact.body.status).toBe('in_progress');
    const closed = await api.call('POST', `/api/v1/cases/${c.id}/close`, { token: investigator.token, body: { outcome: 'intervention' } });
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'intervention' });
    const aftercare = await api.call('POST', `/api/v1/cases/${c.id}/aftercare`, { token: investigator.token, body: { note: 'Burger belde: betaling ontvangen' } });
    expect(aftercare.body).toMatchObject({ status: 'closed', dossierNumber: c.dossierNumber });
    const reopened = await api.call('POST', `/api/v1/cases/${c.id}/reopen`, { token: investigator.token, body: { reason: 'Toezegging niet nagekomen' } });
    expect(reopened.body).toMatchObject({ status: 'in_progress', outcome: null });
    const full = await api.call('GET', `/api/v1/cases/${c.id}`, { token: investigator.token });
    expect(full.body.events.map((e: { type: string }) => e.type)).toEqual([
      'registered', 'routed', 'lanes_changed', 'assigned', 'first_contact', 'closed', 'aftercare', 'reopened',
    ]);
    expect(full.body.events.find((e: { type: string }) => e.type === 'routed').payload).toMatchObject({ overridden: false });
  });

  it('transfers a case to the extended unit, where it waits in the UKB tray', async () => {
    const c = await queued();
    const res = await api.call('POST', `/api/v1/cases/${c.id}/transfer`, { token: coordinator.token, body: { unit: 'extended', reason: 'Complex, meerdere instanties' } });
    expect(res.body).toMatchObject({ status: 'queued', unit: 'extended', domain: 'inkomen' });
    const tray = await api.call('GET', '/api/v1/tray?domain=inkomen&unit=extended', { token: coordinator.token });
    expect(tray.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
  });

  it('answers a forbidden transition with 409 naming the allowed ones', async () => {
    const c = await register();
    const res = await api.call('POST', `/api/v1/cases/${c.id}/first-contact`, { token: coordinator.token, body: {} });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.detail).toContain('allowed: route, setLanes, close, transfer');
    expect(res.body.allowed).toEqual(['route', 'setLanes', 'close', 'transfer']);
    const unchanged = await api.call('GET', `/api/v1/cases/${c.id}`, { token: coordinator.token });
    expect(unchanged.body).toMatchObject({ status: 'received', version: 1 });
  });

  it('refuses an investigator from another domain', async () => {
    const elsewhere = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['leefomgeving'] });
    const c = await queued();
    const res = await api.call('POST', `/api/v1/cases/${c.id}/assign`, {
      token: coordinator.token, body: { investigatorId: elsewhere.id, proposal: 'x', version: c.version },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe('investigatorId');
  });

  it('lets only the handling investigator (or a coordinator) close a case', async () => {
    const c = await queued();
    await api.call('POST', `/api/v1/cases/${c.id}/assign`, { token: coordinator.token, body: { investigatorId: investigator.id, proposal: 'x', version: c.version } });
    const res = await api.call('POST', `/api/v1/cases/${c.id}/close`, { token: otherInvestigator.token, body: { outcome: 'KEN' } });
    expect(res.status).toBe(403);
  });
});

describe('routing decisions', () => {
  it('reports the share per unit and how often the suggestion was overridden', async () => {
    tdb.setNow('2026-03-03T09:00:00Z');
    try {
      for (const [agency, domain, unit] of [['UWV', 'inkomen', 'standard'], ['UWV', 'leefomgeving', 'standard'], ['Politie', 'veiligheid-en-migratie', 'extended']]) {
        const c = await register({ agency });
        await api.call('POST', `/api/v1/cases/${c.id}/route`, { token: dispatcher.token, body: { domain, unit } });
      }
    } finally {
      tdb.setNow('2026-03-02T09:00:00Z');
    }
    const res = await api.call('GET', '/api/v1/routing/summary?from=2026-03-03&to=2026-03-04', { token: coordinator.token });
    expect(res.body).toEqual({ routed: 3, perUnit: { standard: 2, extended: 1 }, overridden: 2, overrideRate: 2 / 3 });
  });
});

describe('two coordinators assigning the same case at once', () => {
  it('gives exactly one 200, one 409 and one assignment event', async () => {
    const c = await queued();
    const [a, b] = await Promise.all(
      [investigator, otherInvestigator].map((inv) =>
        api.call('POST', `/api/v1/cases/${c.id}/assign`, { token: coordinator.token, body: { investigatorId: inv.id, proposal: 'Bellen', version: c.version } }),
      ),
    );
    expect([a!.status, b!.status].sort()).toEqual([200, 409]);
    const loser = a!.status === 409 ? a! : b!;
    expect(loser.body.detail).toContain(`not ${c.version}`);
    const events = await tdb.ctx.db.selectFrom('case_events').select('type').where('case_id', '=', c.id).where('type', '=', 'assigned').execute();
    expect(events).toHaveLength(1);
  });
});

describe('bulk work', () => {
  it('assigns all cases or none: one stale version leaves every case unassigned', async () => {
    const one = await queued();
    const two = await queued();
    const stale = await api.call('POST', '/api/v1/cases/bulk/assign', {
      token: coordinator.token,
      body: { cases: [{ id: one.id, version: one.version }, { id: two.id, version: two.version + 5 }], investigatorId: investigator.id, proposal: 'POP-dag' },
    });
    expect(stale.status).toBe(409);
    const still = await api.call('GET', `/api/v1/cases/${one.id}`, { token: coordinator.token });
    expect(still.body.status).toBe('queued');
    const ok = await api.call('POST', '/api/v1/cases/bulk/assign', {
      token: coordinator.token,
      body: { cases: [{ id: one.id, version: one.version }, { id: two.id, version: two.version }], investigatorId: investigator.id, proposal: 'POP-dag', handlingType: 'quick' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.items.map((c: { status: string }) => c.status)).toEqual(['assigned', 'assigned']);
  });

  it('moves running cases to another domain in one go, each with a moved event', async () => {
    const admin = await createStaff(tdb.ctx, { roles: ['admin'] });
    const one = await queued();
    const res = await api.call('POST', '/api/v1/cases/bulk/move', {
      token: admin.token, body: { cases: [{ id: one.id, version: one.version }], domain: 'leefomgeving', reason: 'Reorganisatie per 1 oktober' },
    });
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ domain: 'leefomgeving', status: 'queued' });
    const got = await api.call('GET', `/api/v1/cases/${one.id}`, { token: admin.token });
    expect(got.body.events.at(-1)).toMatchObject({ type: 'moved', payload: { reason: 'Reorganisatie per 1 oktober' } });
  });
});

describe('access', () => {
  it('asks for a bearer token and refuses roles without the right', async () => {
    expect((await api.call('GET', '/api/v1/tray')).status).toBe(401);
    expect((await api.call('GET', '/api/v1/tray', { token: 'grip_nonsense' })).status).toBe(401);
    const res = await api.call('POST', '/api/v1/cases/00000000-0000-4000-8000-000000000000/assign', {
      token: investigator.token, body: { investigatorId: investigator.id, proposal: 'x', version: 1 },
    });
    expect(res.status).toBe(403);
  });

  it('answers health without a token', async () => {
    const res = await api.call('GET', '/api/v1/health');
    expect(res).toMatchObject({ status: 200, body: { status: 'ok' } });
  });
});

describe('roles per domain', () => {
  it('lets a coordinator assign and mark only in their own domains', async () => {
    const elsewhere = await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['leefomgeving'] });
    const c = await queued();
    const assign = await api.call('POST', `/api/v1/cases/${c.id}/assign`, { token: elsewhere.token, body: { investigatorId: investigator.id, proposal: 'x', version: c.version } });
    expect(assign.status).toBe(403);
    const lanes = await api.call('PATCH', `/api/v1/cases/${c.id}/lanes`, { token: elsewhere.token, body: { pop: true } });
    expect(lanes.status).toBe(403);
    const own = await api.call('PATCH', `/api/v1/cases/${c.id}/lanes`, { token: coordinator.token, body: { pop: true } });
    expect(own.status).toBe(200);
  });
});

describe('what the review found', () => {
  it('keeps other domains and other handlers out of first contact, close, reopen and aftercare', async () => {
    const elsewhereCoordinator = await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['leefomgeving'] });
    const c = await queued();
    const closeFromTray = await api.call('POST', `/api/v1/cases/${c.id}/close`, { token: otherInvestigator.token, body: { outcome: 'KEN' } });
    expect(closeFromTray.status).toBe(403);
    await api.call('POST', `/api/v1/cases/${c.id}/assign`, { token: coordinator.token, body: { investigatorId: investigator.id, proposal: 'x', version: c.version } });
    for (const [path, body] of [['first-contact', {}], ['close', { outcome: 'KEN' }]] as const) {
      expect((await api.call('POST', `/api/v1/cases/${c.id}/${path}`, { token: elsewhereCoordinator.token, body })).status).toBe(403);
    }
    await api.call('POST', `/api/v1/cases/${c.id}/close`, { token: investigator.token, body: { outcome: 'KEN' } });
    expect((await api.call('POST', `/api/v1/cases/${c.id}/reopen`, { token: otherInvestigator.token, body: { reason: 'x' } })).status).toBe(403);
    expect((await api.call('POST', `/api/v1/cases/${c.id}/aftercare`, { token: otherInvestigator.token, body: { note: 'x' } })).status).toBe(403);
    expect((await api.call('POST', `/api/v1/cases/${c.id}/aftercare`, { token: investigator.token, body: { note: 'x' } })).status).toBe(200);
  });

  it('refuses a NUL character with a 400 naming the field, and answers problems with the HTTP status', async () => {
    const res = await api.call('POST', '/api/v1/cases', { token: dispatcher.token, body: complaint({ subject: 'a\u0000b' }) });
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('subject');
    const c = await register();
    const forbidden = await api.call('POST', `/api/v1/cases/${c.id}/first-contact`, { token: coordinator.token, body: {} });
    expect(forbidden.body.status).toBe(409);
    expect(forbidden.body.caseStatus).toBe('received');
  });

  it('refuses a first contact dated before the assignment', async () => {
    const c = await queued();
    await api.call('POST', `/api/v1/cases/${c.id}/assign`, { token: coordinator.token, body: { investigatorId: investigator.id, proposal: 'x', version: c.version } });
    const res = await api.call('POST', `/api/v1/cases/${c.id}/first-contact`, { token: investigator.token, body: { at: '2026-01-01' } });
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('at');
  });
});
