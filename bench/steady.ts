// Memory at scale and writes in steady state (issue #17): `ork controller` as deployed (the bundled
// CLI, the chart's V8 flags) on the website Katalog with a short resync, N website CRs (one
// Deployment and one Service each) created and all Ready, then a window of W seconds with nothing
// changing but the resyncs. Reported: the controller's RSS once everything is Ready and at the
// end of the window, its peak RSS, and every request it sent during the window by verb and
// resource (counted by the preloaded bench/reconcile/count-requests.ts), the writes among them —
// the goal is none. Against its own fresh control plane; the floor is `node -e 0`'s RSS.
// Usage: node dist/bench/steady.js [--crs 10000] [--window 600] [--resync 60s] [--quick] [--json FILE] [--heap-snapshot DIR] [--node-arg FLAG]… [--controller-arg FLAG]…
//   --quick: 200 CRs, a 60 s window, resync 20s.
//   --heap-snapshot DIR: after the window, a V8 heap snapshot of the controller into DIR (node
//   --heapsnapshot-signal; taken after the RSS readings, whose peak it would otherwise raise).
//   --node-arg FLAG: one more node flag for the controller, after the chart's and the launcher's
//   (repeatable): to measure a V8 setting before it goes into the chart or the launcher.
//   --controller-arg FLAG: one more `ork controller` flag (repeatable), e.g. --memory-settle off.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadKubeConfig } from '../cli/kube/config.js';
import { createKubeClient } from '../cli/kube/http-client.js';
import { realClock } from '../controller/engine/index.js';
import { applyCrds } from '../controller/startup/crds.js';
import { readKubeconfig, TestKubeClient } from '../test/support/kube-http.js';
import { startControlPlane } from './reconcile/control-plane.js';
import { chartNodeOptions, launcherRun, prepareBundle, productionCli, startControllerChild } from './reconcile/controller-child.js';
import { peakRssMiB, rssMiB } from './reconcile/proc.js';
import { createAll, freshNamespace, observeReady, websiteCr } from './reconcile/workload.js';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const opt = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const N = Number(opt('--crs', QUICK ? '200' : '10000'));
const WINDOW_S = Number(opt('--window', QUICK ? '60' : '600'));
const RESYNC = opt('--resync', QUICK ? '20s' : '60s');
const JSON_OUT = args.includes('--json') ? opt('--json', '') : undefined;
const HEAP_DIR = args.includes('--heap-snapshot') ? opt('--heap-snapshot', '') : undefined;
const EXTRA_NODE_ARGS = args.flatMap((a, i) => (a === '--node-arg' && args[i + 1] ? [args[i + 1]!] : []));
const CONTROLLER_ARGS = args.flatMap((a, i) => (a === '--controller-arg' && args[i + 1] ? [args[i + 1]!] : []));
const SNAPSHOT_SIGNAL = 'SIGWINCH';
const SETTLE_MS = 20_000;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WRITE = /^(POST|PUT|PATCH|DELETE) /;

/** `node -e 0`'s peak RSS in MiB: the floor of any Node process. */
function nodeFloorMiB(): number {
  const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, '-e', '0'], { encoding: 'utf8' });
  return Number(run.stderr.trim().split('\n').at(-1)) / 1024;
}

/** Signals the controller to write a heap snapshot into dir; resolves with its path once its size stops changing. */
async function heapSnapshot(pid: number, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const before = new Set(readdirSync(dir));
  process.kill(pid, SNAPSHOT_SIGNAL);
  let file: string | undefined;
  let size = -1;
  let stable = 0;
  for (let i = 0; i < 1200; i++) {
    await sleep(500);
    file ??= readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    if (!file) continue;
    const now = statSync(join(dir, file)).size;
    stable = now > 0 && now === size ? stable + 1 : 0;
    if (stable === 4) return join(dir, file);
    size = now;
  }
  throw new Error(`no heap snapshot in ${dir} after 10 minutes`);
}

