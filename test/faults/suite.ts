// `make faults`: the fault-injection suite (issue #12), outside `npm test`. On its OWN control plane
// it loads CRs into `ork controller` replicas (real child processes) while injecting one fault per
// case, then asserts every CR Ready, 0 lost / duplicated / orphaned children by owner UID, no
// crash loop, and controller writes per CR within 2× of a clean run. Like a kubelet, the suite
// restarts a replica that exits on its own (a controller exits by design when it loses its Lease,
// as controller-runtime's does) after 1 s; more than MAX_RESTARTS such restarts in a case is a
// crash loop. Cases that stress the API server run with the chart's default Lease timing.
// Knobs: ORKESTRA_FAULTS_CRS (default 1000), ORKESTRA_FAULTS_KILLS (default 10),
// ORKESTRA_FAULTS_KILL_EVERY_MS (default 3000), ORKESTRA_FAULTS_ONLY (comma-separated case names).
// Prints one `FAULT-RESULT {json}` line per case and exits 1 when any assertion fails.
import { join } from 'node:path';
import { DEFAULT_TIMING, SHORT_TIMING, startReplica, stopAll, type Replica, type Timing } from '../controller/e2e/processes.js';
import { fixtureCopy, resolveToBundle, type SignedBundleDir } from '../controller/e2e/world.js';
import { poll, sleep } from '../support/poll.js';
import { controllerWrites, countChildren, membersPath, notReady, type ChildCount } from './checks.js';
import { startFaultPlane, type FaultPlane } from './control-plane.js';

const CRS = Number(process.env.ORKESTRA_FAULTS_CRS ?? 1000);
const KILLS = Number(process.env.ORKESTRA_FAULTS_KILLS ?? 10);
const KILL_EVERY_MS = Number(process.env.ORKESTRA_FAULTS_KILL_EVERY_MS ?? 3000);
const ONLY = process.env.ORKESTRA_FAULTS_ONLY?.split(',').filter(Boolean);
const READY_TIMEOUT_MS = Math.max(300_000, CRS * 600);
/** Restarts of replicas that exited on their own, per case, beyond which it is a crash loop. */
const MAX_RESTARTS = 2;
const RESTART_DELAY_MS = 1_000;
/** Lease timing per case: the chart's defaults where the API server itself is the fault. */
const TIMING: Record<string, Timing> = { 'apiserver-restart': DEFAULT_TIMING, 'etcd-sigstop': DEFAULT_TIMING, 'watch-expiry': DEFAULT_TIMING };

interface Ctx {
  plane: FaultPlane;
  bundle: SignedBundleDir;
  group: string;
  ns: string;
  /** Replicas started in this case, and the PIDs this suite signalled itself. */
  replicas: Replica[];
  signalled: Set<number>;
  /** Replicas restarted after exiting on their own, with why they exited. */
  restarts: string[];
  /** Set when the case is over: no more restarts. */
  stopping: boolean;
  notes: string[];
  replica(name: string): Promise<Replica>;
  /** Creates CRs m0…m(N-1), 8 at a time; `during(i)` is awaited before CR i is sent. */
  load(during?: (i: number) => Promise<void>): Promise<void>;
}

type Case = (ctx: Ctx) => Promise<void>;

async function createMember(ctx: Ctx, i: number): Promise<void> {
  const body = { apiVersion: `${ctx.group}/v1`, kind: 'Member', metadata: { name: `m${i}` }, spec: { size: 1 + (i % 3) } };
  // The API server may be down or etcd paused: retry, and treat 409 (sent before a restart) as done.
  await poll(`create m${i}`, 120_000, async () => {
    const res = await ctx.plane.client.request({ method: 'POST', path: membersPath(ctx.group, ctx.ns), body }).catch(() => undefined);
    return res && (res.status === 201 || res.status === 409) ? true : undefined;
  }, 500);
}

