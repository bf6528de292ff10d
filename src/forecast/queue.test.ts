import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isWorkingDay } from '../core/holidays.ts';
import { extraHoursNeeded, simulateQueue, type QueueDomainInput, type QueueInput } from './queue.ts';
import { extraHoursInWorker, runQueueInWorker, stopQueueWorker } from './queue.runner.ts';
import { addDays } from './trace.calendar.ts';
import type { Lane } from './trace.ts';

const START = '2025-01-06'; // a Monday
const WEEKS = 26;

interface DomainOptions {
  name?: string;
  /** Waiting cases per lane, oldest first, one received per day before the start. */
  waiting?: Partial<Record<Lane, number>>;
  inflowPerWeek?: number | ((week: number) => number);
  hoursPerWeek?: number;
  laneShares?: Partial<Record<Lane, number>>;
  /** Fridays with a B session of this capacity. */
  bSessionOnFridays?: number;
}

/** A domain with flat hours (0.25 cases an hour) and a flat or shaped inflow with a +-20% interval. */
function domain(o: DomainOptions = {}): QueueDomainInput {
  const name = o.name ?? 'leefomgeving';
  const hoursPerWeek = o.hoursPerWeek ?? 160;
  const inflowOf = typeof o.inflowPerWeek === 'function' ? o.inflowPerWeek : () => (o.inflowPerWeek as number | undefined) ?? 40;
  const hoursByDay: Record<string, number> = {};
  const sessions: QueueDomainInput['sessions'] = [];
  for (let d = 0; d < WEEKS * 7; d++) {
    const day = addDays(START, d);
    if (!isWorkingDay(day)) continue;
    hoursByDay[day] = hoursPerWeek / 5;
    if (o.bSessionOnFridays && d % 7 === 4) sessions.push({ day, lane: 'b', capacity: o.bSessionOnFridays });
  }
  const waiting: QueueDomainInput['waiting'] = [];
  for (const [lane, count] of Object.entries(o.waiting ?? { regular: 100 }) as [Lane, number][]) {
    for (let i = 0; i < count; i++) {
      waiting.push({ caseId: `${name}-${lane}-${i}`, lane, receivedAt: `${addDays(START, -count + i)}T09:00:00Z` });
    }
  }
  return {
    domain: name,
    waiting: waiting.reverse(), // any order: the model sorts by receipt
    inflow: Array.from({ length: WEEKS }, (_, w) => {
      const mean = inflowOf(w);
      return { mean, p10: mean * 0.8, p90: mean * 1.2 };
    }),
    laneShares: { regular: 1, urgent: 0, b: 0, pop: 0, ...o.laneShares },
    hoursByDay,
    casesPerHour: { mean: 0.25, logSd: 0.1 },
    sessions,
  };
}

function queue(domains: QueueDomainInput[], paths = 300, seed = 7): QueueInput {
  return { start: `${START}T08:00:00Z`, weeks: WEEKS, paths, seed, targetDays: 21, domains };
}

const medianWait = (r: ReturnType<typeof simulateQueue>, week: number) => r.domains[0]!.weeks[week]!.regularWaitDays.p50;

afterAll(() => stopQueueWorker());

