import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy.ts';
import { insertSlots } from '../capacity/capacity.repository.ts';
import type { LaneSlot } from '../capacity/plan.ts';
import { getCase, registerCase } from '../cases/case.service.ts';
import type { CaseView, RegisterCase } from '../cases/case.schema.ts';
import { routeCase, setLanes, transferCase } from '../cases/case.transitions.ts';
import { confirmCluster } from '../clusters/cluster.service.ts';
import { stopQueueWorker } from '../forecast/queue.runner.ts';
import { AppError } from '../shared/errors.ts';
import { startTestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { pageClient } from '../testing/web.ts';
import { amsterdamDay } from '../notices/calllist.report.ts';
import { boardOrder, matchesTopic, nextSlotDay, tallySession, topicWords } from './lanes.ts';
import { claimCase, closeFromBoard, getBoard, getLaneOverview, getReport, planSession } from './lanes.service.ts';

describe('the lanes core', () => {
  it('matches a topic word by word, case-insensitively, whole words only, keywords included', () => {
    expect(topicWords('Geen reactie op de brief')).toEqual(['geen', 'reactie', 'brief']);
    const text = (subject: string, description = '', keywords: string[] = []) => ({ subject, description, keywords });
    expect(matchesTopic('geen reactie', text('GEEN REACTIE op bezwaar'))).toBe(true);
    expect(matchesTopic('geen reactie', text('Brief', 'niets gehoord', ['geen-reactie']))).toBe(true);
    expect(matchesTopic('geen reactie', text('Geen reacties ontvangen'))).toBe(false);
    expect(matchesTopic('bomen', text('Boom niet gesnoeid', '', ['Bomen en groen']))).toBe(true);
    expect(matchesTopic('bomen', text('Boom niet gesnoeid'))).toBe(false);
    expect(matchesTopic(null, text('Geen reactie'))).toBe(false);
  });

  it('orders the board: fitting the topic first, then oldest first', () => {
    const c = (id: string, day: string, subject: string) => ({ id, receivedAt: new Date(`${day}T10:00:00Z`), subject, description: '', keywords: [] });
    const cases = [c('a', '2026-01-05', 'Te laat'), c('b', '2026-02-01', 'Geen reactie'), c('c', '2026-01-15', 'geen reactie gekregen'), c('d', '2026-01-01', 'Anders')];
    expect(boardOrder(cases, 'geen reactie').map((x) => [x.id, x.fitsTopic])).toEqual([['c', true], ['b', true], ['d', false], ['a', false]]);
    expect(boardOrder(cases, null).map((x) => x.id)).toEqual(['d', 'a', 'c', 'b']);
  });

  it('counts a session\'s cases per person on the Amsterdam day', () => {
    expect(amsterdamDay(new Date('2026-03-02T23:30:00Z'))).toBe('2026-03-03');
    const h = (investigatorId: string, status: string, closedAt: string | null) => ({ caseId: `${investigatorId}${closedAt}`, investigatorId, status, closedAt: closedAt ? new Date(closedAt) : null });
    const { perPerson, total } = tallySession(
      [h('p', 'closed', '2026-03-02T15:00:00Z'), h('p', 'closed', '2026-03-02T23:30:00Z'), h('q', 'assigned', null), h('q', 'in_progress', null)],
      ['p', 'q', 'r'], '2026-03-02',
    );
    expect(total).toEqual({ handedOut: 4, closedOnDay: 1, closedLater: 1, open: 2 });
    expect(perPerson.get('p')).toEqual({ handedOut: 2, closedOnDay: 1, closedLater: 1, open: 0 });
    expect(perPerson.get('r')).toEqual({ handedOut: 0, closedOnDay: 0, closedLater: 0, open: 0 });
  });

  it('proposes the next slot day of the capacity plan', () => {
    const slots: LaneSlot[] = [
      { domain: 'inkomen', lane: 'b', weekday: 5, everyWeeks: 1, hours: 8, from: '2026-01-02', to: null },
      { domain: 'inkomen', lane: 'pop', weekday: 3, everyWeeks: 2, hours: 8, from: '2026-02-25', to: null },
    ];
    expect(nextSlotDay(slots, 'inkomen', 'b', '2026-03-02')).toBe('2026-03-06');
    expect(nextSlotDay(slots, 'inkomen', 'b', '2026-03-06')).toBe('2026-03-06');
    expect(nextSlotDay(slots, 'inkomen', 'pop', '2026-03-02')).toBe('2026-03-11');
    expect(nextSlotDay(slots, 'leefomgeving', 'b', '2026-03-02')).toBeNull();
  });
});

let tdb: TestDatabase;
let coordinator: Actor;
let otherCoordinator: Actor;
let director: Actor;
let dispatcher: Actor;
let anna: Actor;
let bert: Actor;
let cees: Actor;
let leefInvestigator: Actor;
/** A POP case of Inkomen, waiting since 2 January (made with the B session's cases). */
let oldPop: CaseView;

beforeAll(async () => {
  tdb = await createTestDatabase(); // the clock: Monday 2 March 2026, 09:00 UTC
  coordinator = await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['inkomen'] });
  otherCoordinator = await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['leefomgeving'] });
  director = await createStaff(tdb.ctx, { roles: ['director'], domains: ['inkomen', 'leefomgeving', 'zorg-en-jeugd', 'veiligheid-en-migratie'] });
  dispatcher = await createStaff(tdb.ctx, { roles: ['dispatcher'], domains: ['inkomen', 'leefomgeving', 'zorg-en-jeugd', 'veiligheid-en-migratie'] });
  anna = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'] });
  bert = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'] });
  cees = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'] });
  leefInvestigator = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['leefomgeving'] });
});
afterAll(async () => {
  await tdb?.close();
  await stopQueueWorker();
});

