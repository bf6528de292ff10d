import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTrayEntries, trayRank, type Lanes } from './lanes.ts';

const lanesArb: fc.Arbitrary<Lanes> = fc.record({ urgent: fc.boolean(), b: fc.boolean(), pop: fc.boolean(), ob: fc.boolean() });
const entryArb = fc.record({
  lanes: lanesArb,
  receivedAt: fc.date({ min: new Date('2023-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
  id: fc.uuid(),
});

describe('tray order', () => {
  it('puts every urgent case before every non-urgent one, then oldest first within a rank', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 60 }), (entries) => {
        const sorted = [...entries].sort(compareTrayEntries);
        const firstNonUrgent = sorted.findIndex((e) => !e.lanes.urgent);
        if (firstNonUrgent >= 0) expect(sorted.slice(firstNonUrgent).some((e) => e.lanes.urgent)).toBe(false);
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [sorted[i - 1]!, sorted[i]!];
          if (trayRank(a.lanes) === trayRank(b.lanes)) expect(a.receivedAt.getTime()).toBeLessThanOrEqual(b.receivedAt.getTime());
        }
      }),
    );
  });

  it('ranks urgent, B, POP, OB candidate, then the rest', () => {
    const none = { urgent: false, b: false, pop: false, ob: false };
    expect([
      trayRank({ ...none, urgent: true, b: true }), trayRank({ ...none, b: true }), trayRank({ ...none, pop: true }),
      trayRank({ ...none, ob: true }), trayRank(none),
    ]).toEqual([0, 1, 2, 3, 4]);
  });
});
