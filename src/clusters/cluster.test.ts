import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy.ts';
import { registerCase } from '../cases/case.service.ts';
import { routeCase } from '../cases/case.transitions.ts';
import { production } from '../dashboards/production.service.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import {
  addToCluster, assignClusterHandler, closeCluster, clusterDetail, clusters, clusterSuggestions, confirmCluster, laterComplaintsFor,
  removeFromCluster,
} from './cluster.service.ts';

/**
 * Issue 7, must-shows 4 (second half) and 5: a cluster is one investigation
 * with its own handler; closing it closes every complaint with one reaction
 * per petitioner, and production counts it once per petitioner closed.
 */
let tdb: TestDatabase;
let dispatcher: Actor;
let coordinator: Actor;
let handler: Actor;
const ids: Record<string, string> = {};

const CJIB = [
  ['a1', { name: 'Anna Smit', email: 'anna@example.nl' }, 'Ik heb mijn verkeersboete van het CJIB op tijd betaald, maar toch kreeg ik een aanmaning met verhoging.'],
  ['a2', { name: 'Anna Smit', email: 'ANNA@example.nl' }, 'Opnieuw een aanmaning van het CJIB met verhoging voor een boete die ik allang betaald had.'],
  ['b', { name: 'Bert Kok', email: 'bert@example.nl' }, 'Het CJIB stuurt mij een aanmaning met verhoging terwijl de boete op tijd betaald is; mijn bank laat de betaling zien.'],
  ['c', { name: 'Cor de Wit', address: 'Dorpsstraat 4\n1234 AB Ergens' }, 'Boete keurig betaald maar het CJIB heeft de betaling niet verwerkt en stuurt een aanmaning met een verhoging.'],
] as const;

beforeAll(async () => {
  tdb = await createTestDatabase();
  tdb.setNow('2024-05-13T08:00:00Z');
  const { ctx } = tdb;
  dispatcher = await createStaff(ctx, { roles: ['dispatcher'], login: 'wv' });
  coordinator = await createStaff(ctx, { roles: ['coordinator'], login: 'co', domains: ['inkomen'] });
  handler = await createStaff(ctx, { roles: ['investigator'], login: 'ukb', domains: ['inkomen', 'leefomgeving'], unit: 'extended' });
  const add = async (key: string, petitioner: { name: string; email?: string; address?: string }, description: string, subject = 'Aanmaning na betaalde boete') => {
    const c = (await registerCase(ctx, dispatcher, complaint({ petitioner, agency: 'CJIB', subject, description }))).case;
    await routeCase(ctx, dispatcher, c.id, { domain: 'inkomen', unit: 'standard' });
    ids[key] = c.id;
  };
  for (const [key, petitioner, text] of CJIB) await add(key, petitioner, text);
  await add('other', { name: 'Dirk Los', email: 'dirk@example.nl' }, 'Het CJIB heeft mijn rijbewijs ingevorderd zonder dat ik een brief kreeg over een openstaande schuld.', 'Rijbewijs ingevorderd zonder brief');
}, 60_000);
afterAll(async () => {
  await tdb?.close();
});

