// Phase B's controller: the website Katalog with `workers` set, resolved and signed with a
// throw-away key like `ork run` does, then run as `ork controller` in a child process so that
// its CPU and peak RSS are its own. The request counter is preloaded (see count-requests.ts).
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, parseDocument } from 'yaml';
import { generateSigningKeyPair, parsePrivateKeyPem } from '../../shared/bundle/keys.js';
import { signBundle } from '../../shared/bundle/sign.js';
import type { BundlePayload } from '../../shared/bundle/payload.js';
import { writeBundleAtomically } from '../../resolver/bundle-writer.js';
import { resolveKomposer } from '../../resolver/resolve.js';
import { cpuSeconds, peakRssMiB } from './proc.js';

export interface Bundle {
  dir: string;
  keyPath: string;
  digest: string;
  payload: BundlePayload;
}

/** Copies examples/website into `dir` with `reconciler.workers` (and `resync`), resolves, signs and writes it. */
export async function prepareBundle(exampleDir: string, dir: string, workers: number, resync?: string): Promise<Bundle> {
  mkdirSync(join(dir, 'src'), { recursive: true });
  const katalog = parseDocument(readFileSync(join(exampleDir, 'katalog.yaml'), 'utf8'));
  katalog.setIn(['spec', 'crds', 'website', 'operatorBox', 'reconciler', 'workers'], workers);
  if (resync) katalog.setIn(['spec', 'crds', 'website', 'operatorBox', 'reconciler', 'resync'], resync);
  writeFileSync(join(dir, 'src', 'katalog.yaml'), katalog.toString());
  copyFileSync(join(exampleDir, 'crd.yaml'), join(dir, 'src', 'crd.yaml'));
  writeFileSync(
    join(dir, 'src', 'komposer.yaml'),
    'apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata:\n  name: bench-website\nimports:\n  files:\n    - ./katalog.yaml\nspec:\n  crds: {}\n',
  );
  const resolution = await resolveKomposer({ komposer: join(dir, 'src', 'komposer.yaml'), cwd: join(dir, 'src'), env: {} });
  const keys = generateSigningKeyPair();
  const signed = signBundle(resolution.payload, parsePrivateKeyPem(keys.privateKeyPem, 'ephemeral key'));
  const bundleDir = join(dir, 'bundle');
  await writeBundleAtomically(bundleDir, signed);
  writeFileSync(join(dir, 'public.pem'), keys.publicKeyPem);
  return { dir: bundleDir, keyPath: join(dir, 'public.pem'), digest: signed.digest, payload: resolution.payload };
}

export interface ControllerRun {
  pid: number;
  /** CPU seconds so far (startup included). */
  cpu(): number;
  /** Marks the start of the measured window in the request counts. */
  markStart(): void;
  /** The request counts so far (a later SIGUSR2), read without stopping the controller. */
  snapshot(): Promise<Record<string, number>>;
  /** Reads peak RSS and CPU, then SIGTERM and waits for a clean exit. */
  stop(): Promise<{ peakRssMiB: number; cpuSeconds: number; requests: Record<string, number>; requestsAtStart: Record<string, number> }>;
}

export interface ChildOptions {
  cliMain: string;
  counterModule: string;
  bundle: Bundle;
  kubeconfig: string;
  workDir: string;
  /** Write a V8 CPU profile (node --cpu-prof) into this directory. */
  cpuProfDir?: string;
  /** More `node` flags, e.g. the chart's controller.nodeOptions (chartNodeOptions). */
  nodeArgs?: string[];
  /** More environment, e.g. the image launcher's (launcherRun). */
  env?: Record<string, string>;
  /** More `ork controller` flags, after the benchmark's own (e.g. --memory-settle off). */
  controllerArgs?: string[];
}

/** The controller's V8 flags as the chart ships them (controller.nodeOptions): measured as deployed. */
export function chartNodeOptions(repoRoot: string): string[] {
  const values = parse(readFileSync(join(repoRoot, 'charts/orkestra/values.yaml'), 'utf8')) as { controller?: { nodeOptions?: string } };
  return (values.controller?.nodeOptions ?? '').split(/\s+/).filter(Boolean);
}

/**
 * What the image's `ork` (build/ork-entrypoint.sh) runs for `ork controller` under this process's
 * Node: the script itself, run with a stand-in `node` on PATH that prints the flags it was given
 * and the launcher's environment, NODE_VERSION set as the official node images set it. So the
 * benchmarks measure what the image runs, without a second copy of the launcher's rules. A
 * MALLOC_ARENA_MAX this process sets wins, as one set in the container does.
 */
