import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertPeriods } from '../capacity/capacity.repository.ts';
import type { PlanPeriod } from '../capacity/plan.ts';
import { AppError } from '../shared/errors.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { createStaff } from '../testing/factories.ts';
import { editDay, generateMonth, onCallToday, readMonth, rosterItems, type RosterMonth } from './roster.service.ts';
import { workingDaysOf } from './roster.ts';

const APRIL_15 = '2024-04-15T09:00:00Z';

type Staff = Awaited<ReturnType<typeof createStaff>>;
const DOMAIN = 'leefomgeving';

let tdb: TestDatabase;
let anna: Staff;
let bram: Staff;
let cor: Staff;
let coordinator: Staff;
let otherCoordinator: Staff;
let extended: Staff;
let inactive: Staff;

const period = (who: Staff, kind: PlanPeriod['kind'], from: string, to: string | null, hoursPerWeek = 36): PlanPeriod =>
  ({ person: who.name, staffId: who.id, domain: DOMAIN, kind, from, to, hoursPerWeek });

/** The refusal a call ends with (or fails the test when it succeeds). */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

const personOn = async (month: string, day: string) => (await readMonth(tdb.ctx, DOMAIN, month)).days.find((d) => d.date === day)?.investigator?.id ?? null;

beforeAll(async () => {
  tdb = await createTestDatabase();
  tdb.setNow(APRIL_15);
  const ctx = tdb.ctx;
  anna = await createStaff(ctx, { roles: ['investigator'], domains: [DOMAIN] });
  bram = await createStaff(ctx, { roles: ['investigator'], domains: [DOMAIN, 'inkomen'] });
  cor = await createStaff(ctx, { roles: ['investigator'], domains: [DOMAIN] });
  coordinator = await createStaff(ctx, { roles: ['coordinator'], domains: [DOMAIN] });
  otherCoordinator = await createStaff(ctx, { roles: ['coordinator'], domains: ['inkomen'] });
  extended = await createStaff(ctx, { roles: ['investigator'], domains: [DOMAIN], unit: 'extended' });
  inactive = await createStaff(ctx, { roles: ['investigator'], domains: [DOMAIN] });
  await ctx.db.updateTable('staff').set({ active: false }).where('id', '=', inactive.id).execute();
  await insertPeriods(ctx.db, [
    period(anna, 'contract', '2024-01-01', null),
    period(bram, 'contract', '2024-01-01', null),
    // Bram away the whole week of 13 May; Cor's parental leave of 8 hours a week does not make him absent
    period(bram, 'absence', '2024-05-13', '2024-05-17'),
    period(cor, 'contract', '2024-01-01', null, 32),
    period(cor, 'parentalLeave', '2024-01-01', '2024-12-31', 8),
  ]);
});
afterAll(async () => {
  await tdb?.close();
});
// every test reads as on 15 April 2024 unless it says otherwise
beforeEach(() => tdb.setNow(APRIL_15));

