// The controller's observability: Prometheus metrics with controller-runtime/client-go names in
// a per-process registry, the reconcileID on log lines, and the HTTP endpoints /healthz, /readyz, /metrics and /bundle. It
// observes; it never changes what the controller does, and never exposes bundle contents.
export { bundleSummary, REDACTED_REF, type BundleImportSummary, type BundleSummary } from './bundle-summary.js';
export {
  ControllerMetrics, exponentialBuckets, RECONCILE_TIME_BUCKETS, WORKQUEUE_DURATION_BUCKETS,
  type ControllerMetricsOptions, type CrdHealthSource,
} from './metrics.js';
export { AutoscaleGauges, type AutoscaleReading } from './autoscale-metrics.js';
export { EXTERNAL_CALL_BUCKETS, ExternalCallMetrics, externalErrorType, type ExternalCallRecord } from './external-metrics.js';
export { QueueProbes, queueMetricsAdapter, type QueueInstruments, type QueueProbe } from './queue-metrics.js';
export { instrumentReconcileWith, outcomeOf, RECONCILE_OUTCOMES, type InstrumentOptions, type ReconcileInstruments, type ReconcileOutcome } from './reconcile-metrics.js';
export { bearerToken, kubeHttpAuthorizer, SUBJECT_ACCESS_REVIEW_PATH, TOKEN_REVIEW_PATH, type HttpAccess, type HttpAuthorizer, type KubeHttpAuthorizerOptions } from './http-auth.js';
export {
  DEFAULT_OBSERVE_HOST, DEFAULT_OBSERVE_PORT, PROTECTED_PATHS, startObservabilityServer,
  type MetricsSource, type ObservabilityServer, type ObservabilityServerOptions, type Readiness,
} from './http-server.js';
export { REST_CLIENT_DURATION_BUCKETS, restClientObserver, type RestClientInstruments } from './rest-client-metrics.js';
export { currentReconcileId, inReconcile, newReconcileId, RECONCILE_ID_FIELD, withReconcileIds } from './reconcile-log.js';
export { storageMigrationMetrics, type StorageMigrationMetrics } from './storage-metrics.js';
