import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabase, onServer } from '../testing/database.ts';
import { complaint } from '../testing/factories.ts';
import { gripEnv, runGrip, startServer } from '../testing/process.ts';

/**
 * The real server process: crash safety under SIGKILL, and the CLI beside a
 * running server on the embedded database. On the server run, the same checks
 * go against a fresh database of the PostgreSQL server.
 */
let env: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  if (onServer()) {
    const db = await createServerDatabase();
    env = gripEnv({ DATABASE_URL: db.url });
    cleanup = db.drop;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grip-serve-'));
    env = gripEnv({ GRIP_DATA_DIR: dir });
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
});
afterAll(async () => cleanup?.());

describe('a running server', () => {
  it('keeps every case it answered 201 for when it is killed with SIGKILL mid-burst', async () => {
    const server = await startServer(env);
    // On the embedded database this goes through the running server's control socket.
    const tokenRun = await runGrip(['tokens', 'create', '--user', 'admin'], env);
    expect(tokenRun.code, tokenRun.stderr).toBe(0);
    const token = tokenRun.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^grip_/);

    const acknowledged: string[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        try {
          const res = await fetch(`${server.url}/api/v1/cases`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(complaint()),
          });
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 20));
    await server.stop('SIGKILL');
    stop = true;
    await Promise.all(workers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    const again = await startServer(env);
    try {
      const missing: string[] = [];
      for (const id of acknowledged) {
        const res = await fetch(`${again.url}/api/v1/cases/${id}`, { headers: { authorization: `Bearer ${token}` } });
        if (res.status !== 200) missing.push(id);
      }
      expect(missing).toEqual([]);
    } finally {
      await again.stop();
    }
  });

  it('runs CLI commands beside the server; a second server shares a PostgreSQL server but never an embedded folder', async () => {
    const server = await startServer(env);
    try {
      const migrate = await runGrip(['migrate'], env);
      expect(migrate.code, migrate.stderr).toBe(0);
      expect(migrate.stdout).toContain('up to date');
      const csv = path.join(os.tmpdir(), `grip-import-${process.pid}.csv`);
      fs.writeFileSync(csv, 'received_at,petitioner_name,agency,subject,description,channel,domain\n2024-01-08,Els Visser,UWV,WW,Geen betaling,letter,inkomen\n');
      const imported = await runGrip(['import', 'cases', csv], env);
      fs.rmSync(csv);
      expect(imported.code, imported.stdout + imported.stderr).toBe(0);
      expect(imported.stdout).toContain('Imported 1 cases');
      const unknown = await runGrip(['tokens', 'create', '--user', 'niemand'], env);
      expect(unknown.code).not.toBe(0);
      expect(unknown.stdout + unknown.stderr).toContain('niemand');
      if (onServer()) {
        // Two app nodes on one PostgreSQL server is the scale-out setup.
        const second = await startServer(env);
        expect((await fetch(`${second.url}/api/v1/health`)).status).toBe(200);
        expect(await second.stop()).toBe(0);
      } else {
        const second = await runGrip(['serve'], env);
        expect(second.code).toBe(2);
        expect(second.stderr).toContain('in use by another Grip process');
      }
      expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    if (!onServer()) expect(fs.existsSync(path.join(env.GRIP_DATA_DIR!, 'grip.lock'))).toBe(false);
  });
});
