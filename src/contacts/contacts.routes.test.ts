import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';

let tdb: TestDatabase;
let api: TestApi;
let frontOffice: Awaited<ReturnType<typeof createStaff>>;
let dispatcher: Awaited<ReturnType<typeof createStaff>>;
let investigator: Awaited<ReturnType<typeof createStaff>>;
let otherDomainInvestigator: Awaited<ReturnType<typeof createStaff>>;
let manager: Awaited<ReturnType<typeof createStaff>>;

const MONDAY = '2026-03-02T09:00:00Z';

beforeAll(async () => {
  tdb = await createTestDatabase();
  api = await startTestApi(tdb.ctx);
  frontOffice = await createStaff(tdb.ctx, { roles: ['frontOffice'], domains: ['inkomen', 'leefomgeving', 'zorg-en-jeugd', 'veiligheid-en-migratie'], unit: 'frontOffice' });
  dispatcher = await createStaff(tdb.ctx, { roles: ['dispatcher'], domains: ['inkomen', 'leefomgeving', 'zorg-en-jeugd', 'veiligheid-en-migratie'] });
  investigator = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'] });
  otherDomainInvestigator = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['leefomgeving'] });
  manager = await createStaff(tdb.ctx, { roles: ['teamManager'], domains: ['inkomen'] });
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

function call(body: Record<string, unknown>) {
  return {
    caller: { name: 'Mevrouw Jansen', phone: '06-12345678' },
    agency: 'UWV',
    domain: 'inkomen',
    summary: 'Uitkering is gestopt zonder bericht',
    ...body,
  };
}