describe('generating a month', () => {
  it('puts one investigator of the domain on every working day, fairly, and nobody on a day they are absent', async () => {
    const month = await generateMonth(tdb.ctx, coordinator, { domain: DOMAIN, month: '2024-05' });
    expect(month.days.map((d) => d.date)).toEqual(workingDaysOf('2024-05'));
    expect(month.days).toHaveLength(21);
    const ids = month.days.map((d) => d.investigator?.id);
    expect(ids.every((id) => id === anna.id || id === bram.id || id === cor.id)).toBe(true);
    for (const day of ['2024-05-13', '2024-05-14', '2024-05-15', '2024-05-16', '2024-05-17']) {
      expect(month.days.find((d) => d.date === day)!.investigator!.id, day).not.toBe(bram.id);
    }
    const count = (who: Staff) => ids.filter((id) => id === who.id).length;
    // Anna and Cor are there every day; Bram misses five days and catches up after
    expect(Math.abs(count(anna) - count(cor))).toBeLessThanOrEqual(1);
    expect(count(anna) + count(bram) + count(cor)).toBe(21);
    expect(month.days.every((d) => d.editedBy === null)).toBe(true);
  });

  it('is only for those who keep the domain\'s roster', async () => {
    const err = await refusal(generateMonth(tdb.ctx, otherCoordinator, { domain: DOMAIN, month: '2024-05' }));
    expect(err.code).toBe('forbidden');
    const admin = await createStaff(tdb.ctx, { roles: ['admin'], domains: [] });
    expect((await refusal(generateMonth(tdb.ctx, admin, { domain: 'nergens', month: '2024-05' }))).code).toBe('not_found');
  });

  it('generates a month nobody planned on its first read, and answers it as stored afterwards', async () => {
    tdb.setNow('2024-05-20T09:00:00Z'); // June is next month
    const stored = () => tdb.ctx.db.selectFrom('roster_days').select('day').where('domain_id', '=', DOMAIN)
      .where('day', '>=', '2024-06-01').where('day', '<=', '2024-06-30').execute();
    expect(await stored()).toHaveLength(0);
    const first = await rosterItems(tdb.ctx, DOMAIN, '2024-06');
    expect(first.items).toHaveLength(workingDaysOf('2024-06').length);
    expect(first.items.every((i) => i.investigatorId !== null)).toBe(true);
    expect(await stored()).toHaveLength(first.items.length);
    expect(await rosterItems(tdb.ctx, DOMAIN, '2024-06')).toEqual(first);
  });

  it('generates a month once when many read it at the same time', async () => {
    tdb.setNow('2024-07-10T09:00:00Z'); // August is next month
    const answers = await Promise.all(Array.from({ length: 6 }, () => rosterItems(tdb.ctx, DOMAIN, '2024-08')));
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]!.items.every((i) => i.investigatorId !== null)).toBe(true);
  });

  it('leaves a domain without investigators empty: every day null', async () => {
    const items = (await rosterItems(tdb.ctx, 'zorg-en-jeugd', '2024-05')).items;
    expect(items).toHaveLength(21);
    expect(items.every((i) => i.investigatorId === null)).toBe(true);
  });
});

