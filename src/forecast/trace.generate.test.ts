import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isWorkingDay } from '../core/holidays.ts';
import { generateTrace } from './trace.generate.ts';
import { SURGE, TRACE_DOMAINS } from './trace.scenarios.ts';
import { WEEK_MS, plannedHours, type Lane, type Trace } from './trace.ts';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const waitDays = (c: Trace['cases'][number]) => (c.assignedAt!.getTime() - c.receivedAt.getTime()) / 86_400_000;
const weekday = (d: Date) => (d.getUTCDay() + 6) % 7; // 0 = Monday

/** Median wait in days of the cases of a lane received in [from, to) and assigned within the trace. */
function waitOfReceived(trace: Trace, from: string, to: string, lane: Lane = 'regular'): number {
  return median(trace.cases.filter((c) => c.lane === lane && c.assignedAt && c.receivedAt >= day(from) && c.receivedAt < day(to)).map(waitDays));
}

/** Median wait in weeks of the regular cases assigned in [from, to). */
function weeksOfAssigned(trace: Trace, from: string, to: string): number {
  return median(trace.cases.filter((c) => c.lane === 'regular' && c.assignedAt && c.assignedAt >= day(from) && c.assignedAt < day(to)).map(waitDays)) / 7;
}

/** Cases waiting (received, not assigned) at a moment. */
function trayAt(trace: Trace, iso: string): number {
  const t = day(iso);
  return trace.cases.filter((c) => c.receivedAt <= t && (!c.assignedAt || c.assignedAt > t)).length;
}

function perWeek(trace: Trace, from: string, to: string): number[] {
  const weeks = new Array<number>(Math.round((day(to).getTime() - day(from).getTime()) / WEEK_MS)).fill(0);
  for (const c of trace.cases) {
    const w = Math.floor((c.receivedAt.getTime() - day(from).getTime()) / WEEK_MS);
    if (w >= 0 && w < weeks.length) weeks[w]!++;
  }
  return weeks;
}

let steady: Trace;
beforeAll(() => {
  steady = generateTrace('steady', 1);
});

describe('the generated trace', () => {
  it('is deterministic per scenario and seed', () => {
    expect(JSON.stringify(generateTrace('steady', 1))).toBe(JSON.stringify(steady));
    expect(JSON.stringify(generateTrace('steady', 2).cases.slice(0, 100))).not.toBe(JSON.stringify(steady.cases.slice(0, 100)));
  });

  it('has ~150-200 complaints in an ordinary week, Monday busiest, none at weekends or on holidays, fewer at Christmas', () => {
    const weeks = perWeek(steady, '2023-01-02', '2024-12-30');
    expect(median(weeks)).toBeGreaterThanOrEqual(150);
    expect(median(weeks)).toBeLessThanOrEqual(200);
    expect(steady.cases.every((c) => isWorkingDay(c.receivedAt))).toBe(true);
    const byWeekday = [0, 0, 0, 0, 0];
    for (const c of steady.cases) byWeekday[weekday(c.receivedAt)]!++;
    expect(Math.max(...byWeekday)).toBe(byWeekday[0]);
    const christmas = perWeek(steady, '2023-12-25', '2024-01-01')[0]!;
    expect(christmas).toBeLessThan(median(weeks) * 0.6);
  });

  it('has about the lane shares of the demo, four domains and some UKB cases', () => {
    const share = (lane: Lane) => steady.cases.filter((c) => c.lane === lane).length / steady.cases.length;
    expect(share('urgent')).toBeGreaterThan(0.02);
    expect(share('urgent')).toBeLessThan(0.04);
    for (const lane of ['b', 'pop'] as const) expect(Math.abs(share(lane) - 0.1)).toBeLessThan(0.015);
    expect(new Set(steady.cases.map((c) => c.domain))).toEqual(new Set(TRACE_DOMAINS.map((d) => d.id)));
    expect(steady.cases.some((c) => c.unit === 'extended')).toBe(true);
  });

  it('assigns B cases only on Fridays, POP cases only on Wednesdays, urgent cases the same or next working day', () => {
    const assigned = steady.cases.filter((c) => c.assignedAt);
    expect(new Set(assigned.filter((c) => c.lane === 'b').map((c) => weekday(c.assignedAt!)))).toEqual(new Set([4]));
    expect(new Set(assigned.filter((c) => c.lane === 'pop').map((c) => weekday(c.assignedAt!)))).toEqual(new Set([2]));
    const urgent = assigned.filter((c) => c.lane === 'urgent');
    expect(urgent.filter((c) => waitDays(c) <= 4).length / urgent.length).toBeGreaterThan(0.98);
  });

  it('assigns regular cases of a domain oldest first, and closes after assignment', () => {
    for (const { id } of TRACE_DOMAINS) {
      const regular = steady.cases.filter((c) => c.domain === id && c.lane === 'regular' && c.assignedAt);
      const byAssignment = [...regular].sort((a, b) => a.assignedAt!.getTime() - b.assignedAt!.getTime());
      expect(byAssignment.map((c) => c.caseId)).toEqual(regular.map((c) => c.caseId));
    }
    expect(steady.cases.every((c) => c.closedAt === null || (c.assignedAt !== null && c.closedAt > c.assignedAt))).toBe(true);
  });

  it('uses no Math.random or Date.now', () => {
    const dir = new URL('.', import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts') && !n.endsWith('.command.ts'))) {
      expect(readFileSync(new URL(f, dir), 'utf8'), f).not.toMatch(/Math\.random|Date\.now|new Date\(\)/);
    }
  });
});