async function register(body: Record<string, unknown>) {
  const res = await api.call('POST', '/api/v1/contacts', { token: frontOffice.token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function openCallbacks(domain: string, token = investigator.token): Promise<string[]> {
  const res = await api.call('GET', `/api/v1/contacts?domain=${domain}&openCallbacks=true`, { token });
  expect(res.status).toBe(200);
  return res.body.items.map((c: { id: string }) => c.id);
}

describe('registering a call', () => {
  it('stores who called, about which agency, and the advice given; it is not a dossier', async () => {
    tdb.setNow(MONDAY);
    const cases = await tdb.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const res = await api.call('POST', '/api/v1/contacts', {
      token: frontOffice.token,
      body: call({ outcome: 'advised', advice: 'Eerst bezwaar maken bij het UWV', caller: { name: 'Piet Bakker' } }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/contacts/${res.body.id}`);
    expect(res.body).toMatchObject({
      at: '2026-03-02T09:00:00.000Z', registeredBy: frontOffice.id, caller: { name: 'Piet Bakker', phone: null, email: null },
      agency: { name: 'UWV' }, domain: 'inkomen', outcome: 'advised', advice: 'Eerst bezwaar maken bij het UWV', callback: null, caseId: null,
    });
    const got = await api.call('GET', `/api/v1/contacts/${res.body.id}`, { token: manager.token });
    expect(got.body).toEqual(res.body);
    const after = await tdb.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(cases.n));
    expect(await openCallbacks('inkomen')).not.toContain(res.body.id);
  });

  it('needs no personal data for plain advice', async () => {
    const c = await register({ summary: 'Vraag over de procedure', outcome: 'advised', advice: 'Uitgelegd hoe klagen werkt' });
    expect(c).toMatchObject({ caller: { name: null, phone: null, email: null }, agency: null, domain: null });
  });

  it('is for the front office, dispatchers and coordinators; investigators and managers may read', async () => {
    const body = call({ outcome: 'put_through' });
    expect((await api.call('POST', '/api/v1/contacts', { token: investigator.token, body })).status).toBe(403);
    expect((await api.call('POST', '/api/v1/contacts', { token: dispatcher.token, body })).status).toBe(201);
    expect((await api.call('GET', '/api/v1/contacts', { token: manager.token })).status).toBe(200);
    expect((await api.call('GET', '/api/v1/contacts')).status).toBe(401);
  });
});

describe('bad input', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['no summary', { ...call({ outcome: 'put_through' }), summary: '  ' }, 'summary'],
    ['an unknown outcome', call({ outcome: 'dossier' }), 'outcome'],
    ['advice without the advice', call({ outcome: 'advised' }), 'advice'],
    ['a callback without a domain', { ...call({ outcome: 'callback' }), domain: undefined }, 'callbackDomain'],
    ['a callback without a phone number', call({ outcome: 'callback', caller: { name: 'Mevrouw Jansen' } }), 'caller.phone'],
    ['a callback without a name', call({ outcome: 'callback', caller: { phone: '06-12345678' } }), 'caller.name'],
    ['a callback due before the call', call({ outcome: 'callback', callbackDueAt: '2026-03-01T12:00:00+01:00' }), 'callbackDueAt'],
    ['a callback due time on plain advice', call({ outcome: 'advised', advice: 'x', callbackDueAt: '2026-03-03' }), 'callbackDueAt'],
    ['an unknown domain', call({ outcome: 'put_through', domain: 'financien' }), 'domain'],
    ['an unknown callback domain', call({ outcome: 'callback', callbackDomain: 'financien' }), 'callbackDomain'],
    ['a call in the future', call({ outcome: 'put_through', at: '2026-03-05T10:00:00Z' }), 'at'],
    ['a bad e-mail address', call({ outcome: 'put_through', caller: { email: 'jansen' } }), 'caller.email'],
    ['an unknown field', call({ outcome: 'put_through', dossierNumber: '2026.000001' }), 'body'],
  ];
  it.each(cases)('refuses %s with 400 problem+json naming the field', async (_what, body, field) => {
    tdb.setNow(MONDAY);
    const res = await api.call('POST', '/api/v1/contacts', { token: frontOffice.token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.detail).toContain(field);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers in Dutch too where the rule is Grip’s own', async () => {
    const res = await api.call('POST', '/api/v1/contacts', { token: frontOffice.token, body: { ...call({ outcome: 'callback' }), domain: undefined } });
    expect(res.body.errors[0]).toMatchObject({ field: 'callbackDomain', nl: 'Kies het domein dat terugbelt.' });
  });

  it('refuses a bad id, filter or cursor', async () => {
    expect((await api.call('GET', '/api/v1/contacts/nope', { token: frontOffice.token })).status).toBe(400);
    expect((await api.call('GET', '/api/v1/contacts/00000000-0000-4000-8000-000000000000', { token: frontOffice.token })).status).toBe(404);
    const flag = await api.call('GET', '/api/v1/contacts?openCallbacks=yes', { token: frontOffice.token });
    expect(flag.status).toBe(400);
    expect(flag.body.detail).toContain('query.openCallbacks');
    expect((await api.call('GET', '/api/v1/contacts?cursor=abc', { token: frontOffice.token })).body.detail).toContain('query.cursor');
  });
});

describe('a callback request (TBV)', () => {
  it('is due at noon on the next working day unless a time is given', async () => {
    tdb.setNow('2026-03-06T15:00:00Z'); // a Friday afternoon
    const c = await register(call({ outcome: 'callback' }));
    expect(c.callback).toEqual({ domain: 'inkomen', dueAt: '2026-03-09T11:00:00.000Z', overdue: false, doneAt: null, doneBy: null, result: null });
    const given = await register(call({ outcome: 'callback', callbackDomain: 'leefomgeving', callbackDueAt: '2026-03-06T17:00:00+01:00' }));
    expect(given.callback).toMatchObject({ domain: 'leefomgeving', dueAt: '2026-03-06T16:00:00.000Z' });
    expect(given.domain).toBe('inkomen');
  });

  it('shows up for its domain, the first due first, until it is done; then 409 on a second time', async () => {
    tdb.setNow(MONDAY);
    const later = await register(call({ outcome: 'callback' }));
    const sooner = await register(call({ outcome: 'callback', callbackDueAt: '2026-03-02T14:00:00+01:00' }));
    const elsewhere = await register(call({ outcome: 'callback', domain: 'leefomgeving', agency: 'Gemeente Utrecht' }));
    const open = await openCallbacks('inkomen');
    expect(open).toContain(later.id);
    expect(open.indexOf(sooner.id)).toBeLessThan(open.indexOf(later.id));
    expect(open).not.toContain(elsewhere.id);
    expect(await openCallbacks('leefomgeving', otherDomainInvestigator.token)).toContain(elsewhere.id);
    // not to someone of another domain
    expect(await openCallbacks('leefomgeving')).not.toContain(elsewhere.id);

    tdb.setNow('2026-03-02T14:00:00Z');
    const overdue = await api.call('GET', `/api/v1/contacts/${sooner.id}`, { token: investigator.token });
    expect(overdue.body.callback.overdue).toBe(true);

    const wrongDomain = await api.call('POST', `/api/v1/contacts/${sooner.id}/callback-done`, { token: otherDomainInvestigator.token, body: { result: 'x' } });
    expect(wrongDomain.status).toBe(404); // outside one's scope a contact is as absent as a missing one
    const done = await api.call('POST', `/api/v1/contacts/${sooner.id}/callback-done`, { token: investigator.token, body: { result: 'Teruggebeld, gaat bezwaar maken' } });
    expect(done.status).toBe(200);
    expect(done.body.callback).toEqual({
      domain: 'inkomen', dueAt: '2026-03-02T13:00:00.000Z', overdue: false, doneAt: '2026-03-02T14:00:00.000Z', doneBy: investigator.id,
      result: 'Teruggebeld, gaat bezwaar maken',
    });
    const open2 = await openCallbacks('inkomen');
    expect(open2).not.toContain(sooner.id);
    expect(open2).toContain(later.id);
    // still a contact of the domain, in the full list
    const all = await api.call('GET', '/api/v1/contacts?domain=inkomen', { token: investigator.token });
    expect(all.body.items.map((c: { id: string }) => c.id)).toContain(sooner.id);

    tdb.setNow('2026-03-02T15:00:00Z');
    const again = await api.call('POST', `/api/v1/contacts/${sooner.id}/callback-done`, { token: frontOffice.token, body: { result: 'Nog eens' } });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body).toMatchObject({ doneAt: '2026-03-02T14:00:00.000Z', doneBy: investigator.id });
    const kept = await api.call('GET', `/api/v1/contacts/${sooner.id}`, { token: investigator.token });
    expect(kept.body.callback.result).toBe('Teruggebeld, gaat bezwaar maken');
  });

  it('is done once even when two people finish it at the same moment', async () => {
    tdb.setNow(MONDAY);
    const c = await register(call({ outcome: 'callback' }));
    const results = await Promise.all([frontOffice, investigator].map((p) =>
      api.call('POST', `/api/v1/contacts/${c.id}/callback-done`, { token: p.token, body: { result: `door ${p.login}` } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('cannot be marked done on a contact that is no callback request, nor without a result', async () => {
    const c = await register(call({ outcome: 'put_through' }));
    expect((await api.call('POST', `/api/v1/contacts/${c.id}/callback-done`, { token: frontOffice.token, body: { result: 'x' } })).status).toBe(409);
    const tbv = await register(call({ outcome: 'callback' }));
    const empty = await api.call('POST', `/api/v1/contacts/${tbv.id}/callback-done`, { token: frontOffice.token, body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.detail).toContain('result');
  });
});

describe('paging', () => {
  it('pages both lists with {items, nextCursor} and refuses a cursor from the other list', async () => {
    tdb.setNow(MONDAY);
    for (let i = 0; i < 3; i += 1) await register(call({ outcome: 'callback', domain: 'zorg-en-jeugd', agency: 'CAK' }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.call(
        'GET', `/api/v1/contacts?domain=zorg-en-jeugd&openCallbacks=true&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: frontOffice.token });
      seen.push(...res.body.items.map((c) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);

    const first = await api.call('GET', '/api/v1/contacts?limit=2', { token: frontOffice.token });
    expect(first.body.items).toHaveLength(2);
    const second = await api.call('GET', `/api/v1/contacts?limit=2&cursor=${first.body.nextCursor}`, { token: frontOffice.token });
    expect(second.body.items.map((c: { id: string }) => c.id)).not.toContain(first.body.items[0].id);
    const mixed = await api.call('GET', `/api/v1/contacts?openCallbacks=true&cursor=${first.body.nextCursor}`, { token: frontOffice.token });
    expect(mixed.status).toBe(400);
    expect(mixed.body.detail).toContain('query.cursor');
  });
});

describe('linking the written complaint', () => {
  it('links the case that followed a call; the same case again changes nothing, another case is a conflict', async () => {
    tdb.setNow(MONDAY);
    const contact = await register(call({ outcome: 'asked_to_write' }));
    const first = await api.call('POST', '/api/v1/cases', { token: dispatcher.token, body: complaint({ channel: 'letter' }) });
    const second = await api.call('POST', '/api/v1/cases', { token: dispatcher.token, body: complaint() });
    tdb.setNow('2026-03-09T10:00:00Z');
    const linked = await api.call('POST', `/api/v1/contacts/${contact.id}/link`, { token: dispatcher.token, body: { caseId: first.body.id } });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ caseId: first.body.id, linkedAt: '2026-03-09T10:00:00.000Z' });
    const same = await api.call('POST', `/api/v1/contacts/${contact.id}/link`, { token: dispatcher.token, body: { caseId: first.body.id } });
    expect(same.status).toBe(200);
    expect(same.body.linkedAt).toBe('2026-03-09T10:00:00.000Z');
    const other = await api.call('POST', `/api/v1/contacts/${contact.id}/link`, { token: dispatcher.token, body: { caseId: second.body.id } });
    expect(other.status).toBe(409);
    expect(other.body.caseId).toBe(first.body.id);
  });

  it('refuses a case that does not exist, naming the field, and people who may not register', async () => {
    const contact = await register(call({ outcome: 'asked_to_write' }));
    const missing = await api.call('POST', `/api/v1/contacts/${contact.id}/link`, {
      token: dispatcher.token, body: { caseId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].field).toBe('caseId');
    const bad = await api.call('POST', `/api/v1/contacts/${contact.id}/link`, { token: dispatcher.token, body: { caseId: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('caseId');
    const c = await api.call('POST', '/api/v1/cases', { token: dispatcher.token, body: complaint() });
    expect((await api.call('POST', `/api/v1/contacts/${contact.id}/link`, { token: investigator.token, body: { caseId: c.body.id } })).status).toBe(403);
  });
});

describe('who sees which callers (personal data only where needed)', () => {
  let director: Awaited<ReturnType<typeof createStaff>>;
  let coordinator: Awaited<ReturnType<typeof createStaff>>;
  let inkomen: { id: string };
  let callbackToInkomen: { id: string };
  let leefomgeving: { id: string };
  let noDomain: { id: string };

  beforeAll(async () => {
    tdb.setNow(MONDAY);
    director = await createStaff(tdb.ctx, { roles: ['director'], domains: ['inkomen', 'leefomgeving', 'zorg-en-jeugd', 'veiligheid-en-migratie'] });
    coordinator = await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['zorg-en-jeugd'] });
    inkomen = await register(call({ outcome: 'put_through', caller: { name: 'Scope Inkomen', phone: '06-11111111' } }));
    callbackToInkomen = await register(call({
      outcome: 'callback', domain: 'veiligheid-en-migratie', callbackDomain: 'inkomen', caller: { name: 'Scope Terugbellen', phone: '06-22222222' },
    }));
    leefomgeving = await register(call({ outcome: 'callback', domain: 'leefomgeving', caller: { name: 'Scope Leefomgeving', phone: '06-33333333', email: 'leef@example.nl' } }));
    noDomain = await register({ summary: 'Algemene vraag', outcome: 'advised', advice: 'Uitgelegd', caller: { name: 'Scope Zonder Domein' } });
  });

  async function listed(token: string, query = ''): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await api.call(
        'GET', `/api/v1/contacts?limit=500${query}${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(res.status).toBe(200);
      ids.push(...res.body.items.map((c) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    return ids;
  }

  it('lists to investigators and team managers only the contacts of their domains (the contact’s or its callback’s)', async () => {
    for (const who of [investigator, manager]) {
      const ids = await listed(who.token);
      expect(ids).toContain(inkomen.id);
      expect(ids).toContain(callbackToInkomen.id);
      expect(ids).not.toContain(leefomgeving.id);
      expect(ids).not.toContain(noDomain.id);
    }
    const other = await listed(otherDomainInvestigator.token);
    expect(other).toContain(leefomgeving.id);
    expect(other).not.toContain(inkomen.id);
    expect(other).not.toContain(callbackToInkomen.id);
  });

  it('gives only contacts that touch one’s own domains when one asks for another domain', async () => {
    const touchesInkomen = async (id: string) => {
      const c = (await api.call('GET', `/api/v1/contacts/${id}`, { token: director.token })).body;
      return c.domain === 'inkomen' || c.callback?.domain === 'inkomen';
    };
    for (const query of ['&domain=leefomgeving', '&domain=leefomgeving&openCallbacks=true']) {
      const ids = await listed(investigator.token, query);
      expect(ids).not.toContain(leefomgeving.id);
      for (const id of ids) expect(await touchesInkomen(id)).toBe(true);
    }
    expect(await listed(investigator.token, '&domain=veiligheid-en-migratie')).toContain(callbackToInkomen.id);
    expect(await listed(coordinator.token, '&domain=leefomgeving')).toEqual([]);
    expect(await listed(coordinator.token, '&openCallbacks=true')).not.toContain(leefomgeving.id);
    const open = await listed(investigator.token, '&openCallbacks=true');
    expect(open).toContain(callbackToInkomen.id);
    expect(open).not.toContain(leefomgeving.id);
  });

  it('answers 404 for a single contact outside one’s domains, as for one that does not exist', async () => {
    for (const [who, id] of [[investigator, leefomgeving.id], [manager, leefomgeving.id], [investigator, noDomain.id], [coordinator, inkomen.id]] as const) {
      const res = await api.call('GET', `/api/v1/contacts/${id}`, { token: who.token });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('Scope');
    }
    const own = await api.call('GET', `/api/v1/contacts/${callbackToInkomen.id}`, { token: investigator.token });
    expect(own.status).toBe(200);
    expect(own.body.caller.name).toBe('Scope Terugbellen');
  });

  it('shows every contact of their domains to directors, dispatchers and the front office; calls about no domain only to who takes calls', async () => {
    for (const who of [director, dispatcher, frontOffice]) {
      const ids = await listed(who.token);
      for (const c of [inkomen, callbackToInkomen, leefomgeving]) expect(ids).toContain(c.id);
      expect((await api.call('GET', `/api/v1/contacts/${leefomgeving.id}`, { token: who.token })).status).toBe(200);
      if (who === director) expect(ids).not.toContain(noDomain.id);
      else expect(ids).toContain(noDomain.id);
    }
  });

  it('lets a coordinator link only a contact they may see (or registered themselves)', async () => {
    // a complaint about the CAK is (suggested) for Zorg en Jeugd, the coordinator's own domain
    const c = await api.call('POST', '/api/v1/cases', { token: dispatcher.token, body: complaint({ agency: 'CAK' }) });
    const res = await api.call('POST', `/api/v1/contacts/${leefomgeving.id}/link`, { token: coordinator.token, body: { caseId: c.body.id } });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('Scope');
    const mine = await api.call('POST', '/api/v1/contacts', {
      token: coordinator.token, body: call({ outcome: 'asked_to_write', domain: 'leefomgeving', caller: { name: 'Scope Eigen' } }),
    });
    expect(mine.status).toBe(201);
    expect((await api.call('GET', `/api/v1/contacts/${mine.body.id}`, { token: coordinator.token })).status).toBe(200);
    expect((await api.call('POST', `/api/v1/contacts/${mine.body.id}/link`, { token: coordinator.token, body: { caseId: c.body.id } })).status).toBe(200);
  });

  it('lets a coordinator link only to a case of their own domains; dispatchers and the front office link to any', async () => {
    const theirs = await register(call({ outcome: 'asked_to_write', domain: 'zorg-en-jeugd', agency: 'CAK', caller: { name: 'Scope Domein' } }));
    // a complaint about the Belastingdienst is not for Zorg en Jeugd
    const elsewhere = await api.call('POST', '/api/v1/cases', { token: dispatcher.token, body: complaint() });
    expect(elsewhere.body.domain ?? elsewhere.body.suggestedRoute.domain).not.toBe('zorg-en-jeugd');
    const refused = await api.call('POST', `/api/v1/contacts/${theirs.id}/link`, { token: coordinator.token, body: { caseId: elsewhere.body.id } });
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0]).toMatchObject({
      field: 'caseId', nl: 'Dit dossier hoort bij een domein waarin u niet werkt: u kunt er geen telefoongesprek aan koppelen.',
    });
    expect((await api.call('GET', `/api/v1/contacts/${theirs.id}`, { token: director.token })).body.caseId).toBeNull();
    // the front office (no domains of its own) and dispatchers (every domain) may
    expect((await api.call('POST', `/api/v1/contacts/${theirs.id}/link`, { token: frontOffice.token, body: { caseId: elsewhere.body.id } })).status).toBe(200);
    const another = await register(call({ outcome: 'asked_to_write', domain: 'zorg-en-jeugd', agency: 'CAK' }));
    expect((await api.call('POST', `/api/v1/contacts/${another.id}/link`, { token: dispatcher.token, body: { caseId: elsewhere.body.id } })).status).toBe(200);
  });
});