describe('editing a day', () => {
  it('keeps a hand edit when the month is generated again, and replaces the rest', async () => {
    const day = '2024-05-21';
    const before = await personOn('2024-05', day);
    const other = [anna, bram, cor].find((p) => p.id !== before)!;
    await editDay(tdb.ctx, coordinator, { domain: DOMAIN, day, investigatorId: other.id });
    const edited = (await readMonth(tdb.ctx, DOMAIN, '2024-05')).days.find((d) => d.date === day)!;
    expect(edited.investigator!.id).toBe(other.id);
    expect(edited.editedBy).toEqual({ id: coordinator.id, name: coordinator.name });

    // Anna falls ill for two days after the month was made: a new generation takes her off, but keeps the hand edit
    const annaDays = (await readMonth(tdb.ctx, DOMAIN, '2024-05')).days.filter((d) => d.investigator?.id === anna.id && d.date !== day).map((d) => d.date);
    await insertPeriods(tdb.ctx.db, [period(anna, 'absence', annaDays[0]!, annaDays[0]!)]);
    const again = await generateMonth(tdb.ctx, coordinator, { domain: DOMAIN, month: '2024-05' });
    const kept = again.days.find((d) => d.date === day)!;
    expect(kept.investigator!.id).toBe(other.id);
    expect(kept.editedBy?.id).toBe(coordinator.id);
    expect(again.days.find((d) => d.date === annaDays[0])!.investigator!.id).not.toBe(anna.id);
    expect(again.days.filter((d) => d.editedBy !== null)).toHaveLength(1);
  });

  it('refuses an absent person, in Dutch', async () => {
    const err = await refusal(editDay(tdb.ctx, coordinator, { domain: DOMAIN, day: '2024-05-14', investigatorId: bram.id }));
    expect(err.code).toBe('unprocessable');
    expect(err.details.errors?.[0]).toMatchObject({ field: 'investigatorId' });
    expect(err.details.errors?.[0]?.nl).toBe(`${bram.name} is volgens het capaciteitsplan afwezig op dinsdag 14 mei 2024. Kies iemand anders.`);
    expect(await personOn('2024-05', '2024-05-14')).not.toBe(bram.id);
  });

  it('refuses someone who is not an active investigator of the domain (KB), a day off, and other domains\' coordinators', async () => {
    for (const who of [extended, inactive, coordinator]) {
      const err = await refusal(editDay(tdb.ctx, coordinator, { domain: DOMAIN, day: '2024-05-14', investigatorId: who.id }));
      expect(err.details.errors?.[0]?.nl).toBe('Deze persoon is geen actieve onderzoeker van dit domein.');
    }
    const otherDomain = await refusal(editDay(tdb.ctx, coordinator, { domain: 'inkomen', day: '2024-05-14', investigatorId: bram.id }));
    expect(otherDomain.code).toBe('forbidden');
    const weekend = await refusal(editDay(tdb.ctx, coordinator, { domain: DOMAIN, day: '2024-05-11', investigatorId: anna.id }));
    expect(weekend.details.errors?.[0]?.nl).toBe('Dit is geen werkdag: dan is er geen rooster.');
    const holiday = await refusal(editDay(tdb.ctx, coordinator, { domain: DOMAIN, day: '2024-05-09', investigatorId: anna.id }));
    expect(holiday.code).toBe('validation');
    const stranger = await refusal(editDay(tdb.ctx, otherCoordinator, { domain: DOMAIN, day: '2024-05-14', investigatorId: anna.id }));
    expect(stranger.code).toBe('forbidden');
  });

  it('leaves days empty when the only investigator is absent, and refuses to put them on by hand', async () => {
    const items = (await rosterItems(tdb.ctx, 'inkomen', '2024-07')).items;
    // Bram is also an investigator of Inkomen, the only one
    expect(items.every((i) => i.investigatorId === bram.id)).toBe(true);
    await insertPeriods(tdb.ctx.db, [{ ...period(bram, 'absence', '2024-07-01', '2024-07-31'), domain: 'inkomen' }]);
    const regenerated = await generateMonth(tdb.ctx, otherCoordinator, { domain: 'inkomen', month: '2024-07' });
    expect(regenerated.days.every((d) => d.investigator === null)).toBe(true);
    const err = await refusal(editDay(tdb.ctx, otherCoordinator, { domain: 'inkomen', day: '2024-07-02', investigatorId: bram.id }));
    expect(err.code).toBe('unprocessable');
  });
});

describe('today on call', () => {
  it('names today\'s person per domain, and nobody where nobody is available', async () => {
    tdb.setNow('2024-05-14T07:30:00Z');
    const today = await onCallToday(tdb.ctx);
    expect(today).toMatchObject({ day: '2024-05-14', workingDay: true });
    const of = (id: string) => today.domains.find((d) => d.domain.id === id)!;
    expect(of(DOMAIN).investigator?.id).toBe(await personOn('2024-05', '2024-05-14'));
    expect([anna.id, cor.id]).toContain(of(DOMAIN).investigator?.id);
    expect(of('zorg-en-jeugd').investigator).toBeNull();
    expect(today.domains).toHaveLength(4);
  });

  it('knows a day off: nobody is on call', async () => {
    // 23:30 UTC on Friday 17 May is already Saturday in Amsterdam
    tdb.setNow('2024-05-17T23:30:00Z');
    const today = await onCallToday(tdb.ctx);
    expect(today).toMatchObject({ day: '2024-05-18', workingDay: false });
    expect(today.domains.every((d) => d.investigator === null)).toBe(true);
  });
});

