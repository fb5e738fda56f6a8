// `make bench-reconcile`: first-reconcile throughput of the controller against a fresh local
// control plane. N website CRs are created at once; the time until all N report Ready=True is
// measured for (A) a minimal client doing only the writes of a first reconcile (SSA Deployment,
// SSA Service, status patch) with the same concurrency, and (B) `ork controller` in a child
// process (its own CPU and peak RSS). Phases alternate on one cluster, each in a fresh namespace,
// the order rotating by one phase per round.
// Usage: node dist/bench/reconcile.js [--crs 1000] [--workers 8] [--rounds 3] [--quick]
//          [--create-concurrency 16] [--no-event-baseline] [--diagnose] [--cpu-prof] [--budget-variant] [--heap-variant] [--json FILE]
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { applyCrds } from '../controller/startup/crds.js';
import { realClock } from '../controller/engine/index.js';
import { createKubeClient } from '../cli/kube/http-client.js';
import { loadKubeConfig } from '../cli/kube/config.js';
import type { ApiResource, KubeClient } from '../shared/kube/index.js';
import { MANAGED_LABEL, MANAGED_LABEL_VALUE, OWNER_LABEL } from '../shared/katalog/types.js';
import { KATALOG_LABEL } from '../shared/render/index.js';
import { readKubeconfig, TestKubeClient } from '../test/support/kube-http.js';
import { startControlPlane, type ControlPlane } from './reconcile/control-plane.js';
import { chartNodeOptions, launcherRun, prepareBundle, productionCli, startControllerChild, type Bundle, type ControllerRun } from './reconcile/controller-child.js';
import { summariseProfile } from './reconcile/cpu-profile.js';
import { cpuOf } from './reconcile/proc.js';
import { controllerWatches, createAll, deleteNamespace, drain, freshNamespace, minimalReconciler, observeReady, quantile, websiteCr } from './reconcile/workload.js';

