import type { AppContext } from '../shared/context.ts';
import type { CommandIO } from './io.ts';

/**
 * A CLI command. `remote: true` commands may run inside the server that holds
 * the embedded database (sent over its control socket) instead of refusing.
 */
export interface CliCommand {
  name: string;
  usage: string;
  remote: boolean;
  /** Rewrites arguments before they go to the server (e.g. relative file paths made absolute). */
  remoteArgs?(argv: string[]): string[];
  run(ctx: AppContext, argv: string[], io: CommandIO): Promise<void>;
}

/** A command that needs no database (files in, files out): grip runs it without opening or locking one. */
export interface StandaloneCommand {
  name: string;
  usage: string;
  run(argv: string[], io: CommandIO): Promise<void>;
}

export class UsageError extends Error {}
