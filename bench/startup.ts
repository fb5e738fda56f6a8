// Start-up and idle memory of `ork controller` with 10 CRDs (the website entry ten times, each
// under its own API group; one Deployment and one Service per CR) and one CR already present:
// process start → that CR Ready=True (polled every 20 ms) and the controller's CPU time until then
// (steadier than wall time on a shared machine), then the idle RSS (VmRSS) 5 s later.
// Floors in the same run: `node -e 0`'s wall time. A fresh control plane of its own.
// Profiling: --node-arg ARG (repeatable) goes to the controller's `node`, e.g. --node-arg --cpu-prof
// --node-arg --cpu-prof-dir=DIR; with --heapsnapshot-signal=SIGUSR2 among them the signal is sent
// after the idle reading (the snapshot lands in the controller's cwd, --heap-dir, default /tmp).
// It runs dist/bundle/main.js (what the image runs) when built, else dist/cli/main.js.
// --cli FILE runs another build's dist/cli/main.js; repeated, each round runs every build in turn
// (before/after in the same conditions, against the same control plane and CRs). A --cli value may
// carry extra words after the file: NAME=VALUE for the environment, anything else a node flag
// (e.g. --cli 'dist/bundle/main.js --optimize-for-size MALLOC_ARENA_MAX=2').
// --smaps prints each round's idle RSS by mapping (node binary, files, malloc heap, anonymous).
// --leader-elect starts it as the chart does by default (--leader-elect, the Lease in the CRs'
// namespace): each round's SIGTERM releases the Lease, so the next start acquires it at once.
// --timeline prints each round's start as a timeline (bench/startup/timeline.ts: log lines, every
// request, CPU so far, in ms since the process started), up to the round's Ready.
// Usage: node dist/bench/startup.js [--rounds 3] [--json FILE] [--chart-flags] [--node-arg ARG]… [--heap-dir DIR] [--cli FILE]… [--smaps] [--timeline] [--leader-elect]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { loadKubeConfig } from '../cli/kube/config.js';
import { createKubeClient } from '../cli/kube/http-client.js';
import { realClock } from '../controller/engine/index.js';
import { applyCrds } from '../controller/startup/crds.js';
import { writeBundleAtomically } from '../resolver/bundle-writer.js';
import { resolveKomposer } from '../resolver/resolve.js';
import { generateSigningKeyPair, parsePrivateKeyPem } from '../shared/bundle/keys.js';
import { signBundle } from '../shared/bundle/sign.js';
import { readKubeconfig, TestKubeClient } from '../test/support/kube-http.js';
import { chartNodeOptions, launcherRun, productionCli } from './reconcile/controller-child.js';
import { startControlPlane } from './reconcile/control-plane.js';
import { freshNamespace } from './reconcile/workload.js';
import { formatTimeline, readTimeline } from './startup/timeline-print.js';