function minus(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)] as const).filter(([, v]) => v > 0));
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'orkestra-bench-steady-'));
  const plane = await startControlPlane(join(repoRoot, 'test/cluster/cluster.sh'), join(work, 'cluster'));
  const raw = new TestKubeClient(readKubeconfig(plane.kubeconfig));
  const kube = createKubeClient(loadKubeConfig({ env: {}, path: plane.kubeconfig }), { userAgent: 'bench-steady' });
  let child: Awaited<ReturnType<typeof startControllerChild>> | undefined;
  // Node writes nothing (and the controller dies) when the snapshot's directory is missing.
  if (HEAP_DIR) mkdirSync(HEAP_DIR, { recursive: true });
  try {
    const bundle = await prepareBundle(join(repoRoot, 'examples/website'), join(work, 'bundle'), 8, RESYNC);
    await applyCrds(kube, bundle.payload.crds, { fieldManager: 'orkestra', clock: realClock });
    const website = await kube.resourceFor('examples.orkspace.io/v1', 'Website');
    console.log(`bench-steady: ${N} CRs, window ${WINDOW_S} s, resync ${RESYNC}${EXTRA_NODE_ARGS.length ? `, node ${EXTRA_NODE_ARGS.join(' ')}` : ''}${CONTROLLER_ARGS.length ? `, ork controller ${CONTROLLER_ARGS.join(' ')}` : ''}; ${cpus().length} CPUs, Node ${process.version}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const launcher = launcherRun(repoRoot);
    child = await startControllerChild({ cliMain: productionCli(repoRoot, launcher.entry), nodeArgs: [...chartNodeOptions(repoRoot), ...launcher.nodeArgs, ...EXTRA_NODE_ARGS, ...(HEAP_DIR ? [`--heapsnapshot-signal=${SNAPSHOT_SIGNAL}`, `--diagnostic-dir=${HEAP_DIR}`] : [])], env: launcher.env, controllerArgs: CONTROLLER_ARGS, counterModule: here('./reconcile/count-requests.js'), bundle, kubeconfig: plane.kubeconfig, workDir: work });
    child.markStart();
    await freshNamespace(raw, 'steady');
    const observer = await observeReady(kube, website, 'steady', N);
    const t0 = performance.now();
    const cpuAtFill = child.cpu();
    const loadAtFill = loadavg()[0]!;
    // Progress every 30 s: on a busy machine the fill of 10,000 CRs takes long.
    const pid = child.pid;
    const progress = setInterval(() => console.log(`  ${((performance.now() - t0) / 1000).toFixed(0)} s: ${observer.readyCount()} of ${N} Ready, controller RSS ${rssMiB(pid).toFixed(0)} MiB, load ${loadavg()[0]!.toFixed(1)}`), 30_000);
    await createAll(raw, Array.from({ length: N }, (_, i) => websiteCr('steady', i)), 16, () => undefined);
    const allReady = await observer.allReady.finally(() => clearInterval(progress));
    const cpuFill = child.cpu() - cpuAtFill;
    observer.stop();
    const fillSeconds = (allReady - t0) / 1000;
    console.log(`all ${N} Ready after ${fillSeconds.toFixed(1)} s (controller CPU ${cpuFill.toFixed(1)} s, ${((cpuFill * 1000) / N).toFixed(2)} ms per CR); settling ${SETTLE_MS / 1000} s`);
    await sleep(SETTLE_MS);
    const rssReadyMiB = rssMiB(child.pid);
    const before = await child.snapshot();
    const cpuBefore = child.cpu();
    const loadBefore = loadavg()[0]!;
    await sleep(WINDOW_S * 1000);
    const during = minus(await child.snapshot(), before);
    const cpuWindow = child.cpu() - cpuBefore;
    const rssEndMiB = rssMiB(child.pid);
    const peakBeforeSnapshot = peakRssMiB(child.pid);
    if (HEAP_DIR) console.log(`heap snapshot: ${await heapSnapshot(child.pid, HEAP_DIR)}`);
    const stopped = { ...(await child.stop()), peakRssMiB: peakBeforeSnapshot };
    child = undefined;
    const writes = Object.fromEntries(Object.entries(during).filter(([k]) => WRITE.test(k)));
    const result = {
      crs: N, windowSeconds: WINDOW_S, resync: RESYNC, quick: QUICK, extraNodeArgs: EXTRA_NODE_ARGS, fillSeconds, cpuSecondsFill: cpuFill, loadAtFill, loadBefore, loadAfter: loadavg()[0]!,
      rssReadyMiB, rssEndMiB, peakRssMiB: stopped.peakRssMiB, nodeFloorRssMiB: nodeFloorMiB(), cpuSecondsInWindow: cpuWindow,
      requests: during, writes, writesTotal: Object.values(writes).reduce((a, b) => a + b, 0),
    };
    console.log(`RSS with ${N} CRs Ready: ${rssReadyMiB.toFixed(0)} MiB, after the window ${rssEndMiB.toFixed(0)} MiB, peak ${stopped.peakRssMiB.toFixed(0)} MiB (node -e 0: ${result.nodeFloorRssMiB.toFixed(0)} MiB)`);
    console.log(`window of ${WINDOW_S} s (resync ${RESYNC}, load ${loadBefore.toFixed(1)} → ${result.loadAfter.toFixed(1)}): controller CPU ${cpuWindow.toFixed(1)} s; requests ${JSON.stringify(during)}; writes ${result.writesTotal}`);
    if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(result, null, 2));
  } finally {
    if (child) await child.stop().catch(() => undefined);
    await kube.close();
    await raw.close();
    await plane.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
