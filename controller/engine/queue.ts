// The work queue between informer events and reconcilers, with controller-runtime's semantics:
// a key waits at most once, a key is never handed to two workers at once (an add while it is
// processed marks it dirty and it is re-queued on done), delayed and rate-limited adds, and a
// bounded shutdown. It holds keys only — never objects — and calls no API.
import type { Clock, Timer } from './clock.js';
import { DelayHeap } from './delay-heap.js';
import { noQueueMetrics, type QueueMetrics } from './queue-metrics.js';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limit.js';

export interface WorkQueueOptions {
  clock: Clock;
  rateLimiter?: RateLimiter;
  metrics?: QueueMetrics;
  /**
   * Most keys waiting at once. A new key beyond it is dropped (metrics.dropped): it is the
   * informer's periodic resync that brings it back. Keys already accepted — re-queues of dirty
   * keys and delayed/rate-limited retries falling due — are never dropped, so a retry is not
   * lost; they may take the queue past maxDepth for a moment.
   */
  maxDepth?: number;
}

export class WorkQueue {
  private readonly clock: Clock;
  private readonly limiter: RateLimiter;
  private readonly metrics: QueueMetrics;
  private maxDepth: number;
  /** Waiting keys in FIFO order (a Set keeps insertion order and dedupes). */
  private readonly ready = new Set<string>();
  /** Keys that need processing: waiting in `ready`, or processing and added again. */
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly queuedAt = new Map<string, number>();
  private readonly startedAt = new Map<string, number>();
  private readonly delayed = new DelayHeap();
  private delayTimer: Timer | undefined;
  private delayTimerAt = Infinity;
  private readonly getters: Array<(key: string | undefined) => void> = [];
  private readonly idleWaiters: Array<() => void> = [];
  private shuttingDown = false;

  constructor(options: WorkQueueOptions) {
    this.clock = options.clock;
    this.limiter = options.rateLimiter ?? defaultControllerRateLimiter(options.clock);
    this.metrics = options.metrics ?? noQueueMetrics;
    this.maxDepth = options.maxDepth ?? Infinity;
  }

  add(key: string): void {
    this.enqueue(key, false);
  }

  /** Adds the key once `ms` has passed; an earlier pending time for the same key wins. */
  addAfter(key: string, ms: number): void {
    if (this.shuttingDown) return;
    if (!(ms > 0)) {
      this.enqueue(key, true);
      return;
    }
    if (this.delayed.offer(key, this.clock.now() + ms)) this.armDelayTimer();
  }

  /** Adds the key after the rate limiter's delay for it (per-key backoff, overall bucket). */
  addRateLimited(key: string): void {
    if (this.shuttingDown) return;
    this.metrics.retry();
    this.addAfter(key, this.limiter.when(key));
  }

  /** Ends the key's backoff: its next failure starts again from the base delay. */
  forget(key: string): void {
    this.limiter.forget(key);
  }

  numRequeues(key: string): number {
    return this.limiter.numRequeues(key);
  }

