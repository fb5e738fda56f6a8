// RBAC for a bundle's controller: the permissions it needs (derived from the bundle), the access
// checks they amount to, the ClusterRole/Role YAML that grants them, and RBAC rule matching for
// the rules a SelfSubjectRulesReview lists. Pure: no cluster access;
// the self-check that asks the API server lives in controller/startup/rbac-check.ts.
export { requiredPermissions, bundleResourceOf, bundleCrdNames, mergePermissions, groupOf, type Permission, type PermissionInput, type RequiredPermissions, type KindRef, type GroupResource } from './permissions.js';
export { accessChecks, describeAccess, permissionsOf, type AccessCheck } from './access.js';
export { rbacManifests, manifestsYaml, type RbacObject, type ManifestOptions } from './manifests.js';
export { guessResource } from './guess.js';
export { webhookPermissions, type WebhookPermissionInput } from './webhook.js';
export { ruleGrants, rulesGrant, rulesNamespaceOf, CLUSTER_WIDE_RULES_NAMESPACE, type ResourceRule } from './rules.js';
