import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { pageClient } from '../testing/web.ts';
import { seedWeekmailOrganisation, type WeekmailSeed } from '../testing/weekmail.seed.ts';
import { weekmailJob } from './weekmail.job.ts';
import { produceWeeklyOverviews, weekmailStatus } from './weekmail.service.ts';

/**
 * One person's overview must never cost everyone theirs: every message is
 * made and checked before the week is claimed, a long list is cut off, and a
 * message that still cannot be queued is left out, logged and shown.
 */
let tdb: TestDatabase;
let api: TestApi;
let seed: WeekmailSeed;
// 10:00 in Amsterdam on Monday of week 10 (before the real now, so page sessions made with the real clock are valid)
const MONDAY = new Date('2026-03-02T09:00:00Z');
const NEXT_MONDAY = new Date('2026-03-09T09:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  tdb.setNow(MONDAY);
  seed = await seedWeekmailOrganisation(tdb.ctx, { at: () => MONDAY, setNow: (d) => tdb.setNow(d) });
  api = await startTestApi(tdb.ctx);
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});

const outbox = () => tdb.ctx.db.selectFrom('mail_outbox').selectAll().orderBy('created_at').orderBy('recipient').execute();

describe('an investigator with very many cases in progress', () => {
  it('gets an overview of the most urgent ones, and everyone else gets theirs', async () => {
    // ~1,400 cases in progress for anna, each with a recent action (copies of one of hers)
    const [first] = seed.expected.get('anna@grip.example')!.dossiers;
    await sql`
      insert into cases (dossier_number, petitioner_id, agency_id, subject, description, channel, received_at, status,
                         domain_id, unit_id, investigator_id, assigned_at, first_contact_at)
      select 'BULK-' || lpad(g::text, 6, '0'), petitioner_id, agency_id, subject, description, channel, received_at, status,
             domain_id, unit_id, investigator_id, assigned_at, first_contact_at
      from cases, generate_series(1, 1400) g
      where dossier_number = ${first}
    `.execute(tdb.ctx.db);
    await sql`
      insert into case_events (case_id, type, at)
      select id, 'note_added', ${new Date(MONDAY.getTime() - 86_400_000)}::timestamptz from cases where dossier_number like 'BULK-%'
    `.execute(tdb.ctx.db);

    tdb.setNow(MONDAY);
    const run = await produceWeeklyOverviews(tdb.ctx);
    expect(run).toMatchObject({ week: '2026-W10', produced: true, queued: 3, skipped: [seed.withoutEmail.name], failed: [] });
    const mails = await outbox();
    expect(mails.map((m) => m.recipient).sort()).toEqual([...seed.expected.keys()].sort());
    const anna = mails.find((m) => m.recipient === 'anna@grip.example')!;
    expect(anna.subject).toBe('Weekoverzicht week 10: 1402 zaken in behandeling');
    expect(anna.body_text).toContain('… en 1352 meer');
    expect(anna.body_html!.length).toBeLessThan(100_000);
    // the most urgent first: her case still waiting for first contact is named
    expect(anna.body_text).toContain(seed.expected.get('anna@grip.example')!.dossiers[1]!);
  });
});

describe('a message that still cannot be queued', () => {
  it('is left out for that person only, logged with the reason, and shown on the outbox page', async () => {
    // a domain renamed to something absurd: the coordinator's subject, which names her domains, is longer than a subject may be
    await tdb.ctx.db.updateTable('domains').set({ name: `Inkomen ${'en nog veel meer '.repeat(25)}` }).where('id', '=', 'inkomen').execute();
    tdb.setNow(NEXT_MONDAY);
    const lines: string[] = [];
    const requested: string[] = [];
    await weekmailJob.run({ ctx: tdb.ctx, log: (l) => lines.push(l), request: async (name) => { requested.push(name); } }, 'request');

    const coordinatorName = seed.expected.get('dora@grip.example')!.name;
    const { run } = await weekmailStatus(tdb.ctx);
    expect(run).toMatchObject({ week: '2026-W11', queued: 2, skipped: [seed.withoutEmail.name], failed: [coordinatorName] });
    const week11 = (await outbox()).filter((m) => m.dedupe_key.endsWith(':2026-W11')).map((m) => m.recipient).sort();
    expect(week11).toEqual(['anna@grip.example', 'bert@grip.example']);
    expect(requested).toEqual(['mail-delivery']);
    const line = lines.find((l) => l.startsWith('Weekly overview 2026-W11:'))!;
    expect(line).toContain('2 messages queued');
    expect(line).toContain(`could not be made, so none for: ${coordinatorName} (subject:`);

    // produced again: nothing new, and the record still names her
    expect(await produceWeeklyOverviews(tdb.ctx)).toMatchObject({ produced: false, queued: 2, failed: [coordinatorName] });

    const web = await pageClient(api, tdb.ctx, seed.teamManager.id);
    const page = await web.get('/postvak-uit');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Geen bericht (overzicht niet te maken)');
    expect(page.html).toMatch(new RegExp(`<td class="utrecht-table__cell">2026-W11</td>.*?<td class="utrecht-table__cell grip-number">2</td><td class="utrecht-table__cell">${seed.withoutEmail.name}</td><td class="utrecht-table__cell">${coordinatorName}</td>`));
  });
});
