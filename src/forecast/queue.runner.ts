/**
 * Runs the queue model (`queue.ts`) in a worker thread, so a web request that
 * asks for a forecast does not stall the server's event loop for the second
 * it computes. One worker, started on first use and kept for the next runs
 * (starting one costs more than a run: it loads tsx and compiles the model);
 * runs queue up in it. While idle it does not keep the process alive.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ExtraHoursOptions, QueueInput, QueueResult } from './queue.ts';
import type { QueueReply, QueueRequest } from './queue.worker.ts';

/**
 * A worker thread does not inherit a loader that the main thread registered
 * with `register()` (bin/grip.js), and Node 20 applies no ESM loader hooks in
 * a worker at all (neither `--import tsx` nor `module.register`). tsx's
 * CommonJS hooks do work there: the worker starts from a two-line script that
 * registers them and requires the TypeScript worker. Resolved to absolute
 * paths here, so it does not depend on the working directory.
 */
const require = createRequire(import.meta.url);
const BOOTSTRAP = [
  `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();`,
  `require(${JSON.stringify(fileURLToPath(new URL('./queue.worker.ts', import.meta.url)))});`,
].join('\n');

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(error: Error): void {
  for (const p of pending.values()) p.reject(error);
  pending.clear();
}

function start(): Worker {
  const w = new Worker(BOOTSTRAP, { eval: true, execArgv: [] });
  w.on('message', (reply: QueueReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (pending.size === 0) w.unref();
    if ('result' in reply) return p.resolve(reply.result);
    // The model throws RangeError for input it cannot use; keep that, so a caller can tell it from a crash.
    const error = reply.error.name === 'RangeError' ? new RangeError(reply.error.message) : new Error(reply.error.message);
    error.name = reply.error.name;
    p.reject(error);
  });
  // A crash (or a failing import) rejects what was asked; the next run starts a fresh worker.
  w.on('error', (error) => {
    if (worker === w) worker = null;
    failAll(error);
  });
  w.on('exit', (code) => {
    if (worker === w) worker = null;
    if (pending.size > 0) failAll(new Error(`queue worker stopped (exit code ${code})`));
  });
  return w;
}

/** A request without its id, each kind kept apart. */
type Job<R = QueueRequest> = R extends QueueRequest ? Omit<R, 'id'> : never;

function run(job: Job): Promise<unknown> {
  worker ??= start();
  const w = worker;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref();
    w.postMessage({ id, ...job } as QueueRequest);
  });
}

/** `simulateQueue(input)` in the worker thread; rejects with the model's error when the input is wrong. */
export function runQueueInWorker(input: QueueInput): Promise<QueueResult> {
  return run({ job: 'simulate', input }) as Promise<QueueResult>;
}

/** `extraHoursNeeded(...)` in the worker thread: a dozen smaller simulations, also too long for the event loop. */
export function extraHoursInWorker(input: QueueInput, domain: string, byDate: string, options?: ExtraHoursOptions): Promise<number | null> {
  return run({ job: 'extraHours', input, domain, byDate, options }) as Promise<number | null>;
}

/**
 * Starts the worker and waits until it has loaded the model, so the first
 * forecast a user asks for does not pay for that (call at server start).
 */
export async function warmQueueWorker(): Promise<void> {
  await runQueueInWorker({ start: '2024-01-01', weeks: 1, paths: 1, seed: 0, targetDays: 21, domains: [] });
}

/** Stops the worker (at shutdown, and in tests); runs still waiting are rejected. */
export async function stopQueueWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (!w) return;
  failAll(new Error('queue worker stopped'));
  await w.terminate();
}
