import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../auth/login.pages.tsx';
import { buildApp } from '../http/app.ts';
import { stopQueueWorker, warmQueueWorker } from '../forecast/queue.runner.ts';
import { startJobs } from '../jobs/jobs.ts';
import { allJobs } from '../jobs/registry.ts';
import { createMailTransport } from '../mail/mail.transport.ts';
import { commands } from './commands.ts';
import { socketPathFor, startControlSocket } from './control.ts';
import { terminalIO } from './io.ts';
import { openForCommand } from './open.ts';

/** `grip serve [--demo]`: the web app and API; with --demo, loads the demo organisation on first start. */
export async function serve(config: Config, argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { demo: { type: 'boolean', default: false } } });
  const io = terminalIO();
  const { connection, ctx } = await openForCommand(config);
  if (values.demo) {
    // Loaded only when asked for: the demo generator is not part of a production start.
    const { loadDemo } = await import('../demo/demo.service.ts');
    await loadDemo(ctx, io);
  }
  const app = await buildApp({ ...ctx, oidc: config.oidc }, { logLevel: config.logLevel, demo: values.demo, trustProxy: config.trustProxy });
  await app.listen({ port: config.port, host: config.host });
  const control =
    connection.lock && (await startControlSocket(socketPathFor(config.dataDir), ctx, commands));
  if (control && connection.lock) connection.lock.setSocketPath(socketPathFor(config.dataDir));
  // Background jobs (weekly overview, mail delivery) run in every serving process; pg-boss makes one of them take each run.
  const mail = createMailTransport(config.mail);
  // The forecast's worker thread loads its code now, not on the first person's request.
  void warmQueueWorker().catch((err: unknown) => console.warn(`The forecast worker did not start: ${(err as Error).message}`));
  const jobs = await startJobs(ctx, { jobs: allJobs(mail), log: io.out, warn: (line) => console.warn(line) });

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  io.out(`Grip is running at ${url} (${connection.kind === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL server'})`);
  io.out(`API: ${url}/api/v1/health, OpenAPI: ${url}/api/v1/openapi.json`);
  io.out(config.mail.smtpUrl
    ? `Mail: over SMTP (${new URL(config.mail.smtpUrl).host}), from ${config.mail.from}`
    : `Mail: no SMTP_URL, so messages are kept in ${config.mail.outboxDir} and on /postvak-uit`);
  if (values.demo) {
    io.out(`Demo log-ins (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => a.login).join(', ')}.`);
    io.out('An API token for one of them: npx grip tokens create --user admin');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    io.out(`${signal}: stopping...`);
    // A job still at work when its grace period ends is cut off; what it had not committed is done
    // again after a restart (jobs are idempotent, see src/jobs/jobs.ts). Its late failures say so and no more.
    const cutOff = (err: unknown) => console.warn(`stopping: a job was cut off: ${(err as Error)?.message ?? err}`);
    process.on('unhandledRejection', cutOff);
    process.on('uncaughtException', cutOff);
    let clean = true;
    const step = async (what: string, fn: () => unknown) => {
      try {
        await fn();
      } catch (err) {
        clean = false;
        console.warn(`stopping: ${what} failed: ${(err as Error)?.message ?? err}`);
      }
    };
    await step('the web server', () => app.close());
    await step('the jobs', () => jobs.stop());
    await step('the forecast worker', () => stopQueueWorker());
    await step('mail', () => mail.close());
    await step('the control socket', () => control?.close());
    await step('the database', () => connection.close());
    process.exit(clean ? 0 : 1);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
