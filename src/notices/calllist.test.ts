import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy.ts';
import { registerCase } from '../cases/case.service.ts';
import { assignCase, routeCase } from '../cases/case.transitions.ts';
import type { AppError } from '../shared/errors.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { pageClient, type PageClient } from '../testing/web.ts';
import { callEffect, getCallCase, getCallList, registerCallOutcome, type RegisterCallOutcome } from './calllist.service.ts';
import { insertNotice } from './notice.repository.ts';
import { writeNoticeSettings } from './notice.settings.ts';
import type { NoticeChannel } from './notice.table.ts';

/**
 * The call-list pilot (issue 6): which cases the front office is to call,
 * what a registered call does to the case (in one transaction, through the
 * case's state machine) and who may register one. The weekly report:
 * calllist.report.test.ts.
 */
const NOW = '2026-03-02T09:00:00Z'; // a Monday: ISO week 2026-W10

const reached = (answers: { urgent: boolean; agencyApproached: boolean; withdrawn: boolean }, note: string | null = null): RegisterCallOutcome =>
  ({ reached: true, ...answers, note });
const notReached: RegisterCallOutcome = { reached: false, note: null };

describe('what a call does (pure)', () => {
  it('withdrawn closes, else urgent marks (never KEN: the coordinator decides), else an unapproached agency means KEN; not reached does nothing', () => {
    expect(callEffect(notReached, false)).toBe(null);
    expect(callEffect(reached({ urgent: true, agencyApproached: false, withdrawn: true }), false)).toBe('withdrawn');
    expect(callEffect(reached({ urgent: true, agencyApproached: false, withdrawn: false }), false)).toBe('urgent');
    expect(callEffect(reached({ urgent: true, agencyApproached: false, withdrawn: false }), true)).toBe(null);
    expect(callEffect(reached({ urgent: false, agencyApproached: false, withdrawn: false }), false)).toBe('ken');
    expect(callEffect(reached({ urgent: false, agencyApproached: false, withdrawn: false }), true)).toBe('ken');
    expect(callEffect(reached({ urgent: true, agencyApproached: true, withdrawn: false }), false)).toBe('urgent');
    expect(callEffect(reached({ urgent: true, agencyApproached: true, withdrawn: false }), true)).toBe(null);
    expect(callEffect(reached({ urgent: false, agencyApproached: true, withdrawn: false }), false)).toBe(null);
  });
});

