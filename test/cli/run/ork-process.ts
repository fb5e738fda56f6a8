// The built `ork` as a child process for `ork run` tests on the real API server: a kubeconfig with
// the test namespace as its context's namespace, the process with its output collected, and a
// stop that signals it by PID and waits for it to exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, type TestCluster } from '../../support/cluster.js';
import { repoRoot } from '../../support/tools.js';

export interface Run {
  child: ChildProcess;
  output: () => string;
  exitCode: () => number | null;
  exited: Promise<number | null>;
}

/** The cluster's kubeconfig with the current context's namespace set, written as `dir`/kubeconfig. */
export function kubeconfigIn(cluster: TestCluster, namespace: string, dir: string): string {
  const doc = parse(readFileSync(cluster.kubeconfigPath, 'utf8')) as { 'current-context': string; contexts: { name: string; context: Record<string, unknown> }[] };
  for (const c of doc.contexts) if (c.name === doc['current-context']) c.context.namespace = namespace;
  const path = join(dir, 'kubeconfig');
  writeFileSync(path, stringify(doc));
  return path;
}

/** `ork ARGS` started in `options.cwd` (default: this process's), with `options.stdin` piped in when given. */
export function ork(args: string[], options: { cwd?: string; stdin?: string } = {}): Run {
  const child = spawn(process.execPath, [join(repoRoot, 'dist/cli/main.js'), ...args], {
    stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  child.stdin?.end(options.stdin);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exitCode: () => child.exitCode, exited };
}

/** SIGTERM to the process if it still runs, then its exit. */
export async function stop(run: Run): Promise<void> {
  if (run.child.exitCode === null && run.child.signalCode === null && run.child.pid) {
    try {
      process.kill(run.child.pid, 'SIGTERM');
    } catch {
      // exited between the check and the signal
    }
  }
  await run.exited;
}

/** Registers a suite's hooks: the test cluster before it, every `ork` it started stopped after it. */
export function useOrkRuns(): { cluster: () => TestCluster; ork: typeof ork } {
  let cluster: TestCluster | undefined;
  const runs: Run[] = [];
  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
  });
  after(async () => { for (const r of runs) await stop(r); });
  return {
    cluster: () => {
      if (!cluster) throw new Error('the test cluster is not started yet');
      return cluster;
    },
    ork: (args, options) => {
      const run = ork(args, options);
      runs.push(run);
      return run;
    },
  };
}
