// Rate limiters for the work queue's addRateLimited: how long a key waits before its retry.
// The default combines a per-key exponential backoff with an overall token bucket and takes the
// longer of the two, so one failing key backs off alone while a storm of failures is bounded in
// total. Pure state machines over a Clock; they schedule nothing.
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import type { Clock } from './clock.js';

export interface RateLimiter {
  /** Records one more failure of `key` and returns how long it should wait (ms). */
  when(key: string): number;
  /** Resets the key's failure history (after a success). */
  forget(key: string): void;
  /** Failures recorded for the key since the last forget. */
  numRequeues(key: string): number;
}

export const DEFAULT_ITEM_BACKOFF: BackoffPolicy = { baseMs: 5, capMs: 5 * 60_000 };
export const DEFAULT_BUCKET = { qps: 10, burst: 100 };

/** Per key: base · 2^failures, capped. */
export class ItemExponentialLimiter implements RateLimiter {
  private readonly failures = new Map<string, number>();

  constructor(private readonly policy: BackoffPolicy = DEFAULT_ITEM_BACKOFF) {}

  when(key: string): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    return backoffDelay({ baseMs: this.policy.baseMs, capMs: this.policy.capMs }, n);
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }
}

/**
 * Overall limit shared by all keys: `burst` retries at once, then one per 1/qps seconds. Each
 * call reserves a token, possibly in the future, so delays grow with the backlog.
 */
export class TokenBucketLimiter implements RateLimiter {
  private tokens: number;
  private last: number;

  constructor(private readonly clock: Clock, private readonly qps = DEFAULT_BUCKET.qps, private readonly burst = DEFAULT_BUCKET.burst) {
    if (!(qps > 0) || !(burst >= 1)) throw new RangeError('token bucket needs qps > 0 and burst ≥ 1');
    this.tokens = burst;
    this.last = clock.now();
  }

  when(): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.qps) / 1000);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens * 1000) / this.qps;
  }

  forget(): void {}

  numRequeues(): number {
    return 0;
  }
}

/** The longest delay of several limiters; failures are counted by the one counting most. */
export class MaxOfLimiter implements RateLimiter {
  private readonly limiters: RateLimiter[];

  constructor(...limiters: RateLimiter[]) {
    this.limiters = limiters;
  }

  when(key: string): number {
    // Every limiter must record the failure, so no short-circuit.
    return this.limiters.map((l) => l.when(key)).reduce((a, b) => Math.max(a, b), 0);
  }

  forget(key: string): void {
    for (const l of this.limiters) l.forget(key);
  }

  numRequeues(key: string): number {
    return this.limiters.map((l) => l.numRequeues(key)).reduce((a, b) => Math.max(a, b), 0);
  }
}

export interface DefaultLimiterOptions {
  item?: BackoffPolicy;
  qps?: number;
  burst?: number;
}

/** 5 ms doubling to 5 min per key, and 10 retries/s with a burst of 100 overall. */
export function defaultControllerRateLimiter(clock: Clock, options: DefaultLimiterOptions = {}): RateLimiter {
  return new MaxOfLimiter(
    new ItemExponentialLimiter(options.item ?? DEFAULT_ITEM_BACKOFF),
    new TokenBucketLimiter(clock, options.qps ?? DEFAULT_BUCKET.qps, options.burst ?? DEFAULT_BUCKET.burst),
  );
}
