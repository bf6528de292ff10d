import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAttachment } from '../cases/annotation.service.ts';
import { confirmCluster } from '../clusters/cluster.service.ts';
import { claimCase, planSession } from '../lanes/lanes.service.ts';
import { registerCallOutcome } from '../notices/calllist.service.ts';
import { runDelayNotices } from '../notices/notice.delay.ts';
import { writeNoticeSettings } from '../notices/notice.settings.ts';
import { escalate } from '../screening/escalation.service.ts';
import { apiRoutes } from '../http/app.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { pageClient, type PageClient } from '../testing/web.ts';
import { webPages } from '../web/pages.ts';
import { can, ROLES, type Actor, type Permission, type Role } from './policy.ts';

/**
 * The role x route matrix, generated from the routes themselves: every page
 * and API route is tried anonymously and as every role. A role without the
 * route's permission is refused (pages: 403 with the Dutch message; API: 403
 * problem+json; anonymous: the log-in page or 401). A role with it gets past
 * the gate. Then every GET route is read by every role scoped to
 * Leefomgeving, with the ids and search words of Inkomen's cases: no answer
 * contains an Inkomen petitioner's name, e-mail, phone, address, complaint
 * text or note, nor the caller of an Inkomen phone contact.
 *
 * Inkomen's petitioners are seeded into every feature that shows them: the
 * case itself (note, attachment), a phone contact, the mail outbox (a delay
 * notice by e-mail), the call list (Inkomen is a pilot domain; a call
 * attempt with a note), the letters to print (a delay notice by letter), a
 * confirmed cluster, a B session with a case on its board and one handed
 * out, and an escalation to research. Every `:id` route is tried with each
 * of those ids; PDFs are read with pdftotext, spreadsheets unzipped.
 *
 * Admin holds every right by definition (the application manager; every view
 * is audited), so the cross-domain check covers the other roles.
 */
const HOME = 'leefomgeving';
const OTHER = 'inkomen';
const GATE_DENIED = 'U hebt geen toegang tot deze pagina of handeling.';

const OTHER_SECRETS = [
  'Bram Betazorg', 'bram.betazorg@example.nl', '0622 22 22 22',
  'Bea Gammaveld', 'bea.gammaveld@example.nl', '0633 33 33 33',
  'Bob Epsilonweg', 'bob.epsilonweg@example.nl',
  'Berta Zetastraat', 'Zetastraat 4',
  'Boris Etaveld', 'boris.etaveld@example.nl', '0655 55 55 55',
  'Beppie Deltadijk', '0644 44 44 44',
  'Geheime notitie Betazorg', 'Belnotitie Betazorg', 'Klachttekst-Inkomen',
];
/** Ten days ago: past the delay notice's day 8. */
const RECEIVED = '2026-02-20T09:00:00.000Z';

let db: TestDatabase;
let api: TestApi;
const actors = new Map<Role, Actor & { token: string; page: PageClient }>();
const ids: Record<string, string> = {};
/** Inkomen's own coordinator: sees what the Leefomgeving roles must not. */
let otherCoordinator: PageClient;

