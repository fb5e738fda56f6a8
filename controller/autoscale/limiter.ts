// A resizable concurrency limit over the reconciles of one CRD, and the live numbers autoscale
// conditions read: in-flight and limit (busy/idle percent), a rolling P95 of reconcile durations,
// and the error rate since start. A CRD with autoscale runs as many workers as its largest count;
// the limit decides how many reconcile at once.
import type { AutoscaleMetrics } from '../../shared/autoscale/index.js';

const P95_WINDOW = 256;

export class ReconcileLimiter {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly durations: number[] = [];
  private total = 0;
  private failed = 0;

  constructor(private current: number, private readonly now: () => number = () => performance.now()) {}

  get limit(): number {
    return this.current;
  }

  setLimit(limit: number): void {
    this.current = limit;
    this.wake();
  }

  /** Runs `work` once fewer than `limit` others run; records its duration and outcome. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    while (this.inFlight >= this.current) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    const started = this.now();
    let ok = false;
    try {
      const result = await work();
      ok = true;
      return result;
    } finally {
      this.inFlight--;
      this.record(this.now() - started, ok);
      this.wake();
    }
  }

  /** The metrics autoscale conditions read; queueDepth comes from the queue. */
  snapshot(queueDepth: number): AutoscaleMetrics {
    const busy = this.current > 0 ? Math.min(100, (this.inFlight / this.current) * 100) : 0;
    return {
      queueDepth,
      workersBusyPercent: round(busy),
      workersIdlePercent: round(100 - busy),
      reconcileDurationP95Ms: round(p95(this.durations)),
      errorRatePercent: this.total === 0 ? 0 : round((this.failed / this.total) * 100),
    };
  }

  private record(ms: number, ok: boolean): void {
    this.total++;
    if (!ok) this.failed++;
    this.durations.push(ms);
    if (this.durations.length > P95_WINDOW) this.durations.shift();
  }

  /** Every waiter checks again (each takes a slot synchronously, so no more than `limit` run). */
  private wake(): void {
    for (const resume of this.waiting.splice(0)) resume();
  }
}

function p95(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)]!;
}

const round = (n: number) => Math.round(n * 10) / 10;
