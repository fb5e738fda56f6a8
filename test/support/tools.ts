// Runs the project's test-infra shell scripts (test/cluster, test/infra) and real CLI tools
// (helm, kubectl) for tests. Knows where the scripts live and how to report their failures;
// holds no cluster or registry state (see cluster.ts, registry.ts).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeAtTeardown } from './teardown.js';

function findRepoRoot(): string {
  // Compiled to dist/test/support, run from there; the scripts stay in the source tree.
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'test', 'cluster', 'cluster.sh'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root (test/cluster/cluster.sh) above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export const repoRoot = findRepoRoot();
export const scriptPath = (rel: string): string => join(repoRoot, rel);

export interface RunResult {
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
  input?: string;
}

/** Runs a program; rejects with its exit status and the tail of its stderr when it fails. */
export function runTool(file: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { env: opts.env ?? process.env, cwd: opts.cwd, timeout: opts.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          const tail = String(stderr).trim().split('\n').slice(-20).join('\n');
          reject(new Error(`${file} ${args.join(' ')} failed (${err.code ?? err.signal ?? err.message}):\n${tail}`));
        } else resolve({ stdout: String(stdout), stderr: String(stderr) });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

/** A temp dir removed when the test run ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `orkestra-${prefix}-`));
  removeAtTeardown(dir);
  return dir;
}

export type HelmMajor = 3 | 4;

export interface HelmTool {
  major: HelmMajor;
  helm: string;
  kubectl: string;
  /** Environment that keeps helm's config, cache and registry logins in a per-run temp dir. */
  env: NodeJS.ProcessEnv;
  run(args: readonly string[], opts?: RunOptions): Promise<RunResult>;
}

/** Helm 3 unless ORKESTRA_TEST_HELM_MAJOR=4 (or opts.major) asks for Helm 4. */
export function defaultHelmMajor(): HelmMajor {
  return process.env.ORKESTRA_TEST_HELM_MAJOR === '4' ? 4 : 3;
}

const helmTools = new Map<HelmMajor, Promise<HelmTool>>();

export function getHelm(opts: { major?: HelmMajor } = {}): Promise<HelmTool> {
  const major = opts.major ?? defaultHelmMajor();
  let tool = helmTools.get(major);
  if (!tool) {
    tool = loadHelm(major);
    helmTools.set(major, tool);
    tool.catch(() => helmTools.delete(major));
  }
  return tool;
}

async function loadHelm(major: HelmMajor): Promise<HelmTool> {
  const script = scriptPath('test/infra/helm.sh');
  const helm = (await runTool(script, ['--major', String(major), 'helm'], { timeoutMs: 300_000 })).stdout.trim();
  const kubectl = (await runTool(script, ['--major', String(major), 'kubectl'])).stdout.trim();
  const home = tempDir(`helm${major}-home`);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_DATA_HOME: join(home, 'data'),
  };
  return {
    major,
    helm,
    kubectl,
    env,
    run: (args, runOpts = {}) => runTool(helm, args, { ...runOpts, env: { ...env, ...runOpts.env } }),
  };
}
