import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { startSmtpServer, type TestSmtpServer } from '../testing/smtp.ts';
import { claimDueMail } from './mail.repository.ts';
import { deliverDueMail, LEASE_MS, MAX_ATTEMPTS, queueMail, type QueueMail } from './mail.service.ts';
import { createMailTransport, type MailTransport, type OutgoingMail } from './mail.transport.ts';

let tdb: TestDatabase;
let smtp: TestSmtpServer;
let dir: string;
const T0 = new Date('2026-11-30T06:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  smtp = await startSmtpServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grip-outbox-'));
});
afterAll(async () => {
  await smtp?.close();
  await tdb?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  tdb.setNow(T0);
  await tdb.ctx.db.deleteFrom('mail_outbox').execute();
});

let n = 0;
const mail = (over: Partial<QueueMail> = {}): QueueMail => {
  n += 1;
  return { kind: 'test', dedupeKey: `test:${n}`, recipient: `p${n}@grip.example`, subject: `Bericht ${n}`, text: `Tekst van bericht ${n}\n`, ...over };
};
const rows = () => tdb.ctx.db.selectFrom('mail_outbox').selectAll().orderBy('created_at').orderBy('subject').execute();

/** A transport that records what it was given, and can be told to fail. */
function recording(fail: () => string | null = () => null): MailTransport & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return {
    kind: 'smtp', sent,
    async send(m) {
      await new Promise((r) => setTimeout(r, 5));
      const error = fail();
      if (error) throw new Error(error);
      sent.push(m);
      return `<${m.id}@grip>`;
    },
    close() {},
  };
}

describe('queueing', () => {
  it('keeps one message per dedupe key, however often it is produced', async () => {
    const m = mail();
    const first = await queueMail(tdb.ctx.db, m, T0);
    const again = await queueMail(tdb.ctx.db, { ...m, subject: 'Anders' }, T0);
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: null, created: false });
    expect((await rows()).map((r) => r.subject)).toEqual([m.subject]);
  });

  it('refuses a recipient that is no address and a subject with a line break', async () => {
    await expect(queueMail(tdb.ctx.db, mail({ recipient: 'niemand' }), T0)).rejects.toThrow();
    await expect(queueMail(tdb.ctx.db, mail({ subject: 'a\r\nBcc: x@y.example' }), T0)).rejects.toThrow();
  });
});

describe('delivery', () => {
  it('keeps messages as .eml files in the outbox folder without SMTP, once', async () => {
    const outbox = path.join(dir, 'keep');
    const transport = createMailTransport({ smtpUrl: undefined, from: 'Grip <grip@grip.example>', outboxDir: outbox });
    await queueMail(tdb.ctx.db, mail({ kind: 'weekmail', html: '<p>Hallo</p>' }), T0);
    await queueMail(tdb.ctx.db, mail(), T0);
    const result = await deliverDueMail(tdb.ctx, transport);
    expect(result).toEqual({ transport: 'outbox', delivered: 2, failed: [] });
    expect((await deliverDueMail(tdb.ctx, transport)).delivered).toBe(0);

    const files = fs.readdirSync(outbox).sort();
    const [row1, row2] = await rows();
    expect(files).toEqual([row1!.delivery_ref, row2!.delivery_ref].sort());
    expect(row1).toMatchObject({ transport: 'outbox', sent_at: T0, next_attempt_at: null, attempts: 1, last_error: null });
    expect(files[0]).toMatch(/^2026-11-30T06-00-00Z-(test|weekmail)-[0-9a-f-]{36}\.eml$/);
    const eml = fs.readFileSync(path.join(outbox, row1!.delivery_ref!), 'utf8');
    expect(eml).toContain(`To: ${row1!.recipient}`);
    expect(eml).toContain(`Subject: ${row1!.subject}`);
    expect(eml).toContain(`Message-ID: <${row1!.id}@grip>`);
    expect(eml).toContain('Auto-Submitted: auto-generated');
    expect(eml).toContain('From: Grip <grip@grip.example>');
    expect(eml).toContain('Tekst van bericht');
    transport.close();
  });

  it('sends over SMTP with a Message-ID per outbox row', async () => {
    const transport = createMailTransport({ smtpUrl: smtp.url, from: 'Grip <grip@grip.example>', outboxDir: path.join(dir, 'unused') });
    const before = smtp.received.length;
    const m = mail({ text: 'Dossier 2026-000123 vraagt eerste contact.\n' });
    const { id } = await queueMail(tdb.ctx.db, m, T0);
    expect(await deliverDueMail(tdb.ctx, transport)).toEqual({ transport: 'smtp', delivered: 1, failed: [] });
    const got = smtp.received.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]!.to).toEqual([m.recipient]);
    expect(got[0]!.headers['message-id']).toBe(`<${id}@grip>`);
    expect(got[0]!.decoded).toContain('Dossier 2026-000123 vraagt eerste contact.');
    expect((await rows())[0]).toMatchObject({ transport: 'smtp', delivery_ref: `<${id}@grip>` });
    expect(fs.existsSync(path.join(dir, 'unused'))).toBe(false);
    transport.close();
  });

  it('keeps the error of a refused message and retries it after a backoff', async () => {
    const transport = createMailTransport({ smtpUrl: smtp.url, from: 'Grip <grip@grip.example>', outboxDir: dir });
    await queueMail(tdb.ctx.db, mail(), T0);
    smtp.refuse('mailbox busy, try later');
    try {
      const r = await deliverDueMail(tdb.ctx, transport);
      expect(r.delivered).toBe(0);
      expect(r.failed).toHaveLength(1);
      expect(r.failed[0]!.error).toContain('mailbox busy');
    } finally {
      smtp.refuse(null);
    }
    const [failed] = await rows();
    expect(failed).toMatchObject({ sent_at: null, attempts: 1, next_attempt_at: new Date(T0.getTime() + 60_000) });
    expect(failed!.last_error).toContain('mailbox busy');
    // not due yet
    expect((await deliverDueMail(tdb.ctx, transport)).delivered).toBe(0);
    tdb.setNow(new Date(T0.getTime() + 60_000));
    expect((await deliverDueMail(tdb.ctx, transport)).delivered).toBe(1);
    expect((await rows())[0]).toMatchObject({ attempts: 2, last_error: null, transport: 'smtp' });
    transport.close();
  });

  it(`gives a message up after ${MAX_ATTEMPTS} failed attempts`, async () => {
    const transport = recording(() => 'connection refused');
    await queueMail(tdb.ctx.db, mail(), T0);
    let t = T0.getTime();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      tdb.setNow(new Date(t));
      expect((await deliverDueMail(tdb.ctx, transport)).failed).toHaveLength(1);
      t += 7 * 3_600_000;
    }
    tdb.setNow(new Date(t + 30 * 86_400_000));
    expect((await deliverDueMail(tdb.ctx, transport)).failed).toHaveLength(0);
    expect((await rows())[0]).toMatchObject({ attempts: MAX_ATTEMPTS, next_attempt_at: null, sent_at: null, last_error: 'connection refused' });
  });

  it('lets two deliveries side by side send every message once', async () => {
    for (let i = 0; i < 30; i++) await queueMail(tdb.ctx.db, mail(), T0);
    const transport = recording();
    const [a, b] = await Promise.all([deliverDueMail(tdb.ctx, transport), deliverDueMail(tdb.ctx, transport)]);
    expect(a.delivered + b.delivered).toBe(30);
    expect(new Set(transport.sent.map((m) => m.id)).size).toBe(30);
    expect(transport.sent).toHaveLength(30);
  });

  it('sends a message again when the node that claimed it died before marking it (at least once)', async () => {
    await queueMail(tdb.ctx.db, mail(), T0);
    // a node claims it and dies mid-send
    expect(await claimDueMail(tdb.ctx.db, T0, new Date(T0.getTime() + LEASE_MS), 10)).toHaveLength(1);
    const transport = recording();
    expect((await deliverDueMail(tdb.ctx, transport)).delivered).toBe(0);
    tdb.setNow(new Date(T0.getTime() + LEASE_MS));
    expect((await deliverDueMail(tdb.ctx, transport)).delivered).toBe(1);
    expect((await rows())[0]).toMatchObject({ attempts: 2, transport: 'smtp' });
  });
});

