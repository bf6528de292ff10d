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
  try {
    return JSON.parse(fs.readFileSync(lockPath(dataDir), 'utf8')) as LockInfo;
  } catch {
    return null;
  }
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
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw err;
      const holder = lockHolder(dataDir);
      if (holder) throw new DataDirBusyError(dataDir, holder);
      // The holder died (crash, SIGKILL): its lock is stale.
      fs.rmSync(file, { force: true });
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
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
