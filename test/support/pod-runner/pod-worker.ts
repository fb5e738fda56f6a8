// Plays the kubelet for ONE Pod: volumes once, init containers in order (each to completion, with
// restart backoff), then the main containers with probes and restarts, status through the status
// subresource. Terminates its processes when told the Pod is gone. Reads only the real objects.
import { existsSync, mkdirSync, openSync, readSync, closeSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { TestKubeClient } from '../kube-http.js';
import { expandVars, lookupIn } from './expand.js';
import { expandCommand, resolveEnv } from './env.js';
import { checkProbe, runProbe } from './probe.js';
import {
  buildPodStatus, kubeTime, type ContainerRuntime, type PodCondition, type PodPhase, type Termination,
} from './pod-status.js';
import { ContainerConfigError, type Container, type ObjectSource, type Pod, type Probe, type Volume, type VolumeMount } from './pod-types.js';
import { spawnContainer, type ContainerProcess } from './process.js';
import { identityFor, planMounts, setprivOptions, type MountRequest } from './sandbox-plan.js';
import { sandboxScript, SETUP_FAILED_EXIT } from './sandbox-script.js';
import { materializeVolume, type MaterializedVolume } from './volumes.js';

export const SA_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const BACKOFF_START_MS = 500;
const BACKOFF_MAX_MS = 8000;
/** A container that ran this long starts its next backoff from the beginning again. */
const BACKOFF_RESET_AFTER_MS = 10_000;
const MESSAGE_MAX_BYTES = 4096;
const LOG_FALLBACK_BYTES = 2048;
const LOG_FALLBACK_LINES = 80;

/** What every pod of one runner shares. */
export interface RunnerContext {
  client: TestKubeClient;
  namespace: string;
  source: ObjectSource;
  /** argv[0] of a container command → host argv (paths already as seen inside the sandbox). */
  commands: ReadonlyMap<string, readonly string[]>;
  /** Mounts every container gets (the repository, executables a container user could not reach). */
  extraMounts: readonly MountRequest[];
  serviceEnv: ReadonlyMap<string, string>;
  /** PATH for containers that do not set one (the host's, led by the pathTools mount when used). */
  containerPATH: string;
  caPem: string;
  tools: { unshare: string; setpriv: string; env: string; sh: string };
  workDir: string;
  logDir: string;
  readinessPeriodCapMs: number;
  /** A problem worth a line in the test output (deduplicated by the runner). */
  report(pod: string, message: string): void;
}

export interface ContainerView {
  name: string;
  init: boolean;
  state: 'waiting' | 'running' | 'terminated';
  reason?: string;
  message?: string;
  pid?: number;
  ready: boolean;
  restarts: number;
  /** The most recent termination (current state or lastState). */
  lastTermination?: Termination;
}

export interface RunnerPodView {
  name: string;
  uid: string;
  podIP: string;
  phase: PodPhase;
  ready: boolean;
  initialized: boolean;
  terminating: boolean;
  initContainers: ContainerView[];
  containers: ContainerView[];
}

interface Slot {
  spec: Container;
  init: boolean;
  rt: ContainerRuntime;
  proc?: ContainerProcess;
  runs: number;
  backoffMs: number;
  logPath: string;
}

class Stopped extends Error {}

export class PodWorker {
  private readonly slots: Slot[];
  private readonly dir: string;
  private readonly abort = new AbortController();
  private readonly startTime = kubeTime(new Date());
  private phase: PodPhase = 'Pending';
  private initialized = false;
  private terminating = false;
  private volumes = new Map<string, MaterializedVolume>();
  private extraVolumeMounts: VolumeMount[] = [];
  private conditions: PodCondition[] = [];
  private lastWritten = '';
  private writing: Promise<void> | undefined;
  private writeAgain = false;
  private gone = false;
  readonly done: Promise<void>;

  constructor(public pod: Pod, readonly podIP: string, private readonly ctx: RunnerContext) {
    this.dir = join(ctx.workDir, pod.metadata.uid);
    const logs = join(ctx.logDir, pod.metadata.name);
    mkdirSync(logs, { recursive: true });
    const slot = (spec: Container, init: boolean): Slot => ({
      spec, init, runs: 0, backoffMs: BACKOFF_START_MS, logPath: join(logs, `${spec.name}.log`),
      rt: {
        name: spec.name, image: spec.image ?? '', restartCount: 0, ready: false, started: false,
        state: { waiting: { reason: 'PodInitializing' } },
      },
    });
    this.slots = [
      ...(pod.spec.initContainers ?? []).map((c) => slot(c, true)),
      ...pod.spec.containers.map((c) => slot(c, false)),
    ];
    this.done = this.run().catch((err) => {
      if (!(err instanceof Stopped)) ctx.report(pod.metadata.name, `pod worker failed: ${(err as Error).stack ?? err}`);
    });
  }

  get name(): string { return this.pod.metadata.name; }

  view(): RunnerPodView {
    const cv = (s: Slot): ContainerView => {
      const st = s.rt.state;
      const v: ContainerView = {
        name: s.spec.name, init: s.init, ready: s.rt.ready, restarts: s.rt.restartCount,
        state: 'waiting' in st ? 'waiting' : 'running' in st ? 'running' : 'terminated',
      };
      if ('waiting' in st) { v.reason = st.waiting.reason; if (st.waiting.message) v.message = st.waiting.message; }
      if ('terminated' in st) { v.reason = st.terminated.reason; v.lastTermination = st.terminated; } else if (s.rt.lastState) v.lastTermination = s.rt.lastState;
      if ('running' in st && s.proc) v.pid = s.proc.pid;
      return v;
    };
    const mains = this.slots.filter((s) => !s.init);
    return {
      name: this.name, uid: this.pod.metadata.uid, podIP: this.podIP, phase: this.phase,
      ready: mains.every((s) => s.rt.ready), initialized: this.initialized, terminating: this.terminating,
      initContainers: this.slots.filter((s) => s.init).map(cv), containers: mains.map(cv),
    };
  }

  /** SIGTERM every process, SIGKILL after `graceMs`, then remove the pod's files. */
  async terminate(graceMs: number): Promise<void> {
    this.terminating = true;
    this.abort.abort();
    const running = this.slots.filter((s) => s.proc);
    for (const s of running) s.proc!.kill('SIGTERM');
    const all = Promise.all(running.map((s) => s.proc!.exited));
    const timer = new Promise<'late'>((r) => setTimeout(() => r('late'), graceMs).unref());
    if ((await Promise.race([all, timer])) === 'late') {
      for (const s of running) s.proc?.kill('SIGKILL');
      await Promise.race([all, new Promise((r) => setTimeout(r, 5000).unref())]);
    }
    await this.done;
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Kills everything at once (process exit path). */
  killNow(): void {
    this.terminating = true;
    this.abort.abort();
    for (const s of this.slots) s.proc?.kill('SIGKILL');
  }

  // ---- lifecycle ----

  private async run(): Promise<void> {
    this.writeStatus();
    await this.setUpVolumes();
    for (const slot of this.slots.filter((s) => s.init)) {
      for (;;) {
        const exitCode = await this.runOnce(slot);
        if (exitCode === 0) break;
        if (this.pod.spec.restartPolicy === 'Never' && exitCode !== undefined) {
          this.phase = 'Failed';
          this.writeStatus();
          return;
        }
        await this.backoff(slot, exitCode !== undefined);
      }
    }
    this.initialized = true;
    this.writeStatus();
    await Promise.all(this.slots.filter((s) => !s.init).map((s) => this.runMain(s)));
    const mains = this.slots.filter((s) => !s.init);
    this.phase = mains.every((s) => 'terminated' in s.rt.state && s.rt.state.terminated.exitCode === 0) ? 'Succeeded' : 'Failed';
    this.writeStatus();
  }

  private async runMain(slot: Slot): Promise<void> {
    const policy = this.pod.spec.restartPolicy ?? 'Always';
    for (;;) {
      const exitCode = await this.runOnce(slot);
      if (exitCode !== undefined) {
        if (policy === 'Never' || (policy === 'OnFailure' && exitCode === 0)) return;
      }
      await this.backoff(slot, exitCode !== undefined);
    }
  }

  private async setUpVolumes(): Promise<void> {
    let delay = BACKOFF_START_MS;
    for (;;) {
      this.checkStopped();
      try {
        await this.materializeVolumes();
        return;
      } catch (err) {
        this.checkStopped();
        const message = `pod-runner: volumes: ${(err as Error).message}`;
        for (const s of this.slots) s.rt.state = { waiting: { reason: 'ContainerCreating', message } };
        this.ctx.report(this.name, message);
        this.writeStatus();
        await this.sleep(delay);
        delay = Math.min(delay * 2, BACKOFF_MAX_MS);
      }
    }
  }

  private async materializeVolumes(): Promise<void> {
    const volumes: Volume[] = [...(this.pod.spec.volumes ?? [])];
    this.extraVolumeMounts = [];
    const all = this.slots.map((s) => s.spec);
    const hasSAMount = all.some((c) => (c.volumeMounts ?? []).some((m) => normalize(m.mountPath) === SA_MOUNT_PATH));
    if (!hasSAMount && await this.automountToken()) {
      // The API server's ServiceAccount admission normally adds this volume; when it did not,
      // mount what it would have (token, ca.crt, namespace) under a name no pod uses.
      const name = 'pod-runner-kube-api-access';
      volumes.push({ name, projected: { sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
      ] } });
      this.extraVolumeMounts = [{ name, mountPath: SA_MOUNT_PATH, readOnly: true }];
    }
    const out = new Map<string, MaterializedVolume>();
    for (const v of volumes) {
      out.set(v.name, await materializeVolume(this.pod, v, join(this.dir, 'volumes', v.name), {
        net: this.net(), source: this.ctx.source, requestToken: (aud, exp) => this.requestToken(aud, exp),
      }));
    }
    if (this.extraVolumeMounts.length > 0) {
      const path = join(this.dir, 'volumes', 'pod-runner-kube-api-access', 'ca.crt');
      writeFileSync(path, this.ctx.caPem);
      chmodSync(path, 0o644);
    }
    this.volumes = out;
  }

  private async automountToken(): Promise<boolean> {
    if (this.pod.spec.automountServiceAccountToken !== undefined) return this.pod.spec.automountServiceAccountToken;
    const sa = this.pod.spec.serviceAccountName ?? 'default';
    const res = await this.ctx.client.request({ path: `/api/v1/namespaces/${this.ctx.namespace}/serviceaccounts/${sa}` });
    if (res.status !== 200) throw new ContainerConfigError(`serviceaccount "${sa}" not found (HTTP ${res.status})`);
    return res.body.automountServiceAccountToken !== false;
  }

  private async requestToken(audience: string | undefined, expirationSeconds: number): Promise<string> {
    const sa = this.pod.spec.serviceAccountName ?? 'default';
    const path = `/api/v1/namespaces/${this.ctx.namespace}/serviceaccounts/${sa}/token`;
    const res = await this.ctx.client.request({
      method: 'POST', path,
      body: {
        apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest',
        spec: {
          audiences: audience ? [audience] : [],
          expirationSeconds: Math.max(600, expirationSeconds),
          boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: this.name, uid: this.pod.metadata.uid },
        },
      },
    });
    if (res.status === 201 || res.status === 200) return res.body.status.token as string;
    // Without TokenRequest (no signing key configured) fall back to the legacy token Secret.
    const account = await this.ctx.client.request({ path: `/api/v1/namespaces/${this.ctx.namespace}/serviceaccounts/${sa}` });
    for (const ref of account.body?.secrets ?? []) {
      const secret = await this.ctx.source.secret(ref.name);
      if (secret?.data?.token) return Buffer.from(secret.data.token, 'base64').toString('utf8');
    }
    throw new ContainerConfigError(`cannot get a token for serviceaccount ${sa}: TokenRequest HTTP ${res.status} and no token Secret`);
  }

  /** Runs one instance to its end; undefined when it could not be started (config error). */
  private async runOnce(slot: Slot): Promise<number | undefined> {
    this.checkStopped();
    let prepared: { script: string; argv: string[] };
    try {
      prepared = await this.prepare(slot);
    } catch (err) {
      this.checkStopped();
      const reason = err instanceof ContainerConfigError ? err.reason : 'CreateContainerConfigError';
      const message = (err as Error).message;
      slot.rt.state = { waiting: { reason, message } };
      this.ctx.report(this.name, `container ${slot.spec.name}: ${reason}: ${message}`);
      this.writeStatus();
      return undefined;
    }
    const termFile = join(this.containerDir(slot), 'termination-log');
    writeFileSync(termFile, '');
    chmodSync(termFile, 0o666);
    const logStart = existsSync(slot.logPath) ? statSync(slot.logPath).size : 0;

    if (slot.runs > 0) slot.rt.restartCount += 1;
    slot.runs += 1;
    const nsDir = join(this.containerDir(slot), 'ns');
    mkdirSync(nsDir, { recursive: true });
    const proc = spawnContainer({ unsharePath: this.ctx.tools.unshare, shPath: this.ctx.tools.sh, script: prepared.script, argv: prepared.argv, logPath: slot.logPath });
    const started = new Date();
    slot.proc = proc;
    slot.rt.state = { running: { startedAt: kubeTime(started) } };
    slot.rt.containerID = `pod-runner://${proc.pid}`;
    slot.rt.started = !slot.spec.startupProbe;
    slot.rt.ready = !slot.init && !slot.spec.readinessProbe && !slot.spec.startupProbe;
    if (!slot.init) this.phase = 'Running';
    this.writeStatus();

    const probes = new AbortController();
    const stopProbes = () => probes.abort();
    this.abort.signal.addEventListener('abort', stopProbes);
    if (!slot.init) void this.probeLoop(slot, proc, probes.signal);
    const exit = await proc.exited;
    probes.abort();
    this.abort.signal.removeEventListener('abort', stopProbes);
    slot.proc = undefined;
    slot.rt.ready = slot.init && exit.exitCode === 0 && exit.setupOk;
    slot.rt.started = false;

    const finished = new Date();
    if (finished.getTime() - started.getTime() >= BACKOFF_RESET_AFTER_MS) slot.backoffMs = BACKOFF_START_MS;
    const termination: Termination = {
      exitCode: exit.exitCode,
      reason: !exit.setupOk ? 'StartError' : exit.exitCode === 0 ? 'Completed' : 'Error',
      startedAt: kubeTime(started),
      finishedAt: kubeTime(finished),
    };
    if (exit.signal) termination.signal = exit.signal;
    const message = this.terminationMessage(slot, termFile, logStart, exit.exitCode, exit.setupOk);
    if (message) termination.message = message;
    slot.rt.state = { terminated: termination };
    if (!exit.setupOk && !this.terminating) this.ctx.report(this.name, `container ${slot.spec.name}: StartError: ${message ?? `exit ${exit.exitCode}`}`);
    this.writeStatus();
    return exit.setupOk ? exit.exitCode : (exit.exitCode === 0 ? SETUP_FAILED_EXIT : exit.exitCode);
  }

  private terminationMessage(slot: Slot, termFile: string, logStart: number, exitCode: number, setupOk: boolean): string | undefined {
    const fromFile = readTail(termFile, 0, MESSAGE_MAX_BYTES, true);
    if (fromFile) return fromFile;
    const fallback = !setupOk || slot.spec.terminationMessagePolicy === 'FallbackToLogsOnError';
    if (!fallback || exitCode === 0) return undefined;
    const tail = readTail(slot.logPath, logStart, LOG_FALLBACK_BYTES, false);
    return tail ? tail.split('\n').slice(-LOG_FALLBACK_LINES).join('\n') : undefined;
  }

  private async backoff(slot: Slot, crashed: boolean): Promise<void> {
    const ms = slot.backoffMs;
    slot.backoffMs = Math.min(slot.backoffMs * 2, BACKOFF_MAX_MS);
    if (crashed) {
      const st = slot.rt.state;
      if ('terminated' in st) slot.rt.lastState = st.terminated;
      slot.rt.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${ms}ms restarting failed container=${slot.spec.name} pod=${this.name}` } };
      this.writeStatus();
    }
    await this.sleep(ms);
  }

  private async prepare(slot: Slot): Promise<{ script: string; argv: string[] }> {
    const c = slot.spec;
    checkProbe(c.readinessProbe, c, 'readinessProbe');
    checkProbe(c.livenessProbe, c, 'livenessProbe');
    checkProbe(c.startupProbe, c, 'startupProbe');
    const env = await resolveEnv(this.pod, c, {
      net: this.net(), serviceEnv: this.ctx.serviceEnv, source: this.ctx.source,
      runtimeEnv: new Map([['PATH', this.ctx.containerPATH], ['HOSTNAME', this.pod.spec.hostname ?? this.name]]),
    });
    const { command, args } = expandCommand(c, env);
    if (command.length === 0) {
      throw new ContainerConfigError(`pod-runner: container ${c.name} has no command; the runner cannot know the entrypoint of image ${c.image ?? '(none)'}: set command in the pod spec`, 'RunContainerError');
    }
    const mapped = this.ctx.commands.get(command[0]);
    if (!mapped) {
      throw new ContainerConfigError(`pod-runner: no mapping for command ${JSON.stringify(command[0])} of container ${c.name}; pass commands: { ${JSON.stringify(command[0])}: [...] } to startPodRunner`, 'RunContainerError');
    }
    const id = identityFor(this.pod.spec, c);

    const requests: MountRequest[] = [];
    for (const vm of [...(c.volumeMounts ?? []), ...this.extraVolumeMounts]) {
      const vol = this.volumes.get(vm.name);
      if (!vol) throw new ContainerConfigError(`volumeMount ${vm.name} of container ${c.name} names no volume of the pod`);
      const sub = vm.subPathExpr !== undefined ? expandVars(vm.subPathExpr, lookupIn(env)) : vm.subPath;
      let source = vol.hostPath;
      if (sub) {
        const norm = normalize(sub);
        if (sub.startsWith('/') || norm === '..' || norm.startsWith('../')) throw new ContainerConfigError(`subPath ${JSON.stringify(sub)} must be relative and stay inside the volume`);
        source = join(vol.hostPath, norm);
        if (!existsSync(source)) {
          if (vol.alwaysReadOnly) throw new ContainerConfigError(`subPath ${sub} does not exist in volume ${vm.name}`);
          mkdirSync(source, { recursive: true, mode: 0o777 });
        }
      }
      const isFile = !statSync(source).isDirectory();
      requests.push({ source, target: vm.mountPath, readOnly: vm.readOnly === true || vol.alwaysReadOnly, isFile });
    }
    requests.push({ source: join(this.containerDir(slot), 'termination-log'), target: c.terminationMessagePath ?? '/dev/termination-log', readOnly: false, isFile: true });
    requests.push(...this.ctx.extraMounts);
    const layout = planMounts(requests);

    const script = sandboxScript({
      nsDir: join(this.containerDir(slot), 'ns'),
      overlays: layout.overlays,
      binds: layout.binds,
      readOnlyRootFilesystem: c.securityContext?.readOnlyRootFilesystem === true,
      workingDir: c.workingDir ?? '/',
      setpriv: setprivOptions(id, c),
      setprivPath: this.ctx.tools.setpriv,
    });
    const envPairs = [...env].map(([k, v]) => `${k}=${v}`);
    return { script, argv: [this.ctx.tools.env, '-i', '--', ...envPairs, ...mapped, ...command.slice(1), ...args] };
  }

  private async probeLoop(slot: Slot, proc: ContainerProcess, signal: AbortSignal): Promise<void> {
    const c = slot.spec;
    const cap = this.ctx.readinessPeriodCapMs;
    const loop = async (probe: Probe, kind: string, periodMs: number, onResult: (ok: boolean, detail: string) => boolean): Promise<void> => {
      await this.sleep((probe.initialDelaySeconds ?? 0) * 1000, signal).catch(() => undefined);
      while (!signal.aborted) {
        const r = await runProbe(probe, c, this.podIP, kind);
        if (signal.aborted || !onResult(r.ok, r.detail)) return;
        await this.sleep(periodMs, signal).catch(() => undefined);
      }
    };
    const period = (p: Probe) => (p.periodSeconds ?? 10) * 1000;
    const counter = (p: Probe) => {
      let ok = 0;
      let bad = 0;
      return (success: boolean) => {
        if (success) { ok += 1; bad = 0; } else { bad += 1; ok = 0; }
        return { passed: ok >= (p.successThreshold ?? 1), failed: bad >= (p.failureThreshold ?? 3) };
      };
    };

    if (c.startupProbe) {
      const probe = c.startupProbe;
      const count = counter(probe);
      let started = false;
      await loop(probe, 'startupProbe', period(probe), (ok, detail) => {
        const r = count(ok);
        if (r.passed) { started = true; return false; }
        if (r.failed) { this.killForProbe(slot, proc, 'Startup', detail); return false; }
        return true;
      });
      if (!started || signal.aborted) return;
      slot.rt.started = true;
      if (!c.readinessProbe) slot.rt.ready = true;
      this.writeStatus();
    }
    const tasks: Promise<void>[] = [];
    if (c.readinessProbe) {
      const probe = c.readinessProbe;
      const count = counter(probe);
      tasks.push(loop(probe, 'readinessProbe', Math.min(period(probe), cap), (ok) => {
        const r = count(ok);
        const ready = r.passed ? true : r.failed ? false : slot.rt.ready;
        if (ready !== slot.rt.ready && !signal.aborted) {
          slot.rt.ready = ready;
          this.writeStatus();
        }
        return true;
      }));
    }
    if (c.livenessProbe) {
      const probe = c.livenessProbe;
      const count = counter(probe);
      tasks.push(loop(probe, 'livenessProbe', period(probe), (ok, detail) => {
        if (!count(ok).failed) return true;
        this.killForProbe(slot, proc, 'Liveness', detail);
        return false;
      }));
    }
    await Promise.all(tasks);
  }

  private killForProbe(slot: Slot, proc: ContainerProcess, kind: string, detail: string): void {
    this.ctx.report(this.name, `container ${slot.spec.name}: ${kind} probe failed (${detail}); restarting it`);
    proc.kill('SIGTERM');
    const graceMs = Math.min(this.pod.spec.terminationGracePeriodSeconds ?? 30, 10) * 1000;
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    timer.unref();
    void proc.exited.then(() => clearTimeout(timer));
  }

  // ---- status ----

  private writeStatus(): void {
    if (this.gone || this.terminating) return;
    if (this.writing) {
      this.writeAgain = true;
      return;
    }
    this.writing = (async () => {
      do {
        this.writeAgain = false;
        await this.writeOnce();
      } while (this.writeAgain && !this.gone && !this.terminating);
    })().finally(() => { this.writing = undefined; });
  }

  private async writeOnce(): Promise<void> {
    const now = kubeTime(new Date());
    const status = buildPodStatus({
      podIP: this.podIP, hostIP: this.net().hostIP, startTime: this.startTime, phase: this.phase,
      initialized: this.initialized,
      initContainers: this.slots.filter((s) => s.init).map((s) => s.rt),
      containers: this.slots.filter((s) => !s.init).map((s) => s.rt),
    }, this.conditions, now);
    this.conditions = status.conditions as PodCondition[];
    const text = JSON.stringify(status);
    if (text === this.lastWritten) return;
    const path = `/api/v1/namespaces/${this.ctx.namespace}/pods/${this.name}/status`;
    try {
      const res = await this.ctx.client.request({ method: 'PATCH', path, body: { status }, contentType: 'application/merge-patch+json' });
      if (res.status === 404) {
        this.gone = true;
      } else if (res.status >= 300) {
        this.ctx.report(this.name, `status write rejected: HTTP ${res.status}: ${typeof res.body === 'string' ? res.body.slice(0, 300) : res.body?.message}`);
      } else {
        this.lastWritten = text;
      }
    } catch (err) {
      this.ctx.report(this.name, `status write failed: ${(err as Error).message}`);
    }
  }

  // ---- helpers ----

  private net() {
    return { podIP: this.podIP, hostIP: '127.0.0.1' };
  }

  private containerDir(slot: Slot): string {
    const dir = join(this.dir, 'containers', `${slot.init ? 'init-' : ''}${slot.spec.name}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  private checkStopped(): void {
    if (this.terminating) throw new Stopped();
  }

  /** Sleeps, or throws Stopped when the pod is being terminated (or `signal` aborts). */
  private sleep(ms: number, signal: AbortSignal = this.abort.signal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) { reject(new Stopped()); return; }
      const onAbort = () => { clearTimeout(timer); reject(new Stopped()); };
      const timer = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, ms);
      timer.unref();
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** Up to `max` bytes from the end of a file, read from `start` on; trimmed of trailing blank lines for logs. */
function readTail(path: string, start: number, max: number, exact: boolean): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = statSync(path).size;
    const from = exact ? start : Math.max(start, size - max);
    const length = Math.min(max, size - from);
    if (length <= 0) return undefined;
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, from);
    const text = buf.toString('utf8');
    return exact ? text : text.replace(/\n+$/, '');
  } finally {
    closeSync(fd);
  }
}
