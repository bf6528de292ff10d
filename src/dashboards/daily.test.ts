import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateAt, type StoredEvent } from '../core/replay.ts';
import { addDays, ageBand, AGE_BANDS, buildDays, DAY_MS, histogramPercentile, type DayRow } from './daily.ts';

const ev = (type: string, at: string, payload: Record<string, unknown> = {}): StoredEvent => ({ type, at: new Date(at), payload });

describe('buildDays', () => {
  it('counts the state at the end of each day and the flows during it', () => {
    const a = [
      ev('registered', '2024-01-01T08:00:00Z', { urgent: true }),
      ev('routed', '2024-01-01T10:00:00Z', { domainId: 'inkomen', unitId: 'standard', overridden: true }),
      ev('assigned', '2024-01-03T10:00:00Z', { investigatorId: 'x' }),
      ev('first_contact', '2024-01-04T00:00:00Z'), // exactly midnight: in the state at the end of 3 Jan, a flow of 4 Jan
      ev('closed', '2024-01-04T12:00:00Z'),
    ];
    const b = [
      ev('registered', '2023-12-01T08:00:00Z'),
      ev('routed', '2023-12-01T09:00:00Z', { domainId: 'inkomen', unitId: 'extended' }),
      ev('moved', '2024-01-02T09:00:00Z', { to: { domainId: 'zorg-en-jeugd', unitId: 'extended' } }),
    ];
    const { days, waits } = buildDays([a, b], '2024-01-01', '2024-01-05');
    const get = (day: string, domain: string, unit: string) => days.find((r) => r.day === day && r.domainId === domain && r.unitId === unit);
    expect(get('2024-01-01', 'inkomen', 'standard')).toMatchObject({ unassigned: 1, urgent: 1, inflow: 1, routed: 1, overridden: 1, ages: [1, 0, 0, 0, 0, 0, 0] });
    expect(get('2024-01-01', 'inkomen', 'extended')).toMatchObject({ unassigned: 1, inflow: 0, ages: [0, 0, 0, 0, 1, 0, 0] });
    expect(get('2024-01-02', 'zorg-en-jeugd', 'extended')).toMatchObject({ unassigned: 1, oldestReceivedAt: new Date('2023-12-01T08:00:00Z') });
    expect(get('2024-01-03', 'inkomen', 'standard')).toMatchObject({ unassigned: 0, inProgress: 1, assigned: 1 });
    expect(get('2024-01-04', 'inkomen', 'standard')).toMatchObject({ inProgress: 0, closed: 1 });
    expect(waits).toEqual([
      { day: '2024-01-03', domainId: 'inkomen', kind: 'assignment', waitDays: 2, cases: 1 },
      { day: '2024-01-04', domainId: 'inkomen', kind: 'first_contact', waitDays: 2, cases: 1 },
    ]);
  });

  it('equals replaying every case at every midnight, for any history', () => {
    const day0 = Date.parse('2024-03-01T00:00:00Z');
    const domains = ['inkomen', 'leefomgeving'];
    const event = fc.record({
      type: fc.constantFrom('routed', 'lanes_changed', 'assigned', 'first_contact', 'closed', 'transferred', 'moved', 'reopened', 'note_added'),
      // hours from day 0, some exactly at midnight
      hour: fc.oneof(fc.integer({ min: -48, max: 24 * 12 }), fc.integer({ min: -2, max: 12 }).map((d) => d * 24)),
      domain: fc.constantFrom(...domains),
      unit: fc.constantFrom('standard', 'extended', 'research'),
      flag: fc.boolean(),
    });
    const history = fc.record({ receivedHour: fc.integer({ min: -24 * 40, max: 24 * 10 }), rest: fc.array(event, { maxLength: 8 }) }).map(({ receivedHour, rest }) => {
      const events: StoredEvent[] = [{ type: 'registered', at: new Date(day0 + receivedHour * 3_600_000), payload: { urgent: rest.length % 2 === 0 } }];
      for (const e of [...rest].sort((x, y) => x.hour - y.hour)) {
        const at = new Date(Math.max(day0 + e.hour * 3_600_000, events[events.length - 1]!.at.getTime()));
        const payload: Record<string, unknown> =
          e.type === 'routed' ? { domainId: e.domain, unitId: e.unit === 'research' ? 'standard' : e.unit, overridden: e.flag }
          : e.type === 'lanes_changed' ? { lanes: { b: e.flag, pop: !e.flag } }
          : e.type === 'assigned' ? { investigatorId: 'x' }
          : e.type === 'transferred' ? { to: { unitId: e.unit, domainId: e.domain } }
          : e.type === 'moved' ? { to: { domainId: e.domain, unitId: e.unit === 'research' ? 'standard' : e.unit } }
          : {};
        events.push({ type: e.type, at, payload });
      }
      return events;
    });
    fc.assert(
      fc.property(fc.array(history, { maxLength: 12 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 9 }), (cases, offset, length) => {
        const from = addDays('2024-03-01', offset);
        const to = addDays(from, length);
        const { days } = buildDays(cases, from, to);
        const built = new Map<string, Pick<DayRow, 'unassigned' | 'inProgress' | 'ages' | 'b' | 'pop' | 'urgent'>>();
        for (const r of days) {
          const key = `${r.day}|${r.domainId}`;
          const m = built.get(key) ?? { unassigned: 0, inProgress: 0, ages: AGE_BANDS.map(() => 0), b: 0, pop: 0, urgent: 0 };
          built.set(key, {
            unassigned: m.unassigned + r.unassigned, inProgress: m.inProgress + r.inProgress, ages: m.ages.map((n, i) => n + r.ages[i]!),
            b: m.b + r.b, pop: m.pop + r.pop, urgent: m.urgent + r.urgent,
          });
        }
        for (let k = 0; k < length; k++) {
          const day = addDays(from, k);
          const boundary = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS);
          for (const domain of domains) {
            const states = cases.map((events) => stateAt(events, boundary)).filter((s) => s.domainId === domain);
            const queued = states.filter((s) => s.status === 'queued');
            const expected = {
              unassigned: queued.length,
              inProgress: states.filter((s) => s.status === 'assigned' || s.status === 'in_progress').length,
              ages: AGE_BANDS.map((_, i) => queued.filter((s) => ageBand(Math.floor((boundary.getTime() - s.receivedAt!.getTime()) / DAY_MS)) === i).length),
              b: queued.filter((s) => s.lanes.b).length,
              pop: queued.filter((s) => s.lanes.pop).length,
              urgent: queued.filter((s) => s.lanes.urgent).length,
            };
            const got = built.get(`${day}|${domain}`) ?? { unassigned: 0, inProgress: 0, ages: AGE_BANDS.map(() => 0), b: 0, pop: 0, urgent: 0 };
            expect(got).toEqual(expected);
          }
        }
        // Flows: every routing and closing inside [from, to) is counted exactly once.
        const inRange = (e: StoredEvent) => e.at >= new Date(`${from}T00:00:00Z`) && e.at < new Date(`${to}T00:00:00Z`);
        const routed = cases.flatMap((evs) => evs.filter((e, i) => e.type === 'routed' && inRange(e) && stateAt(evs.slice(0, i + 1), e.at).domainId));
        expect(days.reduce((n, r) => n + r.routed, 0)).toBe(routed.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('histogramPercentile', () => {
  it('takes the nearest rank over counted buckets', () => {
    const hist = [{ waitDays: 3, cases: 2 }, { waitDays: 10, cases: 7 }, { waitDays: 40, cases: 1 }];
    expect(histogramPercentile(hist, 0.5)).toBe(10);
    expect(histogramPercentile(hist, 0.2)).toBe(3);
    expect(histogramPercentile(hist, 0.95)).toBe(40);
    expect(histogramPercentile([], 0.5)).toBeNull();
  });
});
