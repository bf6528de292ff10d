import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { registerCase } from '../cases/case.service.ts';
import { routeCase } from '../cases/case.transitions.ts';
import { insertNotice, setNoticeMail } from '../notices/notice.repository.ts';
import { pageClient } from '../testing/web.ts';
import { getMailForActor, getMailPage, queueMail } from './mail.service.ts';

/**
 * Who reads which messages on /postvak-uit: admins all, directors every
 * message to staff; a team manager their own and those to staff who share
 * one of their domains; the others their own. Overviews name dossiers and
 * staff of a domain: another domain's team manager has no need for them. A
 * message to a petitioner is their case's personal data: front office and
 * directors see it only for a case they may read.
 */
let tdb: TestDatabase;
let api: TestApi;
const T0 = new Date('2026-03-02T09:00:00Z');
let managerInkomen: Actor;
let managerTwo: Actor;
let director: Actor;
let investigatorInkomen: Actor;
let investigatorLeef: Actor;
let coordinatorBoth: Actor;
const ids = new Map<string, string>();

beforeAll(async () => {
  tdb = await createTestDatabase();
  tdb.setNow(T0);
  api = await startTestApi(tdb.ctx);
  managerInkomen = await createStaff(tdb.ctx, { roles: ['teamManager'], domains: ['inkomen'] });
  managerTwo = await createStaff(tdb.ctx, { roles: ['teamManager', 'coordinator'], domains: ['leefomgeving', 'zorg-en-jeugd'] });
  director = await createStaff(tdb.ctx, { roles: ['director'], domains: [] });
  investigatorInkomen = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'] });
  investigatorLeef = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['leefomgeving'] });
  coordinatorBoth = await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['inkomen', 'leefomgeving'] });
  const to = async (label: string, staff: Actor | null) => {
    const { id } = await queueMail(tdb.ctx.db, {
      kind: 'weekmail', dedupeKey: `scope:${label}`, staffId: staff?.id ?? null, recipient: `${label}@grip.example`,
      subject: `Weekoverzicht voor ${label}`, text: 'x',
    }, T0);
    ids.set(label, id!);
  };
  await to('manager-inkomen', managerInkomen);
  await to('manager-two', managerTwo);
  await to('investigator-inkomen', investigatorInkomen);
  await to('investigator-leef', investigatorLeef);
  await to('coordinator-both', coordinatorBoth);
  await to('nobody', null);
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

const recipients = async (actor: Actor) => (await getMailPage(tdb.ctx, actor)).items.map((m) => m.recipient.replace('@grip.example', '')).sort();

describe('reading the outbox', () => {
  it('shows a team manager their own messages and those to staff of their domains, and counts only those', async () => {
    expect(await recipients(managerInkomen)).toEqual(['coordinator-both', 'investigator-inkomen', 'manager-inkomen']);
    expect((await getMailPage(tdb.ctx, managerInkomen)).counts.waiting).toBe(3);
    expect(await recipients(managerTwo)).toEqual(['coordinator-both', 'investigator-leef', 'manager-two']);
  });

  it('answers 404 to a team manager for a message to another domain’s staff, as for a missing one', async () => {
    await expect(getMailForActor(tdb.ctx, managerInkomen, ids.get('investigator-leef')!)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getMailForActor(tdb.ctx, managerInkomen, ids.get('nobody')!)).rejects.toMatchObject({ code: 'not_found' });
    expect((await getMailForActor(tdb.ctx, managerInkomen, ids.get('investigator-inkomen')!)).recipient).toBe('investigator-inkomen@grip.example');
    expect((await getMailForActor(tdb.ctx, managerInkomen, ids.get('manager-inkomen')!)).recipient).toBe('manager-inkomen@grip.example');

    const web = await pageClient(api, tdb.ctx, managerInkomen.id);
    const list = await web.get('/postvak-uit');
    expect(list.status).toBe(200);
    expect(list.html).toContain('investigator-inkomen@grip.example');
    expect(list.html).not.toContain('investigator-leef@grip.example');
    expect((await web.get(`/postvak-uit/${ids.get('investigator-leef')}`)).status).toBe(404);
    expect((await web.get(`/postvak-uit/${ids.get('investigator-inkomen')}`)).status).toBe(200);
  });

  it('shows a director every message to staff (and none to a petitioner yet)', async () => {
    expect(await recipients(director)).toHaveLength(6);
    expect((await getMailForActor(tdb.ctx, director, ids.get('nobody')!)).recipient).toBe('nobody@grip.example');
  });

  it('shows investigators and coordinators their own only, whatever their domains', async () => {
    expect(await recipients(investigatorInkomen)).toEqual(['investigator-inkomen']);
    expect(await recipients(coordinatorBoth)).toEqual(['coordinator-both']);
    await expect(getMailForActor(tdb.ctx, coordinatorBoth, ids.get('investigator-inkomen')!)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('shows front office and directors the messages to petitioners about the cases they may read, and writes the view to the audit log', async () => {
    const dispatcher = await createStaff(tdb.ctx, { roles: ['dispatcher'] });
    const { case: c } = await registerCase(tdb.ctx, dispatcher, complaint({ petitioner: { name: 'Piet Postbus', email: 'piet.postbus@example.nl' } }));
    await routeCase(tdb.ctx, dispatcher, c.id, { domain: 'inkomen', unit: 'standard' });
    const { id: mailId } = await queueMail(tdb.ctx.db, {
      kind: 'delayNotice', dedupeKey: `notice:${c.id}:delay:0`, recipient: 'piet.postbus@example.nl', subject: 'Uw klacht', text: 'Beste Piet Postbus,',
    }, T0);
    const noticeId = await insertNotice(tdb.ctx.db, { caseId: c.id, kind: 'delay', seq: 0, channel: 'email', expected: null, createdAt: T0 });
    await setNoticeMail(tdb.ctx.db, noticeId!, mailId!);

    const frontOffice = await createStaff(tdb.ctx, { roles: ['frontOffice'], domains: ['inkomen'] });
    expect(await recipients(frontOffice)).toEqual(['piet.postbus@example.nl']);
    expect((await getMailForActor(tdb.ctx, frontOffice, mailId!)).body_text).toBe('Beste Piet Postbus,');
    const audit = await tdb.ctx.db.selectFrom('audit_log').select(['actor_id', 'case_id', 'action', 'route']).where('case_id', '=', c.id).execute();
    expect(audit).toEqual([{ actor_id: frontOffice.id, case_id: c.id, action: 'view', route: `/postvak-uit/${mailId}` }]);
    await expect(getMailForActor(tdb.ctx, frontOffice, ids.get('manager-inkomen')!)).rejects.toMatchObject({ code: 'not_found' });
    // Another domain's front office and director: as absent as a missing message, and nothing in the audit log.
    const frontOfficeLeef = await createStaff(tdb.ctx, { roles: ['frontOffice'], domains: ['leefomgeving'] });
    expect(await recipients(frontOfficeLeef)).toEqual([]);
    await expect(getMailForActor(tdb.ctx, frontOfficeLeef, mailId!)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getMailForActor(tdb.ctx, director, mailId!)).rejects.toMatchObject({ code: 'not_found' });
    expect(await recipients(director)).not.toContain('piet.postbus@example.nl');
    const directorInkomen = await createStaff(tdb.ctx, { roles: ['director'], domains: ['inkomen'] });
    expect(await recipients(directorInkomen)).toContain('piet.postbus@example.nl');
    expect(await tdb.ctx.db.selectFrom('audit_log').select('id').where('case_id', '=', c.id).execute()).toHaveLength(1);
  });
});