describe('the call list and registering calls', () => {
  let tdb: TestDatabase;
  let api: TestApi;
  let frontOffice: Actor;
  let dispatcher: Actor;
  let coordinator: Actor;
  let investigator: Actor;
  let frontOfficeClient: PageClient;
  let investigatorClient: PageClient;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    tdb.setNow(NOW);
    api = await startTestApi(tdb.ctx);
    // Front office holds no domain: the call list is theirs across the pilot domains.
    frontOffice = await createStaff(tdb.ctx, { roles: ['frontOffice'], domains: ['inkomen', 'leefomgeving', 'zorg-en-jeugd', 'veiligheid-en-migratie'] });
    dispatcher = await createStaff(tdb.ctx, { roles: ['dispatcher'] });
    coordinator = await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['inkomen', 'leefomgeving'] });
    investigator = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'] });
    frontOfficeClient = await pageClient(api, tdb.ctx, frontOffice.id);
    investigatorClient = await pageClient(api, tdb.ctx, investigator.id);
    await writeNoticeSettings(tdb.ctx.db, { pilotDomains: ['inkomen'] });
  });
  afterAll(async () => {
    await api?.close();
    await tdb?.close();
  });

  /** A case received on `receivedAt`, routed to `domain` (or left unrouted), with its delay notice as the notice job writes it. */
  async function waiting(receivedAt: string, options: { domain?: string | null; channel?: NoticeChannel; noticeAt?: string; phone?: string } = {}) {
    const { domain = 'inkomen', channel = 'call', noticeAt = '2026-02-27T07:00:00Z' } = options;
    const { case: c } = await registerCase(tdb.ctx, dispatcher, complaint({
      receivedAt: new Date(receivedAt), petitioner: { name: `Verzoeker ${receivedAt}`, phone: options.phone ?? '06-1234 5678' },
    }));
    const view = domain ? await routeCase(tdb.ctx, dispatcher, c.id, { domain, unit: 'standard' }) : c;
    await insertNotice(tdb.ctx.db, { caseId: c.id, kind: 'delay', seq: 0, channel, expected: null, createdAt: new Date(noticeAt) });
    return view;
  }
  const listed = async (domainId?: string) => (await getCallList(tdb.ctx, frontOffice, { domainId })).map((e) => e.dossierNumber);
  const caseRow = (id: string) => tdb.ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const events = async (id: string) =>
    (await tdb.ctx.db.selectFrom('case_events').select(['type', 'payload', 'actor_id']).where('case_id', '=', id).orderBy('id').execute());
  const outcomes = (id: string) => tdb.ctx.db.selectFrom('call_outcomes').selectAll().where('case_id', '=', id).execute();

  let old: Awaited<ReturnType<typeof waiting>>, middle: typeof old, fresh: typeof old, unrouted: typeof old, byMail: typeof old, elsewhere: typeof old;
  beforeAll(async () => {
    middle = await waiting('2026-02-10');
    old = await waiting('2026-02-02');
    fresh = await waiting('2026-02-20', { noticeAt: '2026-03-02T06:30:00Z' });
    unrouted = await waiting('2026-02-15', { domain: null });
    byMail = await waiting('2026-02-01', { channel: 'email' });
    elsewhere = await waiting('2026-02-12', { domain: 'leefomgeving' });
  });

  it('lists the waiting cases with a call notice, oldest first, with phone, domain, days waiting and today\'s as new', async () => {
    expect(await listed()).toEqual([old, middle, elsewhere, unrouted, fresh].map((c) => c.dossierNumber));
    // Names and phone numbers: a Leefomgeving coordinator sees their domain's cases and the unrouted ones, not Inkomen's.
    const leef = await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['leefomgeving'] });
    expect((await getCallList(tdb.ctx, leef)).map((e) => e.dossierNumber)).toEqual([elsewhere, unrouted].map((c) => c.dossierNumber));
    const list = await getCallList(tdb.ctx, frontOffice);
    const first = list[0]!;
    expect(first).toMatchObject({ petitionerName: 'Verzoeker 2026-02-02', phone: '06-1234 5678', domainId: 'inkomen', daysWaiting: 28, attempts: 0, isNew: false });
    // Not routed yet: its suggested domain (the Belastingdienst's) stands in.
    expect(list.find((e) => e.caseId === unrouted.id)).toMatchObject({ status: 'received', domainId: 'inkomen' });
    expect(list.filter((e) => e.isNew).map((e) => e.caseId)).toEqual([fresh.id]);
    // A case that got its notice by e-mail is not the front office's to call.
    expect(await listed()).not.toContain(byMail.dossierNumber);
    expect(await listed('leefomgeving')).toEqual([elsewhere.dossierNumber]);
  });

  it('the page shows the list with tel: links, the new mark and the link to the form', async () => {
    const res = await frontOfficeClient.get('/bellijst');
    expect(res.status).toBe(200);
    expect(res.html).toContain('5 zaken te bellen, waarvan 1 nieuw vandaag');
    expect(res.html).toContain('<a href="tel:0612345678">06-1234 5678</a>');
    expect(res.html).toContain(`<a href="/bellijst/${old.id}">${old.dossierNumber}</a>`);
    expect(res.html).toMatch(new RegExp(`${fresh.dossierNumber}</a> <span class="grip-lane">Nieuw</span>`));
    const form = await frontOfficeClient.get(`/bellijst/${old.id}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('Heeft u de instantie zelf al benaderd?');
    // A case that never came on the call list has no call form.
    expect((await frontOfficeClient.get(`/bellijst/${byMail.id}`)).status).toBe(404);
  });

  it('not reached: only the call is stored; the case stays on the list with its attempts', async () => {
    const before = await caseRow(old.id);
    tdb.setNow('2026-03-02T10:15:00Z');
    await registerCallOutcome(tdb.ctx, frontOffice, old.id, notReached);
    tdb.setNow(NOW);
    const after = await caseRow(old.id);
    expect({ status: after.status, version: after.version, urgent: after.lane_urgent }).toEqual({ status: 'queued', version: before.version, urgent: false });
    expect(await outcomes(old.id)).toMatchObject([{ called_by: frontOffice.id, reached: false, urgent: null, agency_approached: null, withdrawn: null, effect: null }]);
    expect((await events(old.id)).at(-1)).toEqual({
      type: 'call_registered', actor_id: frontOffice.id, payload: { reached: false, urgent: null, agencyApproached: null, withdrawn: null, effect: null },
    });
    const entry = (await getCallList(tdb.ctx, frontOffice)).find((e) => e.caseId === old.id);
    expect(entry).toMatchObject({ attempts: 1, lastAttemptAt: new Date('2026-03-02T10:15:00Z') });
    expect((await frontOfficeClient.get('/bellijst')).html).toContain('1× niet bereikt, laatst 2 mrt 2026, 11:15');
  });

  it('reached and withdrawn: the case is closed as withdrawn, in its history, and off the list', async () => {
    const { effect } = await registerCallOutcome(tdb.ctx, frontOffice, old.id, reached({ urgent: false, agencyApproached: true, withdrawn: true }, 'Opgelost met de Belastingdienst'));
    expect(effect).toBe('withdrawn');
    const row = await caseRow(old.id);
    expect({ status: row.status, outcome: row.outcome_id, closedAt: row.closed_at, investigator: row.investigator_id })
      .toEqual({ status: 'closed', outcome: 'withdrawn', closedAt: new Date(NOW), investigator: null });
    const history = (await events(old.id)).slice(-2);
    expect(history).toEqual([
      { type: 'call_registered', actor_id: frontOffice.id, payload: { reached: true, urgent: false, agencyApproached: true, withdrawn: true, effect: 'withdrawn' } },
      { type: 'closed', actor_id: frontOffice.id, payload: { outcomeId: 'withdrawn', registration: { reason: 'Ingetrokken in telefoongesprek (bellijst): Opgelost met de Belastingdienst' } } },
    ]);
    expect((await outcomes(old.id)).map((o) => o.effect)).toEqual([null, 'withdrawn']);
    expect(await listed()).not.toContain(old.dossierNumber);
    // The case page tells it in words.
    const page = await frontOfficeClient.get(`/zaken/${old.id}`);
    expect(page.html).toContain('Gebeld (bellijst): bereikt — dringend: nee, instantie zelf benaderd: ja, trekt in: ja');
    expect(page.html).toContain('Gebeld (bellijst): niet bereikt');
  });

  it('the call and the case change commit together: when closing fails, no call is stored', async () => {
    const ken = await tdb.ctx.db.selectFrom('outcomes').selectAll().where('id', '=', 'KEN').executeTakeFirstOrThrow();
    await tdb.ctx.db.deleteFrom('outcomes').where('id', '=', 'KEN').execute();
    try {
      await expect(registerCallOutcome(tdb.ctx, frontOffice, middle.id, reached({ urgent: false, agencyApproached: false, withdrawn: false }))).rejects.toThrow();
    } finally {
      await tdb.ctx.db.insertInto('outcomes').values({ ...ken, profile: JSON.stringify(ken.profile) }).execute();
    }
    expect(await outcomes(middle.id)).toEqual([]);
    expect((await events(middle.id)).map((e) => e.type)).not.toContain('call_registered');
    expect((await caseRow(middle.id)).status).toBe('queued');
  });

  it('reached, not urgent, agency not approached first: closed with KEN, referred to the agency — also from "received", by front office without a domain', async () => {
    for (const c of [middle, unrouted]) {
      expect((await registerCallOutcome(tdb.ctx, frontOffice, c.id, reached({ urgent: false, agencyApproached: false, withdrawn: false }))).effect).toBe('ken');
      const row = await caseRow(c.id);
      expect({ status: row.status, outcome: row.outcome_id }).toEqual({ status: 'closed', outcome: 'KEN' });
      expect((await events(c.id)).at(-1)).toMatchObject({ type: 'closed', payload: { outcomeId: 'KEN', registration: { referredTo: 'Belastingdienst' } } });
    }
    expect(await listed()).toEqual([elsewhere, fresh].map((c) => c.dossierNumber));
  });

  it('reached and urgent, agency approached: the urgent marker, the case stays in the tray but leaves the list', async () => {
    expect((await registerCallOutcome(tdb.ctx, frontOffice, elsewhere.id, reached({ urgent: true, agencyApproached: true, withdrawn: false }))).effect).toBe('urgent');
    const row = await caseRow(elsewhere.id);
    expect({ status: row.status, urgent: row.lane_urgent, outcome: row.outcome_id }).toEqual({ status: 'queued', urgent: true, outcome: null });
    expect((await events(elsewhere.id)).at(-1)).toMatchObject({ type: 'lanes_changed', actor_id: frontOffice.id, payload: { changed: { urgent: true } } });
    expect(await listed()).toEqual([fresh.dossierNumber]);
    // Reached once is enough: a second registration is refused and stores nothing.
    await expect(registerCallOutcome(tdb.ctx, frontOffice, elsewhere.id, notReached)).rejects.toMatchObject({ code: 'transition_forbidden' });
    expect(await outcomes(elsewhere.id)).toHaveLength(1);
  });

  it('reached, urgent, agency not approached first: the urgent marker, not closed — the coordinator decides on KEN', async () => {
    const c = await waiting('2026-02-17');
    expect((await registerCallOutcome(tdb.ctx, frontOffice, c.id, reached({ urgent: true, agencyApproached: false, withdrawn: false }))).effect).toBe('urgent');
    const row = await caseRow(c.id);
    expect({ status: row.status, urgent: row.lane_urgent, outcome: row.outcome_id, closedAt: row.closed_at }).toEqual({ status: 'queued', urgent: true, outcome: null, closedAt: null });
    expect((await events(c.id)).map((e) => e.type).slice(-2)).toEqual(['call_registered', 'lanes_changed']);
    expect(await outcomes(c.id)).toMatchObject([{ reached: true, urgent: true, agency_approached: false, effect: 'urgent' }]);
    expect(await listed()).not.toContain(c.dossierNumber);
  });

  it('a coordinator registers calls only for the cases of their own domains; front office for all', async () => {
    const other = await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['leefomgeving'] });
    const own = await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['inkomen'] });
    const c = await waiting('2026-02-16');
    const loose = await waiting('2026-02-16', { domain: null }); // unrouted: its suggested domain (Inkomen) counts
    for (const id of [c.id, loose.id]) {
      const refused = await registerCallOutcome(tdb.ctx, other, id, reached({ urgent: true, agencyApproached: false, withdrawn: true })).catch((e: AppError) => e);
      expect(refused).toMatchObject({ code: 'forbidden' });
      expect((refused as AppError).details.errors?.[0]?.nl).toContain('hoort niet bij uw domeinen');
      expect(await outcomes(id)).toEqual([]);
      expect((await caseRow(id)).status).not.toBe('closed');
    }
    const otherClient = await pageClient(api, tdb.ctx, other.id);
    const page = await otherClient.post(`/bellijst/${c.id}`, { reached: 'nee' });
    expect(page.status).toBe(403); // another domain's petitioner is not shown, not even with the form's errors
    expect(page.html).not.toContain(c.dossierNumber);
    expect(page.html).toContain('hoort niet bij uw domeinen');
    expect(await outcomes(c.id)).toEqual([]);
    // The coordinator of the case's own domain may.
    expect((await registerCallOutcome(tdb.ctx, own, c.id, notReached)).reached).toBe(false);
    expect(await outcomes(c.id)).toMatchObject([{ called_by: own.id, reached: false }]);
    expect((await registerCallOutcome(tdb.ctx, own, loose.id, notReached)).reached).toBe(false);
  });

  it('a team manager sees the call page but no form: only front office and coordinators register calls', async () => {
    const manager = await createStaff(tdb.ctx, { roles: ['teamManager'], domains: ['inkomen'] });
    const client = await pageClient(api, tdb.ctx, manager.id);
    const page = await client.get(`/bellijst/${fresh.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Alleen klachtbehandelaars en coördinatoren registreren gesprekken.');
    expect(page.html).not.toContain(`action="/bellijst/${fresh.id}"`);
    expect(page.html).not.toContain('Heeft u de instantie zelf al benaderd?');
    expect((await client.post(`/bellijst/${fresh.id}`, { reached: 'nee' })).status).toBe(403);
    // Front office does get the form, with radio buttons.
    const form = await frontOfficeClient.get(`/bellijst/${fresh.id}`);
    expect(form.html).toContain(`<form method="post" action="/bellijst/${fresh.id}"`);
    expect(form.html).toContain('class="utrecht-form-field utrecht-form-field--radio"');
    expect(form.html).not.toContain('--checkbox');
  });

  it('reached, nothing to do: the case stays in the tray unchanged and leaves the list', async () => {
    const c = await waiting('2026-02-18');
    const before = await caseRow(c.id);
    expect((await registerCallOutcome(tdb.ctx, frontOffice, c.id, reached({ urgent: false, agencyApproached: true, withdrawn: false }))).effect).toBe(null);
    const after = await caseRow(c.id);
    expect({ status: after.status, version: after.version, urgent: after.lane_urgent }).toEqual({ status: 'queued', version: before.version, urgent: false });
    expect(await listed()).not.toContain(c.dossierNumber);
  });

  it('a case assigned to an investigator leaves the list, and a call on it is refused', async () => {
    const c = await waiting('2026-02-19');
    expect(await listed()).toContain(c.dossierNumber);
    await assignCase(tdb.ctx, coordinator, c.id, { investigatorId: investigator.id, proposal: 'Bellen', handlingType: 'intervention', version: c.version });
    expect(await listed()).not.toContain(c.dossierNumber);
    const refused = await registerCallOutcome(tdb.ctx, frontOffice, c.id, notReached).catch((e: AppError) => e);
    expect(refused).toMatchObject({ code: 'transition_forbidden' });
    expect((refused as AppError).details.errors?.[0]?.nl).toContain('wacht niet meer in de bak');
    expect(await outcomes(c.id)).toEqual([]);
    expect((await getCallCase(tdb.ctx, frontOffice, c.id)).onList).toBe(false);
  });

  it('an investigator may not register a call, nor see the call list', async () => {
    await expect(registerCallOutcome(tdb.ctx, investigator, fresh.id, notReached)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await investigatorClient.post(`/bellijst/${fresh.id}`, { reached: 'nee' })).status).toBe(403);
    expect((await investigatorClient.get('/bellijst')).status).toBe(403);
    expect((await investigatorClient.get('/bellijst/rapport')).status).toBe(403);
    expect(await outcomes(fresh.id)).toEqual([]);
  });

  it('the form answers in Dutch when a question is left open, and refuses a post without the CSRF token', async () => {
    const open = await frontOfficeClient.post(`/bellijst/${fresh.id}`, {});
    expect(open.status).toBe(400);
    expect(open.html).toMatch(/id="f-reached-error" class="grip-field-error">Maak een keuze\./);
    const half = await frontOfficeClient.post(`/bellijst/${fresh.id}`, { reached: 'ja', urgent: 'nee' });
    expect(half.status).toBe(400);
    expect(half.html).toContain('id="f-agencyApproached-error"');
    expect(half.html).toContain('id="f-withdrawn-error"');
    expect(half.html).not.toContain('id="f-urgent-error"');
    expect(half.html).toContain('value="nee" checked');
    expect((await frontOfficeClient.post(`/bellijst/${fresh.id}`, { reached: 'nee' }, { csrf: null })).status).toBe(403);
    expect(await outcomes(fresh.id)).toEqual([]);
  });

  it('the form registers a call and comes back to the list with what it did', async () => {
    const res = await frontOfficeClient.post(`/bellijst/${fresh.id}`, { reached: 'nee', urgent: 'ja', note: 'Voicemail ingesproken' });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/bellijst?gedaan=niet-bereikt&dossier=${fresh.dossierNumber}`);
    // Not reached: the answers given anyway are not stored.
    expect(await outcomes(fresh.id)).toMatchObject([{ reached: false, urgent: null, note: 'Voicemail ingesproken' }]);
    const list = await frontOfficeClient.get(res.location!);
    expect(list.html).toContain(`Gesprek over ${fresh.dossierNumber} geregistreerd: niet bereikt; de zaak blijft op de bellijst.`);
    const form = await frontOfficeClient.get(`/bellijst/${fresh.id}`);
    expect(form.html).toContain('niet bereikt — Voicemail ingesproken');
  });
});
