import type { Role } from '../auth/policy.ts';
import type { HistoricCase } from '../cases/case.history.ts';
import { TRAY_RANK, trayRank, NO_LANES } from '../core/lanes.ts';
import { Random } from '../core/random.ts';
import { Calendar, dayOf, expectedInflow, momentOf, targetTrayPath } from './history.calendar.ts';
import { addStep, assignAndHandle, closeFromTray, markLanesBeforeTake, type HandlingContext, type SimCase } from './history.handling.ts';
import { newIntake } from './history.intake.ts';
import { DOMAINS } from '../organisation/reference-data.ts';
import type { DemoStaffMember } from './staff.ts';

export { trayAt, trayCasesAt, type TrayCount } from './history.tray.ts';

/**
 * The seeded demo history: written complaints from 2 January 2023 until
 * `until`, simulated day by day. Complaints arrive (Poisson, fewer at weekends
 * and in holidays), dispatchers route them within 0-2 working days, screening
 * marks lanes, and each working day the coordinators take cases out of each
 * domain tray in tray order (urgent, B, POP, OB, then oldest first): assigned
 * to the investigator of that domain and unit with the most room, or closed
 * at once (KEN, OB).
 *
 * How many leave the tray each day follows the tray path of
 * history.calendar.ts: what the available FTE and the production norm could
 * take out, never pushing the tray below the policy buffer. Each domain tray
 * is steered towards its share of that path (the shares of 16 Oct 2023), so
 * the random inflow does not make the stock wander away from the file's
 * figures. Deterministic for the same seed, staff and `until`.
 */
export interface DemoHistoryOptions {
  seed: number;
  until: Date;
  staff: readonly DemoStaffMember[];
}

/**
 * FILE: the tray of 16 Oct 2023, KB (standard unit) per domain; the total
 * stock that month was 748, the remaining 36 we read as the UKB tray.
 */
export const TRAY_16_OCT_2023: Record<string, number> = {
  leefomgeving: 249,
  'zorg-en-jeugd': 133,
  inkomen: 215,
  'veiligheid-en-migratie': 115,
};
const TOTAL_STOCK_OCT_2023 = 748;

/** Queue positions within a tray; a transferred-in case has waited longest of the unmarked ones. */
const QUEUE = { ...TRAY_RANK, transferredIn: 4, regular: 5 } as const;
const QUEUE_COUNT = 6;

interface Tray {
  domainId: string;
  unitId: 'standard' | 'extended';
  share: number;
  noise: number;
  size: number;
  queues: SimCase[][];
  heads: number[];
  investigators: DemoStaffMember[];
}