describe('reading a stored month against the capacity plan as it is now', () => {
  const V = 'veiligheid-en-migratie';
  const TODAY = '2024-09-10'; // a Tuesday
  let dirk: Staff;
  let eva: Staff;
  let fien: Staff;
  let coordinatorV: Staff;
  const absentOn = (who: Staff, from: string, to = from) => insertPeriods(tdb.ctx.db, [{ ...period(who, 'absence', from, to), domain: V }]);
  const read = (month = '2024-09') => readMonth(tdb.ctx, V, month);
  const storedDays = async (from: string, to: string) => (await tdb.ctx.db.selectFrom('roster_days')
    .select(['investigator_id', 'edited_by', sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day')])
    .where('domain_id', '=', V).where(sql<boolean>`day between ${from}::date and ${to}::date`).orderBy('day').execute());
  const storedOn = async (day: string) => (await storedDays(day, day))[0];
  /** The days of a month from today on, by who is on call. */
  const upcoming = (m: RosterMonth) => m.days.filter((d) => d.date >= TODAY);

  beforeAll(async () => {
    dirk = await createStaff(tdb.ctx, { roles: ['investigator'], domains: [V] });
    eva = await createStaff(tdb.ctx, { roles: ['investigator'], domains: [V] });
    fien = await createStaff(tdb.ctx, { roles: ['investigator'], domains: [V] });
    coordinatorV = await createStaff(tdb.ctx, { roles: ['coordinator'], domains: [V] });
  });
  beforeEach(() => tdb.setNow(`${TODAY}T08:00:00Z`));

  it('generates again a generated day whose person became absent after the month was stored, and leaves every other day', async () => {
    const before = await read();
    expect(before.days.every((d) => d.investigator !== null)).toBe(true);
    const day = upcoming(before)[3]!;
    const person = day.investigator!.id;
    const past = before.days.find((d) => d.date < TODAY)!;
    // the plan is filled in after the month was stored: an absence today-on, and one corrected in the past
    await absentOn([dirk, eva, fien].find((p) => p.id === person)!, day.date);
    await absentOn([dirk, eva, fien].find((p) => p.id === past.investigator!.id)!, past.date);

    const after = await read();
    const now = after.days.find((d) => d.date === day.date)!;
    expect(now.investigator).not.toBeNull();
    expect(now.investigator!.id).not.toBe(person);
    expect(now.unavailable).toBeNull();
    expect(await storedOn(day.date)).toMatchObject({ investigator_id: now.investigator!.id, edited_by: null });
    // nothing else moved: not the other days, and not the past (who was on call then stays as it was)
    const others = (m: RosterMonth) => m.days.filter((d) => d.date !== day.date).map((d) => [d.date, d.investigator?.id]);
    expect(others(after)).toEqual(others(before));
    expect((await rosterItems(tdb.ctx, V, '2024-09')).items.find((i) => i.date === day.date)!.investigatorId).toBe(now.investigator!.id);
  });

  it('answers nobody on a generated day when nobody else is available either', async () => {
    const day = upcoming(await read())[6]!.date;
    for (const who of [dirk, eva, fien]) await absentOn(who, day);
    const after = (await read()).days.find((d) => d.date === day)!;
    expect(after.investigator).toBeNull();
    expect(after.unavailable).toBeNull();
    expect(await storedOn(day)).toBeUndefined();
    expect((await rosterItems(tdb.ctx, V, '2024-09')).items.find((i) => i.date === day)!.investigatorId).toBeNull();
  });

  it('answers nobody on a hand-edited day whose person became absent, flags it, and keeps the edit for the coordinator', async () => {
    const day = upcoming(await read())[9]!.date;
    await editDay(tdb.ctx, coordinatorV, { domain: V, day, investigatorId: dirk.id });
    await absentOn(dirk, day);

    const flagged = (await read()).days.find((d) => d.date === day)!;
    expect(flagged.investigator).toBeNull();
    expect(flagged.unavailable).toEqual({ person: { id: dirk.id, name: dirk.name }, reason: 'absent' });
    expect(flagged.editedBy?.id).toBe(coordinatorV.id);
    expect(await storedOn(day)).toMatchObject({ investigator_id: dirk.id, edited_by: coordinatorV.id });
    expect((await rosterItems(tdb.ctx, V, '2024-09')).items.find((i) => i.date === day)!.investigatorId).toBeNull();
    // front office, on that day, is not sent to Dirk
    tdb.setNow(`${day}T08:00:00Z`);
    expect((await onCallToday(tdb.ctx)).domains.find((d) => d.domain.id === V)!.investigator).toBeNull();
    // the coordinator chooses again: the flag is gone
    await editDay(tdb.ctx, coordinatorV, { domain: V, day, investigatorId: eva.id });
    expect((await read()).days.find((d) => d.date === day)).toMatchObject({ investigator: { id: eva.id }, unavailable: null });
  });

  it('takes someone who is no longer an active investigator of the domain off every day from today, and flags their hand edits', async () => {
    const month = await read();
    const handDay = upcoming(month).find((d) => d.editedBy === null && d.investigator?.id !== fien.id)!.date;
    await editDay(tdb.ctx, coordinatorV, { domain: V, day: handDay, investigatorId: fien.id });
    const fienPast = month.days.filter((d) => d.date < TODAY && d.investigator?.id === fien.id).map((d) => d.date);
    expect(fienPast.length).toBeGreaterThan(0);
    await tdb.ctx.db.updateTable('staff').set({ active: false }).where('id', '=', fien.id).execute();

    const after = await read();
    for (const d of upcoming(after)) {
      if (d.date === handDay) {
        expect(d.investigator).toBeNull();
        expect(d.unavailable).toEqual({ person: { id: fien.id, name: fien.name }, reason: 'notInvestigator' });
      } else {
        expect(d.investigator?.id, d.date).not.toBe(fien.id);
      }
    }
    expect(after.days.filter((d) => d.date < TODAY && d.investigator?.id === fien.id).map((d) => d.date)).toEqual(fienPast);
    expect((await storedDays(TODAY, '2024-09-30')).filter((d) => d.investigator_id === fien.id).map((d) => d.day)).toEqual([handDay]);
  });

  it('stores a month on its first read only up to next month; further ahead it is answered as computed, following the plan', async () => {
    expect(await storedDays('2024-10-01', '2024-10-31')).toHaveLength(0);
    const october = await read('2024-10');
    expect((await storedDays('2024-10-01', '2024-10-31')).length).toBe(october.days.length);

    const november = await read('2024-11');
    expect(november.days.map((d) => d.date)).toEqual(workingDaysOf('2024-11'));
    expect(november.days.every((d) => d.investigator !== null)).toBe(true);
    expect(await storedDays('2024-11-01', '2024-11-30')).toHaveLength(0);
    // the plan is filled in later: the answer follows it
    const day = november.days.find((d) => d.investigator!.id === dirk.id)!.date;
    await absentOn(dirk, day);
    expect((await read('2024-11')).days.find((d) => d.date === day)!.investigator!.id).toBe(eva.id);
    expect(await storedDays('2024-11-01', '2024-11-30')).toHaveLength(0);
    // generating it by hand stores it
    await generateMonth(tdb.ctx, coordinatorV, { domain: V, month: '2024-11' });
    expect((await storedDays('2024-11-01', '2024-11-30')).length).toBe(november.days.length);
  });

  it('plans a month not stored yet when a day of it is edited by hand, so the other days are not left empty', async () => {
    expect(await storedDays('2024-12-01', '2024-12-31')).toHaveLength(0);
    await editDay(tdb.ctx, coordinatorV, { domain: V, day: '2024-12-10', investigatorId: eva.id });
    const december = await read('2024-12');
    expect(december.days.every((d) => d.investigator !== null)).toBe(true);
    expect(december.days.find((d) => d.date === '2024-12-10')).toMatchObject({ investigator: { id: eva.id }, editedBy: { id: coordinatorV.id } });
    expect((await storedDays('2024-12-01', '2024-12-31')).length).toBe(december.days.length);
  });
});
