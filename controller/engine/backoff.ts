// Exponential backoff as a pure function of the attempt number: used by the queue's per-key
// limiter (retries of a failed reconcile) and by the informer (restarts after a failed list or
// watch). No timers here; callers sleep on their Clock.

export interface BackoffPolicy {
  /** Delay of the first retry. */
  baseMs: number;
  /** No delay exceeds this. */
  capMs: number;
  /**
   * Fraction of random spread added on top (0.1 → up to +10 %), so that many informers failing
   * together do not retry in lockstep. The result still never exceeds capMs.
   */
  jitter?: number;
}

/**
 * Delay before retry number `attempt` (0 = first retry): baseMs · 2^attempt, capped.
 * `random` is injectable so tests are exact.
 */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const { baseMs, capMs } = policy;
  // 2^1024 is Infinity; past the cap the exponent no longer matters.
  const raw = attempt >= 64 ? Infinity : baseMs * 2 ** Math.max(0, attempt);
  const delay = Math.min(raw, capMs);
  const jitter = policy.jitter ?? 0;
  if (jitter <= 0) return delay;
  return Math.min(capMs, delay + delay * jitter * random());
}