export function generateDemoHistory(opts: DemoHistoryOptions): HistoricCase[] {
  const lastDay = dayOf(opts.until);
  if (lastDay < 0) return [];
  const rootRng = new Random(opts.seed);
  const intakeRng = rootRng.fork('intake');
  const flowRng = rootRng.fork('flow');
  const cal = new Calendar(lastDay + 400);
  const path = targetTrayPath(cal);
  const staff = opts.staff;

  const withRole = (role: Role) => staff.filter((s) => s.roles.includes(role));
  const dispatchers = withRole('dispatcher').map((s) => s.login);
  const coordinators = withRole('coordinator');
  const teamManagers = withRole('teamManager');
  const fallback = staff.find((s) => s.roles.includes('admin'))?.login ?? staff[0]?.login ?? null;
  const inDomain = (list: DemoStaffMember[], domainId: string) => list.find((s) => s.domains.includes(domainId)) ?? list[0];
  const ctx: HandlingContext = {
    rng: flowRng,
    cal,
    coordinatorOf: (d) => inDomain(coordinators, d)?.login ?? fallback ?? 'admin',
    teamManagerOf: (d) => inDomain(teamManagers, d)?.login ?? ctx.coordinatorOf(d),
  };

  const startDay = onboarding(rootRng.fork('onboarding'), staff);
  const trays = new Map<string, Tray>();
  const ukbShare = (TOTAL_STOCK_OCT_2023 - sum(Object.values(TRAY_16_OCT_2023))) / TOTAL_STOCK_OCT_2023;
  for (const { id } of DOMAINS) {
    for (const unitId of ['standard', 'extended'] as const) {
      const kbShare = TRAY_16_OCT_2023[id]! / TOTAL_STOCK_OCT_2023;
      trays.set(`${id}|${unitId}`, {
        domainId: id,
        unitId,
        share: unitId === 'standard' ? kbShare : (ukbShare * TRAY_16_OCT_2023[id]!) / sum(Object.values(TRAY_16_OCT_2023)),
        noise: 0,
        size: 0,
        queues: Array.from({ length: QUEUE_COUNT }, () => []),
        heads: new Array<number>(QUEUE_COUNT).fill(0),
        investigators: staff.filter((s) => s.roles.includes('investigator') && s.unitId === unitId && s.domains.includes(id)),
      });
    }
  }
  const trayOf = (sc: SimCase) => trays.get(`${sc.domainId}|${sc.unitId}`);

  const all: SimCase[] = [];
  const toRoute = new Map<number, { sc: SimCase; minute: number }[]>();
  const laneMarks = new Map<number, SimCase[]>();
  const requeues = new Map<number, SimCase[]>();
  const releases = new Map<number, string[]>();
  const load = new Map<string, number>();
  const later = <T>(map: Map<number, T[]>, day: number, item: T) => {
    const list = map.get(day);
    if (list) list.push(item);
    else map.set(day, [item]);
  };
  const enqueue = (sc: SimCase, queue: number) => {
    const tray = trayOf(sc);
    if (!tray) return;
    sc.queue = queue;
    tray.queues[queue]!.push(sc);
    tray.size++;
  };

  for (let day = 0; day <= lastDay; day++) {
    // Intake: every complaint received today, with its routing planned.
    const arrivals = intakeRng.poisson(expectedInflow(cal, day));
    for (let i = 0; i < arrivals; i++) {
      const registeredBy = dispatchers.length > 0 ? intakeRng.pick(dispatchers) : fallback;
      const intake = newIntake(intakeRng, day, registeredBy);
      const received = intake.historic.receivedAt;
      let routeDay = cal.addWorkingDays(day, flowRng.weighted([0, 1, 2], (d) => [35, 45, 20][d]!));
      const minute = flowRng.int(420, 600);
      if (momentOf(routeDay, minute) <= received) routeDay = cal.addWorkingDays(routeDay + 1, 0);
      const sc: SimCase = {
        historic: intake.historic,
        domainId: intake.domainId,
        unitId: intake.unitId,
        lanes: intake.lanes,
        lanesSet: false,
        laneDay: intake.lanes?.urgent ? routeDay : cal.addWorkingDays(routeDay, flowRng.int(0, 3)),
        laneActor: intake.lanes?.urgent ? registeredBy ?? 'admin' : ctx.coordinatorOf(intake.domainId),
        queue: -1,
      };
      all.push(sc);
      later(toRoute, routeDay, { sc, minute });
    }
    if (!cal.isWorking(day)) continue;

    for (const login of releases.get(day) ?? []) load.set(login, (load.get(login) ?? 1) - 1);
    for (const sc of requeues.get(day) ?? []) {
      sc.unitId = 'extended';
      const rank = trayRank({ ...NO_LANES, ...sc.lanes });
      enqueue(sc, rank === TRAY_RANK.regular ? QUEUE.transferredIn : rank);
    }
    for (const { sc, minute } of toRoute.get(day) ?? []) {
      const dispatcher = dispatchers.length > 0 ? flowRng.pick(dispatchers) : fallback;
      addStep(sc, momentOf(day, minute), dispatcher, {
        type: 'route', domainId: sc.domainId, unitId: sc.unitId, suggested: sc.historic.suggested,
      });
      enqueue(sc, QUEUE.regular);
      if (sc.lanes?.urgent) later(laneMarks, day, sc);
      else if (sc.lanes) later(laneMarks, sc.laneDay, sc);
    }
    for (const sc of laneMarks.get(day) ?? []) {
      if (sc.queue !== QUEUE.regular || sc.lanesSet) continue; // already taken out, or transferred
      // Urgency is screened by the dispatcher while routing; the other lanes by the coordinator's morning screening.
      const at = sc.lanes?.urgent
        ? new Date(sc.historic.steps.at(-1)!.at.getTime() + flowRng.int(5, 30) * 60_000)
        : momentOf(day, flowRng.int(640, 700));
      addStep(sc, at, sc.laneActor, { type: 'setLanes', lanes: sc.lanes! });
      sc.lanesSet = true;
      const tray = trayOf(sc)!;
      tray.size--; // enqueue counts it again in its lane queue
      enqueue(sc, trayRank({ ...NO_LANES, ...sc.lanes }));
    }

    for (const tray of trays.values()) {
      tray.noise = 0.92 * tray.noise + flowRng.normal(0, 0.005);
      const target = path[day]! * tray.share * (1 + tray.noise);
      let wanted = Math.max(0, Math.round(tray.size - target));
      // B cases wait for the Friday-afternoon fast-lane session and POP cases for
      // the weekly POP day (Wednesday), each of which clears its whole lane.
      const weekday = day % 7; // day 0 is Monday 2 January 2023
      for (let q = 0; q < QUEUE_COUNT; q++) {
        const session = q === QUEUE.b ? weekday === 4 : q === QUEUE.pop ? weekday === 2 : null;
        if (session === false || (session === null && wanted <= 0)) continue;
        const queue = tray.queues[q]!;
        while ((wanted > 0 || session) && tray.heads[q]! < queue.length) {
          const sc = queue[tray.heads[q]!]!;
          if (sc.queue !== q) {
            tray.heads[q]!++; // stale entry: the case moved to a lane queue or left the tray
            continue;
          }
          const minute = flowRng.int(720, 990);
          const outcome = trayOutcome(flowRng, sc);
          let investigator: string | null = null;
          if (outcome === null) {
            investigator = pickInvestigator(flowRng, tray, sc, day, startDay, load);
            if (investigator === null) break; // nobody in this domain and unit can take it yet
          }
          tray.heads[q]!++;
          tray.size--;
          sc.queue = -1;
          wanted--;
          markLanesBeforeTake(sc, day, minute);
          if (investigator === null) {
            closeFromTray(ctx, sc, day, minute, outcome!);
            continue;
          }
          load.set(investigator, (load.get(investigator) ?? 0) + 1);
          const follow = assignAndHandle(ctx, sc, investigator, day, minute);
          later(releases, follow.releaseDay, investigator);
          if (follow.requeueDay !== null && follow.requeueDay <= lastDay) later(requeues, follow.requeueDay, sc);
        }
        if (tray.heads[q]! >= queue.length && queue.length > 0) {
          queue.length = 0; // all handled: free the memory, keep positions valid
          tray.heads[q] = 0;
        }
      }
    }
  }

  const until = opts.until.getTime();
  return all
    .map((sc) => ({ ...sc.historic, steps: sc.historic.steps.filter((s) => s.at.getTime() <= until) }))
    .filter((c) => c.receivedAt.getTime() <= until)
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}

