import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCase } from '../cases/case.service.ts';
import { assignCase, closeCase, routeCase } from '../cases/case.transitions.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { pageClient } from '../testing/web.ts';
import { buildCallListReport, mondayOf, per100, type CallFact, type NoticeFact } from './calllist.report.ts';
import { getCallListReport, registerCallOutcome, type RegisterCallOutcome } from './calllist.service.ts';
import { insertNotice } from './notice.repository.ts';
import { writeNoticeSettings } from './notice.settings.ts';
import type { NoticeChannel } from './notice.table.ts';

/**
 * The call-list pilot's weekly report (issue 6): the pure counts against a
 * hand-built fortnight, and the same fixture through the database, the page
 * and the CSV. (What a call does and who may register one: calllist.test.ts.)
 */
const NOW = '2026-03-02T09:00:00Z'; // a Monday: ISO week 2026-W10

const reached = (answers: { urgent: boolean; agencyApproached: boolean; withdrawn: boolean }, note: string | null = null): RegisterCallOutcome =>
  ({ reached: true, ...answers, note });
const notReached: RegisterCallOutcome = { reached: false, note: null };

const at = (iso: string) => new Date(iso);
const notice = (caseId: string, domainId: string, channel: NoticeFact['channel'], when: string, closed: string | null = null): NoticeFact =>
  ({ caseId, domainId, channel, at: at(when), closedWithoutInvestigatorAt: closed ? at(closed) : null });
const call = (caseId: string, domainId: string, when: string, reachedIt: boolean, effect: CallFact['effect'] = null): CallFact =>
  ({ caseId, domainId, at: at(when), reached: reachedIt, effect });

describe('the weekly report (pure)', () => {
  it('weeks are Amsterdam weeks: Sunday 23:30 UTC in summer is already Monday', () => {
    expect(mondayOf(at('2026-06-07T21:30:00Z'))).toBe('2026-06-01'); // Sunday 23:30 in Amsterdam
    expect(mondayOf(at('2026-06-07T22:30:00Z'))).toBe('2026-06-08'); // Monday 00:30
    expect(mondayOf(at('2026-01-04T23:30:00Z'))).toBe('2026-01-05'); // winter: Monday 00:30
  });

  it('counts a hand-built fortnight exactly, the pilot beside a notice domain', () => {
    const report = buildCallListReport({
      now: at(NOW),
      pilotDomains: ['inkomen'],
      domains: ['inkomen', 'leefomgeving'],
      notices: [
        notice('A', 'inkomen', 'call', '2026-02-23T07:00:00Z'),
        notice('B', 'inkomen', 'call', '2026-02-23T07:00:00Z'),
        notice('C', 'inkomen', 'call', '2026-02-24T07:00:00Z'),
        notice('D', 'inkomen', 'call', '2026-03-02T07:00:00Z'),
        notice('E', 'leefomgeving', 'email', '2026-02-23T07:00:00Z', '2026-02-27T10:00:00Z'),
        notice('F', 'leefomgeving', 'letter', '2026-02-24T07:00:00Z'),
        notice('G', 'leefomgeving', 'email', '2026-02-25T07:00:00Z'),
        // Closed 46 days after its notice: beyond the follow-up window, so not the notice's doing.
        notice('H', 'leefomgeving', 'email', '2026-01-05T07:00:00Z', '2026-02-20T10:00:00Z'),
      ],
      calls: [
        call('A', 'inkomen', '2026-02-24T09:00:00Z', false),
        call('A', 'inkomen', '2026-02-25T09:00:00Z', true, 'withdrawn'),
        call('C', 'inkomen', '2026-02-26T09:00:00Z', true, 'urgent'),
        call('B', 'inkomen', '2026-03-02T08:30:00Z', true, 'ken'),
      ],
    });
    expect(report.weeks).toHaveLength(12);
    expect(report.weeks[0]!.week).toBe('2025-W51');
    const week = (w: string) => report.weeks.find((x) => x.week === w)!;
    expect(week('2026-W10')).toEqual({
      week: '2026-W10', monday: '2026-03-02',
      pilot: { listed: 1, calls: 1, reached: 1, withdrawn: 0, ken: 1, removed: 1, urgent: 0 },
      notice: { notified: 0, removed: 0 },
    });
    expect(week('2026-W09')).toMatchObject({
      pilot: { listed: 3, calls: 3, reached: 2, withdrawn: 1, ken: 0, removed: 1, urgent: 1 },
      notice: { notified: 3, removed: 1 },
    });
    expect(week('2026-W02').notice).toEqual({ notified: 1, removed: 0 });
    expect(week('2026-W08')).toMatchObject({ pilot: { listed: 0, calls: 0 }, notice: { notified: 0, removed: 0 } });
    expect(report.totals).toEqual({
      pilot: { listed: 4, calls: 4, reached: 3, withdrawn: 1, ken: 1, removed: 2, urgent: 1 },
      notice: { notified: 4, removed: 1 },
    });
    expect(per100(report.totals.pilot.removed, report.totals.pilot.listed)).toBe(50);
    expect(per100(report.totals.notice.removed, report.totals.notice.notified)).toBe(25);
    expect(report.domains.map((d) => [d.domainId, d.pilot, d.calls.removed, d.notices.notified, d.notices.removed])).toEqual([
      ['inkomen', true, 2, 0, 0],
      ['leefomgeving', false, 0, 4, 1],
    ]);
  });

  it('every fact in the window counts once: the weeks, the domains and the totals agree', () => {
    const day0 = at('2025-12-15T00:00:00Z').getTime(); // the Monday of the first week (2025-W51)
    const moment = fc.integer({ min: 0, max: 83 * 24 * 60 - 1 }).map((m) => new Date(day0 + m * 60_000));
    const domain = fc.constantFrom('inkomen', 'leefomgeving', 'zorg-en-jeugd');
    const facts = fc.record({
      notices: fc.array(fc.record({ domain, channel: fc.constantFrom('call', 'email', 'letter') as fc.Arbitrary<NoticeFact['channel']>, at: moment }), { maxLength: 30 }),
      calls: fc.array(fc.record({ domain, at: moment, reached: fc.boolean(), effect: fc.constantFrom(null, 'urgent', 'ken', 'withdrawn') as fc.Arbitrary<CallFact['effect']> }), { maxLength: 30 }),
    });
    fc.assert(fc.property(facts, ({ notices, calls }) => {
      const report = buildCallListReport({
        now: at(NOW), pilotDomains: ['inkomen'], domains: ['inkomen', 'leefomgeving', 'zorg-en-jeugd'],
        notices: notices.map((n, i) => ({ caseId: `n${i}`, domainId: n.domain, channel: n.channel, at: n.at, closedWithoutInvestigatorAt: null })),
        calls: calls.map((c, i) => ({ caseId: `c${i}`, domainId: c.domain, at: c.at, reached: c.reached, effect: c.effect })),
      });
      const sum = (pick: (w: (typeof report.weeks)[number]) => number) => report.weeks.reduce((n, w) => n + pick(w), 0);
      expect(sum((w) => w.pilot.calls)).toBe(calls.length);
      expect(sum((w) => w.pilot.listed) + sum((w) => w.notice.notified)).toBe(notices.length);
      expect(report.domains.reduce((n, d) => n + d.calls.calls, 0)).toBe(report.totals.pilot.calls);
      expect(sum((w) => w.pilot.urgent)).toBe(calls.filter((c) => c.effect === 'urgent').length);
      // A call's removal counts only for a case known to be on the list: none here.
      expect(report.totals.pilot.removed).toBe(0);
    }));
  });
});

