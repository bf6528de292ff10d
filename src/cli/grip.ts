import { ConfigError, parseConfig } from '../config.ts';
import { DataDirBusyError, lockHolder } from '../db/lock.ts';
import { AppError } from '../shared/errors.ts';
import { UsageError } from './command.ts';
import { commands, standaloneCommands } from './commands.ts';
import { runThroughServer } from './control.ts';
import { terminalIO } from './io.ts';
import { openForCommand } from './open.ts';
import { serve } from './serve.ts';

/** The `grip` command line: serve, and the operator commands. */
function help(): string {
  return [
    'usage: grip <command> [options]',
    '  serve [--demo]   start the web app and API (PORT, GRIP_DATA_DIR or DATABASE_URL)',
    ...commands.map((c) => `  ${c.usage}`),
    ...standaloneCommands.map((c) => `  ${c.usage}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const standalone = standaloneCommands.find((c) => c.name === name);
  if (standalone) {
    await standalone.run(rest, terminalIO());
    return 0;
  }
  const config = parseConfig();
  if (name === 'serve') {
    await serve(config, rest);
    return -1; // keeps running
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    if (name !== undefined && !['help', '--help', '-h'].includes(name)) console.error(`grip: unknown command ${name}`);
    console.log(help());
    return name === undefined || ['help', '--help', '-h'].includes(name) ? 0 : 2;
  }
  const io = terminalIO();
  if (!config.databaseUrl) {
    const holder = lockHolder(config.dataDir);
    if (holder) {
      if (!command.remote || !holder.socketPath) throw new DataDirBusyError(config.dataDir, holder);
      // The server holds the embedded database: run the command inside it.
      return runThroughServer(holder.socketPath, [command.name, ...(command.remoteArgs?.(rest) ?? rest)], io);
    }
  }
  const { connection, ctx } = await openForCommand(config);
  try {
    await command.run(ctx, rest, io);
  } finally {
    await connection.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    const known = err instanceof UsageError || err instanceof ConfigError || err instanceof DataDirBusyError || err instanceof AppError;
    console.error(known ? (err as Error).message : err);
    if (!known) console.error('grip: unexpected error');
    process.exit(known ? 2 : 1);
  },
);
