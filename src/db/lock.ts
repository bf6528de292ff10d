import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite is single-process: a second process opening the same folder corrupts
 * it. Whoever opens the embedded database first holds `grip.lock` in its folder;
 * the lock names the holder's pid and its control socket, so a later CLI
 * command can hand its work to the running server instead.
 */
export interface LockInfo {
  pid: number;
  socketPath: string | null;
  startedAt: string;
}

export interface DataDirLock {
  readonly path: string;
  setSocketPath(socketPath: string): void;
  release(): void;
}

export function lockPath(dataDir: string): string {
  return path.join(dataDir, 'grip.lock');
}

export function readLock(dataDir: string): LockInfo | null {
  return readLockFile(lockPath(dataDir));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live holder of the folder's lock, if another process holds it. */
export function lockHolder(dataDir: string): LockInfo | null {
  const info = readLock(dataDir);
  if (!info || info.pid === process.pid || !isAlive(info.pid)) return null;
  return info;
}

export class DataDirBusyError extends Error {
  constructor(readonly dataDir: string, readonly holder: LockInfo) {
    super(
      `The embedded database in ${dataDir} is in use by another Grip process (pid ${holder.pid}). ` +
        'Stop that process first, or point GRIP_DATA_DIR at another folder.',
    );
  }
}

export function acquireLock(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  let info: LockInfo = { pid: process.pid, socketPath: null, startedAt: new Date().toISOString() };
  const write = () => fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx' });
  for (let attempt = 0; ; attempt++) {
    try {
      write();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 100) throw err;
      const holder = lockHolder(dataDir);
      if (holder) throw new DataDirBusyError(dataDir, holder);
      // The holder died (crash, SIGKILL): its lock is stale. Only one process may
      // take it over, so the takeover itself is guarded by an atomic mkdir.
      if (takeOverStaleLock(file, write)) break;
      sleep(50);
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    if (readLock(dataDir)?.pid === process.pid) fs.rmSync(file, { force: true });
  };
  process.once('exit', release);
  return {
    path: file,
    setSocketPath(socketPath) {
      info = { ...info, socketPath };
      fs.writeFileSync(file, JSON.stringify(info));
    },
    release,
  };
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Replaces a stale lock with ours, or answers false when another process is doing so. */
function takeOverStaleLock(file: string, write: () => void): boolean {
  const mutex = `${file}.takeover`;
  try {
    fs.mkdirSync(mutex);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // A takeover that crashed halfway leaves its mutex behind: clear it after a while.
    const age = Date.now() - (fs.statSync(mutex, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 10_000) fs.rmSync(mutex, { recursive: true, force: true });
    return false;
  }
  try {
    const current = readLockFile(file);
    if (current && current.pid !== process.pid && isAlive(current.pid)) return false; // someone else won meanwhile
    fs.rmSync(file, { force: true });
    write();
    return true;
  } finally {
    fs.rmSync(mutex, { recursive: true, force: true });
  }
}

function readLockFile(file: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}
