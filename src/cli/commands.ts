import type { CliCommand } from './command.ts';
import { demoCommand } from './demo.command.ts';
import { importCommand } from './import.command.ts';
import { migrateCommand } from './migrate.command.ts';
import { passwordCommand } from './password.command.ts';
import { tokensCommand } from './tokens.command.ts';

export const commands: readonly CliCommand[] = [migrateCommand, demoCommand, tokensCommand, passwordCommand, importCommand];
