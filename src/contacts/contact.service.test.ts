import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCase } from '../cases/case.service.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { caseContactsFor, linkContact, MAX_LINK_SUGGESTIONS, registerContact } from './contact.service.ts';

/** The case page's phone contacts per reader: the reader's scope is applied in the query, not after it. */
let tdb: TestDatabase;
let frontOffice: Awaited<ReturnType<typeof createStaff>>;
let dispatcher: Awaited<ReturnType<typeof createStaff>>;
let coordinator: Awaited<ReturnType<typeof createStaff>>;
let theCase: Parameters<typeof caseContactsFor>[2];
const own: string[] = [];
const others: string[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { ctx } = tdb;
  frontOffice = await createStaff(ctx, { roles: ['frontOffice'], domains: ['inkomen', 'leefomgeving', 'zorg-en-jeugd', 'veiligheid-en-migratie'], unit: 'frontOffice' });
  dispatcher = await createStaff(ctx, { roles: ['dispatcher'], domains: ['inkomen', 'leefomgeving', 'zorg-en-jeugd', 'veiligheid-en-migratie'] });
  coordinator = await createStaff(ctx, { roles: ['coordinator'], domains: ['inkomen'] });
  const call = (domain: string, summary: string) =>
    registerContact(ctx, frontOffice, { caller: { name: 'Karin Jansen', phone: '06-55566677' }, domain, summary, outcome: 'asked_to_write' });
  // two calls about Inkomen, then many more recent ones of the same number about another domain
  tdb.setNow('2026-02-02T09:00:00Z');
  for (let i = 0; i < 2; i += 1) own.push((await call('inkomen', `Eigen ${i}`)).id);
  for (let i = 0; i < 2 * MAX_LINK_SUGGESTIONS + 5; i += 1) {
    tdb.setNow(new Date(Date.parse('2026-02-10T09:00:00Z') + i * 60_000));
    others.push((await call('leefomgeving', `Elders ${i}`)).id);
  }
  tdb.setNow('2026-03-02T10:00:00Z');
  theCase = (await registerCase(ctx, dispatcher, complaint({ petitioner: { name: 'Karin Jansen', phone: '+31 6 55566677' }, agency: 'UWV' }))).case;
}, 60_000);
afterAll(async () => {
  await tdb?.close();
});

describe('the contacts suggested on a case page', () => {
  it('gives a domain-scoped reader their own callers, however many others match', async () => {
    const { suggested, linked } = await caseContactsFor(tdb.ctx, coordinator, theCase);
    expect(suggested.map((m) => m.contact.id).sort()).toEqual([...own].sort());
    expect(suggested.every((m) => m.reasons.includes('phone'))).toBe(true);
    expect(linked).toEqual([]);
  });

  it('gives a reader who sees every contact at most the limit, the latest first', async () => {
    const { suggested } = await caseContactsFor(tdb.ctx, dispatcher, theCase);
    expect(suggested).toHaveLength(MAX_LINK_SUGGESTIONS);
    expect(suggested.map((m) => m.contact.id)).toEqual(others.slice(-MAX_LINK_SUGGESTIONS).reverse());
  });

  it('lists the linked contacts only as far as the reader may see them', async () => {
    await linkContact(tdb.ctx, dispatcher, others[0]!, { caseId: theCase.id });
    await linkContact(tdb.ctx, dispatcher, own[0]!, { caseId: theCase.id });
    expect((await caseContactsFor(tdb.ctx, coordinator, theCase)).linked.map((c) => c.id)).toEqual([own[0]]);
    expect((await caseContactsFor(tdb.ctx, dispatcher, theCase)).linked.map((c) => c.id)).toEqual([own[0], others[0]]);
    expect((await caseContactsFor(tdb.ctx, coordinator, theCase)).suggested.map((m) => m.contact.id)).toEqual([own[1]]);
  });
});
