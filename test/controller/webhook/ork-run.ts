// `ork run` as a real child process for the webhook tests: the fixture Katalog copied with a CRD
// group of its own, the process started against the test cluster, its stdout read until it
// prints the webhook's address, ended by its PID (SIGTERM to stop cleanly, SIGKILL to leave the
// registration behind: "webhook down"). kubectl runs against the same cluster, never throwing.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, tempDir } from '../../support/tools.js';
import { poll } from '../../support/poll.js';

export const FIXTURE_GROUP = 'webhook.orkspace.test';
let copies = 0;

/** A copy of a fixture directory (default the Gadget's) with a CRD group of its own. */
export function gadgetFixture(source = 'test/fixtures/webhook'): { dir: string; group: string } {
  const group = `wh${process.pid}x${++copies}.orkspace.test`;
  const dir = tempDir('webhook-fixture');
  cpSync(join(repoRoot, source), dir, { recursive: true });
  for (const file of readdirSync(dir)) {
    const path = join(dir, file);
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll(FIXTURE_GROUP, group));
  }
  return { dir, group };
}

export interface OrkRun {
  pid: number;
  webhookOrigin: string;
  stdout(): string;
  stderr(): string;
  /** Sends the signal and waits for the exit; resolves with the exit code. */
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<number | null>;
}

const running = new Set<ChildProcess>();

export async function startOrkRun(dir: string, kubeconfig: string, extra: string[] = []): Promise<OrkRun> {
  const child = spawn(process.execPath, [join(repoRoot, 'dist/cli/main.js'), 'run', '-f', 'katalog.yaml', '--kubeconfig', kubeconfig, ...extra], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('cannot spawn ork run');
  running.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { running.delete(child); resolve(code); }));
  const noWebhook = extra.includes('--no-webhook');
  const webhookOrigin = await poll(`ork run to start (stderr tail: ${err.slice(-600)})`, 90_000, async () => {
    if (child.exitCode !== null) throw new Error(`ork run exited ${child.exitCode}: ${err.slice(-2000)}`);
    if (noWebhook) return /"controller started"/.test(err) ? '' : undefined;
    return /^webhook (https:\/\/\S+)$/m.exec(out)?.[1];
  }, 100);
  return {
    pid: child.pid,
    webhookOrigin,
    stdout: () => out,
    stderr: () => err,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, signal);
      return exited;
    },
  };
}

/** Kills (by PID) every ork run still alive: for after hooks. */
export async function killAll(): Promise<void> {
  for (const child of running) if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
}

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function kubectl(kubeconfig: string, args: string[], input?: string): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}
