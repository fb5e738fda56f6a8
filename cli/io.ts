// What a command may touch of its process: output streams, environment, working directory.
// Passed in so tests can run commands in-process and read what they printed.
import type { BoundedRead } from '../platform/index.js';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY: boolean;
  /** stderr is a terminal (where logs go): text logs by default. */
  stderrIsTTY?: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The whole of stdin, at most `max` bytes (`-f -`); absent where the command has none. */
  readStdin?: (max: number) => Promise<BoundedRead>;
  /** stdin is a terminal: `-f -` then says it waits for input. */
  stdinIsTTY?: boolean;
}

/** What the dispatcher hands a command besides its arguments: the command table (for `ork completion`). */
export interface CommandContext {
  commands: CommandTable;
}

export type Command = (argv: string[], io: CliIO, context?: CommandContext) => Promise<number>;

export interface CommandEntry {
  summary: string;
  load: () => Promise<{ run: Command }>;
}

export type CommandTable = Record<string, CommandEntry>;
