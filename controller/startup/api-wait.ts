// Waiting for the API server at start, instead of exiting at once: a controller restarted while
// the control plane is down (an upgrade, an etcd hiccup, a lost Lease) would otherwise crash-loop
// into the kubelet's back-off and come back late. Only "no answer", 429 and 5xx are waited out,
// up to a deadline; a refusal (401, 403, …) is a configuration problem and fails at once.
import type { Logger } from '../../shared/log.js';
import { isKubeError, type KubeClient } from '../../shared/kube/index.js';
import type { Clock } from '../engine/index.js';

export interface ApiWaitOptions {
  kube: KubeClient;
  clock: Clock;
  logger: Logger;
  /** Give up after this long (the last error is thrown). 0: one try. */
  timeoutMs: number;
  /** Stops the wait early (the controller is stopping). */
  signal?: AbortSignal;
}

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5_000;
/** A "still waiting" line at most this often. */
const LOG_EVERY_MS = 10_000;

/** Whether an error from the API means "try again later" rather than "this is wrong". */
export function isTransientApiError(e: unknown): boolean {
  return isKubeError(e) && (e.status === 0 || e.status === 429 || e.status >= 500);
}

/** Resolves once GET /version answers; rethrows a non-transient error, or the last one at the deadline. */
export async function waitForApiServer(options: ApiWaitOptions): Promise<void> {
  const { kube, clock, logger } = options;
  const started = clock.now();
  let delay = FIRST_DELAY_MS;
  let lastLog = -Infinity;
  let failures = 0;
  for (;;) {
    try {
      await kube.request('GET', '/version');
      if (failures > 0) logger.info('API server reachable', { waitedMs: clock.now() - started, attempts: failures + 1 });
      return;
    } catch (e) {
      failures++;
      const waited = clock.now() - started;
      if (!isTransientApiError(e) || waited + delay > options.timeoutMs || options.signal?.aborted) throw e;
      if (clock.now() - lastLog >= LOG_EVERY_MS) {
        lastLog = clock.now();
        logger.warn('waiting for the API server', { err: (e as Error).message, waitedMs: waited, timeoutMs: options.timeoutMs });
      }
      await clock.sleep(delay, options.signal);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  }
}