/** Cases the coordinator closes straight from the tray, without an investigator; null = assign. */
function trayOutcome(rng: Random, sc: SimCase): string | null {
  if (sc.lanes?.urgent) return null;
  if (sc.lanes?.ob) return rng.chance(0.55) ? 'OB' : null;
  if (sc.unitId === 'extended' || sc.lanes) return null;
  const r = rng.next();
  if (r < 0.09) return 'KEN';
  if (r < 0.105) return 'withdrawn';
  return null;
}

/** The investigator of the tray's domain and unit with the most room: fewest open cases per FTE, matching skill first. */
function pickInvestigator(
  rng: Random,
  tray: Tray,
  sc: SimCase,
  day: number,
  startDay: ReadonlyMap<string, number>,
  load: ReadonlyMap<string, number>,
): string | null {
  const active = tray.investigators.filter((s) => (startDay.get(s.login) ?? 0) <= day);
  if (active.length === 0) return null;
  const needed = SKILL_OF_KEYWORD.filter(([kw]) => sc.historic.keywords.includes(kw)).map(([, skill]) => skill);
  const skilled = needed.length > 0 ? active.filter((s) => s.skills.some((k) => needed.includes(k))) : [];
  const pool = skilled.length > 0 ? skilled : active;
  let best: DemoStaffMember | null = null;
  let bestScore = Infinity;
  for (const s of pool) {
    const score = ((load.get(s.login) ?? 0) + rng.next()) / Math.max(0.1, s.fte);
    if (score < bestScore) [best, bestScore] = [s, score];
  }
  return best?.login ?? null;
}

const SKILL_OF_KEYWORD: readonly [keyword: string, skill: string][] = [
  ['gaswinning', 'gaswinning'],
  ['kinderen', 'kinderen'],
  ['veteranen', 'veteranen'],
  ['caribisch-nederland', 'cn'],
];

/**
 * FILE: on 1 Feb 2024, 45% of handlers and investigators had less than a year
 * of service. Some KB investigators therefore only start during 2023 or in
 * January 2024; each domain keeps at least two who were there from the start.
 */
function onboarding(rng: Random, staff: readonly DemoStaffMember[]): Map<string, number> {
  const start = new Map<string, number>();
  const first = dayOf(new Date('2023-03-01T00:00:00Z'));
  const last = dayOf(new Date('2024-01-31T00:00:00Z'));
  for (const { id } of DOMAINS) {
    const kb = staff.filter((s) => s.roles.includes('investigator') && s.unitId === 'standard' && s.domains[0] === id);
    kb.forEach((s, i) => {
      if (i >= 2 && s.login !== 'onderzoeker' && rng.chance(0.45)) start.set(s.login, rng.int(first, last));
    });
  }
  return start;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

