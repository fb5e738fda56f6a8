// A resizable concurrency limit over the reconciles of one CRD, and the live numbers autoscale
// conditions read: in-flight and limit (busy/idle percent), a rolling P95 of reconcile durations,
// and the error rate since start. A CRD with autoscale runs as many workers as its largest count;
// the limit decides how many reconcile at once.
import type { AutoscaleMetrics } from '../../shared/autoscale/index.js';
import { RollingPercentile } from './rolling-percentile.js';

const P95_WINDOW = 256;

export class ReconcileLimiter {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly durations = new RollingPercentile(P95_WINDOW, 0.95);
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
      reconcileDurationP95Ms: round(this.durations.value()),
      errorRatePercent: this.total === 0 ? 0 : round((this.failed / this.total) * 100),
    };
  }

  private record(ms: number, ok: boolean): void {
    this.total++;
    if (!ok) this.failed++;
    this.durations.add(ms);
  }

  /** Every waiter checks again (each takes a slot synchronously, so no more than `limit` run). */
  private wake(): void {
    for (const resume of this.waiting.splice(0)) resume();
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