const CRDS = 10;
const args = process.argv.slice(2);
const ROUNDS = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 3;
const JSON_OUT = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const HEAP_DIR = args.includes('--heap-dir') ? args[args.indexOf('--heap-dir') + 1]! : tmpdir();
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
// --chart-flags: the controller's V8 flags as deployed — the chart's (controller.nodeOptions) and the
// image's `ork` (build/ork-entrypoint.sh) — before any --node-arg, and the latter's environment.
// The file that launcher runs for the controller (dist/bundle/controller.cjs) is run with or without them.
const IMAGE_LAUNCHER = launcherRun(repoRoot);
const LAUNCHER = args.includes('--chart-flags') ? IMAGE_LAUNCHER : { nodeArgs: [], env: {} };
const NODE_ARGS = [...(args.includes('--chart-flags') ? [...chartNodeOptions(repoRoot), ...LAUNCHER.nodeArgs] : []), ...args.flatMap((a, i) => (a === '--node-arg' ? [args[i + 1]!] : []))];
const LAUNCHER_ENV = LAUNCHER.env;
const SNAPSHOT_SIGNAL = NODE_ARGS.find((a) => a.startsWith('--heapsnapshot-signal='))?.split('=')[1] as NodeJS.Signals | undefined;
// A relative --cli file is taken from the benchmark's working directory (the controller runs in --heap-dir).
const CLIS = args.flatMap((a, i) => (a === '--cli' ? [args[i + 1]!.replace(/^\S+/, (file) => resolvePath(file))] : []));
// By default what the image runs: the controller's bundle that `npm run build` leaves (build/bundle.mjs).
if (CLIS.length === 0) CLIS.push(productionCli(repoRoot, IMAGE_LAUNCHER.entry));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** utime + stime of a process so far, in ms (USER_HZ = 100): the CPU it needed, whatever the load. */
const cpuMs = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ').slice(11, 13).reduce((a, t) => a + Number(t) * 10, 0);
/** --smaps: the idle RSS by mapping (KiB): the node binary, other files, malloc's [heap], anonymous (V8 heap, arenas), stack. */
const SMAPS = args.includes('--smaps');
function smapsSummary(pid: number): string {
  const sums = new Map<string, number>();
  let current = '';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) current = head[1] === '' ? 'anonymous' : head[1]!.startsWith('/') ? (head[1] === process.execPath ? 'node binary' : 'other files') : head[1]!;
    else if (line.startsWith('Rss:')) sums.set(current, (sums.get(current) ?? 0) + Number(line.replace(/[^0-9]/g, '')));
  }
  return [...sums].sort((a, b) => b[1] - a[1]).filter(([, kib]) => kib >= 256).map(([k, kib]) => `${k} ${(kib / 1024).toFixed(1)}`).join(', ');
}
const TIMELINE = args.includes('--timeline');
const LEADER_ELECT = args.includes('--leader-elect') ? ['--leader-elect', '--leader-election-namespace', 'startup', '--leader-election-id', 'bench-startup'] : [];
const TIMELINE_PRELOAD = fileURLToPath(new URL('./startup/timeline.js', import.meta.url));
const statusKiB = (pid: number, key: string) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${key}:`))!.replace(/[^0-9]/g, ''));

async function bundleOf10(dir: string) {
  const example = join(repoRoot, 'examples/website');
  mkdirSync(join(dir, 'src'), { recursive: true });
  const katalog = parseDocument(readFileSync(join(example, 'katalog.yaml'), 'utf8'));
  const entry = katalog.getIn(['spec', 'crds', 'website']);
  const crd = readFileSync(join(example, 'crd.yaml'), 'utf8');
  katalog.deleteIn(['spec', 'crds', 'website']);
  for (let i = 0; i < CRDS; i++) {
    writeFileSync(join(dir, 'src', `crd-${i}.yaml`), crd.replaceAll('examples.orkspace.io', `s${i}.bench.orkspace.io`));
    const copy = katalog.createNode((entry as { toJSON(): unknown }).toJSON()) as { set(k: string, v: unknown): void };
    copy.set('crdFile', `./crd-${i}.yaml`);
    katalog.setIn(['spec', 'crds', `website${i}`], copy);
  }
  writeFileSync(join(dir, 'src', 'katalog.yaml'), katalog.toString());
  writeFileSync(join(dir, 'src', 'komposer.yaml'), 'apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata:\n  name: bench-startup\nimports:\n  files:\n    - ./katalog.yaml\nspec:\n  crds: {}\n');
  const resolution = await resolveKomposer({ komposer: join(dir, 'src', 'komposer.yaml'), cwd: join(dir, 'src'), env: {} });
  const keys = generateSigningKeyPair();
  const signed = signBundle(resolution.payload, parsePrivateKeyPem(keys.privateKeyPem, 'ephemeral key'));
  await writeBundleAtomically(join(dir, 'bundle'), signed);
  writeFileSync(join(dir, 'public.pem'), keys.publicKeyPem);
  return { dir: join(dir, 'bundle'), key: join(dir, 'public.pem'), digest: signed.digest, payload: resolution.payload };
}

interface Round { readyMs: number; cpuToReadyMs: number; load1: number; idleRssMiB: number; peakRssMiB: number; nodeStartMs: number }
interface Setup { raw: TestKubeClient; kubeconfig: string; bundle: { dir: string; key: string; digest: string } }

/** One controller start with a new CR already present: time and CPU to its Ready, then idle RSS. */
async function measureOnce(setup: Setup, cli: string, name: string): Promise<Round> {
  const { raw, bundle } = setup;
  const path = `/apis/s0.bench.orkspace.io/v1/namespaces/startup/websites/${name}`;
  await raw.post('/apis/s0.bench.orkspace.io/v1/namespaces/startup/websites', { apiVersion: 's0.bench.orkspace.io/v1', kind: 'Website', metadata: { name, namespace: 'startup' }, spec: { image: 'nginx:1.27', replicas: 1 } });
  const n0 = performance.now();
  await new Promise<void>((resolve, reject) => spawn(process.execPath, ['-e', '0']).once('exit', () => resolve()).once('error', reject));
  const nodeStartMs = performance.now() - n0;
  const t0 = performance.now();
  const [file, ...extra] = cli.split(' ').filter(Boolean);
  const timeline = join(HEAP_DIR, `orkestra-timeline-${name}.jsonl`);
  const env = { ...process.env, ...LAUNCHER_ENV, ...Object.fromEntries(extra.filter((w) => /^[A-Z_]+=/.test(w)).map((w) => w.split('=', 2) as [string, string])), ...(TIMELINE ? { ORK_BENCH_TIMELINE: timeline } : {}) };
  const flags = [...extra.filter((w) => !/^[A-Z_]+=/.test(w)), ...(TIMELINE ? ['--import', TIMELINE_PRELOAD] : [])];
  const child = spawn(process.execPath, [...NODE_ARGS, ...flags, file!, 'controller', '--bundle', bundle.dir, '--key', bundle.key, '--expected-digest', bundle.digest, '--kubeconfig', setup.kubeconfig, '--http-address', '127.0.0.1:0', ...LEADER_ELECT], { stdio: ['ignore', 'ignore', 'pipe'], cwd: HEAP_DIR, env });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    let readyMs = NaN;
    let cpuToReadyMs = NaN;
    while (performance.now() - t0 < 60_000) {
      const res = await raw.request({ path });
      const conditions = ((res.body as { status?: { conditions?: { type: string; status: string }[] } }).status?.conditions) ?? [];
      if (conditions.some((c) => c.type === 'Ready' && c.status === 'True')) {
        readyMs = performance.now() - t0;
        cpuToReadyMs = cpuMs(child.pid!);
        break;
      }
      await sleep(20);
    }
    if (!Number.isFinite(readyMs)) throw new Error(`${name} not Ready within 60 s of the controller's start; its log ends:\n${stderr}`);
    await sleep(5000);
    const row = { readyMs, cpuToReadyMs, load1: loadavg()[0]!, idleRssMiB: statusKiB(child.pid!, 'VmRSS') / 1024, peakRssMiB: statusKiB(child.pid!, 'VmHWM') / 1024, nodeStartMs };
    if (SMAPS) console.log(`  idle RSS by mapping (MiB): ${smapsSummary(child.pid!)}`);
    if (SNAPSHOT_SIGNAL) {
      child.kill(SNAPSHOT_SIGNAL);
      await sleep(5000);
    }
    return row;
  } finally {
    child.kill('SIGTERM');
    await exited;
    if (TIMELINE && existsSync(timeline)) {
      console.log(formatTimeline(readTimeline(timeline)).slice(0, 60).join('\n'));
      rmSync(timeline);
    }
  }
}

