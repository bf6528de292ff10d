import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, DataDirBusyError, lockPath } from './lock.ts';

/** The embedded database's folder lock: one holder, and a stale lock taken over by exactly one process. */
const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'grip-lock-'));

describe('the data folder lock', () => {
  it('refuses a second holder while the first lives, and is free after release', () => {
    const d = dir();
    const first = acquireLock(d);
    // pretend another live process (our parent) holds it
    fs.writeFileSync(lockPath(d), JSON.stringify({ pid: process.ppid, socketPath: null, startedAt: '' }));
    expect(() => acquireLock(d)).toThrow(DataDirBusyError);
    fs.writeFileSync(lockPath(d), JSON.stringify({ pid: process.pid, socketPath: null, startedAt: '' }));
    first.release();
    expect(fs.existsSync(lockPath(d))).toBe(false);
    acquireLock(d).release();
  });

  it('lets exactly one of several processes take over a stale lock', async () => {
    for (let round = 0; round < 5; round++) {
      const d = dir();
      fs.writeFileSync(lockPath(d), JSON.stringify({ pid: 2 ** 22 + 12345, socketPath: null, startedAt: '' })); // no such process
      const script = `import { acquireLock } from ${JSON.stringify(path.resolve(import.meta.dirname, 'lock.ts'))};
        try { acquireLock(${JSON.stringify(d)}); console.log('got'); await new Promise((r) => setTimeout(r, 1500)); } catch { console.log('busy'); }`;
      const runs = Array.from({ length: 4 }, () => new Promise<string>((resolve) => {
        const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        p.stdout.on('data', (c: Buffer) => (out += c.toString()));
        p.on('exit', () => resolve(out.trim()));
      }));
      const results = await Promise.all(runs);
      expect(results.filter((r) => r === 'got')).toHaveLength(1);
    }
  }, 120_000);
});
