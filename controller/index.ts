// The controller: verify the bundle, run the start-up checks, then a manager of units (caches,
// leader election, workers) reconciling the bundle's CRs; plus what the CLI's other commands
// share with it (bundle reading, the cluster plan, observability). The CLI reaches the
// controller only through this file.
export { FIELD_MANAGER, startController, type ControllerOptions, type LeaderElectionOptions, type RunningController } from './run.js';
export { checkLeaseNamespace, checkTiming, identityFor, leaseNameFor, LEASES } from './leader/index.js';
export { bundleSummary, ControllerMetrics, kubeHttpAuthorizer, startObservabilityServer } from './observe/index.js';
export { loadVerifiedBundle, PODS, readFileOrThrow, readBundleDir, readKeyFile, REPLICA_SETS } from './startup/index.js';
export { DEFAULT_MAX_CRS, planCluster } from './plan/index.js';
export { childKinds } from './reconcile/child-kinds.js';
export { DEFAULT_LIFETIMES, releaseWebhook, startWebhook, WebhookMetrics, type CertificateMode, type Lifetimes, type RunningWebhook, type WebhookOptions } from './webhook/index.js';
// Durations as Katalogs write them (`30s`, `1m30s`), for the command's flags: from its own module, so
// `ork controller` does not load the Katalog parser, its JSON Schema and YAML through shared/katalog's index.
export { parseDuration } from '../shared/katalog/durations.js';
