import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPeriods } from '../capacity/capacity.repository.ts';
import { registerCase } from '../cases/case.service.ts';
import { assignCase, routeCase } from '../cases/case.transitions.ts';
import { connect } from '../db/connect.ts';
import { refreshExpectations } from '../forecast/forecast.service.ts';
import { stopQueueWorker } from '../forecast/queue.runner.ts';
import { deliverDueMail, LEASE_MS } from '../mail/mail.service.ts';
import { createMailTransport, type MailTransport } from '../mail/mail.transport.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../testing/smtp.ts';
import { runDelayNotices } from './notice.delay.ts';
import { writeNoticeSettings } from './notice.settings.ts';

/**
 * Must-show 2 of issue 6: on day 8, exactly one delay notice per case still
 * waiting reaches the SMTP server — with two runs at once, and around a
 * crash. The one boundary (an SMTP server accepted, the node died before
 * recording it) is shown as what it is: the same message, the same Message-ID.
 */
let tdb: TestDatabase;
let smtp: TestSmtpServer;
let transport: MailTransport;
const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'grip-notices-'));
const ids: Record<string, { id: string; dossier: string; email: string | null }> = {};

const RECEIVED = '2024-05-06T08:30:00Z'; // a Monday; day 8 is Tuesday 14 May
const DAY8 = '2024-05-14T05:00:00Z'; // 07:00 in Amsterdam

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { ctx } = tdb;
  smtp = await startSmtpServer();
  transport = createMailTransport({ smtpUrl: smtp.url, from: 'Grip <grip@test>', outboxDir: outbox });
  tdb.setNow(RECEIVED);
  await insertPeriods(ctx.db, ['inkomen', 'zorg-en-jeugd'].map((domain) => ({
    person: `${domain} 1`, staffId: null, domain, kind: 'contract' as const, from: '2024-01-01', to: null, hoursPerWeek: 36,
  })));
  await writeNoticeSettings(ctx.db, { pilotDomains: ['zorg-en-jeugd'] });
  const dispatcher = await createStaff(ctx, { roles: ['dispatcher'], login: 'wv' });
  const coordinator = await createStaff(ctx, { roles: ['coordinator'], login: 'co', domains: ['inkomen'] });
  const investigator = await createStaff(ctx, { roles: ['investigator'], login: 'ko', domains: ['inkomen'] });
  const add = async (key: string, petitioner: { name: string; email?: string; address?: string; phone?: string }, domain: string | null) => {
    const c = (await registerCase(ctx, dispatcher, complaint({ petitioner, receivedAt: new Date(RECEIVED) }))).case;
    const routed = domain ? await routeCase(ctx, dispatcher, c.id, { domain, unit: 'standard' }) : c;
    ids[key] = { id: c.id, dossier: c.dossierNumber, email: petitioner.email ?? null };
    return routed;
  };
  for (let i = 1; i <= 5; i++) await add(`mail${i}`, { name: `Verzoeker ${i}`, email: `v${i}@example.nl` }, 'inkomen');
  await add('unrouted', { name: 'Nog Niet Gerouteerd', email: 'nr@example.nl' }, null);
  await add('letter', { name: 'Truus Brief', address: 'Kerkstraat 1\n1234 AB Ergens' }, 'inkomen');
  await add('pilot', { name: 'Bel Mij', email: 'bel@example.nl', phone: '06-12345678' }, 'zorg-en-jeugd');
  await add('pilotNoPhone', { name: 'Geen Telefoon', email: 'geentel@example.nl' }, 'zorg-en-jeugd');
  const assigned = await add('assigned', { name: 'Al Toegewezen', email: 'al@example.nl' }, 'inkomen');
  await assignCase(ctx, coordinator, assigned.id, { investigatorId: investigator.id, version: assigned.version, handlingType: 'investigation', proposal: 'Bellen' });
  await refreshExpectations(ctx);
}, 180_000);

afterAll(async () => {
  transport?.close();
  await smtp?.close();
  await stopQueueWorker();
  await tdb?.close();
});

const delayMessages = () => smtp.received.filter((m) => m.headers['x-grip-kind'] === 'delayNotice');

