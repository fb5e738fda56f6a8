// The controller's engine: the parts below the reconciler — a Clock port, the work queue with
// its rate limiters and workers, and informers that keep a cache of one kind current. The engine
// knows keys and objects, never Katalogs or rendering; it talks to the API only via KubeClient.
export { realClock, sleepOn, type Clock, type Timer } from './clock.js';
export { FakeClock, settle } from './fake-clock.js';
export { backoffDelay, type BackoffPolicy } from './backoff.js';
export {
  DEFAULT_BUCKET, DEFAULT_ITEM_BACKOFF, defaultControllerRateLimiter, ItemExponentialLimiter, MaxOfLimiter, TokenBucketLimiter,
  type DefaultLimiterOptions, type RateLimiter,
} from './rate-limit.js';
export { noQueueMetrics, type QueueMetrics } from './queue-metrics.js';
export { WorkQueue, type WorkQueueOptions } from './queue.js';
export { runWorkers, type Reconcile, type ReconcileResult, type RunWorkersOptions } from './workers.js';
export {
  DEFAULT_INFORMER_BACKOFF, DEFAULT_WATCH_TIMEOUT_SECONDS, Informer, MIN_HEALTHY_WATCH_MS, stripManagedFields, WATCH_STALL_GRACE_MS,
  type InformerHandlers, type InformerOptions, type InformerPhase,
} from './informer.js';
export { compactForCache, exactObject, intern, internStrings, LAST_APPLIED_ANNOTATION, type CompactOptions } from './compact.js';
export { keyOf, objectKey, splitKey } from './keys.js';
export { ownerKeysOf, type OwnerKeyOptions } from './owner-keys.js';
