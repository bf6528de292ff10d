/**
 * The worker side of `queue.runner.ts`: runs the queue model off the main
 * thread. Reusable: answers each request with `{ id, result }` or
 * `{ id, error }`, one at a time, in order.
 */
import { parentPort } from 'node:worker_threads';
import { extraHoursNeeded, simulateQueue, type ExtraHoursOptions, type QueueInput } from './queue.ts';

export type QueueRequest =
  | { id: number; job: 'simulate'; input: QueueInput }
  | { id: number; job: 'extraHours'; input: QueueInput; domain: string; byDate: string; options?: ExtraHoursOptions };

export type QueueReply = { id: number; result: unknown } | { id: number; error: { name: string; message: string } };

if (!parentPort) throw new Error('queue.worker.ts runs only as a worker thread (see queue.runner.ts)');
const port = parentPort;

port.on('message', (request: QueueRequest) => {
  let reply: QueueReply;
  try {
    const result =
      request.job === 'simulate'
        ? simulateQueue(request.input)
        : extraHoursNeeded(request.input, request.domain, request.byDate, request.options);
    reply = { id: request.id, result };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    reply = { id: request.id, error: { name: e.name, message: e.message } };
  }
  port.postMessage(reply);
});
