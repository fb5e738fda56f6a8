// What a command may touch of its process: output streams, environment, working directory.
// Passed in so tests can run commands in-process and read what they printed.
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY: boolean;
  /** stderr is a terminal (where logs go): text logs by default. */
  stderrIsTTY?: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
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
