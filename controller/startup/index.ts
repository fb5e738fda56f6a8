// Start-up: what happens once, before any unit runs — the bundle read and verified (no API call
// on a bad bundle), the wait for an API server that is down, the RBAC self-check, the digest published, the CRD guard, the CRDs applied.
export { prepareCluster, verifyBundle, type BundleSource, type ClusterCheckContext } from './checks.js';
export { loadVerifiedBundle, type VerifiedBundleDir } from './load-bundle.js';
export { readBundleDir, readKeyFile, readFileOrThrow } from './bundle-files.js';
export { checkRbac, neededPermissions, rbacMissingError, reviewAccess, SAR_PATH, SSAR_PATH } from './rbac-check.js';
export { settleByRules, SSRR_PATH, type RulesSettlement } from './rules-review.js';
export { decideCrdGuard, guardCrds } from './crd-guard.js';
export { applyCrds, servedResource } from './crds.js';
export { publishDigest, publishDigestFromEnv, DEPLOYMENTS, PODS, REPLICA_SETS } from './publish-digest.js';
export { isTransientApiError, waitForApiServer, type ApiWaitOptions } from './api-wait.js';
export { renderBudgetFromEnv, RENDER_DEADLINE_MS_ENV, RENDER_MAX_STEPS_ENV } from './render-budget.js';
