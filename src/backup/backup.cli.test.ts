import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServerDatabase, onServer } from '../testing/database.ts';
import { complaint } from '../testing/factories.ts';
import { gripEnv, runGrip, startServer } from '../testing/process.ts';

/**
 * The operator's path through the real `grip` processes: a backup of a running
 * Grip (on the embedded database it goes through the server's control socket),
 * restored with `grip restore` into a new database, exports the same bytes.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'grip-backup-cli-'));
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function newEnv(name: string): Promise<NodeJS.ProcessEnv> {
  if (!onServer()) return gripEnv({ GRIP_DATA_DIR: path.join(tmp, name) });
  const db = await createServerDatabase();
  drops.push(db.drop);
  return gripEnv({ DATABASE_URL: db.url });
}

async function grip(args: string[], env: NodeJS.ProcessEnv) {
  const run = await runGrip(args, env);
  expect(run.code, `grip ${args.join(' ')}\n${run.stdout}\n${run.stderr}`).toBe(0);
  return run;
}

function readExport(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

describe('grip backup, restore and export', () => {
  it('backs up a running Grip, restores into a new database, and both export the same bytes', async () => {
    const live = await newEnv('live');
    const server = await startServer(live);
    const backup = path.join(tmp, 'grip.backup.gz');
    let before: Record<string, string> = {};
    try {
      const token = (await grip(['tokens', 'create', '--user', 'admin'], live)).stdout.trim().split('\n').at(-1)!;
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${server.url}/api/v1/cases`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(complaint({ description: `Regel één\nregel "twee" — ${i}` })),
        });
        expect(res.status).toBe(201);
      }
      // Background jobs may write beside us: the backup counts when the exports on both sides of it agree.
      for (let attempt = 1; ; attempt++) {
        await grip(['export', path.join(tmp, `before-${attempt}`)], live);
        // A relative path: the CLI makes it absolute before it goes to the server.
        const made = await grip(['backup', path.relative(process.cwd(), backup)], live);
        expect(made.stdout).toMatch(/Backup written to .*grip\.backup\.gz: \d+ tables, \d+ rows/);
        await grip(['export', path.join(tmp, `after-${attempt}`)], live);
        before = readExport(path.join(tmp, `before-${attempt}`));
        if (JSON.stringify(before) === JSON.stringify(readExport(path.join(tmp, `after-${attempt}`))) || attempt === 3) break;
      }
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(JSON.parse(before['manifest.json']!).tables.find((t: { name: string }) => t.name === 'cases').rows).toBe(5);
    expect(before['cases.jsonl']).toContain('regel \\"twee\\"');

    const restored = await newEnv('restored');
    const run = await grip(['restore', backup], restored);
    expect(run.stdout).toMatch(/cases: 5 rows/);
    expect(run.stdout).toMatch(/Restored \d+ tables, \d+ rows/);
    await grip(['export', path.join(tmp, 'restored-export')], restored);
    expect(readExport(path.join(tmp, 'restored-export'))).toEqual(before);
  }, 120_000);
});
