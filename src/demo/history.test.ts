import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { replayHistory, type HistoricCase } from '../cases/case.history.ts';
import { decide, initialState } from '../core/lifecycle.ts';
import { availableFte, dayOf, productionNorm } from './history.calendar.ts';
import { generateDemoHistory, trayAt, trayCasesAt } from './history.ts';
import { total } from './history.tray.ts';
import { AGENCIES, OUTCOMES } from '../organisation/reference-data.ts';
import { demoStaff, type DemoStaffMember } from './staff.ts';

/** DEMO_SEED in demo.service.ts, and the loader's "today" when this was written. */
const SEED = 20231016;
const UNTIL = new Date('2026-11-29T12:00:00Z');
const WEEK_MS = 7 * 86_400_000;

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const mondays = (from: string, to: string): Date[] => {
  const out: Date[] = [];
  for (let t = day(from).getTime(); t <= day(to).getTime(); t += WEEK_MS) out.push(new Date(t));
  return out;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const firstAssign = (c: HistoricCase) => c.steps.find((s) => s.command.type === 'assign');
const weeksWaited = (c: HistoricCase, at: Date) => (at.getTime() - c.receivedAt.getTime()) / WEEK_MS;

/** Median weeks from receipt to (first) assignment, over cases assigned in [from, to). */
function medianWait(cases: readonly HistoricCase[], from: Date, to: Date): { median: number; n: number } {
  const waits: number[] = [];
  for (const c of cases) {
    const a = firstAssign(c);
    if (a && a.at >= from && a.at < to) waits.push(weeksWaited(c, a.at));
  }
  return { median: median(waits), n: waits.length };
}

/** Cases leaving the tray (assigned or closed straight from it) per week, over working weeks [from, to). */
function takeOutsPerWeek(cases: readonly HistoricCase[], from: Date, to: Date): number {
  let n = 0;
  for (const c of cases) {
    const route = c.steps.findIndex((s) => s.command.type === 'route');
    const out = c.steps.slice(route + 1).find((s) => s.command.type === 'assign' || s.command.type === 'close');
    if (route >= 0 && out && out.at >= from && out.at < to) n++;
  }
  return (n * WEEK_MS) / (to.getTime() - from.getTime());
}

let staff: DemoStaffMember[];
let cases: HistoricCase[];

beforeAll(() => {
  staff = demoStaff(SEED);
  cases = generateDemoHistory({ seed: SEED, until: UNTIL, staff });
});

describe('the demo history as data', () => {
  it('has ~150-200 written complaints in an ordinary week, fewer in holidays', () => {
    const perWeek = new Array<number>(mondays('2023-01-02', '2026-11-16').length).fill(0);
    for (const c of cases) {
      const week = Math.floor((c.receivedAt.getTime() - day('2023-01-02').getTime()) / WEEK_MS);
      if (week < perWeek.length) perWeek[week]!++;
    }
    const typical = median(perWeek);
    expect(typical).toBeGreaterThanOrEqual(150);
    expect(typical).toBeLessThanOrEqual(200);
    const christmas = perWeek[mondays('2023-01-02', '2023-12-25').length - 1]!;
    expect(christmas).toBeLessThan(typical * 0.7);
  });

  it('replays every case through the lifecycle without an error', () => {
    const failures: string[] = [];
    for (const c of cases) {
      try {
        replayHistory(c);
      } catch (e) {
        failures.push(`${c.receivedAt.toISOString()} ${c.subject}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('has no step after `until`, and leaves cases open in every open status', () => {
    expect(cases.every((c) => c.receivedAt <= UNTIL && c.steps.every((s) => s.at <= UNTIL))).toBe(true);
    const statuses = new Set(cases.map((c) => replayHistory(c).state.status));
    for (const s of ['received', 'queued', 'assigned', 'in_progress', 'closed', 'transferred']) expect(statuses).toContain(s);
  });

  it('has the right people do each step: dispatchers route, domain coordinators assign, investigators of the domain and unit handle', () => {
    const byLogin = new Map(staff.map((s) => [s.login, s]));
    const has = (login: string | null, role: DemoStaffMember['roles'][number]) => login !== null && byLogin.get(login)?.roles.includes(role) === true;
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok && problems.length < 5) problems.push(what);
    };
    for (const c of cases) {
      check(has(c.registeredBy, 'dispatcher'), `registered by ${c.registeredBy}`);
      let state = initialState();
      for (const step of c.steps) {
        const cmd = step.command;
        if (cmd.type === 'route') check(has(step.actor, 'dispatcher'), `routed by ${step.actor}`);
        if (cmd.type === 'assign') {
          check(has(step.actor, 'coordinator') && byLogin.get(step.actor!)!.domains.includes(state.domainId!), `assigned by ${step.actor}`);
          const investigator = byLogin.get(cmd.investigatorId);
          check(
            investigator !== undefined && investigator.roles.includes('investigator') &&
              investigator.unitId === state.unitId && investigator.domains.includes(state.domainId!),
            `${cmd.investigatorId} assigned a ${state.domainId}/${state.unitId} case`,
          );
        }
        if (cmd.type === 'recordFirstContact' || (cmd.type === 'close' && state.investigatorId)) {
          check(step.actor === state.investigatorId, `${cmd.type} by ${step.actor}, not by ${state.investigatorId}`);
        }
        if (cmd.type === 'close' && !state.investigatorId) check(has(step.actor, 'coordinator'), `closed from the tray by ${step.actor}`);
        const d = decide(state, cmd);
        if (!d.ok) throw new Error(`${cmd.type} refused`);
        state = d.state;
      }
    }
    expect(problems).toEqual([]);
  });

  it('records what the routing rules suggested, and the dispatcher overrides it about 5% of the time', () => {
    const agencyDomain = new Map(AGENCIES.map((a) => [a.name, a.domainId]));
    const keywordDomain: Record<string, string> = { gaswinning: 'leefomgeving', kinderen: 'zorg-en-jeugd', veteranen: 'veiligheid-en-migratie' };
    let routed = 0;
    let overridden = 0;
    const wrong: string[] = [];
    for (const c of cases) {
      const kw = c.keywords.find((k) => k in keywordDomain);
      const expected = { domainId: kw ? keywordDomain[kw] : agencyDomain.get(c.agency), unitId: c.complex ? 'extended' : 'standard' };
      if (c.suggested?.domainId !== expected.domainId || c.suggested?.unitId !== expected.unitId) wrong.push(`${c.agency} ${c.keywords}`);
      const route = c.steps.find((s) => s.command.type === 'route')?.command;
      if (route?.type !== 'route') continue;
      if (route.suggested?.domainId !== c.suggested?.domainId || route.suggested?.unitId !== c.suggested?.unitId) wrong.push(`route step of ${c.agency} ${c.keywords}`);
      routed++;
      if (route.domainId !== c.suggested!.domainId || route.unitId !== c.suggested!.unitId) overridden++;
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(overridden / routed).toBeGreaterThan(0.03);
    expect(overridden / routed).toBeLessThan(0.07);
  });

  it('marks lanes and complexity in about the intended shares', () => {
    const lanes = { urgent: 0, b: 0, pop: 0, ob: 0 };
    let complex = 0;
    for (const c of cases) {
      if (c.complex) complex++;
      for (const s of c.steps) if (s.command.type === 'setLanes') for (const k of Object.keys(s.command.lanes) as (keyof typeof lanes)[]) lanes[k]++;
    }
    const share = (n: number) => n / cases.length;
    expect(share(complex)).toBeCloseTo(0.08, 1);
    expect(share(lanes.urgent)).toBeGreaterThan(0.02);
    expect(share(lanes.urgent)).toBeLessThan(0.04);
    for (const k of ['b', 'pop'] as const) expect(Math.abs(share(lanes[k]) - 0.1)).toBeLessThan(0.025);
    expect(Math.abs(share(lanes.ob) - 0.05)).toBeLessThan(0.015);
  });

  it('keeps B cases in the tray until the Friday fast-lane session, POP cases until the Wednesday POP day', () => {
    const laneCounts = (at: Date) => {
      const counts = { b: 0, pop: 0 };
      for (const { case: c } of trayCasesAt(cases, at)) {
        const lanes: Record<string, boolean | undefined> = {};
        for (const step of c.steps) if (step.at <= at && step.command.type === 'setLanes') Object.assign(lanes, step.command.lanes);
        if (lanes.b && !lanes.urgent) counts.b++;
        if (lanes.pop && !lanes.urgent && !lanes.b) counts.pop++;
      }
      return counts;
    };
    const thursday = laneCounts(new Date('2025-06-12T17:00:00Z'));
    const saturday = laneCounts(new Date('2025-06-14T00:00:00Z'));
    const tuesday = laneCounts(new Date('2025-06-10T17:00:00Z'));
    const wednesdayNight = laneCounts(new Date('2025-06-11T23:00:00Z'));
    expect(thursday.b).toBeGreaterThan(5);
    expect(saturday.b).toBe(0);
    expect(tuesday.pop).toBeGreaterThan(5);
    expect(wednesdayNight.pop).toBe(0);
  });

  it('uses known outcomes, closes some cases straight from the tray, and has rare transfers, aftercare and reopenings', () => {
    const known = new Set<string>(OUTCOMES.map((o) => o.id));
    const count = { fromTray: 0, toUkb: 0, toResearch: 0, aftercare: 0, reopen: 0, web: 0, phone: 0 };
    for (const c of cases) {
      if (c.channel === 'web' || c.channel === 'email') count.web++;
      if (c.channel === 'phone') count.phone++;
      for (const s of c.steps) {
        const cmd = s.command;
        if (cmd.type === 'close') expect(known.has(cmd.outcomeId)).toBe(true);
        if (cmd.type === 'transfer') count[cmd.unitId === 'research' ? 'toResearch' : 'toUkb']++;
        if (cmd.type === 'aftercare') count.aftercare++;
        if (cmd.type === 'reopen') count.reopen++;
      }
      const close = c.steps.find((s) => s.command.type === 'close');
      if (close && !firstAssign(c)) count.fromTray++;
    }
    const share = (n: number) => n / cases.length;
    expect(share(count.fromTray)).toBeGreaterThan(0.05);
    expect(share(count.fromTray)).toBeLessThan(0.15);
    for (const k of ['toUkb', 'toResearch', 'aftercare', 'reopen'] as const) {
      expect(count[k]).toBeGreaterThan(0);
      expect(share(count[k])).toBeLessThan(0.04);
    }
    expect(share(count.web)).toBeGreaterThan(0.7);
    expect(share(count.phone)).toBeLessThan(0.08);
  });

  it('is deterministic: same inputs, same history; another seed, another history', () => {
    const again = generateDemoHistory({ seed: SEED, until: UNTIL, staff: demoStaff(SEED) });
    expect(again.length).toBe(cases.length);
    expect(JSON.stringify(again) === JSON.stringify(cases)).toBe(true);
    const other = generateDemoHistory({ seed: SEED + 1, until: day('2023-03-01'), staff: demoStaff(SEED + 1) });
    expect(JSON.stringify(other.slice(0, 50))).not.toBe(JSON.stringify(cases.slice(0, 50)));
  });

  it('only extends the history when `until` moves on: an earlier `until` gives the same past', () => {
    const earlier = new Date('2024-03-01T00:00:00Z');
    const short = generateDemoHistory({ seed: SEED, until: earlier, staff });
    const cut = cases
      .filter((c) => c.receivedAt <= earlier)
      .map((c) => ({ ...c, steps: c.steps.filter((s) => s.at <= earlier) }));
    expect(short.length).toBe(cut.length);
    expect(JSON.stringify(short)).toBe(JSON.stringify(cut));
  });

  it('uses no Math.random or Date.now', () => {
    const files = ['history.ts', 'history.calendar.ts', 'history.handling.ts', 'history.intake.ts', 'history.text.ts', 'history.tray.ts', 'names.ts', 'staff.ts', '../core/random.ts'];
    for (const f of files) {
      const source = readFileSync(new URL(f, import.meta.url), 'utf8');
      expect(source).not.toMatch(/Math\.random|Date\.now|new Date\(\)/);
    }
  });
});

describe('calibration: the story of the source file', () => {
  // The per-domain figures of 16 Oct 2023 are read as KB (standard unit) only:
  // they add up to 712, and the month's total stock of 748 includes UKB.
  it('1. the tray on 16 Oct 2023: 700-800 in total, each KB domain within 20% of the file', () => {
    const at = day('2023-10-16');
    expect(total(trayAt(cases, at))).toBeGreaterThanOrEqual(700);
    expect(total(trayAt(cases, at))).toBeLessThanOrEqual(800);
    const kb = trayAt(cases, at, 'standard');
    const file = { leefomgeving: 249, 'zorg-en-jeugd': 133, inkomen: 215, 'veiligheid-en-migratie': 115 };
    for (const [domain, n] of Object.entries(file)) {
      expect(kb[domain]).toBeGreaterThanOrEqual(n * 0.8);
      expect(kb[domain]).toBeLessThanOrEqual(n * 1.2);
    }
  });

  it('2. the tray grew a lot over the winter and rose during the Christmas holiday', () => {
    const oct = total(trayAt(cases, day('2023-10-16')));
    const dec = total(trayAt(cases, day('2023-12-18')));
    const jan = total(trayAt(cases, day('2024-01-08')));
    expect(jan - dec).toBeGreaterThanOrEqual(50);
    expect(jan).toBeGreaterThan(oct * 1.35);
    // Large enough for 8-12 week waits: in each KB domain the oldest unmarked case, next in line, has waited 8 weeks or more,
    // 8-12 weeks on average over the domains (domains whose inflow is large for their tray share wait longest).
    const oldest = new Map<string, number>();
    for (const t of trayCasesAt(cases, day('2024-01-08'), 'standard')) {
      if (t.case.steps.some((s) => s.command.type === 'setLanes')) continue;
      oldest.set(t.domainId, Math.max(oldest.get(t.domainId) ?? 0, weeksWaited(t.case, day('2024-01-08'))));
    }
    expect(oldest.size).toBe(4);
    for (const weeks of oldest.values()) expect(weeks).toBeGreaterThanOrEqual(8);
    const mean = [...oldest.values()].reduce((a, b) => a + b, 0) / oldest.size;
    expect(mean).toBeLessThanOrEqual(12);
  });

  it('3. cases assigned in January 2024 waited 8-12 weeks (median) from receipt', () => {
    const { median: m, n } = medianWait(cases, day('2024-01-01'), day('2024-02-01'));
    expect(n).toBeGreaterThan(300);
    expect(m).toBeGreaterThanOrEqual(8);
    expect(m).toBeLessThanOrEqual(12);
  });

  it('4. one week in January 2024 the tray fell by about 70', () => {
    const series = mondays('2024-01-08', '2024-02-05').map((m) => total(trayAt(cases, m)));
    const drops = series.slice(1).map((v, i) => series[i]! - v);
    expect(Math.max(...drops)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...drops)).toBeLessThanOrEqual(90);
  });

  it('5. capacity drives it: the file\'s FTE and norm path, and take-outs that follow them', () => {
    expect(availableFte(dayOf(day('2023-12-01')))).toBeCloseTo(21.4, 5);
    expect(availableFte(dayOf(day('2024-02-01')))).toBeCloseTo(25.5, 5);
    expect(availableFte(dayOf(day('2024-06-01')))).toBeCloseTo(32, 5);
    const norms = ['2024-01-15', '2024-03-01', '2024-04-15', '2024-06-15', '2024-08-15', '2025-03-01'].map((d) => productionNorm(dayOf(day(d))));
    expect(norms).toEqual([8, 9, 10, 11, 12, 12]);
    // Early December 2023 (21.4 FTE) the tray was fed faster than it was emptied; in February 2024 (25.5 FTE, norm 8-9) far more left it.
    const dec = takeOutsPerWeek(cases, day('2023-11-27'), day('2023-12-18'));
    const feb = takeOutsPerWeek(cases, day('2024-02-05'), day('2024-02-26'));
    expect(feb / dec).toBeGreaterThan(1.3);
    const inflowDec = cases.filter((c) => c.receivedAt >= day('2023-11-27') && c.receivedAt < day('2023-12-18')).length / 3;
    expect(dec).toBeLessThan(inflowDec);
  });

  it('6. from 2025 a steady state: tray 150-450, and every month a median wait under 4 weeks', () => {
    for (const m of mondays('2025-01-06', '2026-11-23')) {
      const n = total(trayAt(cases, m));
      expect(n, m.toISOString()).toBeGreaterThanOrEqual(150);
      expect(n, m.toISOString()).toBeLessThanOrEqual(450);
    }
    for (let month = 0; month < 12; month++) {
      const { median: m } = medianWait(cases, new Date(Date.UTC(2025, month, 1)), new Date(Date.UTC(2025, month + 1, 1)));
      expect(m).toBeLessThan(4);
    }
  });
});

describe('calibration does not hang on one lucky seed', () => {
  it.each([1, 2, 3])('seed %i: the October tray, the January wait and the January drop hold as well', (seed) => {
    const short = generateDemoHistory({ seed, until: day('2024-02-06'), staff: demoStaff(seed) });
    const oct = total(trayAt(short, day('2023-10-16')));
    expect(oct).toBeGreaterThanOrEqual(700);
    expect(oct).toBeLessThanOrEqual(800);
    const { median: m } = medianWait(short, day('2024-01-01'), day('2024-02-01'));
    expect(m).toBeGreaterThanOrEqual(8);
    expect(m).toBeLessThanOrEqual(12);
    const series = mondays('2024-01-08', '2024-02-05').map((x) => total(trayAt(short, x)));
    const biggestDrop = Math.max(...series.slice(1).map((v, i) => series[i]! - v));
    expect(biggestDrop).toBeGreaterThanOrEqual(50);
    expect(biggestDrop).toBeLessThanOrEqual(90);
  });
});
