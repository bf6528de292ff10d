import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { bootstrapOrganisation } from '../organisation/organisation.bootstrap.ts';
import { createServerDatabase, onServer } from '../testing/database.ts';
import { gripEnv, startServer, type ServerProcess } from '../testing/process.ts';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../testing/smtp.ts';
import { seedWeekmailOrganisation, type WeekmailSeed } from '../testing/weekmail.seed.ts';
import { weekmailPeriod } from './week.ts';

/**
 * The must-show of the weekly overview: the real `grip serve` process sends
 * it to a real SMTP server on 127.0.0.1, exactly once per person per week,
 * across a restart. On the server run the same goes against a fresh database
 * of the PostgreSQL server.
 */
let smtp: TestSmtpServer;
const cleanups: (() => Promise<void>)[] = [];
const running: ServerProcess[] = [];

beforeAll(async () => {
  smtp = await startSmtpServer();
});

afterAll(async () => {
  for (const p of running) await p.stop('SIGKILL');
  for (const c of cleanups.reverse()) await c();
  await smtp?.close();
});

/** A temp folder and a fresh database (embedded in that folder, or on the server) with the small organisation. */
async function prepare(): Promise<{ env: NodeJS.ProcessEnv; dir: string; seed: WeekmailSeed }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grip-weekmail-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const server = onServer() ? await createServerDatabase() : null;
  if (server) cleanups.push(server.drop);
  // Made before the server starts (the embedded folder allows one process at a time).
  const connection = await connect(server ? { databaseUrl: server.url } : { dataDir: dir });
  let seed: WeekmailSeed;
  try {
    await migrateToLatest(connection.db);
    await bootstrapOrganisation(connection.db);
    const realNow = new Date();
    let now = realNow;
    seed = await seedWeekmailOrganisation({ db: connection.db, clock: () => now }, { at: () => realNow, setNow: (d) => (now = d) });
  } finally {
    await connection.close();
  }
  const env = gripEnv({ GRIP_DATA_DIR: dir, SMTP_URL: smtp.url, MAIL_FROM: 'Grip <grip@grip.example>', ...(server ? { DATABASE_URL: server.url } : {}) });
  return { env, dir, seed };
}

const to = (m: { to: string[] }) => m.to.join(',');

function expectOnePerPerson(received: ReceivedMail[], seed: WeekmailSeed, week: string) {
  expect(received.map(to).sort()).toEqual([...seed.expected.keys()].sort());
  expect(new Set(received.map((m) => m.headers['message-id'])).size).toBe(received.length);
  for (const m of received) {
    const { name, dossiers } = seed.expected.get(to(m))!;
    expect(m.headers.subject).toMatch(new RegExp(`^Weekoverzicht week ${Number(week.slice(-2))}: `));
    expect(m.headers.from).toBe('Grip <grip@grip.example>');
    expect(m.decoded).toContain(`Beste ${name},`);
    for (const d of dossiers) expect(m.decoded).toContain(d);
  }
}

async function until(what: string, check: () => boolean, server: ServerProcess, ms = 40_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; server said:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the weekly overview over SMTP', () => {
  it('arrives exactly once per person for this week, across a restart', async () => {
    const { env, dir, seed } = await prepare();
    const { week } = weekmailPeriod(new Date());
    const from = smtp.received.length;
    const mine = () => smtp.received.slice(from);

    const first = await startServer(env);
    running.push(first);
    await until('every overview to arrive', () => [...seed.expected.keys()].every((a) => mine().some((m) => to(m) === a)), first);
    // delivered and marked as sent: the job says so once it has committed
    await until('the delivery to be recorded', () => /Mail delivery \((request|schedule|start)\): 3 sent over SMTP, 0 failed\./.test(first.output()), first);
    expect(first.output()).toContain(`Weekly overview ${week}: 3 messages queued; without an e-mail address, so none for: ${seed.withoutEmail.name}.`);
    expect(await first.stop(), first.output()).toBe(0);

    const second = await startServer(env);
    running.push(second);
    // the start-up catch-up ran and found the week done; the start-up delivery found nothing left to send
    await until('the start-up check', () => second.output().includes(`Weekly overview ${week}: already produced`), second);
    await until('the start-up delivery', () => second.output().includes('Mail delivery (start): 0 sent over SMTP, 0 failed.'), second);
    expect(await second.stop(), second.output()).toBe(0);

    expectOnePerPerson(mine(), seed, week);
    // nothing was kept in the outbox folder: SMTP was configured
    expect(fs.existsSync(path.join(dir, 'outbox'))).toBe(false);
  }, 150_000);

  // Two app nodes share a PostgreSQL server. The embedded database allows one process (a second is refused:
  // src/db/lock.test.ts), so this case exists only in the run on the server, as CI does it.
  if (onServer()) it('arrives exactly once per person when two nodes start at the same time', async () => {
    const { env, seed } = await prepare();
    const { week } = weekmailPeriod(new Date());
    const from = smtp.received.length;
    const mine = () => smtp.received.slice(from);

    const nodes = await Promise.all([startServer(env), startServer(env)]);
    running.push(...nodes);
    const both = () => nodes.map((n) => n.output()).join('\n');
    const either = { output: both } as ServerProcess;
    await until('every overview to arrive', () => [...seed.expected.keys()].every((a) => mine().some((m) => to(m) === a)), either);
    // Each node claims one message at a time, so the three sends may be split over the two nodes' delivery runs.
    const sent = () => [...both().matchAll(/Mail delivery \(\w+\): (\d+) sent over SMTP, 0 failed\./g)].reduce((n, m) => n + Number(m[1]), 0);
    await until('the deliveries to be recorded', () => sent() >= 3, either);
    // each node asked for a start-up delivery; the queue keeps one waiting, so one or both run it
    await until('a start-up delivery', () => both().includes('Mail delivery (start)'), either);
    for (const n of nodes) expect(await n.stop(), n.output()).toBe(0);

    expect(both().match(/Weekly overview \S+: 3 messages queued/g)).toHaveLength(1);
    expect(sent()).toBe(3);
    expectOnePerPerson(mine(), seed, week);
  }, 150_000);
});
