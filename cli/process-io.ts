// The CliIO of the running process: its stdout, stderr, stdin, environment and working directory.
import { isatty } from 'node:tty';
import { readStreamBounded } from '../platform/index.js';
import type { CliIO } from './io.js';

export function processIO(): CliIO {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
    readStdin: (max) => readStreamBounded(process.stdin, max),
    stdinIsTTY: isatty(0),
  };
}
