// When and how long to wait before trying a GET again: only 408, 429 and 5xx answers (and network
// errors, decided by the client) are retried, with exponential backoff and jitter, honouring a
// server's Retry-After but never past the cap. Pure.
import { LIMITS } from '../../shared/limits.js';

export interface RetryPolicy {
  /** Attempts in all, first included. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles each time, with jitter. */
  baseDelayMs: number;
  /** Cap on any single wait, a server's Retry-After included. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: LIMITS.maxAttempts,
  baseDelayMs: 500,
  maxDelayMs: LIMITS.maxBackoffMs,
};

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date always names a day or month; this keeps Date.parse from reading "-1" as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Wait before attempt `attempt + 1`: Retry-After when given, else base·2^(attempt−1) with jitter; always ≤ maxDelayMs. */
export function retryDelay(attempt: number, retryAfterMs: number | undefined, policy: RetryPolicy, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const exponential = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  // Jitter in [½, 1] of the step spreads clients that failed together without shrinking the wait much.
  return Math.round(exponential * (0.5 + random() / 2));
}