const cases: Record<string, Case> = {
  async clean(ctx) {
    await ctx.replica('a');
    await ctx.load();
  },
  async 'kill-9'(ctx) {
    let current = await ctx.replica('k0');
    let kills = 0;
    const killer = (async () => {
      while (kills < KILLS) {
        await sleep(KILL_EVERY_MS);
        ctx.signalled.add(current.pid);
        current.signal('SIGKILL');
        await current.exited;
        kills++;
        current = await ctx.replica(`k${kills}`);
      }
    })();
    await ctx.load();
    await killer;
    ctx.notes.push(`${kills} kill -9 every ${KILL_EVERY_MS} ms`);
  },
  async 'apiserver-restart'(ctx) {
    await ctx.replica('a');
    await ctx.load(async (i) => {
      if (i !== Math.floor(CRS / 2)) return;
      const t0 = Date.now();
      await ctx.plane.restartApiServer();
      ctx.notes.push(`API server down and back in ${Date.now() - t0} ms`);
    });
  },
  async 'etcd-sigstop'(ctx) {
    await ctx.replica('a');
    const etcd = ctx.plane.pidOf('etcd');
    let paused: Promise<void> | undefined;
    await ctx.load(async (i) => {
      if (i !== Math.floor(CRS / 3)) return;
      process.kill(etcd, 'SIGSTOP');
      paused = sleep(10_000).then(() => { process.kill(etcd, 'SIGCONT'); });
    });
    await paused;
    ctx.notes.push('etcd SIGSTOP for 10 s at a third of the load');
  },
  async 'watch-expiry'(ctx) {
    await ctx.replica('a');
    await ctx.load(async (i) => {
      if (i !== Math.floor(CRS / 2)) return;
      const res = await ctx.plane.client.request<{ metadata: { resourceVersion: string } }>({ method: 'GET', path: membersPath(ctx.group, ctx.ns) });
      const oldRv = res.body.metadata.resourceVersion;
      await sleep(1_000);
      const revision = await ctx.plane.compactEtcd();
      // The restarted API server's watch cache starts at etcd's compacted revision: every watch
      // resumed from before it (the controller's included) is answered 410 Gone.
      await ctx.plane.restartApiServer();
      const probe = await ctx.plane.client.request<{ object?: { code?: number } } | string>({
        method: 'GET', path: `${membersPath(ctx.group, ctx.ns)}?watch=1&resourceVersion=${oldRv}&timeoutSeconds=1`,
      });
      const gone = String(typeof probe.body === 'string' ? probe.body : JSON.stringify(probe.body)).includes('"code":410') || probe.status === 410;
      if (!gone) throw new Error(`a watch from resourceVersion ${oldRv} was not answered 410 after compaction to ${revision}`);
      ctx.notes.push(`etcd compacted to revision ${revision}; a watch from RV ${oldRv} answered 410 Gone`);
    });
  },
  async 'sigterm-handover'(ctx) {
    const a = await ctx.replica('a');
    await a.waitForLog('leading', 60_000);
    const b = await ctx.replica('b');
    await b.waitForLog('leader election started', 60_000);
    let handover: Promise<void> | undefined;
    await ctx.load(async (i) => {
      if (i !== Math.floor(CRS / 2)) return;
      ctx.signalled.add(a.pid);
      const t0 = a.signal('SIGTERM');
      handover = (async () => {
        const exit = await a.exited;
        if (exit.code !== 0) throw new Error(`SIGTERM: the leader exited ${JSON.stringify(exit)}, not 0`);
        const leading = await b.waitForLog('leading', 30_000);
        ctx.notes.push(`SIGTERM → standby leading in ${leading.receivedAt - t0} ms`);
      })();
    });
    await handover;
  },
};

export interface CaseResult {
  name: string;
  crs: number;
  seconds: number;
  notReady: number;
  children: ChildCount;
  /** Replicas that exited on their own and were restarted. */
  restarts: number;
  writes: number;
  writesPerCr: number;
  ratioToClean?: number;
  notes: string[];
  failures: string[];
}

/** A kubelet's restart: a replica that exits without the suite having signalled it comes back after 1 s. */
async function supervise(ctx: Ctx, replica: Replica, name: string): Promise<void> {
  const exit = await replica.exited;
  if (ctx.stopping || ctx.signalled.has(replica.pid)) return;
  const last = [...replica.logs].reverse().find((l) => l.level === 'error' || l.level === 'warn');
  ctx.restarts.push(`${replica.name} exited ${exit.code ?? exit.signal}${last ? ` after "${last.message}"` : ''}`);
  await sleep(RESTART_DELAY_MS);
  if (!ctx.stopping) await ctx.replica(`${name}-r${ctx.restarts.length}`);
}

