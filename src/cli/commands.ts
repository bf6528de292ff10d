import type { CliCommand, StandaloneCommand } from './command.ts';
import { demoCommand } from './demo.command.ts';
import { importCommand } from './import.command.ts';
import { migrateCommand } from './migrate.command.ts';
import { passwordCommand } from './password.command.ts';
import { tokensCommand } from './tokens.command.ts';
import { backtestCommand } from '../forecast/backtest.command.ts';
import { traceCommand } from '../forecast/trace.command.ts';
import { backupCommand, exportCommand, restoreCommand } from '../backup/backup.command.ts';
import { retentionCommand } from '../retention/retention.command.ts';
import { wooCommand } from '../woo/woo.command.ts';

export const commands: readonly CliCommand[] = [
  migrateCommand, demoCommand, tokensCommand, passwordCommand, importCommand,
  backupCommand, restoreCommand, exportCommand, retentionCommand,
];

/** Commands that open no database. */
export const standaloneCommands: readonly StandaloneCommand[] = [backtestCommand, traceCommand, wooCommand];