/** A route with its ids; a case within a lane session (`:caseId` beside `:id`) is the one handed out there. */
const fill = (url: string, id: string) =>
  url.replace(/:id\b/g, id).replace(/:caseId\b/g, url.includes(':id') ? ids.caseB5 ?? id : id).replace(/:attachmentId\b/, ids.attachmentB ?? id).replace(/:domain\b/, OTHER)
    .replace(/:day\b/, '2026-03-03').replace(/:[a-zA-Z]+/g, 'x');

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.ctx);
  for (const role of ROLES) {
    const staff = await createStaff(db.ctx, { roles: [role], domains: role === 'admin' ? [] : [HOME], login: `matrix-${role}` });
    actors.set(role, { ...staff, page: await pageClient(api, db.ctx, staff.id) });
  }
  const admin = actors.get('admin')!.token;
  const investigatorB = await createStaff(db.ctx, { roles: ['investigator'], domains: [OTHER], login: 'matrix-other-investigator' });
  const coordinatorB = await createStaff(db.ctx, { roles: ['coordinator'], domains: [OTHER], login: 'matrix-other-coordinator' });
  otherCoordinator = await pageClient(api, db.ctx, coordinatorB.id);
  const register = async (petitioner: { name: string; email?: string; phone?: string; address?: string }, domain: string) => {
    const body = complaint({ petitioner, receivedAt: new Date(RECEIVED), ...(domain === OTHER ? { description: `Klachttekst-Inkomen van ${petitioner.name}: de toeslag is teruggevorderd.` } : {}) });
    const made = await api.call('POST', '/api/v1/cases', { token: admin, body });
    expect(made.status).toBe(201);
    const routed = await api.call('POST', `/api/v1/cases/${made.body.id}/route`, { token: admin, body: { domain, unit: 'standard' } });
    expect(routed.status).toBe(200);
    return routed.body as { id: string; version: number; dossierNumber: string };
  };
  const a = await register({ name: 'Anna Alfaveen', email: 'anna.alfaveen@example.nl', phone: '0611 11 11 11' }, HOME);
  const b1 = await register({ name: 'Bram Betazorg', email: 'bram.betazorg@example.nl', phone: '0622 22 22 22' }, OTHER);
  const b2 = await register({ name: 'Bea Gammaveld', email: 'bea.gammaveld@example.nl', phone: '0633 33 33 33' }, OTHER);
  // By e-mail only (a delay notice in the outbox), by post only (a letter to print), and one for the B lane.
  const b3 = await register({ name: 'Bob Epsilonweg', email: 'bob.epsilonweg@example.nl' }, OTHER);
  const b4 = await register({ name: 'Berta Zetastraat', address: 'Zetastraat 4\n1234 AB Ergens' }, OTHER);
  const b5 = await register({ name: 'Boris Etaveld', email: 'boris.etaveld@example.nl', phone: '0655 55 55 55' }, OTHER);
  const assigned = await api.call('POST', `/api/v1/cases/${b2.id}/assign`, {
    token: admin, body: { investigatorId: investigatorB.id, proposal: 'Bellen met verzoeker', handlingType: 'investigation', version: b2.version },
  });
  expect(assigned.status).toBe(200);
  const admins = actors.get('admin')!.page;
  expect((await admins.post(`/zaken/${b1.id}/notitie`, { text: 'Geheime notitie Betazorg' })).status).toBe(303);
  const contact = await api.call('POST', '/api/v1/contacts', {
    token: admin,
    body: { caller: { name: 'Beppie Deltadijk', phone: '0644 44 44 44' }, domain: OTHER, summary: 'Vraag over toeslag', outcome: 'callback' },
  });
  expect(contact.status).toBe(201);
  const adminActor = actors.get('admin')!;
  await addAttachment(db.ctx, adminActor, b1.id, { fileName: 'brief-betazorg.pdf', data: Buffer.from('%PDF-1.4\nBram Betazorg\n%%EOF\n') });
  const attachment = await db.ctx.db.selectFrom('attachments').select('id').where('case_id', '=', b1.id).executeTakeFirstOrThrow();
  ids.attachmentB = attachment.id;

  // Telling petitioners: Inkomen calls instead of writing (the pilot); day 8 has passed for every case.
  await writeNoticeSettings(db.ctx.db, { pilotDomains: [OTHER], startsOn: '2026-01-01' });
  const run = await runDelayNotices(db.ctx);
  expect(run.made).toMatchObject({ call: 2, letter: 1 });
  const notices = await db.ctx.db.selectFrom('case_notices').select(['id', 'case_id', 'channel', 'mail_id']).execute();
  const letter = notices.find((n) => n.case_id === b4.id && n.channel === 'letter');
  const mail = notices.find((n) => n.case_id === b3.id && n.channel === 'email');
  expect(letter && mail?.mail_id && notices.some((n) => n.case_id === b1.id && n.channel === 'call')).toBeTruthy();
  await registerCallOutcome(db.ctx, adminActor, b1.id, { reached: false, note: 'Belnotitie Betazorg' });

  // A confirmed cluster of Inkomen complaints, a B session with a case on its board and one handed out, an escalation.
  const clusterB = await confirmCluster(db.ctx, coordinatorB, { title: 'Terugvorderingen toeslag', caseIds: [b1.id, b3.id] });
  for (const c of [b4, b5]) expect((await api.call('PATCH', `/api/v1/cases/${c.id}/lanes`, { token: admin, body: { b: true } })).status).toBe(200);
  const sessionB = await planSession(db.ctx, coordinatorB, { lane: 'b', domain: OTHER, day: '2026-03-02', people: [investigatorB.id] });
  await claimCase(db.ctx, investigatorB, sessionB, { caseId: b5.id });
  const escalation = await escalate(db.ctx, coordinatorB, { title: 'Terugvorderingen', description: 'Structureel probleem bij toeslagen.', dossiers: `${b4.dossierNumber} ${b1.dossierNumber}` });

  Object.assign(ids, {
    caseA: a.id, caseB1: b1.id, caseB2: b2.id, caseB3: b3.id, caseB4: b4.id, caseB5: b5.id, contactB: contact.body.id, dossierB1: b1.dossierNumber,
    mailB: mail!.mail_id!, letterB: letter!.id, clusterB, sessionB, escalationB: escalation.id,
  });
}, 120_000);

