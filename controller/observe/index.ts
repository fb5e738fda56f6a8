// The controller's observability: Prometheus metrics with controller-runtime/client-go names in
// a per-process registry, and the HTTP endpoints /healthz, /readyz, /metrics and /bundle. It
// observes; it never changes what the controller does, and never exposes bundle contents.
export { bundleSummary, REDACTED_REF, type BundleImportSummary, type BundleSummary } from './bundle-summary.js';
export {
  ControllerMetrics, exponentialBuckets, RECONCILE_TIME_BUCKETS, WORKQUEUE_DURATION_BUCKETS,
  type ControllerMetricsOptions, type CrdHealthSource,
} from './metrics.js';
export { QueueProbes, queueMetricsAdapter, type QueueInstruments, type QueueProbe } from './queue-metrics.js';
export { instrumentReconcileWith, outcomeOf, RECONCILE_OUTCOMES, type InstrumentOptions, type ReconcileInstruments, type ReconcileOutcome } from './reconcile-metrics.js';
export {
  DEFAULT_OBSERVE_HOST, DEFAULT_OBSERVE_PORT, startObservabilityServer,
  type MetricsSource, type ObservabilityServer, type ObservabilityServerOptions, type Readiness,
} from './http-server.js';