describe('the weekly report from the database', () => {
  let tdb: TestDatabase;
  let api: TestApi;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    api = await startTestApi(tdb.ctx);
  });
  afterAll(async () => {
    await api?.close();
    await tdb?.close();
  });

  it('matches the hand-built fixture: Inkomen calls, Leefomgeving sends notices', async () => {
    const { ctx } = tdb;
    tdb.setNow('2026-01-02T09:00:00Z');
    await writeNoticeSettings(ctx.db, { pilotDomains: ['inkomen'] });
    // Front office calls for the domains it serves (as in the demo): it sees those cases' petitioners.
    const frontOffice = await createStaff(ctx, { roles: ['frontOffice'], domains: ['inkomen', 'leefomgeving'] });
    const dispatcher = await createStaff(ctx, { roles: ['dispatcher'] });
    const coordinator = await createStaff(ctx, { roles: ['coordinator'], domains: ['leefomgeving'] });
    const investigator = await createStaff(ctx, { roles: ['investigator'], domains: ['leefomgeving'] });
    const told = async (domain: string, channel: NoticeChannel, noticeAt: string) => {
      const { case: c } = await registerCase(ctx, dispatcher, complaint({ receivedAt: new Date('2025-12-22') }));
      const view = await routeCase(ctx, dispatcher, c.id, { domain, unit: 'standard' });
      await insertNotice(ctx.db, { caseId: c.id, kind: 'delay', seq: 0, channel, expected: null, createdAt: new Date(noticeAt) });
      return view;
    };
    const callAt = async (when: string, id: string, outcome: RegisterCallOutcome) => {
      tdb.setNow(when);
      await registerCallOutcome(ctx, frontOffice, id, outcome);
    };
    const h = await told('leefomgeving', 'email', '2026-01-05T07:00:00Z');
    tdb.setNow('2026-02-20T10:00:00Z');
    await closeCase(ctx, coordinator, h.id, { outcome: 'OB' });
    tdb.setNow('2026-02-23T08:00:00Z');
    const [a, b, c] = [await told('inkomen', 'call', '2026-02-23T07:00:00Z'), await told('inkomen', 'call', '2026-02-23T07:00:00Z'), await told('inkomen', 'call', '2026-02-24T07:00:00Z')];
    const e = await told('leefomgeving', 'email', '2026-02-23T07:00:00Z');
    const f = await told('leefomgeving', 'letter', '2026-02-24T07:00:00Z');
    await told('leefomgeving', 'email', '2026-02-25T07:00:00Z');
    await callAt('2026-02-24T09:00:00Z', a.id, notReached);
    await callAt('2026-02-25T09:00:00Z', a.id, reached({ urgent: false, agencyApproached: true, withdrawn: true }));
    await callAt('2026-02-26T09:00:00Z', c.id, reached({ urgent: true, agencyApproached: true, withdrawn: false }));
    tdb.setNow('2026-02-26T12:00:00Z');
    await assignCase(ctx, coordinator, f.id, { investigatorId: investigator.id, proposal: 'Bellen', handlingType: 'intervention', version: f.version });
    tdb.setNow('2026-02-27T10:00:00Z');
    await closeCase(ctx, coordinator, e.id, { outcome: 'withdrawn' });
    await closeCase(ctx, coordinator, f.id, { outcome: 'intervention' });
    await told('inkomen', 'call', '2026-03-02T07:00:00Z');
    await callAt('2026-03-02T08:30:00Z', b.id, reached({ urgent: false, agencyApproached: false, withdrawn: false }));
    tdb.setNow(NOW);

    const report = await getCallListReport(ctx);
    const week = (w: string) => report.weeks.find((x) => x.week === w)!;
    expect(week('2026-W10')).toMatchObject({ pilot: { listed: 1, calls: 1, reached: 1, ken: 1, removed: 1, urgent: 0 }, notice: { notified: 0, removed: 0 } });
    expect(week('2026-W09')).toMatchObject({ pilot: { listed: 3, calls: 3, reached: 2, withdrawn: 1, removed: 1, urgent: 1 }, notice: { notified: 3, removed: 1 } });
    expect(week('2026-W02').notice).toEqual({ notified: 1, removed: 0 });
    expect(report.totals).toEqual({
      pilot: { listed: 4, calls: 4, reached: 3, withdrawn: 1, ken: 1, removed: 2, urgent: 1 },
      notice: { notified: 4, removed: 1 },
    });
    const domain = (id: string) => report.domains.find((d) => d.domainId === id)!;
    expect(domain('inkomen')).toMatchObject({ pilot: true, calls: { listed: 4, removed: 2 }, notices: { notified: 0 } });
    expect(domain('leefomgeving')).toMatchObject({ pilot: false, calls: { listed: 0 }, notices: { notified: 4, removed: 1 } });
    expect(domain('zorg-en-jeugd')).toMatchObject({ calls: { listed: 0 }, notices: { notified: 0 } });

    // The page and the CSV show the same numbers; this week is the first row.
    const director = await createStaff(ctx, { roles: ['director'], domains: [] });
    const client = await pageClient(api, ctx, director.id);
    const page = await client.get('/bellijst/rapport');
    expect(page.status).toBe(200);
    const firstRow = page.html.match(/<table class="utrecht-table" id="bellijst-weken">.*?<tbody[^>]*>(.*?)<\/tr>/s)![1]!;
    const cells = [...firstRow.matchAll(/<t[hd][^>]*>(?:<strong>)?([^<]*)/g)].map((m) => m[1]);
    expect(cells).toEqual(['2026-W10', '2026-03-02', '1', '1', '1', '1', '0', '100', '0', '0', '–']);
    expect(page.html).toMatch(/<dt>Per 100 op de bellijst<\/dt><dd>50<\/dd>/);
    expect(page.html).toMatch(/<dt>Per 100 uitstelberichten<\/dt><dd>25<\/dd>/);
    const csv = await client.get('/bellijst/rapport.csv');
    expect(csv.status).toBe(200);
    const lines = csv.html.trim().split('\r\n');
    expect(lines[0]).toBe('Week,Maandag,Bellijst (pilot): Op de lijst,Bellijst (pilot): Gebeld,Bellijst (pilot): Bereikt,Bellijst (pilot): Uit de bak (ingetrokken + KEN),'
      + 'Bellijst (pilot): Spoed gezet,Bellijst (pilot): Uit de bak per 100,Uitstelbericht: Verstuurd,Uitstelbericht: Uit de bak zonder onderzoeker,Uitstelbericht: Uit de bak per 100');
    expect(lines[1]).toBe('2026-W10,2026-03-02,1,1,1,1,0,100,0,0,');
    expect(lines.at(-1)).toBe('Totaal,,4,4,3,2,1,50,4,1,25');
  });
});
