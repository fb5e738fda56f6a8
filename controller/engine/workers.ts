// Runs n workers over a WorkQueue: each takes a key, reconciles it, and tells the queue what
// happened — success forgets the key's backoff, an error retries it rate-limited (unless it is
// terminal: retrying cannot help, so only a later event or resync brings the key back, like
// controller-runtime's TerminalError), requeueAfter schedules the next look. One reconcile per
// key at a time is the queue's guarantee, not ours.
import type { WorkQueue } from './queue.js';

/** What a reconcile asks for besides success: another look later. */
export interface ReconcileResult {
  /** Reconcile again after this long (the backoff is reset: this is not a failure). */
  requeueAfterMs?: number;
  /** Reconcile again, rate-limited, without reporting an error. */
  requeue?: boolean;
}

export type Reconcile = (key: string) => Promise<ReconcileResult | void>;

export interface RunWorkersOptions {
  /**
   * Consecutive failures after which a key stops being retried (it is forgotten and onGiveUp is
   * called); a later event or the periodic resync brings it back. Default: retry forever.
   */
  failureThreshold?: number;
  /** Each failed reconcile, with the number of failures of that key so far (1, 2, …). */
  onError?: (key: string, err: unknown, failures: number) => void;
  onGiveUp?: (key: string, err: unknown) => void;
  /** Errors not to retry: the key is forgotten at once and onTerminal called (not onError). */
  isTerminal?: (err: unknown) => boolean;
  onTerminal?: (key: string, err: unknown) => void;
}

/**
 * Starts `n` workers; resolves when the queue has been shut down and every worker has finished
 * its in-flight reconcile.
 */
export async function runWorkers(queue: WorkQueue, n: number, reconcile: Reconcile, options: RunWorkersOptions = {}): Promise<void> {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`workers must be a positive integer, got ${n}`);
  const workers = Array.from({ length: n }, () => worker(queue, reconcile, options));
  await Promise.all(workers);
}

async function worker(queue: WorkQueue, reconcile: Reconcile, options: RunWorkersOptions): Promise<void> {
  for (;;) {
    const key = await queue.get();
    if (key === undefined) return;
    try {
      await processOne(queue, key, reconcile, options);
    } finally {
      queue.done(key);
    }
  }
}

async function processOne(queue: WorkQueue, key: string, reconcile: Reconcile, options: RunWorkersOptions): Promise<void> {
  let result: ReconcileResult | void;
  try {
    // A reconcile that throws synchronously is a failure like any other.
    result = await Promise.resolve().then(() => reconcile(key));
  } catch (err) {
    if (options.isTerminal?.(err)) {
      queue.forget(key);
      safely(() => options.onTerminal?.(key, err));
      return;
    }
    const failures = queue.numRequeues(key) + 1;
    safely(() => options.onError?.(key, err, failures));
    if (options.failureThreshold !== undefined && failures >= options.failureThreshold) {
      queue.forget(key);
      safely(() => options.onGiveUp?.(key, err));
    } else {
      queue.addRateLimited(key);
    }
    return;
  }
  if (result?.requeueAfterMs !== undefined && result.requeueAfterMs > 0) {
    queue.forget(key);
    queue.addAfter(key, result.requeueAfterMs);
  } else if (result?.requeue) {
    queue.addRateLimited(key);
  } else {
    queue.forget(key);
  }
}

/** A logging callback that throws must not kill a worker. */
function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // ignored on purpose: the worker's bookkeeping matters more than a broken log sink
  }
}