  /** The next key, waiting for one; undefined once the queue is shut down. */
  get(): Promise<string | undefined> {
    if (this.shuttingDown) return Promise.resolve(undefined);
    const key = this.takeFirst();
    if (key !== undefined) return Promise.resolve(this.handOut(key));
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** The worker is finished with the key; if it was added meanwhile it is queued again. */
  done(key: string): void {
    if (!this.processing.delete(key)) return;
    const started = this.startedAt.get(key);
    this.startedAt.delete(key);
    if (started !== undefined) this.metrics.workDuration((this.clock.now() - started) / 1000);
    if (this.dirty.has(key) && !this.shuttingDown) {
      this.queuedAt.set(key, this.clock.now());
      this.offerReady(key);
    }
    if (this.processing.size === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  /** A new depth limit from now on (autoscale); keys already queued stay. Infinity: none. */
  setMaxDepth(maxDepth: number): void {
    this.maxDepth = maxDepth;
  }

  /** Keys waiting to be handed out (not counting delayed or processing ones). */
  len(): number {
    return this.ready.size;
  }

  /** Keys handed out and not yet done. */
  inFlight(): number {
    return this.processing.size;
  }

  isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** For the `workqueue_longest_running_processor_seconds` gauge. */
  longestRunningProcessorSeconds(): number {
    let oldest = Infinity;
    for (const t of this.startedAt.values()) oldest = Math.min(oldest, t);
    return oldest === Infinity ? 0 : (this.clock.now() - oldest) / 1000;
  }

  /** For `workqueue_unfinished_work_seconds`: summed age of all keys being processed. */
  unfinishedWorkSeconds(): number {
    const now = this.clock.now();
    let total = 0;
    for (const t of this.startedAt.values()) total += now - t;
    return total / 1000;
  }

  /**
   * Stops accepting keys and wakes every waiting get() with undefined. Keys still waiting are
   * discarded: the reconcile is level-based, and the next start lists everything again.
   */
  shutDown(): void {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    this.delayTimer?.cancel();
    this.delayTimer = undefined;
    this.delayTimerAt = Infinity;
    this.delayed.clear();
    for (const key of this.ready) this.dirty.delete(key);
    this.ready.clear();
    this.queuedAt.clear();
    this.metrics.depth(0);
    for (const resolve of this.getters.splice(0)) resolve(undefined);
  }

  /** shutDown, then wait for in-flight keys to be done, at most `timeoutMs`. True if drained. */
  async shutDownWithDrain(timeoutMs: number): Promise<boolean> {
    this.shutDown();
    if (this.processing.size === 0) return true;
    let timer: Timer | undefined;
    const drained = await Promise.race([
      new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true))),
      new Promise<boolean>((resolve) => {
        timer = this.clock.setTimer(timeoutMs, () => resolve(false));
      }),
    ]);
    timer?.cancel();
    return drained;
  }

  private enqueue(key: string, accepted: boolean): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    const isProcessing = this.processing.has(key);
    if (!accepted && !isProcessing && this.ready.size >= this.maxDepth) {
      this.metrics.dropped();
      return;
    }
    this.metrics.add();
    this.dirty.add(key);
    if (isProcessing) return;
    this.queuedAt.set(key, this.clock.now());
    this.offerReady(key);
  }

  /** Hands the key straight to a waiting worker, or puts it at the back of the line. */
  private offerReady(key: string): void {
    const getter = this.getters.shift();
    if (getter) {
      getter(this.handOut(key));
      return;
    }
    this.ready.add(key);
    this.metrics.depth(this.ready.size);
  }

  private takeFirst(): string | undefined {
    const first = this.ready.values().next();
    if (first.done) return undefined;
    this.ready.delete(first.value);
    this.metrics.depth(this.ready.size);
    return first.value;
  }

  private handOut(key: string): string {
    const now = this.clock.now();
    const queued = this.queuedAt.get(key);
    this.queuedAt.delete(key);
    if (queued !== undefined) this.metrics.queueDuration((now - queued) / 1000);
    this.dirty.delete(key);
    this.processing.add(key);
    this.startedAt.set(key, now);
    return key;
  }

  /** One timer, always set for the soonest delayed key. */
  private armDelayTimer(): void {
    const at = this.delayed.peekAt();
    if (at === undefined || at >= this.delayTimerAt) return;
    this.delayTimer?.cancel();
    this.delayTimerAt = at;
    this.delayTimer = this.clock.setTimer(at - this.clock.now(), () => this.releaseDue());
  }

  private releaseDue(): void {
    this.delayTimer = undefined;
    this.delayTimerAt = Infinity;
    for (const key of this.delayed.popDue(this.clock.now())) this.enqueue(key, true);
    this.armDelayTimer();
  }
}