const args = process.argv.slice(2);
const has = (name: string) => args.includes(name);
const flag = (name: string, envName: string, fallback: number) => {
  const at = args.indexOf(name);
  const raw = at >= 0 ? args[at + 1] : process.env[envName];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} (or ${envName}) must be a positive integer, got ${raw}`);
  return value;
};
const QUICK = has('--quick');
const N = flag('--crs', 'ORK_BENCH_CRS', QUICK ? 50 : 1000);
const WORKERS = flag('--workers', 'ORK_BENCH_WORKERS', 8);
const ROUNDS = flag('--rounds', 'ORK_BENCH_ROUNDS', QUICK ? 1 : 3);
const CREATE_CONCURRENCY = flag('--create-concurrency', 'ORK_BENCH_CREATE_CONCURRENCY', 16);
const EVENT_BASELINE = !has('--no-event-baseline');
const CPU_PROF = has('--cpu-prof');
// Baselines that make the controller's requests (before and after the names index) without the controller.
const DIAGNOSE = has('--diagnose');
// B runs as deployed: the chart's V8 flags and the image's `ork` launcher's (build/ork-entrypoint.sh).
// --budget-variant: B without the launcher's `--interrupt-budget=540672`, and one more phase,
// B+budget, with it: what the flag on node's command line does to throughput.
const BUDGET_VARIANT = has('--budget-variant');
const BUDGET_FLAG = '--interrupt-budget=540672';
// --heap-variant: one more phase, B+node-heap: B without the chart's V8 heap flags (Node's default
// young generation), the launcher's flag kept: what the small semi-space costs in throughput.
const HEAP_VARIANT = has('--heap-variant');
const JSON_OUT = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const PHASE_TIMEOUT_MS = Math.max(120_000, N * 300);

const here = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));
const repoRoot = here('../../');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

type PhaseName = 'A' | 'A+event' | 'A+event+get+watch3' | 'A+event+watch' | ControllerPhase;
type ControllerPhase = 'B' | 'B+budget' | 'B+node-heap';
interface PhaseResult {
  phase: PhaseName;
  round: number;
  wallSeconds: number;
  perSecond: number;
  createSeconds: number;
  load1: number;
  /** CPU seconds spent during the phase, per process. */
  cpu: Record<string, number>;
  namespaceDeleteSeconds: number;
  /** Per CR, from its create's answer to the observer seeing Ready=True: p50 and p99 in ms. */
  latencyMs: { p50: number; p99: number };
  /** Where the controller's --cpu-prof output went (printed by report). */
  profileDir?: string;
  controller?: { peakRssMiB: number; cpuSecondsTotal: number; requestsPerCr: Record<string, number>; requests: Record<string, number> };
}

interface Context {
  plane: ControlPlane;
  raw: TestKubeClient;
  kube: KubeClient;
  website: ApiResource;
  bundle: Bundle;
  work: string;
}

let activeChild: ControllerRun | undefined;
let stopping: Promise<void> | undefined;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'orkestra-bench-reconcile-'));
  const plane = await startControlPlane(join(repoRoot, 'test/cluster/cluster.sh'), join(work, 'cluster'));
  const cleanup = async () => {
    await activeChild?.stop().catch(() => undefined);
    await plane.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping ??= cleanup().finally(() => process.exit(130));
    });
  }
  const raw = new TestKubeClient(readKubeconfig(plane.kubeconfig));
  const kube = createKubeClient(loadKubeConfig({ env: {}, path: plane.kubeconfig }), { userAgent: 'bench-observer' });
  try {
    const bundle = await prepareBundle(join(repoRoot, 'examples/website'), join(work, 'bundle'), WORKERS);
    await applyCrds(kube, bundle.payload.crds, { fieldManager: 'orkestra', clock: realClock });
    const website = await kube.resourceFor('examples.orkspace.io/v1', 'Website');
    const ctx: Context = { plane, raw, kube, website, bundle, work };
    console.log(`bench-reconcile: ${N} CRs, ${WORKERS} workers (baseline concurrency ${WORKERS}), ${ROUNDS} rounds, ` +
      `create concurrency ${CREATE_CONCURRENCY}; ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), Node ${process.version}, ` +
      `load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    if (!QUICK) {
      // Warm-up: the first writes after start pay for cold caches in the apiserver and etcd.
      const warm = Math.min(N, 100);
      await runBaseline(ctx, 0, 'A', warm);
      await runController(ctx, 0, warm);
      console.log('warm-up done');
    }
    const results: PhaseResult[] = [];
    const phases: PhaseName[] = ['A', ...(EVENT_BASELINE ? ['A+event' as const] : []), ...(DIAGNOSE ? ['A+event+get+watch3' as const, 'A+event+watch' as const] : []), 'B', ...(BUDGET_VARIANT ? ['B+budget' as const] : []), ...(HEAP_VARIANT ? ['B+node-heap' as const] : [])];
    for (let round = 1; round <= ROUNDS; round++) {
      // Each round starts one phase later: CPU per operation grows with the machine's load, which
      // the phases themselves raise, so a fixed order would favour whichever phase runs first.
      const shift = (round - 1) % phases.length;
      for (const phase of [...phases.slice(shift), ...phases.slice(0, shift)]) {
        results.push(report(isControllerPhase(phase) ? await runController(ctx, round, N, phase) : await runBaseline(ctx, round, phase, N)));
      }
    }
    summarise(results);
    if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify({ n: N, workers: WORKERS, rounds: ROUNDS, quick: QUICK, results }, null, 2));
  } finally {
    await kube.close();
    await raw.close();
    if (!stopping) await cleanup();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Phase A: the minimal client's writes, C at a time, each CR as soon as its create returned. */
const isControllerPhase = (phase: PhaseName): phase is ControllerPhase => phase.startsWith('B');

async function runBaseline(ctx: Context, round: number, phase: Exclude<PhaseName, ControllerPhase>, n: number): Promise<PhaseResult> {
  const crdName = Object.keys(ctx.bundle.payload.katalog.spec.crds)[0]!;
  const entry = ctx.bundle.payload.katalog.spec.crds[crdName]!;
  const katalogName = ctx.bundle.payload.katalog.metadata.name;
  const reconcile = minimalReconciler(ctx.raw, crdName, entry, katalogName, { event: phase !== 'A', childGets: phase.includes('get') });
  const stopWatches = phase.includes('+watch')
    ? await controllerWatches(ctx.kube, ctx.website, `${MANAGED_LABEL}=${MANAGED_LABEL_VALUE},${KATALOG_LABEL}=${katalogName},${OWNER_LABEL}`, { names: !phase.includes('watch3') })
    : () => undefined;
  return measure(ctx, phase, round, n, async (_namespace, crs, created) => {
    const queue = drain(WORKERS, reconcile);
    try {
      await createAll(ctx.raw, crs, CREATE_CONCURRENCY, (cr) => queue.push(cr), created);
    } finally {
      queue.close();
    }
    const createdAt = performance.now();
    await queue.done;
    return { createdAt };
  }).finally(stopWatches);
}

/** Phase B: `ork controller` as a child; the bench only creates the CRs and watches them. */
async function runController(ctx: Context, round: number, n: number, phase: ControllerPhase = 'B'): Promise<PhaseResult> {
  const dir = join(ctx.work, `controller-${round}-${Date.now()}`);
  mkdirSync(dir);
  const profDir = CPU_PROF && round > 0 ? join(ctx.work, 'profiles', `round-${round}`) : undefined;
  if (profDir) mkdirSync(profDir, { recursive: true });
  const launcher = launcherRun(repoRoot);
  const child = await startControllerChild({
    // As deployed: the bundled CLI the image runs, with the chart's V8 flags.
    cliMain: productionCli(repoRoot, launcher.entry),
    nodeArgs: [...(phase === 'B+node-heap' ? [] : chartNodeOptions(repoRoot)), ...(!BUDGET_VARIANT ? launcher.nodeArgs : phase === 'B+budget' ? [BUDGET_FLAG] : [])],
    env: launcher.env,
    counterModule: here('./reconcile/count-requests.js'),
    bundle: ctx.bundle,
    kubeconfig: ctx.plane.kubeconfig,
    workDir: dir,
    ...(profDir ? { cpuProfDir: profDir } : {}),
  });
  activeChild = child;
  let stopped: Awaited<ReturnType<ControllerRun['stop']>> | undefined;
  try {
    const result = await measure(ctx, phase, round, n, async (_namespace, crs, created) => {
      await createAll(ctx.raw, crs, CREATE_CONCURRENCY, () => undefined, created);
      return { createdAt: performance.now() };
    }, { controllerPid: child.pid, beforeStart: () => child.markStart(), afterEnd: async () => { stopped = await child.stop(); activeChild = undefined; } });
    const s = stopped!;
    const requests: Record<string, number> = {};
    for (const [k, v] of Object.entries(s.requests)) {
      const during = v - (s.requestsAtStart[k] ?? 0);
      if (during > 0) requests[k] = during;
    }
    result.controller = {
      peakRssMiB: s.peakRssMiB,
      cpuSecondsTotal: s.cpuSeconds,
      requests,
      requestsPerCr: Object.fromEntries(Object.entries(requests).map(([k, v]) => [k, v / n])),
    };
    if (profDir) result.profileDir = profDir;
    return result;
  } finally {
    if (activeChild === child) {
      await child.stop().catch(() => undefined);
      activeChild = undefined;
    }
  }
}

interface Hooks {
  controllerPid?: number;
  beforeStart?: () => void;
  afterEnd?: () => Promise<void>;
}

/**
 * One phase in a fresh namespace: observer first, then the clock starts at the first create and
 * stops when the observer has seen every CR Ready=True. CPU per process over exactly that window.
 */
async function measure(
  ctx: Context, phase: PhaseName, round: number, n: number,
  body: (namespace: string, crs: ReturnType<typeof websiteCr>[], created: Map<string, number>) => Promise<{ createdAt: number }>,
  hooks: Hooks = {},
): Promise<PhaseResult> {
  const namespace = `bench-${phase.replace(/\+/g, '-').toLowerCase()}-${round}-${process.pid}`;
  await freshNamespace(ctx.raw, namespace);
  const crs = Array.from({ length: n }, (_, i) => websiteCr(namespace, i));
  const observer = await observeReady(ctx.kube, ctx.website, namespace, n);
  await sleep(2000); // let the namespace's own start-up writes (ServiceAccount, token Secret) settle
  const pids: Record<string, number> = { ...ctx.plane.pids, ...(hooks.controllerPid ? { controller: hooks.controllerPid } : {}) };
  const load1 = loadavg()[0]!;
  hooks.beforeStart?.();
  const cpu0 = cpuOf(pids);
  const self0 = process.cpuUsage();
  const t0 = performance.now();
  const created = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${phase} round ${round}: only ${observer.readyCount()} of ${n} CRs Ready after ${PHASE_TIMEOUT_MS / 1000} s`)), PHASE_TIMEOUT_MS);
  });
  let createdAt: number;
  let readyAt: number;
  try {
    [{ createdAt }, readyAt] = await Promise.race([Promise.all([body(namespace, crs, created), observer.allReady]), timeout]);
  } finally {
    clearTimeout(timer);
    observer.stop();
  }
  const cpu1 = cpuOf(pids);
  const self = process.cpuUsage(self0);
  await hooks.afterEnd?.();
  const cpu: Record<string, number> = { bench: (self.user + self.system) / 1e6 };
  for (const name of Object.keys(pids)) cpu[name] = cpu1[name]! - cpu0[name]!;
  const namespaceDeleteSeconds = await deleteNamespace(ctx.raw, namespace);
  const wallSeconds = (readyAt - t0) / 1000;
  const latencies = [...created].map(([name, at]) => (observer.readyAt.get(name) ?? NaN) - at).filter(Number.isFinite);
  const latencyMs = { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
  return { phase, round, wallSeconds, perSecond: n / wallSeconds, createSeconds: (createdAt - t0) / 1000, load1, cpu, namespaceDeleteSeconds, latencyMs };
}

function report(r: PhaseResult): PhaseResult {
  const cpu = Object.entries(r.cpu).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
  let line = `round ${r.round} ${r.phase.padEnd(17)} ${r.wallSeconds.toFixed(2).padStart(6)} s  ${r.perSecond.toFixed(0).padStart(4)} CRs/s` +
    `  latency p50 ${r.latencyMs.p50.toFixed(0)} ms, p99 ${r.latencyMs.p99.toFixed(0)} ms` +
    `  (creates done at ${r.createSeconds.toFixed(2)} s; load ${r.load1.toFixed(2)}; CPU s: ${cpu}; namespace deleted in ${r.namespaceDeleteSeconds.toFixed(0)} s)`;
  if (r.controller) {
    const reqs = Object.entries(r.controller.requestsPerCr).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
    line += `\n           controller: peak RSS ${r.controller.peakRssMiB.toFixed(0)} MiB, CPU ${r.controller.cpuSecondsTotal.toFixed(1)} s since start; requests per CR: ${reqs}`;
  }
  console.log(line);
  if (r.profileDir) printProfile(r.profileDir);
  return r;
}

function summarise(results: PhaseResult[]): void {
  const of = (phase: PhaseName) => results.filter((r) => r.phase === phase);
  // Every process on the machine that works for the phase: client(s), apiserver, etcd, kcm.
  const totalCpu = (r: PhaseResult) => Object.values(r.cpu).reduce((a, b) => a + b, 0);
  const row = (phase: PhaseName, label: string) => {
    const rs = of(phase);
    if (rs.length === 0) return;
    const m = (f: (r: PhaseResult) => number) => median(rs.map(f));
    const client = phase.startsWith('B') ? m((r) => r.cpu.controller ?? 0) : m((r) => r.cpu.bench ?? 0);
    console.log(`| ${label} | ${m((r) => r.perSecond).toFixed(0)} | ${m((r) => r.wallSeconds).toFixed(2)} s | ${rs.map((r) => r.perSecond.toFixed(0)).join(', ')} | ` +
      `${client.toFixed(1)} | ${m((r) => r.cpu['kube-apiserver']!).toFixed(1)} | ${m((r) => r.cpu.etcd!).toFixed(1)} | ${m((r) => r.cpu['kube-controller-manager']!).toFixed(1)} | ${(1000 * m(totalCpu) / N).toFixed(1)} |`);
  };
  console.log(`\n${N} CRs, medians of ${ROUNDS} rounds:\n`);
  console.log('| path | CRs/s | wall | rounds (CRs/s) | client CPU s | apiserver CPU s | etcd CPU s | kcm CPU s | all CPU ms/CR |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  row('A', `minimal client, ${WORKERS} in flight (3 writes/CR)`);
  row('A+event', `minimal client + Event (4 writes/CR)`);
  row('A+event+get+watch3', `A + Event + 2 child GETs + 3 watches (the controller's requests before the names index)`);
  row('A+event+watch', `A + Event + 5 watches (the controller's requests now)`);
  row('B', `ork controller, ${WORKERS} workers`);
  row('B+budget', `ork controller, ${WORKERS} workers, node ${BUDGET_FLAG}`);
  row('B+node-heap', `ork controller, ${WORKERS} workers, Node's default heap (no chart V8 flags)`);
  const a = median(of('A').map((r) => r.perSecond));
  const ae = median(of('A+event').map((r) => r.perSecond));
  const b = median(of('B').map((r) => r.perSecond));
  const perRound = of('B').map((r) => {
    const base = results.find((x) => x.phase === 'A' && x.round === r.round);
    return base ? (r.perSecond / base.perSecond).toFixed(2) : '?';
  });
  console.log(`\nratio B/A = ${(b / a).toFixed(2)} (per round: ${perRound.join(', ')})${EVENT_BASELINE ? `; B/(A+event) = ${(b / ae).toFixed(2)}` : ''}`);
  // On a CPU-bound machine throughput is inversely proportional to the CPU all processes spend
  // per CR; that ratio is steadier than wall time when other work shares the cores.
  const cpuRatio = (phase: PhaseName) => median(of('B').map((r) => {
    const base = results.find((x) => x.phase === phase && x.round === r.round);
    return base ? totalCpu(base) / totalCpu(r) : NaN;
  }));
  console.log(`CPU-cost ratio (A's CPU per CR / B's, median of rounds) = ${cpuRatio('A').toFixed(2)}${EVENT_BASELINE ? `; against A+event ${cpuRatio('A+event').toFixed(2)}` : ''}`);
  const vs = (x: PhaseName, y: PhaseName) => median(of(x).map((r) => {
    const other = results.find((o) => o.phase === y && o.round === r.round);
    return other ? totalCpu(other) / totalCpu(r) : NaN;
  }));
  for (const variant of ['B+budget', 'B+node-heap'] as const) {
    if (of(variant).length === 0) continue;
    console.log(`${variant}: wall ratio (${variant})/A = ${(median(of(variant).map((r) => r.perSecond)) / a).toFixed(2)}; CPU-cost ratio against A ${vs(variant, 'A').toFixed(2)}, against B ${vs(variant, 'B').toFixed(2)}; ` +
      `controller CPU per CR ${(1000 * median(of(variant).map((r) => r.cpu.controller!)) / N).toFixed(2)} ms against B's ${(1000 * median(of('B').map((r) => r.cpu.controller!)) / N).toFixed(2)} ms; peak RSS median ${median(of(variant).map((r) => r.controller!.peakRssMiB)).toFixed(0)} MiB`);
  }
  const bs = of('B');
  if (bs.length > 0) {
    const c = bs.map((r) => r.controller!);
    console.log(`controller peak RSS: median ${median(c.map((x) => x.peakRssMiB)).toFixed(0)} MiB, max ${Math.max(...c.map((x) => x.peakRssMiB)).toFixed(0)} MiB; ` +
      `CPU during the run: median ${median(bs.map((r) => r.cpu.controller!)).toFixed(1)} s (${(1000 * median(bs.map((r) => r.cpu.controller!)) / N).toFixed(2)} ms per CR)`);
    const kinds = new Set(c.flatMap((x) => Object.keys(x.requestsPerCr)));
    const perCr = [...kinds].map((k) => [k, median(c.map((x) => x.requestsPerCr[k] ?? 0))] as const).sort((x, y) => y[1] - x[1]);
    console.log(`controller requests per CR (median): ${perCr.map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`);
  }
}

function printProfile(dir: string): void {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return void console.log(`(no CPU profile in ${dir})`);
  const s = summariseProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  console.log(`           controller CPU profile (${(s.busyMs / 1000).toFixed(1)} s busy, ${(s.idleMs / 1000).toFixed(1)} s idle; self time):`);
  console.log(`             by area: ${s.byArea.map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', ')}`);
  for (const [fn, ms] of s.byFunction) console.log(`             ${ms.toFixed(0).padStart(6)} ms  ${fn}`);
}

await main();
