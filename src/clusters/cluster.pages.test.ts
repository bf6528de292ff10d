import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCase } from '../cases/case.service.ts';
import { routeCase } from '../cases/case.transitions.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { pageClient, type PageClient } from '../testing/web.ts';

/** /clusters in pages: a coordinator confirms a suggestion, gives it a handler and closes it; others may not. */
let tdb: TestDatabase;
let api: TestApi;
let coordinator: PageClient;
let investigator: PageClient;
let handlerId: string;
const dossiers: string[] = [];

const TEXTS = [
  'De gemeente heeft zonder overleg alle bomen in onze straat gekapt. Niemand is vooraf geïnformeerd.',
  'Zonder enige aankondiging zijn de bomen in de straat gekapt door de gemeente, wij zijn nooit geïnformeerd.',
  'Bij ons in de straat heeft de gemeente de bomen gekapt zonder de bewoners te informeren of overleg.',
];

beforeAll(async () => {
  tdb = await createTestDatabase();
  tdb.setNow('2024-05-13T08:00:00Z');
  api = await startTestApi(tdb.ctx);
  const { ctx } = tdb;
  const dispatcher = await createStaff(ctx, { roles: ['dispatcher'], login: 'wv' });
  coordinator = await pageClient(api, ctx, (await createStaff(ctx, { roles: ['coordinator'], login: 'co', domains: ['leefomgeving'] })).id);
  investigator = await pageClient(api, ctx, (await createStaff(ctx, { roles: ['investigator'], login: 'ko', domains: ['leefomgeving'] })).id);
  handlerId = (await createStaff(ctx, { roles: ['investigator'], login: 'ukb', domains: ['leefomgeving'], unit: 'extended' })).id;
  for (const [i, description] of TEXTS.entries()) {
    const c = (await registerCase(ctx, dispatcher, complaint({ petitioner: { name: `Bewoner ${i}`, email: `b${i}@example.nl` }, agency: 'Gemeente Utrecht', subject: 'Bomen gekapt zonder overleg', description }))).case;
    await routeCase(ctx, dispatcher, c.id, { domain: 'leefomgeving', unit: 'standard' });
    dossiers.push(c.dossierNumber);
  }
}, 60_000);
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

describe('clusters in the web app', () => {
  it('a coordinator confirms a suggested cluster, gives it a handler and closes it with a reaction to each petitioner', async () => {
    const list = await coordinator.get('/clusters');
    expect(list.status).toBe(200);
    for (const d of dossiers) expect(list.html).toContain(d);
    const caseIds = [...list.html.matchAll(/name="caseIds" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    expect(caseIds).toHaveLength(3);
    const made = await coordinator.post('/clusters', { title: 'Bomenkap zonder overleg', caseIds });
    expect(made.status).toBe(303);
    const url = made.location!.replace(/\?.*$/, '');
    expect((await coordinator.get(url)).html).toContain('Bomenkap zonder overleg');

    expect((await coordinator.post(`${url}/behandelaar`, { investigatorId: handlerId })).status).toBe(303);
    const fields = await coordinator.get(`${url}?uitkomst=advice`);
    expect(fields.html).toContain('Cluster afsluiten en reacties versturen');
    const missing = await coordinator.post(`${url}/afsluiten`, { outcome: 'advice', subject: 'Uw klacht {{dossiernummer}}', reaction: 'Beste {{naam}}' });
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('Vul dit veld in.');
    const closed = await coordinator.post(`${url}/afsluiten`, {
      outcome: 'advice', 'registration.advice': 'Maak bezwaar bij de gemeente tegen het kapbesluit.', subject: 'Uw klacht {{dossiernummer}}', reaction: 'Beste {{naam}},\n\nU kunt bezwaar maken.',
    });
    expect(closed.status).toBe(303);
    const mails = await tdb.ctx.db.selectFrom('mail_outbox').select('recipient').where('kind', '=', 'clusterReaction').execute();
    expect(mails.map((m) => m.recipient).sort()).toEqual(['b0@example.nl', 'b1@example.nl', 'b2@example.nl']);
    expect((await coordinator.get(url)).html).toContain('Afgesloten op');
  });

  it('is not for investigators', async () => {
    expect((await investigator.get('/clusters')).status).toBe(403);
  });
});
