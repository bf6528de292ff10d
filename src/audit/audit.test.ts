import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAttachment } from '../cases/annotation.service.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { pageClient, type PageClient } from '../testing/web.ts';

/** Every view and export of a case's personal data is in the audit log, and the privacy officer reads it. */
let tdb: TestDatabase;
let api: TestApi;
let coordinator: Awaited<ReturnType<typeof createStaff>>;
let coordinatorPage: PageClient;
let outsiderPage: PageClient;
let privacyPage: PageClient;
let caseId: string;
let dossier: string;

const log = () => tdb.ctx.db.selectFrom('audit_log').selectAll().orderBy('at').orderBy('route').execute();

beforeAll(async () => {
  tdb = await createTestDatabase();
  api = await startTestApi(tdb.ctx);
  const admin = await createStaff(tdb.ctx, { roles: ['admin'], login: 'audit-admin' });
  coordinator = await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['inkomen'], login: 'audit-coordinator' });
  const outsider = await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['leefomgeving'], login: 'audit-outsider' });
  const privacy = await createStaff(tdb.ctx, { roles: ['privacyOfficer'], domains: [], login: 'audit-privacy' });
  coordinatorPage = await pageClient(api, tdb.ctx, coordinator.id);
  outsiderPage = await pageClient(api, tdb.ctx, outsider.id);
  privacyPage = await pageClient(api, tdb.ctx, privacy.id);
  const made = await api.call('POST', '/api/v1/cases', { token: admin.token, body: complaint({ petitioner: { name: 'Henk Inzagema', email: 'henk@example.nl' } }) });
  const routed = await api.call('POST', `/api/v1/cases/${made.body.id}/route`, { token: admin.token, body: { domain: 'inkomen', unit: 'standard' } });
  caseId = routed.body.id;
  dossier = routed.body.dossierNumber;
  await addAttachment(tdb.ctx, admin, caseId, { fileName: 'brief.pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await tdb.ctx.db.deleteFrom('audit_log').execute();
});

afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

describe('the audit log of personal data', () => {
  it('writes who saw which dossier, where, for a page, the API, a search and a download', async () => {
    tdb.setNow('2026-03-02T10:00:00Z');
    expect((await coordinatorPage.get(`/zaken/${caseId}`)).html).toContain('Henk Inzagema');
    tdb.setNow('2026-03-02T10:01:00Z');
    expect((await api.call('GET', `/api/v1/cases/${caseId}`, { token: coordinator.token })).status).toBe(200);
    tdb.setNow('2026-03-02T10:02:00Z');
    expect((await coordinatorPage.get('/zoeken?q=Inzagema')).html).toContain(dossier);
    tdb.setNow('2026-03-02T10:03:00Z');
    const file = await tdb.ctx.db.selectFrom('attachments').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect((await coordinatorPage.get(`/zaken/${caseId}/bijlagen/${file.id}`)).status).toBe(200);
    const rows = await log();
    expect(rows.map((r) => [r.actor_login, r.dossier_number, r.action, r.route, r.at.toISOString()])).toEqual([
      ['audit-coordinator', dossier, 'view', `/zaken/${caseId}`, '2026-03-02T10:00:00.000Z'],
      ['audit-coordinator', dossier, 'view', `/api/v1/cases/${caseId}`, '2026-03-02T10:01:00.000Z'],
      ['audit-coordinator', dossier, 'search', '/zoeken', '2026-03-02T10:02:00.000Z'],
      ['audit-coordinator', dossier, 'download', `/zaken/${caseId}/bijlagen/${file.id}`, '2026-03-02T10:03:00.000Z'],
    ]);
    expect(rows.every((r) => r.actor_id === coordinator.id && r.case_id === caseId)).toBe(true);
  });

  it('writes nothing for a refused view, and the search of an outsider finds nothing', async () => {
    const before = (await log()).length;
    const refused = await outsiderPage.get(`/zaken/${caseId}`);
    expect(refused.status).toBe(403);
    expect(refused.html).not.toContain('Henk Inzagema');
    expect((await outsiderPage.get('/zoeken?q=Inzagema')).html).not.toContain(dossier);
    expect((await log()).length).toBe(before);
  });

  it('shows the privacy officer the log, filtered, and exports it as CSV', async () => {
    const page = await privacyPage.get(`/privacy/inzage?medewerker=audit-coordinator&dossier=${encodeURIComponent(dossier)}&actie=view`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`/zaken/${caseId}`);
    expect(page.html).toContain(`/api/v1/cases/${caseId}`);
    expect(page.html).not.toContain('<td class="utrecht-table__cell">/zoeken</td>');
    expect(page.html).toContain(`<td class="utrecht-table__cell">/zaken/${caseId}</td>`);
    const csv = await fetch(`${api.url}/privacy/inzage.csv?medewerker=audit-coordinator`, { headers: { cookie: privacyPage.cookie } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('Moment (UTC),Medewerker,Dossier,Handeling,Pagina,Reden');
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(['Bijlage gedownload', 'Zoekresultaat', 'Bekeken', 'Bekeken']);
    const bad = await privacyPage.get('/privacy/inzage?van=gisteren');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('JJJJ-MM-DD');
    expect((await coordinatorPage.get('/privacy/inzage')).status).toBe(403);
  });
});
