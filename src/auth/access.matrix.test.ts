import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAttachment } from '../cases/annotation.service.ts';
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
 * contains an Inkomen petitioner's name, e-mail, phone or note.
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
  'Beppie Deltadijk', '0644 44 44 44',
  'Geheime notitie Betazorg',
];

let db: TestDatabase;
let api: TestApi;
const actors = new Map<Role, Actor & { token: string; page: PageClient }>();
const ids: Record<string, string> = {};

const fill = (url: string, id: string) =>
  url.replace(/:(id|caseId)\b/g, id).replace(/:attachmentId\b/, ids.attachmentB ?? id).replace(/:domain\b/, OTHER)
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
  const register = async (name: string, email: string, phone: string, domain: string) => {
    const made = await api.call('POST', '/api/v1/cases', { token: admin, body: complaint({ petitioner: { name, email, phone } }) });
    expect(made.status).toBe(201);
    const routed = await api.call('POST', `/api/v1/cases/${made.body.id}/route`, { token: admin, body: { domain, unit: 'standard' } });
    expect(routed.status).toBe(200);
    return routed.body as { id: string; version: number; dossierNumber: string };
  };
  const a = await register('Anna Alfaveen', 'anna.alfaveen@example.nl', '0611 11 11 11', HOME);
  const b1 = await register('Bram Betazorg', 'bram.betazorg@example.nl', '0622 22 22 22', OTHER);
  const b2 = await register('Bea Gammaveld', 'bea.gammaveld@example.nl', '0633 33 33 33', OTHER);
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
  Object.assign(ids, { caseA: a.id, caseB1: b1.id, caseB2: b2.id, contactB: contact.body.id, dossierB1: b1.dossierNumber });
}, 120_000);

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

  it('never gives a Leefomgeving role an Inkomen petitioner, by any GET route, id or search', async () => {
    const gets = [
      ...webPages(db.ctx).filter((p) => p.method === 'GET').map((p) => ({ kind: 'page' as const, url: p.url })),
      ...apiRoutes(db.ctx).filter((r) => r.method === 'GET').map((r) => ({ kind: 'api' as const, url: r.url })),
    ];
    const queries = ['', `?q=Betazorg&domein=${OTHER}&domain=${OTHER}`, `?q=${encodeURIComponent(ids.dossierB1!)}`, '?q=0622222222'];
    const leaks: string[] = [];
    let reads = 0;
    for (const [role, actor] of actors) {
      if (role === 'admin') continue;
      for (const route of gets) {
        const targets = /:(id|caseId)\b/.test(route.url) ? [ids.caseB1!, ids.caseB2!, ids.contactB!] : [''];
        for (const target of targets) {
          for (const query of targets[0] === '' ? queries : ['']) {
            const url = fill(route.url, target) + query;
            const text = route.kind === 'page'
              ? (await actor.page.get(url)).html
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