describe('a cluster', () => {
  let clusterId: string;

  it('is suggested for the complaints that share a theme, not for the one about something else', async () => {
    const suggested = await clusterSuggestions(tdb.ctx);
    const mine = suggested.find((s) => s.members.includes(ids.a1!));
    expect(mine?.members.slice().sort()).toEqual([ids.a1, ids.a2, ids.b, ids.c].sort());
    expect(suggested.some((s) => s.members.includes(ids.other!))).toBe(false);
  });

  it('is confirmed by a coordinator and handed to a handler at the extended unit', async () => {
    clusterId = await confirmCluster(tdb.ctx, coordinator, { title: 'CJIB: aanmaning na betaling', caseIds: [ids.a1!, ids.a2!, ids.b!] });
    await assignClusterHandler(tdb.ctx, coordinator, clusterId, { investigatorId: handler.id });
    const rows = await tdb.ctx.db.selectFrom('cases').select(['id', 'status', 'unit_id', 'investigator_id']).where('id', 'in', [ids.a1!, ids.a2!, ids.b!]).execute();
    expect(rows.map((r) => [r.status, r.unit_id, r.investigator_id])).toEqual(Array(3).fill(['assigned', 'extended', handler.id]));
  });

  it('is for coordinators of its domains only: another domain’s coordinator neither sees nor changes it', async () => {
    const other = await createStaff(tdb.ctx, { roles: ['coordinator'], login: 'co2', domains: ['leefomgeving'] });
    expect((await clusters(tdb.ctx, other)).map((k) => k.id)).not.toContain(clusterId);
    expect((await clusters(tdb.ctx, coordinator)).map((k) => k.id)).toContain(clusterId);
    await expect(clusterDetail(tdb.ctx, other, clusterId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(removeFromCluster(tdb.ctx, other, clusterId, { caseId: ids.b! })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lets a complaint be taken out again, with an event in its history', async () => {
    const extra = (await registerCase(tdb.ctx, dispatcher, complaint({ agency: 'CJIB', subject: 'Aanmaning na betaalde boete', description: CJIB[2][2] }))).case;
    await routeCase(tdb.ctx, dispatcher, extra.id, { domain: 'inkomen', unit: 'standard' });
    await addToCluster(tdb.ctx, coordinator, clusterId, { caseId: extra.id });
    await removeFromCluster(tdb.ctx, coordinator, clusterId, { caseId: extra.id });
    const { members } = await clusterDetail(tdb.ctx, coordinator, clusterId);
    expect(members.map((m) => m.id)).not.toContain(extra.id);
    const events = await tdb.ctx.db.selectFrom('case_events').select('type').where('case_id', '=', extra.id).execute();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['clustered', 'unclustered']));
  });

  it('suggests a complaint that arrived later, which joins the handler', async () => {
    const later = await laterComplaintsFor(tdb.ctx, coordinator, clusterId);
    expect(later.map((c) => c.id)).toEqual([ids.c]);
    await addToCluster(tdb.ctx, coordinator, clusterId, { caseId: ids.c! });
    const c = await tdb.ctx.db.selectFrom('cases').select(['status', 'investigator_id']).where('id', '=', ids.c!).executeTakeFirstOrThrow();
    expect(c).toEqual({ status: 'assigned', investigator_id: handler.id });
    await expect(confirmCluster(tdb.ctx, coordinator, { title: 'Dubbel', caseIds: [ids.c!, ids.other!] })).rejects.toMatchObject({ code: 'validation' });
  });

  it('closes with every complaint closed and one reaction per petitioner; production counts it once per petitioner', async () => {
    tdb.setNow('2024-05-15T14:00:00Z');
    const r = await closeCluster(tdb.ctx, coordinator, clusterId, {
      outcome: 'intervention',
      registration: { agreement: 'Het CJIB verwerkt de betalingen alsnog en trekt de verhogingen in.', result: 'Verhoging vervalt.' },
      subject: 'Uw klacht {{dossiernummer}} over het CJIB',
      reaction: 'Beste {{naam}},\n\nHet CJIB trekt de verhoging in.',
    });
    expect(r).toEqual({ closed: 4, reactions: 3 });
    const statuses = await tdb.ctx.db.selectFrom('cases').select('status').where('id', 'in', [ids.a1!, ids.a2!, ids.b!, ids.c!]).execute();
    expect(statuses.every((s) => s.status === 'closed')).toBe(true);
    const mails = await tdb.ctx.db.selectFrom('mail_outbox').select(['recipient', 'body_text']).where('kind', '=', 'clusterReaction').orderBy('recipient').execute();
    // Anna wrote twice (the same address, written differently): one reaction.
    expect(mails.map((m) => m.recipient.toLowerCase()).sort()).toEqual(['anna@example.nl', 'bert@example.nl']);
    expect(mails.find((m) => m.recipient.toLowerCase() === 'anna@example.nl')!.body_text).toContain('Beste Anna Smit,');
    // Each reaction by e-mail is tied to its case's notice, as receipts are: the outbox shows it only to who may read the case.
    const linked = await tdb.ctx.db.selectFrom('case_notices').select('mail_id').where('kind', '=', 'reaction').where('channel', '=', 'email').execute();
    expect(linked).toHaveLength(2);
    expect(linked.every((n) => n.mail_id !== null)).toBe(true);
    const letters = await tdb.ctx.db.selectFrom('case_notices').select(['case_id', 'channel']).where('kind', '=', 'reaction').where('channel', '=', 'letter').execute();
    expect(letters).toEqual([{ case_id: ids.c, channel: 'letter' }]);

    const p = await production(tdb.ctx, { from: new Date('2024-05-13T00:00:00Z'), to: new Date('2024-05-20T00:00:00Z') });
    // Four complaints from three petitioners: three closed for the handler.
    expect(p.people.find((x) => x.id === handler.id)?.closed).toBe(3);
    await expect(closeCluster(tdb.ctx, coordinator, clusterId, { outcome: 'intervention', registration: {}, subject: 'x', reaction: 'y' })).rejects.toMatchObject({ code: 'transition_forbidden' });
  });
});
