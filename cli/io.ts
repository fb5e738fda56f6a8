// What a command may touch of its process: output streams, environment, working directory.
// Passed in so tests can run commands in-process and read what they printed.
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export type Command = (argv: string[], io: CliIO) => Promise<number>;