describe('simulateQueue', () => {
  it('gives shorter waits and an earlier target week with more hours', () => {
    const fewer = simulateQueue(queue([domain({ hoursPerWeek: 160, waiting: { regular: 300 } })]));
    const more = simulateQueue(queue([domain({ hoursPerWeek: 200, waiting: { regular: 300 } })]));
    expect(medianWait(more, 0)!).toBeLessThan(medianWait(fewer, 0)!);
    expect(more.domains[0]!.weeks[8]!.tray.p50).toBeLessThan(fewer.domains[0]!.weeks[8]!.tray.p50);
    expect(more.domains[0]!.targetMetWeek).not.toBeNull();
    expect(more.domains[0]!.targetMetWeek!).toBeLessThan(fewer.domains[0]!.targetMetWeek ?? WEEKS);
  });

  it('grows the tray after a surge of inflow', () => {
    const steady = simulateQueue(queue([domain()]));
    const surge = simulateQueue(queue([domain({ inflowPerWeek: (w) => (w >= 4 && w < 8 ? 80 : 40) })]));
    expect(surge.domains[0]!.weeks[8]!.tray.p50).toBeGreaterThan(steady.domains[0]!.weeks[8]!.tray.p50 + 60);
    expect(surge.domains[0]!.weeks[2]!.tray.p50).toBe(steady.domains[0]!.weeks[2]!.tray.p50); // same paths before the surge
  });

  it('assigns urgent cases before regular ones received earlier', () => {
    const r = simulateQueue(queue([domain({ waiting: { regular: 100, urgent: 10 }, laneShares: { regular: 0.9, urgent: 0.1 } })]));
    const cases = r.domains[0]!.cases;
    const lastUrgent = cases.filter((c) => c.lane === 'urgent').map((c) => c.assignedOn.p90!).sort().at(-1)!;
    const firstRegular = cases.filter((c) => c.lane === 'regular').map((c) => c.assignedOn.p10!).sort()[0]!;
    expect(lastUrgent <= firstRegular).toBe(true);
    expect(r.domains[0]!.waitNowDays.urgent.p50!).toBeLessThan(r.domains[0]!.waitNowDays.regular.p50!);
  });

  it('lets B cases wait for their session day', () => {
    const r = simulateQueue(
      queue([domain({ waiting: { regular: 200, b: 12 }, laneShares: { regular: 0.9, b: 0.1 }, bSessionOnFridays: 5 })]),
    );
    const b = r.domains[0]!.cases.filter((c) => c.lane === 'b');
    const fridays = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay() === 5;
    for (const c of b) expect(fridays(c.assignedOn.p50!)).toBe(true);
    // 5 a Friday, oldest first: the 12 waiting ones take three Fridays.
    expect(new Set(b.map((c) => c.assignedOn.p50)).size).toBe(3);
  });

  it('assigns a complaint received into an empty tray with hours to spare the same day', () => {
    const r = simulateQueue(queue([domain({ waiting: {}, inflowPerWeek: 3, hoursPerWeek: 160 })]));
    expect(r.domains[0]!.waitNowDays.regular).toEqual({ p10: 0, p50: 0, p90: 0 }); // Monday: a working day
    expect(r.domains[0]!.weeks[12]!.regularWaitDays.p90).toBe(0);
    expect(r.domains[0]!.targetMetWeek).toBe(0);
  });

  it('serves B with the regular cases in a domain without B sessions', () => {
    const r = simulateQueue(queue([domain({ waiting: { regular: 20, b: 5 }, laneShares: { regular: 0.9, b: 0.1 } })]));
    expect(r.domains[0]!.waitNowDays.b).toEqual(r.domains[0]!.waitNowDays.regular);
  });

  it('gives the oldest waiting case the earliest date', () => {
    const r = simulateQueue(queue([domain({ waiting: { regular: 150 } })]));
    const byAge = [...r.domains[0]!.cases].sort((a, b) => (a.caseId.length - b.caseId.length) || (a.caseId < b.caseId ? -1 : 1));
    const medians = byAge.map((c) => c.assignedOn.p50!);
    expect(medians).toEqual([...medians].sort());
    expect(medians[0]! < medians.at(-1)!).toBe(true);
  });

  it('puts cases beyond the horizon "after the horizon" and says when the target is not met', () => {
    const r = simulateQueue(queue([domain({ hoursPerWeek: 100, waiting: { regular: 1200 } })]));
    const last = r.domains[0]!.cases.find((c) => c.caseId === 'leefomgeving-regular-1199')!;
    expect(last.assignedOn.p10).toBeNull();
    expect(r.domains[0]!.cases.find((c) => c.caseId === 'leefomgeving-regular-0')!.assignedOn.p90).not.toBeNull();
    expect(r.domains[0]!.targetMetWeek).toBeNull();
    expect(r.domains[0]!.targetMetFrom).toBeNull();
  });

  it('gives bands that contain the median and widen over time', () => {
    const r = simulateQueue(queue([domain()]));
    for (const w of r.domains[0]!.weeks) {
      expect(w.tray.p10).toBeLessThanOrEqual(w.tray.p50);
      expect(w.tray.p50).toBeLessThanOrEqual(w.tray.p90);
    }
    const width = (week: number) => r.domains[0]!.weeks[week]!.tray.p90 - r.domains[0]!.weeks[week]!.tray.p10;
    expect(width(0)).toBe(0); // now is known
    expect(width(20)).toBeGreaterThan(width(2));
    expect(r.total[10]!.tray.p50).toBe(r.domains[0]!.weeks[10]!.tray.p50);
  });

  it('gives the same result for the same seed, and another for another seed', () => {
    const input = queue([domain(), domain({ name: 'sociale-zekerheid', inflowPerWeek: 30 })], 100);
    expect(simulateQueue(input)).toEqual(simulateQueue(structuredClone(input)));
    expect(simulateQueue({ ...input, seed: 8 })).not.toEqual(simulateQueue(input));
  });

  it('forecasts a domain the same whatever other domains are in the run', () => {
    const alone = simulateQueue(queue([domain()], 100));
    const together = simulateQueue(queue([domain({ name: 'werk-en-inkomen' }), domain()], 100));
    expect(together.domains[1]).toEqual(alone.domains[0]);
  });

  it('keeps bands ordered, dates within the horizon and each lane oldest first, for any domain', () => {
    const lanes = fc.constantFrom<Lane>('regular', 'urgent', 'b', 'pop');
    fc.assert(
      fc.property(
        fc.record({
          waiting: fc.array(fc.record({ lane: lanes, age: fc.integer({ min: 0, max: 90 }) }), { maxLength: 60 }),
          inflow: fc.integer({ min: 0, max: 80 }),
          hours: fc.integer({ min: 0, max: 300 }),
          bSession: fc.integer({ min: 0, max: 6 }),
          seed: fc.integer({ min: 0, max: 1000 }),
        }),
        ({ waiting, inflow, hours, bSession, seed }) => {
          const d = domain({ waiting: {}, inflowPerWeek: inflow, hoursPerWeek: hours, bSessionOnFridays: bSession, laneShares: { urgent: 0.1, b: 0.1, pop: 0.1 } });
          d.waiting = waiting.map((w, i) => ({ caseId: `c${i}`, lane: w.lane, receivedAt: addDays(START, -w.age) }));
          const r = simulateQueue({ ...queue([d], 40, seed), weeks: 8 }).domains[0]!;
          // null ("after the horizon") is later than any value
          const le = <T extends number | string>(a: T | null, b: T | null) => b === null || (a !== null && a <= b);
          const ordered = <T extends number | string>(b: { p10: T | null; p50: T | null; p90: T | null }) => le(b.p10, b.p50) && le(b.p50, b.p90);
          for (const w of r.weeks) expect(ordered(w.tray) && ordered(w.regularWaitDays) && w.tray.p10 >= 0).toBe(true);
          const last = addDays(START, 7 * 8);
          for (const c of r.cases) {
            expect(ordered(c.assignedOn)).toBe(true);
            if (c.assignedOn.p10 !== null) expect(c.assignedOn.p10 >= START && c.assignedOn.p10 < last).toBe(true);
          }
          for (const lane of ['urgent', 'b', 'pop'] as const) {
            const ofLane = r.cases
              .map((c, i) => ({ ...c, age: waiting[i]!.age }))
              .filter((c) => c.lane === lane)
              .sort((a, b) => b.age - a.age);
            const medians = ofLane.map((c) => c.assignedOn.p50 ?? '9999');
            expect(medians).toEqual([...medians].sort());
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('rejects a run without paths', () => {
    expect(() => simulateQueue(queue([domain()], 0))).toThrow(RangeError);
  });
});

describe('extraHoursNeeded', () => {
  const base = domain({ hoursPerWeek: 150, waiting: { regular: 250 } });
  const byDate = addDays(START, 7 * 10); // target met from week 10 at the latest
  const withExtra = (extra: number): QueueDomainInput => {
    const hoursByDay = { ...base.hoursByDay };
    for (let w = 0; w < WEEKS; w++) {
      const days = Object.keys(hoursByDay).filter((day) => day >= addDays(START, 7 * w) && day < addDays(START, 7 * w + 7));
      for (const day of days) hoursByDay[day]! += extra / days.length;
    }
    return { ...base, hoursByDay };
  };
  const metBy = (d: QueueDomainInput) => {
    const week = simulateQueue(queue([d], 200)).domains[0]!.targetMetWeek;
    return week !== null && week <= 10;
  };

  it('finds the least extra hours a week with which the target is met by the date', () => {
    const extra = extraHoursNeeded(queue([base], 200), base.domain, byDate)!;
    expect(metBy(base)).toBe(false);
    expect(extra).toBeGreaterThan(0);
    expect(metBy(withExtra(extra))).toBe(true);
    expect(metBy(withExtra(extra - 2))).toBe(false);
  });

  it('needs nothing when the target is already met, and says when no amount will do', () => {
    const roomy = domain({ hoursPerWeek: 300, waiting: { regular: 20 } });
    expect(extraHoursNeeded(queue([roomy], 100), roomy.domain, byDate)).toBe(0);
    expect(extraHoursNeeded(queue([base], 100), base.domain, byDate, { maxHoursPerWeek: 5 })).toBeNull();
    expect(() => extraHoursNeeded(queue([base]), base.domain, addDays(START, 7 * 30))).toThrow(RangeError);
  });
});

describe('runQueueInWorker', () => {
  it('returns the same result as the direct call, off the main thread', async () => {
    const input = queue([domain(), domain({ name: 'sociale-zekerheid', waiting: { regular: 50, urgent: 3 }, laneShares: { urgent: 0.05 } })], 200);
    expect(await runQueueInWorker(input)).toEqual(simulateQueue(input));
  });

  it('finds the same extra hours as the direct call', async () => {
    const input = queue([domain({ hoursPerWeek: 150, waiting: { regular: 250 } })], 100);
    const byDate = addDays(START, 70);
    expect(await extraHoursInWorker(input, 'leefomgeving', byDate)).toBe(extraHoursNeeded(input, 'leefomgeving', byDate));
  });

  it('passes the model error on, and keeps working after it', async () => {
    await expect(runQueueInWorker(queue([domain()], 0))).rejects.toThrow(RangeError);
    await expect(runQueueInWorker(queue([domain()], 0))).rejects.toThrow(/paths must be a positive integer/);
    const input = queue([domain()], 20);
    expect(await runQueueInWorker(input)).toEqual(simulateQueue(input));
  });
});