describe('claims under slow sends (several nodes)', () => {
  it('never lets a slow send eat into the claim of the messages after it: each is sent once', async () => {
    for (let i = 0; i < 20; i++) await queueMail(tdb.ctx.db, mail(), T0);
    const other = recording();
    let sends = 0;
    // each send takes 90 s (the SMTP timeouts allow that); after 7 of them, another node's job runs
    const slow: MailTransport & { sent: OutgoingMail[] } = {
      kind: 'smtp', sent: [],
      async send(m) {
        sends += 1;
        tdb.setNow(new Date(tdb.ctx.clock().getTime() + 90_000));
        if (sends === 8) await deliverDueMail(tdb.ctx, other);
        slow.sent.push(m);
        return `<${m.id}@grip>`;
      },
      close() {},
    };
    const a = await deliverDueMail(tdb.ctx, slow);
    const ids = [...slow.sent, ...other.sent].map((m) => m.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    expect(a.delivered + other.sent.length).toBe(20);
    expect((await rows()).every((r) => r.sent_at !== null && r.attempts === 1)).toBe(true);
  });

  it('lets a node whose claim lapsed and was taken over change nothing when its send fails', async () => {
    await queueMail(tdb.ctx.db, mail(), T0);
    let otherLease: Date | null = null;
    const hung: MailTransport = {
      kind: 'smtp',
      async send() {
        // the send hangs past the lease; another node claims the message meanwhile and is sending it
        const later = new Date(T0.getTime() + LEASE_MS + 1_000);
        tdb.setNow(later);
        otherLease = new Date(later.getTime() + LEASE_MS);
        expect(await claimDueMail(tdb.ctx.db, later, otherLease, 1)).toHaveLength(1);
        throw new Error('socket timeout');
      },
      close() {},
    };
    await deliverDueMail(tdb.ctx, hung);
    // the other node's claim stands: not rescheduled, no error written over it
    expect((await rows())[0]).toMatchObject({ next_attempt_at: otherLease, last_error: null, attempts: 2, sent_at: null });
  });

  it('lets a node whose claim lapsed and was taken over change nothing when its send succeeds', async () => {
    await queueMail(tdb.ctx.db, mail(), T0);
    let otherLease: Date | null = null;
    const hung: MailTransport = {
      kind: 'smtp',
      async send(m) {
        const later = new Date(T0.getTime() + LEASE_MS + 1_000);
        tdb.setNow(later);
        otherLease = new Date(later.getTime() + LEASE_MS);
        expect(await claimDueMail(tdb.ctx.db, later, otherLease, 1)).toHaveLength(1);
        return `<${m.id}@grip>`;
      },
      close() {},
    };
    await deliverDueMail(tdb.ctx, hung);
    expect((await rows())[0]).toMatchObject({ next_attempt_at: otherLease, sent_at: null, transport: null, attempts: 2 });
  });
});
