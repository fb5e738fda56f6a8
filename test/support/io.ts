// An in-memory CliIO for running `ork` commands in-process and reading what they printed.
import type { CliIO } from '../../cli/io.js';

export function captureIO(overrides: Partial<CliIO> = {}): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(s: string) { io.out += s; },
    stderr(s: string) { io.err += s; },
    isTTY: false,
    env: {},
    cwd: process.cwd(),
    ...overrides,
  };
  return io;
}