describe('the delay notice on day 8', () => {
  it('is not sent for cases whose day 8 came before the first run', async () => {
    const { ctx } = tdb;
    const dispatcher = await createStaff(ctx, { roles: ['dispatcher'], login: 'wv0' });
    tdb.setNow('2024-05-13T06:00:00Z');
    // Received long before Grip sent notices: its day 8 has passed; it gets none, now or later.
    const old = (await registerCase(ctx, dispatcher, complaint({ petitioner: { name: 'Oud', email: 'oud@example.nl' }, receivedAt: new Date('2024-03-01T09:00:00Z') }))).case;
    await runDelayNotices(ctx);
    tdb.setNow(DAY8);
    const settings = await ctx.db.selectFrom('settings').select('value').where('key', '=', 'notices').executeTakeFirstOrThrow();
    expect(settings.value).toMatchObject({ startsOn: '2024-05-13' });
    expect(await ctx.db.selectFrom('case_notices').select('id').where('case_id', '=', old.id).execute()).toEqual([]);
  });

  it('is not sent before day 8', async () => {
    tdb.setNow('2024-05-13T21:00:00Z'); // Monday 23:00 in Amsterdam: still day 7
    const r = await runDelayNotices(tdb.ctx);
    expect(r.made).toEqual({ email: 0, letter: 0, call: 0, none: 0 });
  });

  it('goes exactly once to every case still waiting, also when two nodes run the job at once', async () => {
    tdb.setNow(DAY8);
    // A second node: its own connection pool to the same database (on the embedded database the one connection).
    const other = tdb.url ? await connect({ databaseUrl: tdb.url }) : null;
    const node2 = other ? { db: other.db, clock: tdb.ctx.clock } : tdb.ctx;
    const [a, b] = await Promise.all([runDelayNotices(tdb.ctx), runDelayNotices(node2)]);
    await other?.close();
    const made = (k: 'email' | 'letter' | 'call') => a.made[k] + b.made[k];
    // Seven by e-mail (five routed, one not yet routed, one in the pilot domain without a phone number), one letter,
    // one call in the pilot domain; none for the assigned case.
    expect([made('email'), made('letter'), made('call')]).toEqual([7, 1, 1]);

    const third = await runDelayNotices(tdb.ctx);
    expect(third.made).toEqual({ email: 0, letter: 0, call: 0, none: 0 });

    const delivered = await deliverDueMail(tdb.ctx, transport);
    expect(delivered.failed).toEqual([]);
    const messages = delayMessages();
    expect(messages).toHaveLength(7);
    for (const key of ['mail1', 'mail2', 'mail3', 'mail4', 'mail5', 'unrouted', 'pilotNoPhone']) {
      const mine = messages.filter((m) => m.to.includes(ids[key]!.email!));
      expect(mine, key).toHaveLength(1);
      expect(mine[0]!.decoded).toContain(ids[key]!.dossier);
      // The expected assignment dates from the forecast, as a range (or "not before" past the horizon).
      expect(mine[0]!.decoded).toMatch(/(tussen \d{1,2} \w+ \d{4} en \d{1,2} \w+ \d{4}|niet v=C3=B3=C3=B3r|niet vóór \d{1,2} \w+ \d{4})/);
    }
    expect(messages.some((m) => m.to.includes('al@example.nl') || m.to.includes('bel@example.nl'))).toBe(false);

    const rows = await tdb.ctx.db.selectFrom('case_notices').select(['case_id', 'channel', 'body']).where('kind', '=', 'delay').execute();
    expect(rows).toHaveLength(9);
    expect(rows.find((r) => r.case_id === ids.pilot!.id)?.channel).toBe('call');
    const letter = rows.find((r) => r.case_id === ids.letter!.id)!;
    expect(letter.channel).toBe('letter');
    expect(letter.body).toContain(ids.letter!.dossier);
  });

  it('after a crash before the SMTP server took a message, sends it once; after it took it, the same message again (the one boundary)', async () => {
    tdb.setNow('2024-05-20T05:00:00Z');
    const { ctx } = tdb;
    const dispatcher = await createStaff(ctx, { roles: ['dispatcher'], login: 'wv2' });
    const early = (await registerCase(ctx, dispatcher, complaint({ petitioner: { name: 'Vroeg', email: 'vroeg@example.nl' }, receivedAt: new Date('2024-05-11T09:00:00Z') }))).case;
    const late = (await registerCase(ctx, dispatcher, complaint({ petitioner: { name: 'Laat', email: 'laat@example.nl' }, receivedAt: new Date('2024-05-12T09:00:00Z') }))).case;
    expect((await runDelayNotices(ctx)).made.email).toBe(2);

    // Node A claims the first message and dies before the server answers; node A' claims the second, the
    // server accepts it, and A' dies before recording that. Neither ever returns.
    let calls = 0;
    const dying: MailTransport = {
      kind: 'smtp',
      async send(mail) {
        calls += 1;
        if (calls === 2) await transport.send(mail);
        return new Promise<string>(() => undefined);
      },
      close: () => undefined,
    };
    void deliverDueMail(ctx, dying);
    void deliverDueMail(ctx, dying);
    await new Promise((r) => setTimeout(r, 1500));
    expect(calls).toBe(2);
    const before = smtp.received.length;

    // Before their claims lapse, nobody sends them; after, a live node sends both.
    expect((await deliverDueMail(ctx, transport)).delivered).toBe(0);
    tdb.setNow(new Date(Date.parse('2024-05-20T05:00:00Z') + LEASE_MS + 60_000));
    expect((await deliverDueMail(ctx, transport)).delivered).toBe(2);

    const to = (address: string) => smtp.received.filter((m) => m.to.includes(address));
    // The message the server never took arrives once.
    expect(to('vroeg@example.nl').length + to('laat@example.nl').length).toBe(smtp.received.length - before + 1);
    const once = [to('vroeg@example.nl'), to('laat@example.nl')].find((l) => l.length === 1)!;
    const twice = [to('vroeg@example.nl'), to('laat@example.nl')].find((l) => l.length === 2)!;
    expect(once).toHaveLength(1);
    // The one the server took before the crash went again: the same message with the same Message-ID, which mail systems recognise.
    expect(twice).toHaveLength(2);
    expect(twice[0]!.headers['message-id']).toBe(twice[1]!.headers['message-id']);
    // One notice per case, whatever the delivery did.
    const notices = await ctx.db.selectFrom('case_notices').select('case_id').where('case_id', 'in', [early.id, late.id]).execute();
    expect(notices).toHaveLength(2);
  });

  it('sends a new notice when the expectation moves more than the set weeks further away, once', async () => {
    const { ctx } = tdb;
    // As if case 1 had been told a date three weeks earlier than the forecast now says.
    const notice = await ctx.db.selectFrom('case_notices').selectAll().where('case_id', '=', ids.mail1!.id).executeTakeFirstOrThrow();
    const now = await ctx.db.selectFrom('case_wait_forecasts').select('p50').where('case_id', '=', ids.mail1!.id).executeTakeFirstOrThrow();
    await ctx.db.updateTable('case_notices').set({ expected_p50: new Date(now.p50.getTime() - 21 * 86_400_000) }).where('id', '=', notice.id).execute();
    const before = delayMessages().length;
    const [a, b] = await Promise.all([runDelayNotices(ctx), runDelayNotices(ctx)]);
    expect(a.renotices + b.renotices).toBe(1);
    expect((await runDelayNotices(ctx)).renotices).toBe(0);
    await deliverDueMail(ctx, transport);
    const fresh = delayMessages().slice(before).filter((m) => m.to.includes(ids.mail1!.email!));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.decoded).toContain('het duurt langer');
    const seqs = await ctx.db.selectFrom('case_notices').select('seq').where('case_id', '=', ids.mail1!.id).where('kind', '=', 'delay').orderBy('seq').execute();
    expect(seqs.map((s) => s.seq)).toEqual([0, 1]);

    // Time passing alone is no reason: a month on, with the same forecast, nobody gets another one —
    // not even the case that is still not routed, whose wait would count from each new day.
    tdb.setNow(new Date(ctx.clock().getTime() + 30 * 86_400_000));
    expect((await runDelayNotices(ctx)).renotices).toBe(0);
  });
});
