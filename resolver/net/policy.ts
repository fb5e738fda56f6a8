// How hard a fetch tries: attempts, the budget of one attempt, the budget of one connection. Every
// command that builds or runs a bundle (resolve, lock, plan, run, template) uses the defaults of
// http-client.ts (LIMITS: retries with backoff, 30 s per attempt). `ork validate` passes
// QUICK_CHECK through the SourceContext: what it cannot fetch is only a warning there, so a host
// that is down should cost one refused connection, not a round of retries.
import { LIMITS } from '../../shared/limits.js';
import type { RetryPolicy } from './retry.js';

export interface FetchPolicy {
  retry?: Partial<RetryPolicy>;
  /** One attempt: connect, redirects, headers and whole body. */
  timeoutMs?: number;
  /** One connection: TCP connect and TLS handshake. Default: timeoutMs. */
  connectTimeoutMs?: number;
}

/** `ork validate`: one attempt, a short connect budget, a bounded answer. */
export const QUICK_CHECK: FetchPolicy = Object.freeze({
  retry: Object.freeze({ maxAttempts: 1 }),
  timeoutMs: LIMITS.validateRequestTimeoutMs,
  connectTimeoutMs: LIMITS.validateConnectTimeoutMs,
});

/**
 * The fields of httpGet's options a policy sets, a source's own knobs (tests) winning over the
 * context's policy; nothing when neither says anything, so http-client's defaults apply.
 */
export function policyOptions(network: FetchPolicy | undefined, own: FetchPolicy = {}): FetchPolicy {
  const retry = own.retry ?? network?.retry;
  const timeoutMs = own.timeoutMs ?? network?.timeoutMs;
  const connectTimeoutMs = own.connectTimeoutMs ?? network?.connectTimeoutMs;
  return {
    ...(retry ? { retry } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(connectTimeoutMs ? { connectTimeoutMs } : {}),
  };
}
