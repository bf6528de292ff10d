import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedCommands, CASE_STATUSES, type CaseStatus, type CommandType } from '../core/lifecycle.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';

/**
 * Every command against a case in every status, through the API: the allowed
 * ones succeed, the forbidden ones get 409 naming exactly the allowed ones and
 * change nothing.
 */
let tdb: TestDatabase;
let api: TestApi;
let token: string;
let investigatorId: string;
let otherInvestigatorId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  api = await startTestApi(tdb.ctx);
  token = (await createStaff(tdb.ctx, { roles: ['admin'] })).token;
  investigatorId = (await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen', 'leefomgeving'] })).id;
  otherInvestigatorId = (await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen', 'leefomgeving'] })).id;
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

type Case = { id: string; version: number; status: CaseStatus };

const post = async (path: string, body: unknown, method = 'POST') => {
  const res = await api.call(method, path, { token, body });
  return res;
};

/** Brings a new case into the given status through the API. */
async function caseIn(status: CaseStatus): Promise<Case> {
  let c: Case = (await post('/api/v1/cases', complaint())).body;
  const step = async (path: string, body: unknown) => {
    const res = await post(`/api/v1/cases/${c.id}/${path}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    c = res.body;
  };
  if (status === 'received') return c;
  if (status === 'transferred') {
    await step('transfer', { unit: 'research', reason: 'structureel' });
    return c;
  }
  await step('route', { domain: 'inkomen', unit: 'standard' });
  if (status === 'queued') return c;
  await step('assign', { investigatorId, proposal: 'Bellen', version: c.version });
  if (status === 'assigned') return c;
  await step('first-contact', {});
  if (status === 'in_progress') return c;
  await step('close', { outcome: 'intervention' });
  return c;
}

const COMMANDS: Record<CommandType, (c: Case) => [string, string, unknown]> = {
  route: (c) => ['POST', `/api/v1/cases/${c.id}/route`, { domain: 'inkomen', unit: 'standard' }],
  setLanes: (c) => ['PATCH', `/api/v1/cases/${c.id}/lanes`, { pop: true }],
  assign: (c) => ['POST', `/api/v1/cases/${c.id}/assign`, { investigatorId: otherInvestigatorId, proposal: 'Over', version: c.version }],
  recordFirstContact: (c) => ['POST', `/api/v1/cases/${c.id}/first-contact`, {}],
  close: (c) => ['POST', `/api/v1/cases/${c.id}/close`, { outcome: 'KEN' }],
  transfer: (c) => ['POST', `/api/v1/cases/${c.id}/transfer`, { unit: 'research', reason: 'structureel probleem' }],
  move: (c) => ['POST', '/api/v1/cases/bulk/move', { cases: [{ id: c.id, version: c.version }], domain: 'leefomgeving', reason: 'reorganisatie' }],
  aftercare: (c) => ['POST', `/api/v1/cases/${c.id}/aftercare`, { note: 'Nazorg' }],
  reopen: (c) => ['POST', `/api/v1/cases/${c.id}/reopen`, { reason: 'Opnieuw' }],
};

describe.each(CASE_STATUSES)('a case that is %s', (status) => {
  it.each(Object.keys(COMMANDS) as CommandType[])('%s', async (command) => {
    const c = await caseIn(status);
    expect(c.status).toBe(status);
    const [method, path, body] = COMMANDS[command](c);
    const res = await post(path, body, method);
    const after = (await api.call('GET', `/api/v1/cases/${c.id}`, { token })).body;
    if (allowedCommands(status).includes(command)) {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(after.version).toBe(c.version + 1);
      expect(after.events).toHaveLength(c.version + 1);
    } else {
      expect(res.status).toBe(409);
      expect(res.body.allowed).toEqual(allowedCommands(status));
      expect(after.version).toBe(c.version);
      expect(after.status).toBe(status);
    }
  });
});
