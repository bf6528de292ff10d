import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCase } from '../cases/case.service.ts';
import { assignCase, closeCase, routeCase } from '../cases/case.transitions.ts';
import { markCallbackDone, registerContact } from '../contacts/contact.service.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { production } from './production.service.ts';

/**
 * DOMAIN.md, "Steering figures": production counts closed cases, one
 * definition in every domain; a callback request (TBV) is not a case and never
 * counts, however much work it took. Known answers: two cases closed and three
 * callback requests done by the same investigator in one week = 2.
 */
let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.close();
});

describe('production figures', () => {
  it('count the closed cases of a week and none of the callback requests', async () => {
    const { ctx } = tdb;
    tdb.setNow('2024-05-13T08:00:00Z'); // a Monday
    const dispatcher = await createStaff(ctx, { roles: ['dispatcher'], login: 'wv' });
    const coordinator = await createStaff(ctx, { roles: ['coordinator'], login: 'co', domains: ['inkomen'] });
    const frontOffice = await createStaff(ctx, { roles: ['frontOffice'], login: 'fo' });
    const investigator = await createStaff(ctx, { roles: ['investigator'], login: 'ko', domains: ['inkomen'] });
    for (let i = 0; i < 2; i++) {
      const c = (await registerCase(ctx, dispatcher, complaint())).case;
      const routed = await routeCase(ctx, dispatcher, c.id, { domain: 'inkomen', unit: 'standard' });
      const assigned = await assignCase(ctx, coordinator, c.id, { investigatorId: investigator.id, version: routed.version, handlingType: 'investigation', proposal: 'Bellen' });
      tdb.setNow(`2024-05-1${4 + i}T10:00:00Z`);
      await closeCase(ctx, investigator, c.id, { outcome: 'advice', version: assigned.version, registration: { advice: 'Bezwaar maken bij de Belastingdienst.' } });
    }
    for (let i = 0; i < 3; i++) {
      const tbv = await registerContact(ctx, frontOffice, {
        caller: { name: `Beller ${i}`, phone: '06-12345678' }, summary: 'Wil teruggebeld worden over een toeslag', outcome: 'callback', domain: 'inkomen',
      });
      await markCallbackDone(ctx, investigator, tbv.id, { result: 'Teruggebeld en uitgelegd hoe bezwaar werkt.' });
    }
    const p = await production(ctx, { from: new Date('2024-05-13T00:00:00Z'), to: new Date('2024-05-20T00:00:00Z') });
    const mine = p.people.find((x) => x.id === investigator.id)!;
    expect(mine.closed).toBe(2);
    expect(p.team.map((w) => w.closed)).toEqual([2]);
  });
});
