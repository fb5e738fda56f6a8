// Plays the kubelet for ONE Pod: volumes once, init containers in order (each to completion, with
// restart backoff), then the main containers with probes and restarts, status through the status
// subresource. Terminates its processes when told the Pod is gone. Reads only the real objects.
import { closeSync, chmodSync, existsSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { planLaunch, type Launch } from './launch.js';
import { buildPodStatus, kubeTime, type ContainerRuntime, type PodCondition, type PodPhase, type Termination } from './pod-status.js';
import { ContainerConfigError, type Container, type Pod } from './pod-types.js';
import { setUpPodVolumes, type PodVolumes } from './pod-volumes.js';
import { probeContainer } from './probe-loop.js';
import { spawnContainer, type ContainerProcess } from './process.js';
import type { ContainerView, RunnerContext, RunnerPodView } from './runner-context.js';
import { SETUP_FAILED_EXIT } from './sandbox-script.js';
import { StatusWriter } from './status-writer.js';

const BACKOFF_START_MS = 500;
const BACKOFF_MAX_MS = 8000;
/** A container that ran this long starts its next backoff from the beginning again. */
const BACKOFF_RESET_AFTER_MS = 10_000;
const MESSAGE_MAX_BYTES = 4096;
const LOG_FALLBACK_BYTES = 2048;
const LOG_FALLBACK_LINES = 80;

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
  private volumes: PodVolumes = { volumes: new Map(), extraMounts: [] };
  private conditions: PodCondition[] = [];
  private readonly status: StatusWriter;
  readonly done: Promise<void>;

  constructor(public pod: Pod, readonly podIP: string, private readonly ctx: RunnerContext) {
    this.dir = join(ctx.workDir, pod.metadata.uid);
    this.status = new StatusWriter(ctx.client, `/api/v1/namespaces/${ctx.namespace}/pods/${pod.metadata.name}/status`,
      () => this.buildStatus(), (message) => ctx.report(pod.metadata.name, message));
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
    this.status.close();
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
    this.status.close();
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
        this.volumes = await setUpPodVolumes(this.pod, join(this.dir, 'volumes'), this.net(), this.ctx);
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

  /** Runs one instance to its end; undefined when it could not be started (config error). */
  private async runOnce(slot: Slot): Promise<number | undefined> {
    this.checkStopped();
    const termFile = join(this.containerDir(slot), 'termination-log');
    const nsDir = join(this.containerDir(slot), 'ns');
    let prepared: Launch;
    try {
      prepared = await planLaunch(this.pod, slot.spec, this.volumes, this.net(), { terminationFile: termFile, nsDir }, this.ctx);
    } catch (err) {
      this.checkStopped();
      const reason = err instanceof ContainerConfigError ? err.reason : 'CreateContainerConfigError';
      const message = (err as Error).message;
      slot.rt.state = { waiting: { reason, message } };
      this.ctx.report(this.name, `container ${slot.spec.name}: ${reason}: ${message}`);
      this.writeStatus();
      return undefined;
    }
    // The pod may have been deleted while the launch was prepared: start nothing then.
    this.checkStopped();
    writeFileSync(termFile, '');
    chmodSync(termFile, 0o666);
    const logStart = existsSync(slot.logPath) ? statSync(slot.logPath).size : 0;

    if (slot.runs > 0) slot.rt.restartCount += 1;
    slot.runs += 1;
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
    if (!slot.init) {
      void probeContainer(slot.spec, this.podIP, this.ctx.readinessPeriodCapMs, probes.signal, {
        started: () => {
          slot.rt.started = true;
          if (!slot.spec.readinessProbe) slot.rt.ready = true;
          this.writeStatus();
        },
        setReady: (ready) => {
          if (ready === slot.rt.ready || probes.signal.aborted) return;
          slot.rt.ready = ready;
          this.writeStatus();
        },
        kill: (kind, detail) => this.killForProbe(slot, proc, kind, detail),
      });
    }
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

  private killForProbe(slot: Slot, proc: ContainerProcess, kind: string, detail: string): void {
    this.ctx.report(this.name, `container ${slot.spec.name}: ${kind} probe failed (${detail}); restarting it`);
    proc.kill('SIGTERM');
    const graceMs = Math.min(this.pod.spec.terminationGracePeriodSeconds ?? 30, 10) * 1000;
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    timer.unref();
    void proc.exited.then(() => clearTimeout(timer));
  }

  private writeStatus(): void {
    this.status.schedule();
  }

  private buildStatus(): Record<string, unknown> {
    const status = buildPodStatus({
      podIP: this.podIP, hostIP: this.net().hostIP, startTime: this.startTime, phase: this.phase,
      initialized: this.initialized,
      initContainers: this.slots.filter((s) => s.init).map((s) => s.rt),
      containers: this.slots.filter((s) => !s.init).map((s) => s.rt),
    }, this.conditions, kubeTime(new Date()));
    this.conditions = status.conditions as PodCondition[];
    return status;
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