async function inTray(receivedAt: string, lanes: { b?: boolean; pop?: boolean }, options: Partial<RegisterCase> & { domain?: string; unit?: 'standard' | 'extended' } = {}): Promise<CaseView> {
  const { domain = 'inkomen', unit = 'standard', ...overrides } = options;
  const { case: c } = await registerCase(tdb.ctx, coordinator, complaint({ receivedAt: new Date(`${receivedAt}T10:00:00Z`), subject: `Klacht van ${receivedAt}`, description: 'Niets gehoord.', ...overrides }));
  // A dispatcher of every domain routes and marks (a director sees the case but does not route).
  await routeCase(tdb.ctx, dispatcher, c.id, { domain, unit });
  return lanes.b || lanes.pop ? setLanes(tdb.ctx, dispatcher, c.id, lanes) : getCase(tdb.ctx, c.id);
}

const row = (id: string) => tdb.ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const failure = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return { code: err.code, nl: err.details.errors?.map((e) => e.nl ?? e.message).join(' ') ?? '' };
};

describe('a B session (vluchtstrook)', () => {
  let b1: CaseView, b2: CaseView, b3: CaseView, pop: CaseView, sessionId: string;

  beforeAll(async () => {
    b2 = await inTray('2026-02-01', { b: true });
    b1 = await inTray('2026-01-10', { b: true });
    b3 = await inTray('2026-01-20', { b: true });
    pop = await inTray('2026-01-02', { pop: true });
    oldPop = pop;
    await inTray('2025-12-01', {});
    await inTray('2025-12-02', { b: true }, { domain: 'leefomgeving' });
    await inTray('2025-12-03', { b: true }, { unit: 'extended' });
  });

  it('is planned by the domain\'s coordinator with investigators of the domain, with errors in Dutch', async () => {
    const plan = { lane: 'b', domain: 'inkomen', day: '2026-03-02', people: [anna.id, bert.id] };
    expect(await failure(planSession(tdb.ctx, anna, plan))).toEqual({ code: 'forbidden', nl: 'U mag geen sessies plannen.' });
    expect(await failure(planSession(tdb.ctx, otherCoordinator, plan))).toEqual({ code: 'forbidden', nl: 'U plant alleen sessies in uw eigen domeinen.' });
    expect(await failure(planSession(tdb.ctx, coordinator, { ...plan, day: '2026-02-27' }))).toEqual({ code: 'validation', nl: 'Deze datum ligt in het verleden.' });
    expect(await failure(planSession(tdb.ctx, coordinator, { ...plan, day: '2026-02-30' }))).toEqual({ code: 'validation', nl: 'Vul een datum in als JJJJ-MM-DD.' });
    expect(await failure(planSession(tdb.ctx, coordinator, { ...plan, people: [] }))).toEqual({ code: 'validation', nl: 'Kies minstens één klachtonderzoeker.' });
    expect(await failure(planSession(tdb.ctx, coordinator, { ...plan, topic: 'bomen' }))).toEqual({ code: 'validation', nl: 'Een onderwerp hoort bij een POP-dag, niet bij de vluchtstrook.' });
    expect((await failure(planSession(tdb.ctx, coordinator, { ...plan, people: [anna.id, leefInvestigator.id] }))).nl).toMatch(/is geen actieve klachtonderzoeker \(KB\) van dit domein/);
    sessionId = await planSession(tdb.ctx, coordinator, plan);
    expect(await failure(planSession(tdb.ctx, coordinator, plan))).toEqual({ code: 'duplicate', nl: 'Op deze dag is al een B-sessie gepland in dit domein.' });
  });

  it('lists only the domain\'s waiting B cases of KB on the board, oldest first', async () => {
    const board = await getBoard(tdb.ctx, coordinator, sessionId);
    expect(board.cases.map((c) => c.dossierNumber)).toEqual([b1, b3, b2].map((c) => c.dossierNumber));
    expect(board.waiting).toBe(3);
    expect(board.isToday).toBe(true);
    expect(board.people.map((p) => p.id)).toEqual([anna.id, bert.id]);
    expect(board.outcomes.map((o) => o.id)).toEqual(['KEN', 'referral', 'advice', 'intervention']);
  });

  it('lets a person of the session claim a case: assigned through the state machine, recorded in the session', async () => {
    await claimCase(tdb.ctx, anna, sessionId, { caseId: b1.id, version: String(b1.version) });
    const r = await row(b1.id);
    expect(r).toMatchObject({ status: 'assigned', investigator_id: anna.id, handling_type: 'quick' });
    expect(r.proposal).toMatch(/^Vluchtstrook: snel afhandelen/);
    const events = await tdb.ctx.db.selectFrom('case_events').select(['type', 'actor_id']).where('case_id', '=', b1.id).where('type', '=', 'assigned').execute();
    expect(events).toEqual([{ type: 'assigned', actor_id: anna.id }]);
    const handouts = await tdb.ctx.db.selectFrom('lane_session_cases').select(['case_id', 'investigator_id']).where('session_id', '=', sessionId).execute();
    expect(handouts).toEqual([{ case_id: b1.id, investigator_id: anna.id }]);
    const board = await getBoard(tdb.ctx, anna, sessionId);
    expect(board.cases.map((c) => c.id)).toEqual([b3.id, b2.id]);
    expect(board.handouts.map((h) => h.caseId)).toEqual([b1.id]);
  });

  it('refuses a claim by someone not in the session, of a case already claimed, or of a case not on the board', async () => {
    expect(await failure(claimCase(tdb.ctx, cees, sessionId, { caseId: b3.id }))).toEqual({ code: 'forbidden', nl: 'U hoort niet bij deze sessie en kunt er geen zaken uit oppakken.' });
    expect((await failure(claimCase(tdb.ctx, anna, sessionId, { caseId: b3.id, investigatorId: bert.id }))).code).toBe('forbidden');
    expect(await failure(claimCase(tdb.ctx, coordinator, sessionId, { caseId: b3.id, investigatorId: cees.id }))).toEqual({ code: 'unprocessable', nl: 'Kies iemand van deze sessie.' });
    expect(await failure(claimCase(tdb.ctx, bert, sessionId, { caseId: b1.id }))).toEqual({ code: 'transition_forbidden', nl: `Zaak ${b1.dossierNumber} is niet meer in de bak: iemand heeft hem al opgepakt.` });
    expect(await failure(claimCase(tdb.ctx, bert, sessionId, { caseId: pop.id }))).toEqual({ code: 'unprocessable', nl: `Zaak ${pop.dossierNumber} hoort niet op dit bord.` });
    expect((await row(b3.id)).status).toBe('queued');
  });

  it('lets the coordinator hand out to the session\'s people, and the handler close from the board', async () => {
    await claimCase(tdb.ctx, coordinator, sessionId, { caseId: b3.id, investigatorId: bert.id });
    expect(await row(b3.id)).toMatchObject({ status: 'assigned', investigator_id: bert.id });
    await claimCase(tdb.ctx, coordinator, sessionId, { caseId: b2.id, investigatorId: anna.id });

    const referral = { outcome: 'referral', registration: { referredTo: '' } };
    expect(await failure(closeFromBoard(tdb.ctx, anna, sessionId, b1.id, referral))).toEqual({ code: 'validation', nl: 'Vul dit veld in.' });
    expect((await failure(closeFromBoard(tdb.ctx, anna, sessionId, b3.id, { outcome: 'referral', registration: { referredTo: 'Gemeente' } }))).code).toBe('forbidden');
    expect((await failure(closeFromBoard(tdb.ctx, anna, sessionId, pop.id, { outcome: 'KEN', registration: { referredTo: 'UWV' } }))).code).toBe('not_found');
    await closeFromBoard(tdb.ctx, anna, sessionId, b1.id, { outcome: 'referral', registration: { referredTo: 'Klachtafdeling Belastingdienst' } });
    expect(await row(b1.id)).toMatchObject({ status: 'closed', outcome_id: 'referral' });
    const board = await getBoard(tdb.ctx, coordinator, sessionId);
    expect(board.total).toEqual({ handedOut: 3, closedOnDay: 1, closedLater: 0, open: 2 });
    expect(board.perPerson.map((p) => [p.person.id, p.tally.handedOut, p.tally.open])).toEqual([[anna.id, 2, 1], [bert.id, 1, 1]]);
  });

  it('reports what the session cleared, on the day and later, per person; the domain lists it with its counts', async () => {
    tdb.setNow('2026-03-03T10:00:00Z');
    await closeFromBoard(tdb.ctx, bert, sessionId, b3.id, { outcome: 'advice', registration: { advice: 'Bel de instantie opnieuw.' } });
    expect(await failure(claimCase(tdb.ctx, anna, sessionId, { caseId: b2.id }))).toEqual({ code: 'unprocessable', nl: 'Uitdelen kan alleen op de dag van de sessie (2026-03-02).' });
    const report = await getReport(tdb.ctx, director, sessionId);
    expect(report.total).toEqual({ handedOut: 3, closedOnDay: 1, closedLater: 1, open: 1 });
    expect(report.perPerson.map((p) => [p.person.id, p.tally])).toEqual([
      [anna.id, { handedOut: 2, closedOnDay: 1, closedLater: 0, open: 1 }],
      [bert.id, { handedOut: 1, closedOnDay: 0, closedLater: 1, open: 0 }],
    ]);
    const overview = await getLaneOverview(tdb.ctx, coordinator, 'inkomen');
    expect(overview.past.map((s) => [s.id, s.lane, s.day, s.handedOut, s.closed])).toEqual([[sessionId, 'b', '2026-03-02', 3, 2]]);
    expect(overview.upcoming).toEqual([]);
    expect(overview.waiting.b).toBe(0);
  });

  it('is seen by the domain and the directorate only', async () => {
    await expect(getBoard(tdb.ctx, director, sessionId)).resolves.toBeTruthy();
    expect((await failure(getBoard(tdb.ctx, otherCoordinator, sessionId))).code).toBe('forbidden');
    expect((await failure(getBoard(tdb.ctx, leefInvestigator, sessionId))).code).toBe('forbidden');
    expect((await failure(getLaneOverview(tdb.ctx, leefInvestigator, 'inkomen'))).code).toBe('forbidden');
  });
});