describe('each scenario shows its intended shape', () => {
  it.each([1, 2, 3])('steady (seed %i): waits rise in the summer holidays, with less capacity present', (seed) => {
    const t = seed === 1 ? steady : generateTrace('steady', seed);
    expect(waitOfReceived(t, '2023-07-10', '2023-08-31')).toBeGreaterThan(waitOfReceived(t, '2023-04-01', '2023-06-15'));
    expect(waitOfReceived(t, '2024-07-08', '2024-08-31')).toBeGreaterThan(waitOfReceived(t, '2024-04-01', '2024-06-15'));
  });

  it.each([1, 2, 3])('surge (seed %i): 40%% more inflow for 8 weeks, and at least twice the waits', (seed) => {
    const base = seed === 1 ? steady : generateTrace('steady', seed);
    const surge = generateTrace('surge', seed);
    const inflow = (t: Trace) => perWeek(t, SURGE.from, '2024-04-29').reduce((a, b) => a + b, 0);
    expect(inflow(surge) / inflow(base)).toBeGreaterThan(1.25);
    expect(inflow(surge) / inflow(base)).toBeLessThan(1.55);
    expect(waitOfReceived(surge, SURGE.from, '2024-07-01')).toBeGreaterThan(2 * waitOfReceived(base, SURGE.from, '2024-07-01'));
  });

  it.each([1, 2, 3])('drop (seed %i): the plan drops by more than 15%% in autumn 2023, and waits at least double', (seed) => {
    const base = seed === 1 ? steady : generateTrace('steady', seed);
    const drop = generateTrace('drop', seed);
    expect(plannedHours(drop.staff, '2023-11-01')).toBeLessThan(0.85 * plannedHours(drop.staff, '2023-06-01'));
    expect(plannedHours(drop.staff, '2024-06-01')).toBeGreaterThanOrEqual(plannedHours(base.staff, '2024-06-01'));
    expect(waitOfReceived(drop, '2023-10-01', '2024-02-01')).toBeGreaterThan(2 * waitOfReceived(base, '2023-10-01', '2024-02-01'));
  });

  it("seed: the plan follows the file's available FTE (21.4 on 1 Dec 2023, 25.5 on 1 Feb 2024, 32 on 1 Jun 2024)", () => {
    const { staff } = generateTrace('seed', 1);
    const fte = (d: string) => plannedHours(staff, d) / 36;
    expect(fte('2023-12-01')).toBeCloseTo(21.4, 0);
    expect(fte('2024-02-01')).toBeCloseTo(25.5, 0);
    expect(fte('2024-06-01')).toBeCloseTo(32, 0);
  });

  it.each([1, 2, 3])("seed (seed %i): the seed's story", (seed) => {
    const t = generateTrace('seed', seed);
    const october = trayAt(t, '2023-10-16');
    expect(october).toBeGreaterThanOrEqual(650); // FILE: 748
    expect(october).toBeLessThanOrEqual(1000);
    expect(trayAt(t, '2024-01-08')).toBeGreaterThan(trayAt(t, '2023-12-18')); // the tray grew over Christmas
    const january = weeksOfAssigned(t, '2024-01-01', '2024-02-01');
    expect(january).toBeGreaterThanOrEqual(8);
    expect(january).toBeLessThanOrEqual(12);
    expect(weeksOfAssigned(t, '2024-05-01', '2024-06-01')).toBeLessThan(3);
  });
});
