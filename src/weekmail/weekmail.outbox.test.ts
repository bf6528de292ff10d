import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs, type JobRunner } from '../jobs/jobs.ts';
import { allJobs } from '../jobs/registry.ts';
import { queueMail } from '../mail/mail.service.ts';
import { createMailTransport } from '../mail/mail.transport.ts';
import { startTestApi, type TestApi } from '../testing/api.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { createStaff } from '../testing/factories.ts';
import { decodeQuotedPrintable } from '../testing/smtp.ts';
import { pageClient } from '../testing/web.ts';
import { seedWeekmailOrganisation, type WeekmailSeed } from '../testing/weekmail.seed.ts';

/**
 * Without SMTP: the weekly overview, produced by the jobs at start, lands as
 * .eml files in the outbox folder and on the outbox page (Postvak uit).
 */
let tdb: TestDatabase;
let api: TestApi;
let seed: WeekmailSeed;
let dir: string;
// 10:00 in Amsterdam, week 10 (before the real now, so page sessions made with the real clock are valid)
const MONDAY = new Date('2026-03-02T09:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  tdb.setNow(MONDAY);
  seed = await seedWeekmailOrganisation(tdb.ctx, { at: () => MONDAY, setNow: (d) => tdb.setNow(d) });
  api = await startTestApi(tdb.ctx);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grip-outbox-'));
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const until = async (check: () => boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

async function runJobs(lines: string[]): Promise<JobRunner> {
  const transport = createMailTransport({ smtpUrl: undefined, from: 'Grip <grip@grip.example>', outboxDir: dir });
  return startJobs(tdb.ctx, { jobs: allJobs(transport), log: (l) => lines.push(l), warn: (l) => lines.push(`warn: ${l}`), pollingIntervalSeconds: 0.5 });
}

const emlFiles = () => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort() : []);

describe('the weekly overview without SMTP', () => {
  it('is produced at start, kept as one .eml file per person, and not again after a restart', async () => {
    const lines: string[] = [];
    const first = await runJobs(lines);
    try {
      await until(() => lines.some((l) => /^Mail delivery \(request\): 3 kept in the outbox folder/.test(l)));
    } finally {
      await first.stop();
    }
    expect(lines).toContain(`Weekly overview 2026-W10: 3 messages queued; without an e-mail address, so none for: ${seed.withoutEmail.name}.`);
    expect(lines.filter((l) => l.startsWith('warn'))).toEqual([]);

    const files = emlFiles();
    expect(files).toHaveLength(3);
    const byRecipient = new Map(files.map((f) => {
      const eml = decodeQuotedPrintable(fs.readFileSync(path.join(dir, f), 'utf8'));
      return [/^To: (.*)$/m.exec(eml)![1]!.trim(), eml] as const;
    }));
    expect([...byRecipient.keys()].sort()).toEqual([...seed.expected.keys()].sort());
    for (const [address, { dossiers }] of seed.expected) {
      const eml = byRecipient.get(address)!;
      expect(eml).toMatch(/^Subject: Weekoverzicht week 10: /m);
      for (const d of dossiers) expect(eml).toContain(d);
    }

    // a restart in the same week: the start-up check finds the week produced, and nothing is kept twice
    const again: string[] = [];
    const second = await runJobs(again);
    try {
      await until(() => again.some((l) => l.startsWith('Mail delivery (start):')));
    } finally {
      await second.stop();
    }
    expect(again).toContain('Weekly overview 2026-W10: already produced (2026-03-02T09:00:00.000Z, 3 messages).');
    expect(again).toContain('Mail delivery (start): 0 kept in the outbox folder, 0 failed.');
    expect(emlFiles()).toEqual(files);
  });

  it('shows every message to a director on /postvak-uit, with the week and who got none', async () => {
    const director = await createStaff(tdb.ctx, { roles: ['director'], domains: [] });
    const web = await pageClient(api, tdb.ctx, director.id);
    const res = await web.get('/postvak-uit');
    expect(res.status).toBe(200);
    expect(res.html).toContain('href="/postvak-uit"');
    for (const address of seed.expected.keys()) expect(res.html).toContain(`<td class="utrecht-table__cell">${address}</td>`);
    expect(res.html.match(/Bewaard in de map postvak uit \d/g)).toHaveLength(3);
    expect(res.html).toMatch(new RegExp(`<td class="utrecht-table__cell">2026-W10</td>.*?<td class="utrecht-table__cell grip-number">3</td><td class="utrecht-table__cell">${seed.withoutEmail.name}</td><td class="utrecht-table__cell">—</td>`));
  });

  it('shows a team manager the messages to the staff of their domains, not another domain’s', async () => {
    // eric manages Inkomen: anna and dora work there, bert in Leefomgeving
    const web = await pageClient(api, tdb.ctx, seed.teamManager.id);
    const res = await web.get('/postvak-uit');
    expect(res.status).toBe(200);
    expect(res.html).toContain('<td class="utrecht-table__cell">anna@grip.example</td>');
    expect(res.html).toContain('<td class="utrecht-table__cell">dora@grip.example</td>');
    expect(res.html).not.toContain('bert@grip.example');
    expect(res.html.match(/Bewaard in de map postvak uit \d/g)).toHaveLength(2);
    const bert = await tdb.ctx.db.selectFrom('mail_outbox').select('id').where('recipient', '=', 'bert@grip.example').executeTakeFirstOrThrow();
    expect((await web.get(`/postvak-uit/${bert.id}`)).status).toBe(404);
  });

  it('shows an investigator their own messages only, with the text', async () => {
    const anna = await tdb.ctx.db.selectFrom('staff').select('id').where('email', '=', 'anna@grip.example').executeTakeFirstOrThrow();
    const mails = await tdb.ctx.db.selectFrom('mail_outbox').select(['id', 'recipient']).execute();
    const own = mails.find((m) => m.recipient === 'anna@grip.example')!;
    const other = mails.find((m) => m.recipient === 'dora@grip.example')!;
    const web = await pageClient(api, tdb.ctx, anna.id);
    const list = await web.get('/postvak-uit');
    expect(list.status).toBe(200);
    expect(list.html).toContain(`/postvak-uit/${own.id}`);
    expect(list.html).not.toContain(other.id);
    expect(list.html).not.toContain('Weekoverzichten van de laatste weken');

    const message = await web.get(`/postvak-uit/${own.id}`);
    expect(message.status).toBe(200);
    for (const d of seed.expected.get('anna@grip.example')!.dossiers) expect(message.html).toContain(d);
    expect((await web.get(`/postvak-uit/${other.id}`)).status).toBe(404);
  });

  it('refuses the page to someone without the right', async () => {
    const dispatcher = await createStaff(tdb.ctx, { roles: ['dispatcher'] });
    const web = await pageClient(api, tdb.ctx, dispatcher.id);
    expect((await web.get('/postvak-uit')).status).toBe(403);
    expect((await web.get('/mijn-zaken')).html).not.toContain('href="/postvak-uit"');
  });

  it('pages through many messages, newest first, without gaps or repeats', async () => {
    for (let i = 0; i < 70; i++) {
      await queueMail(tdb.ctx.db, { kind: 'test', dedupeKey: `paging:${i}`, recipient: 'x@grip.example', subject: `Bericht ${i}`, text: 'x' }, new Date(MONDAY.getTime() + Math.floor(i / 3) * 1000));
    }
    const director = await createStaff(tdb.ctx, { roles: ['director'], domains: [] });
    const web = await pageClient(api, tdb.ctx, director.id);
    const seen: string[] = [];
    let url: string | null = '/postvak-uit';
    while (url) {
      const res = await web.get(url);
      expect(res.status).toBe(200);
      seen.push(...[...res.html.matchAll(/href="\/postvak-uit\/([0-9a-f-]{36})"/g)].map((m) => m[1]!));
      const next = /href="(\/postvak-uit\?na=[^"]+)" rel="next"/.exec(res.html);
      url = next ? next[1]!.replace(/&amp;/g, '&') : null;
    }
    expect(seen).toHaveLength(73);
    expect(new Set(seen).size).toBe(73);
    const first = await web.get('/postvak-uit');
    expect(first.html).toContain('Bericht 69');
  });
});