describe('a POP day with a topic', () => {
  it('puts the cases fitting the topic first, proposes the day from the capacity plan, and hands out with the topic in the proposal', async () => {
    tdb.setNow('2026-03-09T08:00:00Z'); // Monday
    await insertSlots(tdb.ctx.db, [{ domain: 'inkomen', lane: 'pop', weekday: 3, everyWeeks: 1, hours: 8, from: '2026-01-07', to: null }]);
    const plain = await inTray('2026-01-05', { pop: true }, { subject: 'Toeslag te laat', description: 'Het geld is er nog niet.' });
    const byKeyword = await inTray('2026-01-15', { pop: true }, { subject: 'Brief blijft liggen', description: 'Niets gehoord.', keywords: ['geen-reactie'] });
    const bySubject = await inTray('2026-02-01', { pop: true }, { subject: 'Geen reactie op mijn bezwaar', description: 'Sinds januari.' });
    const near = await inTray('2026-01-10', { pop: true }, { subject: 'Reacties bleven uit', description: 'Nooit geen antwoord.' });

    const overview = await getLaneOverview(tdb.ctx, coordinator, 'inkomen');
    expect(overview.proposed).toEqual({ b: null, pop: '2026-03-11' });
    const day = overview.proposed.pop!;
    const sessionId = await planSession(tdb.ctx, coordinator, { lane: 'pop', domain: 'inkomen', day, topic: 'geen reactie', people: [cees.id] });
    // another topic on the same day is another POP day; the same topic twice is refused
    expect((await failure(planSession(tdb.ctx, coordinator, { lane: 'pop', domain: 'inkomen', day, topic: 'Geen Reactie', people: [cees.id] }))).code).toBe('duplicate');

    tdb.setNow(`${day}T09:00:00Z`);
    const board = await getBoard(tdb.ctx, cees, sessionId);
    expect(board.cases.map((c) => [c.dossierNumber, c.fitsTopic])).toEqual([
      [byKeyword.dossierNumber, true], [bySubject.dossierNumber, true],
      [oldPop.dossierNumber, false], [plain.dossierNumber, false], [near.dossierNumber, false],
    ]);

    await claimCase(tdb.ctx, cees, sessionId, { caseId: byKeyword.id });
    expect((await row(byKeyword.id)).proposal).toBe('POP-dag: snel afhandelen (onderwerp: geen reactie).');
    expect((await getBoard(tdb.ctx, coordinator, sessionId)).total).toEqual({ handedOut: 1, closedOnDay: 0, closedLater: 0, open: 1 });
  });
});

