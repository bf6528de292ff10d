import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { seedWeekmailOrganisation, type WeekmailSeed } from '../testing/weekmail.seed.ts';
import { produceWeeklyOverviews, weekmailKey, weekmailStatus } from './weekmail.service.ts';

let tdb: TestDatabase;
let seed: WeekmailSeed;
const MONDAY = new Date('2026-11-30T06:00:00Z'); // 07:00 in Amsterdam, week 49

beforeAll(async () => {
  tdb = await createTestDatabase();
  tdb.setNow(MONDAY);
  seed = await seedWeekmailOrganisation(tdb.ctx, { at: () => MONDAY, setNow: (d) => tdb.setNow(d) });
});
afterAll(async () => tdb?.close());

const outbox = () => tdb.ctx.db.selectFrom('mail_outbox').selectAll().orderBy('recipient').execute();

describe('producing the weekly overview', () => {
  it('queues one message per investigator and coordinator with an address, naming their cases', async () => {
    tdb.setNow(MONDAY);
    expect((await weekmailStatus(tdb.ctx)).run).toBeNull();
    const run = await produceWeeklyOverviews(tdb.ctx);
    expect(run).toEqual({ week: '2026-W49', produced: true, producedAt: MONDAY, queued: 3, skipped: [seed.withoutEmail.name], failed: [], failures: [] });

    const mails = await outbox();
    expect(mails.map((m) => m.recipient)).toEqual([...seed.expected.keys()].sort());
    for (const m of mails) {
      const expected = seed.expected.get(m.recipient)!;
      expect(m.kind).toBe('weekmail');
      expect(m.dedupe_key).toBe(weekmailKey(m.staff_id!, '2026-W49'));
      expect(m.body_text).toContain(`Beste ${expected.name},`);
      for (const d of expected.dossiers) {
        expect(m.body_text).toContain(d);
        expect(m.body_html).toContain(d);
      }
      expect(m.next_attempt_at).toEqual(MONDAY);
    }
    const anna = mails.find((m) => m.recipient === 'anna@grip.example')!;
    expect(anna.subject).toBe('Weekoverzicht week 49: 2 zaken in behandeling');
    expect(anna.body_text).toContain('eerste contact opnemen');
    const dora = mails.find((m) => m.recipient === 'dora@grip.example')!;
    expect(dora.body_text).toContain('In de bak: 2 zaken (KB 2, UKB 0); langst wachtend 3 weken');
    // carl has no address, but his cases count in his coordinator's overview
    expect(dora.body_text).toMatch(new RegExp(`${seed.withoutEmail.name}\\s+1\\s+0`));
  });

  it('does nothing the second time in the same week, even days later', async () => {
    tdb.setNow(new Date('2026-12-03T15:00:00Z'));
    const again = await produceWeeklyOverviews(tdb.ctx);
    expect(again).toMatchObject({ week: '2026-W49', produced: false, producedAt: MONDAY, queued: 3 });
    expect(await outbox()).toHaveLength(3);
    expect((await weekmailStatus(tdb.ctx)).run).toMatchObject({ week: '2026-W49', queued: 3, skipped: [seed.withoutEmail.name] });
  });

  it('is produced once when two nodes run it at the same moment', async () => {
    tdb.setNow(new Date('2026-12-07T06:00:00Z'));
    const runs = await Promise.all([produceWeeklyOverviews(tdb.ctx), produceWeeklyOverviews(tdb.ctx), produceWeeklyOverviews(tdb.ctx)]);
    expect(runs.filter((r) => r.produced)).toHaveLength(1);
    expect(runs.every((r) => r.week === '2026-W50' && r.queued === 3)).toBe(true);
    const mails = await outbox();
    expect(mails).toHaveLength(6);
    const perPersonAndWeek = new Set(mails.map((m) => m.dedupe_key));
    expect(perPersonAndWeek.size).toBe(6);
  });

  it('waits for Monday 07:00: at 06:59 last week is still the one due', async () => {
    tdb.setNow(new Date('2026-12-14T05:59:00Z'));
    expect(await produceWeeklyOverviews(tdb.ctx)).toMatchObject({ week: '2026-W50', produced: false });
    expect(await outbox()).toHaveLength(6);
  });
});

describe('the scheduled run', () => {
  it('counts from its Monday 07:00 when this node’s clock lags the database’s a little', async () => {
    tdb.setNow(new Date('2026-12-14T05:59:50Z')); // 06:59:50 in Amsterdam by this node's clock
    expect(await produceWeeklyOverviews(tdb.ctx, { periodLeadMs: 10 * 60_000 })).toMatchObject({ week: '2026-W51', produced: true, queued: 3 });
  });
});
