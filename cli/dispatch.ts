// Maps `ork <command>` to its module, from the table of every command (commands-table.ts).
import type { CliIO } from './io.js';
import { COMMANDS } from './commands-table.js';
import { runCommandOf, usageOf } from './command-runner.js';

export function usage(): string {
  return usageOf(COMMANDS);
}

export function runCommand(argv: string[], io: CliIO): Promise<number> {
  return runCommandOf(COMMANDS, argv, io);
}