describe('the lane pages', () => {
  it('answer a wrong plan and a refused claim in Dutch, beside the fields, with the right status', async () => {
    tdb.setNow('2026-03-16T09:00:00Z');
    const api = await startTestApi(tdb.ctx);
    try {
      const asCoordinator = await pageClient(api, tdb.ctx, coordinator.id);
      const empty = await asCoordinator.post('/lanen', { domain: 'inkomen', lane: 'pop', day: '2026-03-13', topic: 'bomen' });
      expect(empty.status).toBe(400);
      expect(empty.html).toContain('De sessie is niet gepland.');
      expect(empty.html).toContain('Kies minstens één klachtonderzoeker.');
      const past = await asCoordinator.post('/lanen', { domain: 'inkomen', lane: 'pop', day: '2026-03-13', people: [anna.id] });
      expect(past.html).toMatch(/id="f-day-error" class="grip-field-error">Deze datum ligt in het verleden\./);
      const planned = await asCoordinator.post('/lanen', { domain: 'inkomen', lane: 'b', day: '2026-03-16', people: [anna.id] });
      expect(planned.status).toBe(303);
      const board = planned.location!.split('?')[0]!;
      expect((await asCoordinator.get(planned.location!)).html).toContain('De sessie is gepland.');

      const c = await inTray('2026-03-02', { b: true });
      const asCees = await pageClient(api, tdb.ctx, cees.id);
      const refused = await asCees.post(`${board}/uitdelen`, { caseId: c.id, version: String(c.version) });
      expect(refused.status).toBe(403);
      expect(refused.html).toContain('U hoort niet bij deze sessie en kunt er geen zaken uit oppakken.');
      expect((await row(c.id)).status).toBe('queued');
      const asAnna = await pageClient(api, tdb.ctx, anna.id);
      const claimed = await asAnna.post(`${board}/uitdelen`, { caseId: c.id, version: String(c.version) });
      expect(claimed.status).toBe(303);
      expect((await asAnna.get(claimed.location!)).html).toContain(`Zaak ${c.dossierNumber} is uitgedeeld.`);
      const missing = await asAnna.post(`${board}/zaken/${c.id}/afsluiten`, { outcome: 'intervention', 'registration.agreement': 'Afgesproken' });
      expect(missing.status).toBe(400);
      expect(missing.html).toMatch(/id="f-registration-result-error" class="grip-field-error">Vul dit veld in\./);
      expect((await asCees.get(`${board}/rapport`)).status).toBe(200);
      const foreign = await (await pageClient(api, tdb.ctx, otherCoordinator.id)).get(board);
      expect(foreign.status).toBe(403);
      expect(foreign.html).toContain('U hebt geen toegang tot deze sessie.');
    } finally {
      await api.close();
    }
  });
});

