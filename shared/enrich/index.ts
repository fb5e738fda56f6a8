// Enrichment (upstream's `enrich:` / `enrichAll:`): which enrichers a CRD entry turns on and the
// child kinds they apply to, the summaries they embed under underscore keys, the pod selectors
// they list with, and the RBAC their reads need. Pure; the reads are controller/enrich/'s.
export { ENRICHERS, ENRICH_TARGET_NAMES, enrichersFor, enrichersOf, enrichSpecOf, isGated, parseTarget, type Enricher, type EnrichSpec, type EnrichTarget } from './targets.js';
export { controllerOwner, currentMetrics, endpointEntries, int, loadBalancerAddresses, newestJobs, nodeSummary, ownedByKind, ownedByUid, podSummary, scaleTarget, secretWithoutData, statefulSetPvcNames, tlsSecretNames, warningSummary, type ContainerSummary, type EndpointEntry, type NodeSummary, type PodSummary, type WarningSummary } from './summaries.js';
export { serviceSelector, workloadSelector } from './selectors.js';
export { enrichPermissions, type EnrichPermission } from './permissions.js';
export { effectiveEnrichSpec, statusReadsEndpoints } from './implicit.js';
export { enrichIssues } from './check.js';
