// Runs one corpus case through `ork` — in process through the dispatcher, or the built CLI
// (dist/cli/main.js) as a child process — with TMPDIR pointed at the case's own empty directory
// and HOME at the case directory, so that nothing the run leaves behind can hide elsewhere.
import { spawn } from 'node:child_process';
import { runCommand } from '../../cli/dispatch.js';
import { forgetSecretsForTests } from '../../shared/secrets.js';
import { captureIO } from '../support/io.js';
import { cliMain } from '../resolver/e2e/run.js';
import type { CorpusCase } from './case-format.js';
import type { Laid } from './materialise.js';

export interface CaseResult {
  code: number;
  out: string;
  err: string;
  ms: number;
}

/** Longest any case may take; a hang is a failure, not a slow pass. */
export const CASE_TIMEOUT_MS = 20_000;

function inProcess(c: CorpusCase, laid: Laid, env: Record<string, string>): Promise<CaseResult> {
  const io = captureIO({ cwd: laid.dir, env });
  // Start as a fresh process would: no credential registered by an earlier case hides a leak.
  forgetSecretsForTests();
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = laid.tmp;
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((resolve) => {
    timer = setTimeout(() => resolve(-1), CASE_TIMEOUT_MS);
  });
  return Promise.race([runCommand(c.argv, io), timeout]).then((code) => {
    clearTimeout(timer);
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    return { code, out: io.out, err: io.err, ms: performance.now() - started };
  });
}

function child(c: CorpusCase, laid: Laid, env: Record<string, string>): Promise<CaseResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [cliMain, ...c.argv], {
      cwd: laid.dir,
      env: { PATH: process.env.PATH, TMPDIR: laid.tmp, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: CASE_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (b: Buffer) => (out += b.toString()));
    proc.stderr.on('data', (b: Buffer) => (err += b.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code: code ?? -1, out, err, ms: performance.now() - started }));
  });
}

/** Runs the case's argv; `env` is the whole environment it gets (credentials included). */
export function runCase(c: CorpusCase, laid: Laid, env: Record<string, string>): Promise<CaseResult> {
  const full = { HOME: laid.dir, ...env, ...(c.env ?? {}) };
  return c.child || c.cluster ? child(c, laid, full) : inProcess(c, laid, full);
}