describe('clusters and a second hand-out', () => {
  let sessionId: string;

  beforeAll(async () => {
    tdb.setNow('2026-03-23T09:00:00Z');
    sessionId = await planSession(tdb.ctx, coordinator, { lane: 'b', domain: 'inkomen', day: '2026-03-23', people: [anna.id, bert.id] });
  });

  it('leaves complaints in a cluster off the board and out of the counts, and refuses to hand them out', async () => {
    const before = await getBoard(tdb.ctx, coordinator, sessionId);
    const [first, second, free] = [await inTray('2026-03-10', { b: true }), await inTray('2026-03-11', { b: true }), await inTray('2026-03-12', { b: true })];
    await confirmCluster(tdb.ctx, coordinator, { title: 'Toeslagen blijven uit', caseIds: [first!.id, second!.id] });
    expect((await row(first!.id)).status).toBe('queued'); // still in the tray, yet the cluster's

    const board = await getBoard(tdb.ctx, coordinator, sessionId);
    expect(board.cases.map((c) => c.id)).toEqual([...before.cases.map((c) => c.id), free!.id]);
    expect(board.waiting).toBe(before.waiting + 1);
    expect((await getLaneOverview(tdb.ctx, coordinator, 'inkomen')).waiting.b).toBe(before.waiting + 1);

    expect(await failure(claimCase(tdb.ctx, anna, sessionId, { caseId: first!.id }))).toEqual({ code: 'unprocessable', nl: 'Deze klacht hoort bij een cluster en wordt daar behandeld.' });
    expect(await failure(claimCase(tdb.ctx, coordinator, sessionId, { caseId: second!.id, investigatorId: bert.id }))).toEqual({ code: 'unprocessable', nl: 'Deze klacht hoort bij een cluster en wordt daar behandeld.' });
    expect(await row(first!.id)).toMatchObject({ status: 'queued', investigator_id: null });
    await claimCase(tdb.ctx, anna, sessionId, { caseId: free!.id });
    expect((await row(free!.id)).status).toBe('assigned');
  });

  it('hands a case out again after it went back to the tray: one hand-out, counted for whoever got it last', async () => {
    const c = await inTray('2026-03-13', { b: true });
    await claimCase(tdb.ctx, anna, sessionId, { caseId: c.id });
    tdb.setNow('2026-03-23T10:00:00Z');
    await transferCase(tdb.ctx, coordinator, c.id, { unit: 'extended', reason: 'Toch complex' });
    await transferCase(tdb.ctx, coordinator, c.id, { unit: 'standard', reason: 'Toch eenvoudig' });
    expect(await row(c.id)).toMatchObject({ status: 'queued', investigator_id: null, lane_b: true });
    tdb.setNow('2026-03-23T11:00:00Z');
    await claimCase(tdb.ctx, bert, sessionId, { caseId: c.id });

    expect(await row(c.id)).toMatchObject({ status: 'assigned', investigator_id: bert.id });
    const handouts = await tdb.ctx.db.selectFrom('lane_session_cases').select(['investigator_id', 'handed_out_at']).where('session_id', '=', sessionId).where('case_id', '=', c.id).execute();
    expect(handouts).toEqual([{ investigator_id: bert.id, handed_out_at: new Date('2026-03-23T11:00:00Z') }]);
    const report = await getReport(tdb.ctx, coordinator, sessionId);
    expect(report.total.handedOut).toBe(2); // the free case of the cluster test, and this one once
    expect(report.perPerson.map((p) => [p.person.id, p.tally.handedOut])).toEqual([[anna.id, 1], [bert.id, 1]]);
  });
});
