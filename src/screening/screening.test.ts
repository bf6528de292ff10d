import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy.ts';
import { insertEvents } from '../cases/case.repository.ts';
import { getCase, registerCase } from '../cases/case.service.ts';
import type { RegisterCase } from '../cases/case.schema.ts';
import { closeCase, reopenCase, routeCase } from '../cases/case.transitions.ts';
import { stopQueueWorker } from '../forecast/queue.runner.ts';
import { AppError } from '../shared/errors.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { escalate, escalations } from './escalation.service.ts';
import {
  activeObCriteria, addObCriterion, moveObCriterion, obCriteria, obReport, renameObCriterion, screenCase, setObCriterionActive,
} from './screening.service.ts';
import {
  DEFAULT_OB_CRITERIA, flagCases, matchedCriteria, obReportTable, parseDossierNumbers, reorder, transferReason, type TransferCriterion,
} from './screening.ts';
import { addTransferCriterion, flaggedCases, setTransferActive, transferCriteria, transferFlagged } from './transfer.service.ts';

const DAY = 86_400_000;

describe('the screening core', () => {
  const now = new Date('2026-03-02T09:00:00Z');
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const k = (id: string, kind: TransferCriterion['kind'], extra: Partial<TransferCriterion> = {}): TransferCriterion =>
    ({ id, label: id, kind, weeks: null, keywordId: null, active: true, ...extra });
  const criteria = [k('oud', 'age_weeks', { weeks: 12 }), k('complex', 'complex'), k('heropend', 'reopened'), k('gas', 'keyword', { keywordId: 'gaswinning' }), k('uit', 'complex', { active: false })];
  const c = (id: string, days: number, extra: { complex?: boolean; keywords?: string[]; reopened?: boolean } = {}) =>
    ({ id, receivedAt: ago(days), complex: extra.complex ?? false, keywords: extra.keywords ?? [], reopened: extra.reopened ?? false });

  it('flags open cases by the active criteria, with known answers', () => {
    const ids = (x: { id: string }[]) => x.map((m) => m.id);
    expect(ids(matchedCriteria(c('a', 84), criteria, now))).toEqual([]); // exactly 12 weeks: not longer than 12 weeks
    expect(ids(matchedCriteria(c('a', 85), criteria, now))).toEqual(['oud']);
    expect(ids(matchedCriteria(c('a', 3, { complex: true }), criteria, now))).toEqual(['complex']); // the inactive complex criterion does not count
    expect(ids(matchedCriteria(c('a', 3, { keywords: ['bomen', 'gaswinning'] }), criteria, now))).toEqual(['gas']);
    expect(ids(matchedCriteria(c('a', 3, { keywords: ['bomen'] }), criteria, now))).toEqual([]);
    expect(ids(matchedCriteria(c('a', 100, { complex: true, reopened: true }), criteria, now))).toEqual(['oud', 'complex', 'heropend']);
    const flagged = flagCases([c('nieuw', 10), c('complex', 20, { complex: true }), c('oudst', 200), c('heropend', 30, { reopened: true })], criteria, now);
    expect(flagged.map((f) => [f.case.id, ids(f.matched)])).toEqual([['oudst', ['oud']], ['heropend', ['heropend']], ['complex', ['complex']]]);
    expect(flagCases([c('x', 200)], criteria.map((x) => ({ ...x, active: false })), now)).toEqual([]);
    expect(transferReason([{ label: 'Langer dan 12 weken sinds ontvangst' }, { label: 'Complex' }])).toBe('Overdrachtscriteria: Langer dan 12 weken sinds ontvangst; Complex');
  });

  it('reads dossier numbers separated by commas and lines, and reorders a list', () => {
    expect(parseDossierNumbers('2026.000001, 2026.000002\n2026.000001;  abc\n\n2026.1')).toEqual({ numbers: ['2026.000001', '2026.000002'], malformed: ['abc', '2026.1'] });
    expect(reorder(['a', 'b', 'c'], 'b', 'up')).toEqual(['b', 'a', 'c']);
    expect(reorder(['a', 'b', 'c'], 'b', 'down')).toEqual(['a', 'c', 'b']);
    expect(reorder(['a', 'b', 'c'], 'a', 'up')).toEqual(['a', 'b', 'c']);
    expect(reorder(['a', 'b', 'c'], 'c', 'down')).toEqual(['a', 'b', 'c']);
  });

  it('tables the criterion counts per domain, a "no domain" column only when needed', () => {
    const crit = [{ id: 'x', label: 'X', active: true }, { id: 'y', label: 'Y', active: true }, { id: 'z', label: 'Z', active: false }, { id: 'w', label: 'W', active: false }];
    const table = obReportTable(crit, [
      { criterionId: 'x', domainId: 'inkomen', count: 3 }, { criterionId: 'x', domainId: 'zorg', count: 1 },
      { criterionId: 'z', domainId: null, count: 2 }, { criterionId: 'gone', domainId: 'inkomen', count: 9 },
    ], ['inkomen', 'zorg']);
    expect(table.columns).toEqual(['inkomen', 'zorg', null]);
    expect(table.rows.map((r) => [r.id, r.perDomain, r.total])).toEqual([['x', [3, 1, 0], 4], ['y', [0, 0, 0], 0], ['z', [0, 0, 2], 2]]);
    expect(obReportTable(crit, [{ criterionId: 'x', domainId: 'inkomen', count: 1 }], ['inkomen']).columns).toEqual(['inkomen']);
  });
});