function summarise(rounds: Round[]) {
  return { crds: CRDS, rounds, readyMs: median(rounds.map((r) => r.readyMs)), cpuToReadyMs: median(rounds.map((r) => r.cpuToReadyMs)), idleRssMiB: median(rounds.map((r) => r.idleRssMiB)), nodeStartMs: median(rounds.map((r) => r.nodeStartMs)) };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'orkestra-bench-startup-'));
  const plane = await startControlPlane(join(repoRoot, 'test/cluster/cluster.sh'), join(work, 'cluster'));
  const raw = new TestKubeClient(readKubeconfig(plane.kubeconfig));
  const kube = createKubeClient(loadKubeConfig({ env: {}, path: plane.kubeconfig }), { userAgent: 'bench-startup' });
  try {
    const bundle = await bundleOf10(work);
    await applyCrds(kube, bundle.payload.crds, { fieldManager: 'orkestra', clock: realClock });
    await freshNamespace(raw, 'startup');
    const setup: Setup = { raw, kubeconfig: plane.kubeconfig, bundle };
    const rounds: Round[][] = CLIS.map(() => []);
    for (let r = 1; r <= ROUNDS; r++) {
      for (const [b, cli] of CLIS.entries()) {
        const row = await measureOnce(setup, cli, `site-${r}-${b}`);
        const which = CLIS.length > 1 ? ` [${cli}]` : '';
        console.log(`round ${r}${which}: start → Ready ${row.readyMs.toFixed(0)} ms (CPU ${row.cpuToReadyMs.toFixed(0)} ms, load ${row.load1.toFixed(1)}); idle RSS ${row.idleRssMiB.toFixed(0)} MiB (peak ${row.peakRssMiB.toFixed(0)}); node -e 0 ${row.nodeStartMs.toFixed(0)} ms`);
        rounds[b]!.push(row);
      }
    }
    const summaries = rounds.map(summarise);
    for (const [b, summary] of summaries.entries()) {
      console.log(`median${CLIS.length > 1 ? ` [${CLIS[b]}]` : ''}: start → Ready ${summary.readyMs.toFixed(0)} ms (CPU ${summary.cpuToReadyMs.toFixed(0)} ms), idle RSS ${summary.idleRssMiB.toFixed(0)} MiB`);
    }
    if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(CLIS.length > 1 ? { builds: CLIS.map((cli, b) => ({ cli, ...summaries[b] })) } : summaries[0], null, 2));
  } finally {
    await kube.close();
    await raw.close();
    await plane.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