/** What a page shows as text: HTML and CSV as they are, a PDF through pdftotext, a spreadsheet unzipped. */
async function readPage(page: PageClient, url: string): Promise<string> {
  const res = await fetch(api.url + url, { headers: { cookie: page.cookie }, redirect: 'manual' });
  const type = res.headers.get('content-type') ?? '';
  const body = Buffer.from(await res.arrayBuffer());
  if (type.startsWith('application/pdf')) return execFileSync('pdftotext', ['-', '-'], { input: body }).toString('utf8');
  if (type.includes('spreadsheetml')) {
    const dir = mkdtempSync(join(tmpdir(), 'grip-matrix-'));
    try {
      writeFileSync(join(dir, 'sheet.xlsx'), body);
      return execFileSync('unzip', ['-p', join(dir, 'sheet.xlsx')]).toString('utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return body.toString('utf8');
}

afterAll(async () => {
  await api?.close();
  await db?.close();
});

describe('every route, every role', () => {
  it('lets nobody past a page or API route without its permission, and everyone with it', async () => {
    const pages = webPages(db.ctx);
    const routes = apiRoutes(db.ctx);
    expect(pages.length).toBeGreaterThan(100);
    expect(routes.length).toBeGreaterThan(20);
    const failures: string[] = [];
    let denials = 0;
    for (const page of pages) {
      const url = fill(page.url, ids.caseA!);
      const anonymous = await fetch(api.url + url, { method: page.method, redirect: 'manual' });
      if (page.permission === null) {
        if (anonymous.status >= 500 || anonymous.status === 403) failures.push(`anonymous ${page.method} ${page.url}: ${anonymous.status}`);
      } else if (anonymous.status !== 302 || !anonymous.headers.get('location')?.startsWith('/inloggen')) {
        failures.push(`anonymous ${page.method} ${page.url}: ${anonymous.status}, not sent to log in`);
      } else denials += 1;
      if (page.permission === null || page.permission === 'any') continue;
      for (const [role, actor] of actors) {
        const res = page.method === 'GET' ? await actor.page.get(url) : await actor.page.post(url, {});
        const allowed = can(actor, page.permission as Permission);
        const gated = res.status === 403 && res.html.includes(GATE_DENIED);
        if (!allowed && !gated) failures.push(`${role} ${page.method} ${page.url}: ${res.status}, expected the 403 page`);
        if (!allowed && gated) denials += 1;
        if (allowed && gated) failures.push(`${role} ${page.method} ${page.url}: refused although the role has ${page.permission}`);
        if (res.status >= 500) failures.push(`${role} ${page.method} ${page.url}: ${res.status}`);
      }
    }
    for (const route of routes) {
      const url = fill(route.url, ids.caseA!);
      const anonymous = await api.call(route.method, url, route.method === 'GET' ? {} : { body: {} });
      if (route.permission === null) {
        if (anonymous.status >= 500 || anonymous.status === 401 || anonymous.status === 403) failures.push(`anonymous ${route.method} ${route.url}: ${anonymous.status}`);
        continue;
      }
      if (anonymous.status !== 401 || anonymous.headers.get('www-authenticate') !== 'Bearer') failures.push(`anonymous ${route.method} ${route.url}: ${anonymous.status}`);
      else denials += 1;
      for (const [role, actor] of actors) {
        const res = await api.call(route.method, url, { token: actor.token, ...(route.method === 'GET' ? {} : { body: {} }) });
        const allowed = can(actor, route.permission);
        const gated = res.status === 403 && res.headers.get('content-type')?.startsWith('application/problem+json') && String(res.body.detail).includes(`may not ${route.permission}`);
        if (!allowed && !gated) failures.push(`${role} ${route.method} ${route.url}: ${res.status}, expected 403 problem+json`);
        if (!allowed && gated) denials += 1;
        if (allowed && gated) failures.push(`${role} ${route.method} ${route.url}: refused although the role has ${route.permission}`);
        if (res.status >= 500) failures.push(`${role} ${route.method} ${route.url}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(denials).toBeGreaterThan(500);
  }, 600_000);
});

describe('personal data stays in its domain', () => {
  it('shows a case to who may see it (the check below can fail)', async () => {
    const page = await actors.get('coordinator')!.page.get(`/zaken/${ids.caseA}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Anna Alfaveen');
    const other = await actors.get('coordinator')!.page.get(`/zaken/${ids.caseB1}`);
    expect(other.status).toBe(403);
    expect(other.html).not.toContain('Bram Betazorg');
  });

  it('shows the seeded Inkomen data where it belongs, to who may see it (so the check below can fail)', async () => {
    const admin = actors.get('admin')!.page;
    const dossier = async (id: string) => (await db.ctx.db.selectFrom('cases').select('dossier_number').where('id', '=', id).executeTakeFirstOrThrow()).dossier_number;
    // Lane boards, escalations and the tray name dossiers, agencies and subjects only: their dossier numbers show the seed is there.
    const expectations: [PageClient, string, string][] = [
      [admin, '/postvak-uit', 'bob.epsilonweg@example.nl'],
      [admin, `/postvak-uit/${ids.mailB}`, 'Bob Epsilonweg'],
      [otherCoordinator, '/bellijst', 'Bram Betazorg'],
      [otherCoordinator, `/bellijst/${ids.caseB1}`, 'Belnotitie Betazorg'],
      [otherCoordinator, '/berichten/brieven', 'Berta Zetastraat'],
      [otherCoordinator, `/berichten/${ids.letterB}/brief.pdf`, 'Zetastraat 4'],
      [otherCoordinator, `/clusters/${ids.clusterB}`, 'Bob Epsilonweg'],
      [otherCoordinator, `/lanen/${ids.sessionB}`, await dossier(ids.caseB4!)],
      [otherCoordinator, `/lanen/${ids.sessionB}/rapport`, await dossier(ids.caseB5!)],
      [otherCoordinator, `/lanen/${ids.sessionB}/zaken/${ids.caseB5}/afsluiten?uitkomst=KEN`, await dossier(ids.caseB5!)],
      [otherCoordinator, '/screening/escalaties', await dossier(ids.caseB4!)],
      [otherCoordinator, `/bak?domein=${OTHER}`, await dossier(ids.caseB4!)],
    ];
    const missing: string[] = [];
    for (const [page, url, secret] of expectations) if (!(await readPage(page, url)).includes(secret)) missing.push(`${url}: ${secret}`);
    expect(missing).toEqual([]);
  });

  it('never gives a Leefomgeving role an Inkomen petitioner, by any GET route, id or search', async () => {
    const gets = [
      ...webPages(db.ctx).filter((p) => p.method === 'GET').map((p) => ({ kind: 'page' as const, url: p.url })),
      ...apiRoutes(db.ctx).filter((r) => r.method === 'GET').map((r) => ({ kind: 'api' as const, url: r.url })),
    ];
    const idTargets = [ids.caseB1!, ids.caseB2!, ids.caseB3!, ids.caseB4!, ids.caseB5!, ids.contactB!, ids.mailB!, ids.letterB!, ids.clusterB!, ids.sessionB!, ids.escalationB!];
    const queries = ['', `?q=Betazorg&domein=${OTHER}&domain=${OTHER}`, `?q=${encodeURIComponent(ids.dossierB1!)}`, '?q=0622222222'];
    const leaks: string[] = [];
    let reads = 0;
    for (const [role, actor] of actors) {
      if (role === 'admin') continue;
      for (const route of gets) {
        const targets = /:(id|caseId)\b/.test(route.url) ? idTargets : [''];
        for (const target of targets) {
          for (const query of targets[0] === '' ? queries : ['']) {
            const url = fill(route.url, target) + query + (route.url.endsWith('/afsluiten') ? '?uitkomst=KEN' : '');
            const text = route.kind === 'page'
              ? await readPage(actor.page, url)
              : JSON.stringify((await api.call('GET', url, { token: actor.token })).body);
            reads += 1;
            const found = OTHER_SECRETS.filter((s) => text.includes(s));
            if (found.length) leaks.push(`${role} GET ${url}: ${found.join(', ')}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(reads).toBeGreaterThan(500);
  }, 600_000);
});

describe('acting on another domain\'s case', () => {
  it('refuses every command on an Inkomen case to a Leefomgeving role, without the petitioner in the answer', async () => {
    const id = ids.caseB1!;
    const { version } = await db.ctx.db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    const tries: [Role, string, string, unknown][] = [
      ['dispatcher', 'PATCH', `/api/v1/cases/${id}/lanes`, { urgent: true }],
      ['dispatcher', 'POST', `/api/v1/cases/${id}/route`, { domain: HOME, unit: 'standard' }],
      ['coordinator', 'POST', `/api/v1/cases/${id}/transfer`, { domain: HOME, reason: 'Hoort bij ons' }],
      ['teamManager', 'POST', `/api/v1/cases/${id}/transfer`, { domain: HOME, reason: 'Hoort bij ons' }],
      ['director', 'POST', '/api/v1/cases/bulk/move', { cases: [{ id, version }], domain: HOME, unit: 'standard', reason: 'Reorganisatie' }],
    ];
    for (const [role, method, url, body] of tries) {
      const res = await api.call(method, url, { token: actors.get(role)!.token, body });
      expect(res.status, `${role} ${method} ${url}`).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain('Bram Betazorg');
    }
    const row = await db.ctx.db.selectFrom('cases').select(['domain_id', 'lane_urgent']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ domain_id: OTHER, lane_urgent: false });
    const page = await actors.get('coordinator')!.page.post(`/zaken/${id}/notitie`, { text: 'Mag dit?' });
    expect(page.status).toBe(403);
    expect(page.html).not.toContain('Bram Betazorg');
  });
});