export interface LauncherRun {
  nodeArgs: string[];
  env: Record<string, string>;
  /** The file it runs, from the image's /app (`dist/bundle/controller.cjs`). */
  entry: string;
}

export function launcherRun(repoRoot: string, env: NodeJS.ProcessEnv = process.env): LauncherRun {
  const dir = mkdtempSync(join(tmpdir(), 'orkestra-launcher-'));
  try {
    writeFileSync(join(dir, 'node'), `#!/bin/sh\nprintf '%s\\n' "MALLOC_ARENA_MAX=\${MALLOC_ARENA_MAX-}" "$@"\n`, { mode: 0o755 });
    const out = execFileSync('/bin/sh', [join(repoRoot, 'build/ork-entrypoint.sh'), 'controller'], {
      encoding: 'utf8',
      env: { PATH: `${dir}:/usr/bin:/bin`, NODE_VERSION: process.versions.node, ...(env.MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX } : {}) },
    });
    const [arena, ...argv] = out.trimEnd().split('\n');
    const arenas = arena!.slice('MALLOC_ARENA_MAX='.length);
    const at = argv.findIndex((a) => a.startsWith('/app/'));
    if (at < 0) throw new Error(`build/ork-entrypoint.sh ran no file under /app: node ${argv.join(' ')}`);
    return { nodeArgs: argv.slice(0, at), env: arenas ? { MALLOC_ARENA_MAX: arenas } : {}, entry: argv[at]!.slice('/app/'.length) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What the image runs: the bundled CLI that `npm run build` leaves (or, given `entry`, that file of
 * the bundle: `dist/bundle/controller.cjs`, from launcherRun), else the compiled one. A bundle
 * older than the compiled CLI is refused: `npx tsc` alone does not rebuild it, and a benchmark of
 * it would measure code that is no longer there.
 */
export function productionCli(repoRoot: string, entry = 'dist/bundle/main.js'): string {
  const bundled = join(repoRoot, entry);
  const compiled = join(repoRoot, 'dist/cli/main.js');
  if (!existsSync(bundled)) return compiled;
  if (existsSync(compiled) && statSync(bundled).mtimeMs < statSync(compiled).mtimeMs) {
    throw new Error(`${bundled} is older than ${compiled}: it was bundled before the last compile; run \`npm run build\` (or \`node build/bundle.mjs\`) and start the benchmark again`);
  }
  return bundled;
}

export async function startControllerChild(o: ChildOptions): Promise<ControllerRun> {
  const counts = join(o.workDir, 'requests.json');
  const log = join(o.workDir, 'controller.log');
  const nodeArgs = [...(o.nodeArgs ?? []), '--import', pathToFileURL(o.counterModule).href, ...(o.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', o.cpuProfDir] : [])];
  const child = spawn(process.execPath, [...nodeArgs, o.cliMain, 'controller', '--bundle', o.bundle.dir, '--key', o.bundle.keyPath, '--expected-digest', o.bundle.digest, '--kubeconfig', o.kubeconfig, '--http-address', '127.0.0.1:0', ...(o.controllerArgs ?? [])], {
    env: { ...process.env, ...o.env, ORK_BENCH_REQUEST_COUNTS: counts },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('the controller did not start within 60 s')), 60_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${e.message}\n${stderr.slice(-2000)}`));
    };
    child.stderr!.on('data', (chunk: Buffer) => {
      // The log tail is kept for error messages; the start line comes early.
      stderr = (stderr + chunk.toString()).slice(-1_000_000);
      if (stderr.includes('"controller started"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => fail(new Error(`the controller exited with ${code} before it started`)));
  });
  const pid = child.pid!;
  return {
    pid,
    cpu: () => cpuSeconds(pid),
    markStart: () => void child.kill('SIGUSR2'),
    snapshot: async () => {
      rmSync(`${counts}.mark`, { force: true });
      child.kill('SIGUSR2');
      // A loaded machine (or a controller busy with 10,000 CRs) may take a while to run the handler.
      for (let i = 0; i < 1200 && !existsSync(`${counts}.mark`); i++) await new Promise((r) => setTimeout(r, 100));
      return JSON.parse(readFileSync(`${counts}.mark`, 'utf8')) as Record<string, number>;
    },
    stop: async () => {
      const measured = { peakRssMiB: peakRssMiB(pid), cpuSeconds: cpuSeconds(pid) };
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000))]);
      if (code === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
      writeFileSync(log, stderr);
      const read = (file: string) => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>) : {});
      return { ...measured, requests: read(counts), requestsAtStart: read(`${counts}.start`) };
    },
  };
}