let tdb: TestDatabase;
let coordinator: Actor;
let otherCoordinator: Actor;
let dispatcher: Actor;
let investigator: Actor;

beforeAll(async () => {
  tdb = await createTestDatabase(); // the clock: Monday 2 March 2026, 09:00 UTC
  coordinator = await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['inkomen'] });
  otherCoordinator = await createStaff(tdb.ctx, { roles: ['coordinator'], domains: ['leefomgeving'] });
  dispatcher = await createStaff(tdb.ctx, { roles: ['dispatcher'], domains: [] });
  investigator = await createStaff(tdb.ctx, { roles: ['investigator'], domains: ['inkomen'] });
});
afterAll(async () => {
  await tdb?.close();
  await stopQueueWorker();
});

/** A case received `daysAgo` days ago, routed into `domain` (KB unless said), or left unrouted with domain null. */
async function makeCase(options: { domain?: string | null; unit?: 'standard' | 'extended'; daysAgo?: number } & Partial<RegisterCase> = {}) {
  const { domain = 'inkomen', unit = 'standard', daysAgo = 1, ...input } = options;
  const receivedAt = new Date(tdb.ctx.clock().getTime() - daysAgo * DAY);
  const { case: c } = await registerCase(tdb.ctx, dispatcher, complaint({ receivedAt, ...input }));
  if (domain === null) return c;
  return routeCase(tdb.ctx, dispatcher, c.id, { domain, unit });
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const eventsOf = async (caseId: string, type: string) => ((await getCase(tdb.ctx, caseId, { events: true })).events ?? []).filter((e) => e.type === type);

describe('the OB criteria', () => {
  it('start with the default list, once, and are kept by coordinators', async () => {
    const first = await obCriteria(tdb.ctx, coordinator);
    expect(first.map((c) => c.label)).toEqual(DEFAULT_OB_CRITERIA);
    expect((await obCriteria(tdb.ctx, coordinator)).length).toBe(DEFAULT_OB_CRITERIA.length);

    const id = await addObCriterion(tdb.ctx, coordinator, { label: '  De klacht is al eerder behandeld  ' });
    let list = await obCriteria(tdb.ctx, coordinator);
    expect(list.at(-1)).toMatchObject({ id, label: 'De klacht is al eerder behandeld', active: true });
    const dup = await refusal(addObCriterion(tdb.ctx, coordinator, { label: 'de klacht is al eerder BEHANDELD' }));
    expect(dup.details.errors?.[0]).toMatchObject({ field: 'label', nl: 'Dit criterium staat al in de lijst.' });
    expect((await refusal(addObCriterion(tdb.ctx, coordinator, { label: '   ' }))).details.errors?.[0]?.field).toBe('label');

    await renameObCriterion(tdb.ctx, coordinator, { id, label: 'De klacht is eerder door de ombudsman behandeld' });
    await moveObCriterion(tdb.ctx, coordinator, { id, direction: 'up' });
    list = await obCriteria(tdb.ctx, coordinator);
    expect(list.map((c) => c.label).slice(-2)).toEqual(['De klacht is eerder door de ombudsman behandeld', DEFAULT_OB_CRITERIA.at(-1)]);
    await moveObCriterion(tdb.ctx, coordinator, { id, direction: 'down' });
    expect((await obCriteria(tdb.ctx, coordinator)).at(-1)!.id).toBe(id);

    await setObCriterionActive(tdb.ctx, coordinator, { id, active: false });
    expect((await activeObCriteria(tdb.ctx)).map((c) => c.id)).not.toContain(id);
    expect((await obCriteria(tdb.ctx, coordinator)).find((c) => c.id === id)?.active).toBe(false);
    await setObCriterionActive(tdb.ctx, coordinator, { id, active: true });
    expect((await activeObCriteria(tdb.ctx)).map((c) => c.id)).toContain(id);
  });

  it('are not kept by investigators', async () => {
    expect((await refusal(obCriteria(tdb.ctx, investigator))).code).toBe('forbidden');
    expect((await refusal(addObCriterion(tdb.ctx, investigator, { label: 'Iets' }))).code).toBe('forbidden');
    expect((await refusal(obReport(tdb.ctx, investigator))).code).toBe('forbidden');
  });
});

describe('the OB screening of a case', () => {
  it('closes the case with outcome OB and records an event naming the criteria', async () => {
    const [a, b] = await activeObCriteria(tdb.ctx);
    const c = await makeCase();
    const result = await screenCase(tdb.ctx, coordinator, c.id, { criteria: [b!.id, a!.id], note: ' Kleine kwestie ', decision: 'ob', version: c.version });
    expect(result).toEqual({ dossierNumber: c.dossierNumber, decision: 'ob', closed: true });
    const after = await getCase(tdb.ctx, c.id, { events: true });
    expect(after).toMatchObject({ status: 'closed', outcome: 'OB' });
    const types = after.events!.map((e) => e.type);
    expect(types.slice(-2)).toEqual(['ob_screened', 'closed']);
    // The criteria in the checklist's order, whatever order they were ticked in.
    expect(after.events!.at(-2)!.payload).toEqual({ criteria: [a!.id, b!.id], labels: [a!.label, b!.label], note: 'Kleine kwestie', decision: 'ob' });
    expect(after.events!.at(-1)!.payload).toMatchObject({ outcomeId: 'OB', registration: { reason: `${a!.label}; ${b!.label}` } });
  });

  it('refuses OB without a criterion, in Dutch, and changes nothing', async () => {
    const c = await makeCase();
    const err = await refusal(screenCase(tdb.ctx, coordinator, c.id, { criteria: [], decision: 'ob' }));
    expect(err.code).toBe('validation');
    expect(err.details.errors).toEqual([expect.objectContaining({ field: 'criteria', nl: 'Kies minstens één criterium.' })]);
    expect((await getCase(tdb.ctx, c.id)).status).toBe('queued');
    expect(await eventsOf(c.id, 'ob_screened')).toEqual([]);
  });

  it('records "not OB" only: the case stays in the tray', async () => {
    const [a] = await activeObCriteria(tdb.ctx);
    const c = await makeCase();
    expect((await screenCase(tdb.ctx, coordinator, c.id, { criteria: [a!.id], decision: 'not_ob', note: '' })).closed).toBe(false);
    const after = await getCase(tdb.ctx, c.id);
    expect(after).toMatchObject({ status: 'queued', outcome: null, version: c.version });
    expect((await eventsOf(c.id, 'ob_screened')).map((e) => e.payload)).toEqual([{ criteria: [a!.id], labels: [a!.label], note: null, decision: 'not_ob' }]);
  });

  it('is refused to a dispatcher, who marks lanes in every domain but closes no cases', async () => {
    const [a] = await activeObCriteria(tdb.ctx);
    const c = await makeCase();
    for (const decision of ['ob', 'not_ob']) {
      const err = await refusal(screenCase(tdb.ctx, dispatcher, c.id, { criteria: [a!.id], decision }));
      expect(err.code).toBe('forbidden');
      expect(err.details.errors?.[0]?.nl).toBe('U mag geen OB-toets doen.');
    }
    expect(await getCase(tdb.ctx, c.id)).toMatchObject({ status: 'queued', outcome: null });
    expect(await eventsOf(c.id, 'ob_screened')).toEqual([]);
  });

  it('is refused on a case without a domain, also to an admin: it is routed first', async () => {
    const [a] = await activeObCriteria(tdb.ctx);
    const admin = await createStaff(tdb.ctx, { roles: ['admin'], domains: [] });
    const c = await makeCase({ domain: null });
    for (const actor of [coordinator, admin]) {
      const err = await refusal(screenCase(tdb.ctx, actor, c.id, { criteria: [a!.id], decision: 'ob' }));
      expect(err.code).toBe('unprocessable');
      expect(err.details.errors?.[0]?.nl).toBe('Routeer de zaak eerst naar een domein.');
    }
    expect(await getCase(tdb.ctx, c.id)).toMatchObject({ status: 'received', outcome: null });
    expect(await eventsOf(c.id, 'ob_screened')).toEqual([]);
  });

  it('closes as OB for a coordinator and a team manager of the case\'s domain', async () => {
    const [a] = await activeObCriteria(tdb.ctx);
    const teamManager = await createStaff(tdb.ctx, { roles: ['teamManager'], domains: ['inkomen'] });
    for (const actor of [coordinator, teamManager]) {
      const c = await makeCase();
      expect(await screenCase(tdb.ctx, actor, c.id, { criteria: [a!.id], decision: 'ob' })).toMatchObject({ closed: true });
      expect(await getCase(tdb.ctx, c.id)).toMatchObject({ status: 'closed', outcome: 'OB' });
    }
  });

  it('checks outcome OB\'s registration profile as closing does: a required field it cannot fill refuses, and nothing changes', async () => {
    const [a] = await activeObCriteria(tdb.ctx);
    const ob = await tdb.ctx.db.selectFrom('outcomes').select('profile').where('id', '=', 'OB').executeTakeFirstOrThrow();
    const extra = { key: 'agencyAnswer', label: 'Reactie van de instantie', required: true, kind: 'text' as const };
    await tdb.ctx.db.updateTable('outcomes').set({ profile: JSON.stringify([...ob.profile, extra]) }).where('id', '=', 'OB').execute();
    try {
      const c = await makeCase();
      const err = await refusal(screenCase(tdb.ctx, coordinator, c.id, { criteria: [a!.id], decision: 'ob' }));
      expect(err.code).toBe('unprocessable');
      expect(err.details.errors?.[0]?.nl).toBe('De uitkomst OB vraagt ook „Reactie van de instantie”: sluit de zaak af via Afsluiten.');
      expect(await getCase(tdb.ctx, c.id)).toMatchObject({ status: 'queued', outcome: null });
      expect(await eventsOf(c.id, 'ob_screened')).toEqual([]);
      // "Not OB" closes nothing, so the profile does not matter.
      expect((await screenCase(tdb.ctx, coordinator, c.id, { criteria: [a!.id], decision: 'not_ob' })).closed).toBe(false);
    } finally {
      await tdb.ctx.db.updateTable('outcomes').set({ profile: JSON.stringify(ob.profile) }).where('id', '=', 'OB').execute();
    }
  });

  it('is refused to investigators, to coordinators of another domain, on handled cases and with unknown criteria', async () => {
    const [a] = await activeObCriteria(tdb.ctx);
    const c = await makeCase();
    expect((await refusal(screenCase(tdb.ctx, investigator, c.id, { criteria: [a!.id], decision: 'ob' }))).code).toBe('forbidden');
    const foreign = await refusal(screenCase(tdb.ctx, otherCoordinator, c.id, { criteria: [a!.id], decision: 'ob' }));
    expect(foreign.code).toBe('forbidden');
    expect(foreign.details.errors?.[0]?.nl).toBe('Deze zaak hoort niet bij uw domeinen.');
    expect((await refusal(screenCase(tdb.ctx, coordinator, c.id, { criteria: [crypto.randomUUID()], decision: 'ob' }))).details.errors?.[0]?.field).toBe('criteria');
    expect((await refusal(screenCase(tdb.ctx, coordinator, c.id, { criteria: [a!.id] }))).details.errors?.[0]?.field).toBe('decision');
    expect((await refusal(screenCase(tdb.ctx, coordinator, c.id, { criteria: [a!.id], decision: 'ob', version: c.version + 5 }))).code).toBe('version_conflict');
    await closeCase(tdb.ctx, coordinator, c.id, { outcome: 'withdrawn' });
    expect((await refusal(screenCase(tdb.ctx, coordinator, c.id, { criteria: [a!.id], decision: 'ob' }))).code).toBe('transition_forbidden');
    expect(await eventsOf(c.id, 'ob_screened')).toEqual([]);
  });
});

describe('the OB criterion report', () => {
  it('counts per criterion and domain the OB closings of the last 12 weeks', async () => {
    const x = await addObCriterion(tdb.ctx, coordinator, { label: 'Rapportcriterium X' });
    const y = await addObCriterion(tdb.ctx, coordinator, { label: 'Rapportcriterium Y' });
    const before = (await obReport(tdb.ctx, coordinator)).screenings;
    const screen = async (domain: string | null, criteria: string[], decision: 'ob' | 'not_ob' = 'ob', actor = coordinator) =>
      screenCase(tdb.ctx, actor, (await makeCase({ domain })).id, { criteria, decision });
    // 13 weeks ago: outside the report.
    const today = tdb.ctx.clock();
    tdb.setNow(new Date(today.getTime() - 13 * 7 * DAY));
    await screen('inkomen', [x]);
    tdb.setNow(today);
    await screen('inkomen', [x, y]);
    await screen('inkomen', [x]);
    await screen('inkomen', [y]);
    await screen('leefomgeving', [x], 'ob', otherCoordinator);
    // Before the screening asked for a domain, a case could be closed as OB unrouted: it counts under "no domain".
    const unrouted = await makeCase({ domain: null });
    await insertEvents(tdb.ctx.db, [{ caseId: unrouted.id, type: 'ob_screened', at: today, actorId: dispatcher.id, payload: { criteria: [y], labels: ['Rapportcriterium Y'], note: null, decision: 'ob' } }]);
    await screen('inkomen', [x], 'not_ob');
    await setObCriterionActive(tdb.ctx, coordinator, { id: y, active: false });

    const report = await obReport(tdb.ctx, coordinator);
    const col = (id: string | null) => report.columns.findIndex((c) => c.id === id);
    const row = (id: string) => report.rows.find((r) => r.id === id)!;
    expect(report.columns.map((c) => c.id)).toEqual(['inkomen', 'leefomgeving', 'veiligheid-en-migratie', 'zorg-en-jeugd', null]);
    expect(report.columns.at(-1)).toEqual({ id: null, name: null }); // the view names it, in the reader's language
    expect(row(x).total).toBe(3);
    expect(row(x).perDomain[col('inkomen')]).toBe(2);
    expect(row(x).perDomain[col('leefomgeving')]).toBe(1);
    expect(row(x).perDomain[col(null)]).toBe(0);
    // Deactivated, yet it was used: it stays in the report.
    expect(row(y)).toMatchObject({ active: false, total: 3 });
    expect(row(y).perDomain[col('inkomen')]).toBe(2);
    expect(row(y).perDomain[col(null)]).toBe(1);
    expect(report.screenings).toEqual({ ob: before.ob + 5, notOb: before.notOb + 1 });
  });
});

describe('transfers to UKB by criteria', () => {
  it('start with the default criteria and flag the open KB cases of the actor\'s domains', async () => {
    const criteria = await transferCriteria(tdb.ctx, coordinator);
    expect(criteria.map((c) => [c.label, c.kind, c.weeks])).toEqual([
      ['Langer dan 12 weken sinds ontvangst', 'age_weeks', 12], ['Complex', 'complex', null], ['Heropend', 'reopened', null],
    ]);
    const old = await makeCase({ daysAgo: 100, subject: 'Oude zaak' });
    const twelveWeeks = await makeCase({ daysAgo: 84 });
    const complex = await makeCase({ daysAgo: 5, complex: true });
    const plain = await makeCase({ daysAgo: 5 });
    const gas = await makeCase({ daysAgo: 5, keywords: ['gaswinning'] });
    const elsewhere = await makeCase({ daysAgo: 100, domain: 'leefomgeving' });
    const atUkb = await makeCase({ daysAgo: 100, unit: 'extended' });
    const closedOld = await makeCase({ daysAgo: 100 });
    await closeCase(tdb.ctx, coordinator, closedOld.id, { outcome: 'withdrawn' });
    const reopened = await makeCase({ daysAgo: 10 });
    await closeCase(tdb.ctx, coordinator, reopened.id, { outcome: 'withdrawn' });
    await reopenCase(tdb.ctx, coordinator, reopened.id, { reason: 'Verzoeker belde terug' });

    const matched = async () => new Map((await flaggedCases(tdb.ctx, coordinator)).cases.map((f) => [f.dossierNumber, f.matched.map((m) => m.label)]));
    let flagged = await matched();
    expect(flagged.get(old.dossierNumber)).toEqual(['Langer dan 12 weken sinds ontvangst']);
    expect(flagged.get(complex.dossierNumber)).toEqual(['Complex']);
    expect(flagged.get(reopened.dossierNumber)).toEqual(['Heropend']);
    for (const c of [twelveWeeks, plain, gas, elsewhere, atUkb, closedOld]) expect(flagged.has(c.dossierNumber), c.dossierNumber).toBe(false);
    // The other domain's coordinator sees their own case only.
    expect([...(await flaggedCases(tdb.ctx, otherCoordinator)).cases.map((f) => f.dossierNumber)]).toEqual([elsewhere.dossierNumber]);

    const keyword = await addTransferCriterion(tdb.ctx, coordinator, { label: 'Gaswinning', kind: 'keyword', keywordId: 'gaswinning' });
    const complexId = criteria.find((c) => c.kind === 'complex')!.id;
    await setTransferActive(tdb.ctx, coordinator, { id: complexId, active: false });
    flagged = await matched();
    expect(flagged.get(gas.dossierNumber)).toEqual(['Gaswinning']);
    expect(flagged.has(complex.dossierNumber)).toBe(false);
    expect((await transferCriteria(tdb.ctx, coordinator)).find((c) => c.id === keyword)).toMatchObject({ kind: 'keyword', keywordId: 'gaswinning', weeks: null, active: true });
    await setTransferActive(tdb.ctx, coordinator, { id: complexId, active: true });
  });

  it('refuses incomplete criteria in Dutch', async () => {
    const weeks = await refusal(addTransferCriterion(tdb.ctx, coordinator, { label: 'Lang', kind: 'age_weeks' }));
    expect(weeks.details.errors?.[0]).toMatchObject({ field: 'weeks', nl: 'Vul een aantal weken in van 1 tot en met 260.' });
    const keyword = await refusal(addTransferCriterion(tdb.ctx, coordinator, { label: 'Onbekend', kind: 'keyword', keywordId: 'bestaat-niet' }));
    expect(keyword.details.errors?.[0]).toMatchObject({ field: 'keywordId', nl: 'Kies een trefwoord uit de lijst.' });
  });

  it('sends a flagged case to UKB with the criteria it meets as the reason', async () => {
    const c = await makeCase({ daysAgo: 120, complex: true });
    const done = await transferFlagged(tdb.ctx, coordinator, { caseId: c.id, version: String(c.version) });
    expect(done.dossierNumber).toBe(c.dossierNumber);
    const after = await getCase(tdb.ctx, c.id, { events: true });
    expect(after).toMatchObject({ unit: 'extended', domain: 'inkomen', status: 'queued' });
    expect(after.events!.at(-1)).toMatchObject({ type: 'transferred', payload: { reason: 'Overdrachtscriteria: Langer dan 12 weken sinds ontvangst; Complex', to: { unitId: 'extended' } } });
    expect((await flaggedCases(tdb.ctx, coordinator)).cases.map((f) => f.id)).not.toContain(c.id);
    // Not flagged (any more): refused.
    expect((await refusal(transferFlagged(tdb.ctx, coordinator, { caseId: c.id }))).code).toBe('unprocessable');
    const plain = await makeCase({ daysAgo: 2 });
    expect((await refusal(transferFlagged(tdb.ctx, coordinator, { caseId: plain.id }))).code).toBe('unprocessable');
    const foreign = await makeCase({ daysAgo: 120, domain: 'leefomgeving' });
    expect((await refusal(transferFlagged(tdb.ctx, coordinator, { caseId: foreign.id }))).code).toBe('unprocessable');
    expect((await getCase(tdb.ctx, foreign.id)).unit).toBe('standard');
  });

  it('is not for investigators', async () => {
    const c = await makeCase({ daysAgo: 120 });
    expect((await refusal(flaggedCases(tdb.ctx, investigator))).code).toBe('forbidden');
    expect((await refusal(transferFlagged(tdb.ctx, investigator, { caseId: c.id }))).code).toBe('forbidden');
    expect((await refusal(addTransferCriterion(tdb.ctx, investigator, { label: 'X', kind: 'complex' }))).code).toBe('forbidden');
    expect((await getCase(tdb.ctx, c.id)).unit).toBe('standard');
  });
});

describe('escalation to research', () => {
  it('stores the escalation with its cases, and an event in each case\'s history', async () => {
    const cases = [await makeCase({ agency: 'UWV' }), await makeCase({ agency: 'UWV' }), await makeCase({ agency: 'UWV', domain: null })];
    const { id, dossierNumbers } = await escalate(tdb.ctx, coordinator, {
      title: 'UWV reageert niet op bezwaren', description: 'Steeds dezelfde klacht: bezwaren blijven maanden liggen.', agency: 'uwv',
      dossiers: `${cases[0]!.dossierNumber}, ${cases[1]!.dossierNumber}\n${cases[2]!.dossierNumber}\n${cases[0]!.dossierNumber}`,
    });
    expect(dossierNumbers).toEqual(cases.map((c) => c.dossierNumber).sort());
    const [latest] = await escalations(tdb.ctx, coordinator);
    expect(latest).toMatchObject({ id, title: 'UWV reageert niet op bezwaren', agencyName: 'UWV', createdByName: coordinator.name });
    expect(latest!.cases.map((c) => c.id).sort()).toEqual(cases.map((c) => c.id).sort());
    for (const c of cases) {
      expect((await eventsOf(c.id, 'escalated')).map((e) => [e.payload, e.actorId])).toEqual([[{ escalationId: id, title: 'UWV reageert niet op bezwaren' }, coordinator.id]]);
      expect((await getCase(tdb.ctx, c.id)).status).toBe(c.status); // the case stays where it is
    }
  });

  it('lists to each the escalations linking a case of their domains, with only those cases and a count of the others', async () => {
    const admin = await createStaff(tdb.ctx, { roles: ['admin'], domains: [] });
    const own = await makeCase({ subject: 'Eigen zaak Inkomen' });
    const foreign = await makeCase({ domain: 'leefomgeving', subject: 'Zaak van Leefomgeving' });
    const foreign2 = await makeCase({ domain: 'leefomgeving', subject: 'Nog een zaak van Leefomgeving' });
    const mixed = await escalate(tdb.ctx, admin, { title: 'Gemengd', description: 'D', dossiers: `${own.dossierNumber} ${foreign.dossierNumber} ${foreign2.dossierNumber}` });
    const elsewhere = await escalate(tdb.ctx, otherCoordinator, { title: 'Alleen Leefomgeving', description: 'D', dossiers: foreign.dossierNumber });

    const seenBy = async (actor: Actor) => new Map((await escalations(tdb.ctx, actor)).map((e) => [e.id, { cases: e.cases.map((c) => c.id).sort(), others: e.otherCases }]));
    const byCoordinator = await seenBy(coordinator);
    expect(byCoordinator.get(mixed.id)).toEqual({ cases: [own.id], others: 2 });
    expect(byCoordinator.has(elsewhere.id)).toBe(false);
    const byOther = await seenBy(otherCoordinator);
    expect(byOther.get(mixed.id)).toEqual({ cases: [foreign.id, foreign2.id].sort(), others: 1 });
    expect(byOther.get(elsewhere.id)).toEqual({ cases: [foreign.id], others: 0 });
    const byAdmin = await seenBy(admin);
    expect(byAdmin.get(mixed.id)?.others).toBe(0);
    expect(byAdmin.get(mixed.id)?.cases).toHaveLength(3);
    expect(byAdmin.has(elsewhere.id)).toBe(true);
  });

  it('refuses unknown dossier numbers and agencies in Dutch, and stores nothing', async () => {
    const c = await makeCase();
    const count = async () => (await escalations(tdb.ctx, coordinator)).length;
    const before = await count();
    const unknown = await refusal(escalate(tdb.ctx, coordinator, { title: 'T', description: 'D', dossiers: `${c.dossierNumber}\n2026.999999` }));
    expect(unknown.details.errors?.[0]).toMatchObject({ field: 'dossiers', nl: 'Onbekende dossiernummers: 2026.999999.' });
    const malformed = await refusal(escalate(tdb.ctx, coordinator, { title: 'T', description: 'D', dossiers: `${c.dossierNumber}, twaalf` }));
    expect(malformed.details.errors?.[0]?.nl).toContain('twaalf');
    const agency = await refusal(escalate(tdb.ctx, coordinator, { title: 'T', description: 'D', agency: 'Ministerie van Niets', dossiers: c.dossierNumber }));
    expect(agency.details.errors?.[0]?.field).toBe('agency');
    const none = await refusal(escalate(tdb.ctx, coordinator, { title: 'T', description: 'D', dossiers: ' \n ' }));
    expect(none.details.errors?.[0]?.nl).toBe('Vul minstens één dossiernummer in.');
    const foreign = await makeCase({ domain: 'leefomgeving' });
    expect((await refusal(escalate(tdb.ctx, coordinator, { title: 'T', description: 'D', dossiers: foreign.dossierNumber }))).code).toBe('forbidden');
    expect((await refusal(escalate(tdb.ctx, investigator, { title: 'T', description: 'D', dossiers: c.dossierNumber }))).code).toBe('forbidden');
    expect(await count()).toBe(before);
    expect(await eventsOf(c.id, 'escalated')).toEqual([]);
  });
});