async function runCase(plane: FaultPlane, bundle: SignedBundleDir, group: string, name: string, index: number): Promise<CaseResult> {
  const ns = `faults-${index}-${name}`;
  await plane.client.request({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } });
  await sleep(1_000);
  const writesBefore = await controllerWrites(plane, group);
  const timing = TIMING[name] ?? SHORT_TIMING;
  const ctx: Ctx = {
    plane, bundle, group, ns, replicas: [], signalled: new Set(), restarts: [], stopping: false, notes: [],
    async replica(r) {
      const replica = await startReplica({ name: `${ns}-${r}`, bundle, kubeconfig: plane.kubeconfigPath, namespace: ns, leaseId: 'faults', revision: 'rev1', timing });
      ctx.replicas.push(replica);
      void supervise(ctx, replica, r);
      return replica;
    },
    async load(during) {
      for (let i = 0; i < CRS; i += 8) {
        for (let j = i; j < Math.min(i + 8, CRS); j++) if (during) await during(j);
        await Promise.all(Array.from({ length: Math.min(8, CRS - i) }, (_, k) => createMember(ctx, i + k)));
      }
    },
  };
  const t0 = Date.now();
  const failures: string[] = [];
  try {
    await cases[name]!(ctx);
    await poll(`all ${CRS} CRs Ready`, READY_TIMEOUT_MS, async () => ((await notReady(plane, group, ns)).length === 0 ? true : undefined), 1_000);
  } catch (err) {
    failures.push((err as Error).message);
    console.error(`FAULT-ERROR ${name}:`, err);
  }
  const seconds = (Date.now() - t0) / 1000;
  await sleep(3_000); // resyncs after Ready: writes that a clean run would not make show up here
  const stillNotReady = (await notReady(plane, group, ns)).length;
  const children = await countChildren(plane, group, ns);
  const writes = (await controllerWrites(plane, group)) - writesBefore;
  ctx.stopping = true;
  const crashes = ctx.replicas.flatMap((r) => r.otherOutput.slice(0, 3));
  await stopAll();
  if (stillNotReady) failures.push(`${stillNotReady} CRs not Ready`);
  if (children.crs !== CRS) failures.push(`${children.crs} CRs exist, ${CRS} created`);
  if (children.lost || children.duplicated || children.orphaned) failures.push(`children: ${JSON.stringify(children)}`);
  if (ctx.restarts.length > MAX_RESTARTS) failures.push(`${ctx.restarts.length} restarts of replicas that exited on their own (crash loop): ${ctx.restarts.join('; ')}`);
  else if (ctx.restarts.length > 0) ctx.notes.push(`restarted as a kubelet would: ${ctx.restarts.join('; ')}`);
  if (crashes.length) failures.push(`non-JSON stderr: ${crashes.join(' | ')}`);
  return { name, crs: CRS, seconds, notReady: stillNotReady, children, restarts: ctx.restarts.length, writes, writesPerCr: writes / CRS, notes: ctx.notes, failures };
}

async function main(): Promise<void> {
  const names = Object.keys(cases).filter((n) => n === 'clean' || !ONLY || ONLY.includes(n));
  const fixture = fixtureCopy('fleet');
  const bundle = await resolveToBundle({ komposer: join(fixture.dir, 'katalog.yaml'), cwd: fixture.dir });
  const t0 = Date.now();
  const plane = await startFaultPlane();
  console.log(`FAULT-PLANE ${JSON.stringify({ dir: plane.dir, startSeconds: (Date.now() - t0) / 1000, crs: CRS, kills: KILLS })}`);
  let failed = false;
  try {
    let clean: number | undefined;
    for (const [index, name] of names.entries()) {
      const result = await runCase(plane, bundle, fixture.group, name, index);
      if (name === 'clean') clean = result.writesPerCr;
      else if (clean) {
        result.ratioToClean = result.writesPerCr / clean;
        if (result.ratioToClean > 2) result.failures.push(`writes per CR ${result.writesPerCr.toFixed(2)} > 2× clean ${clean.toFixed(2)}`);
      }
      failed ||= result.failures.length > 0;
      console.log(`FAULT-RESULT ${JSON.stringify(result)}`);
    }
  } finally {
    await stopAll();
    await plane.stop();
  }
  process.exitCode = failed ? 1 : 0;
}

void main().catch((err: unknown) => { console.error(err); process.exitCode = 1; });
