// Runs a container instance's probes the way the kubelet schedules them: startupProbe first (its
// failure kills the container), then readinessProbe (sets ready) and livenessProbe (kills after
// failureThreshold) side by side, until the instance ends (the signal aborts).
import { runProbe } from './probe.js';
import type { Container, Probe } from './pod-types.js';

export interface ProbeHooks {
  started(): void;
  setReady(ready: boolean): void;
  kill(kind: 'Startup' | 'Liveness', detail: string): void;
}

const pause = (ms: number, signal: AbortSignal): Promise<void> => new Promise((resolve) => {
  if (signal.aborted) return resolve();
  const done = () => { clearTimeout(timer); signal.removeEventListener('abort', done); resolve(); };
  const timer = setTimeout(done, ms);
  timer.unref();
  signal.addEventListener('abort', done, { once: true });
});

/** Consecutive-result thresholds of one probe. */
function thresholds(p: Probe): (ok: boolean) => { passed: boolean; failed: boolean } {
  let good = 0;
  let bad = 0;
  return (ok) => {
    if (ok) { good += 1; bad = 0; } else { bad += 1; good = 0; }
    return { passed: good >= (p.successThreshold ?? 1), failed: bad >= (p.failureThreshold ?? 3) };
  };
}

async function every(probe: Probe, periodMs: number, c: Container, podIP: string, kind: string, signal: AbortSignal,
  onResult: (ok: boolean, detail: string) => boolean): Promise<void> {
  await pause((probe.initialDelaySeconds ?? 0) * 1000, signal);
  while (!signal.aborted) {
    const r = await runProbe(probe, c, podIP, kind);
    if (signal.aborted || !onResult(r.ok, r.detail)) return;
    await pause(periodMs, signal);
  }
}

/** `readinessCapMs` shortens readiness periods so tests need not wait out periodSeconds: 10. */
export async function probeContainer(c: Container, podIP: string, readinessCapMs: number, signal: AbortSignal, hooks: ProbeHooks): Promise<void> {
  const period = (p: Probe) => (p.periodSeconds ?? 10) * 1000;
  if (c.startupProbe) {
    const count = thresholds(c.startupProbe);
    let passed = false;
    await every(c.startupProbe, period(c.startupProbe), c, podIP, 'startupProbe', signal, (ok, detail) => {
      const r = count(ok);
      if (r.passed) passed = true;
      else if (r.failed) hooks.kill('Startup', detail);
      return !r.passed && !r.failed;
    });
    if (!passed || signal.aborted) return;
    hooks.started();
  }
  const tasks: Promise<void>[] = [];
  const readiness = c.readinessProbe;
  if (readiness) {
    const count = thresholds(readiness);
    tasks.push(every(readiness, Math.min(period(readiness), readinessCapMs), c, podIP, 'readinessProbe', signal, (ok) => {
      const r = count(ok);
      if (r.passed) hooks.setReady(true);
      else if (r.failed) hooks.setReady(false);
      return true;
    }));
  }
  const liveness = c.livenessProbe;
  if (liveness) {
    const count = thresholds(liveness);
    tasks.push(every(liveness, period(liveness), c, podIP, 'livenessProbe', signal, (ok, detail) => {
      if (!count(ok).failed) return true;
      hooks.kill('Liveness', detail);
      return false;
    }));
  }
  await Promise.all(tasks);
}
