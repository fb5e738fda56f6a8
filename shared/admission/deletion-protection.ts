// Deletion protection as the Go runtime gives it (pkg/webhook/deletion_protection.go and the CRD
// entry's protectCRs/protectCRD): with `security.deletionProtection.enabled: true`, a DELETE of a
// CR of a protected CRD, or of the CRD object itself, is refused by the validating webhook — every
// CRD of the bundle unless its entry says `deletionProtection: {protectCRs: false}` /
// `{protectCRD: false}` (or `enabled: false`). As upstream, the CRD rule matches every CRD
// deletion and the answer lets through the CRDs that are not the bundle's. There is no per-object
// escape hatch, as upstream: the trust boundary is the Katalog — turn protection off there and
// redeploy, then delete. The registration asks the API server for DELETE only when the bundle does
// (registration.ts), with the failurePolicy the Katalog gives (default Fail, as upstream). Pure.
import type { CrdEntry, KatalogDocument } from '../katalog/types.js';

export interface DeletionProtection {
  /** registration.ts's FailurePolicy (not imported: registration.ts reads targets.ts, which reads this). */
  failurePolicy: 'Fail' | 'Ignore';
}

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `security.deletionProtection` when enabled, else undefined. */
export function deletionProtectionOf(katalog: KatalogDocument): DeletionProtection | undefined {
  const security = (katalog as unknown as Rec).security;
  const dp = isRecord(security) && isRecord(security.deletionProtection) ? security.deletionProtection : undefined;
  if (dp?.enabled !== true) return undefined;
  return { failurePolicy: typeof dp.failurePolicy === 'string' && dp.failurePolicy.toLowerCase() === 'ignore' ? 'Ignore' : 'Fail' };
}

/** Whether the entry's CRs are protected once the Katalog enables protection (upstream's protectCRs, default true). */
export function protectsCrs(entry: CrdEntry): boolean {
  const own = entry.deletionProtection;
  if (!isRecord(own)) return true;
  return own.enabled !== false && own.protectCRs !== false;
}

/** Whether the CRD object itself is protected once the Katalog enables protection (upstream's protectCRD, default true). */
export function protectsCrd(entry: CrdEntry): boolean {
  const own = entry.deletionProtection;
  if (!isRecord(own)) return true;
  return own.enabled !== false && own.protectCRD !== false;
}

/** The refusal of a DELETE of a protected CRD object. */
export function crdDeletionRefusal(entryName: string, crdObjectName: string): string {
  return `CRD ${crdObjectName} (spec.crds.${entryName}) is protected from deletion (security.deletionProtection in the Katalog); to delete it, set spec.crds.${entryName}.deletionProtection.protectCRD: false (or security.deletionProtection.enabled: false), redeploy, then delete`;
}

/** The rule of the CRD objects' protection: every CRD deletion (the answer filters). */
export const CRD_DELETE_RULE = { operations: ['DELETE'], apiGroups: ['apiextensions.k8s.io'], apiVersions: ['v1'], resources: ['customresourcedefinitions'], scope: 'Cluster' };

/**
 * The label upstream puts on every object of its install (Deployment, Service, ServiceAccount,
 * bindings, Secrets…): with protection on, a DELETE of any object carrying it with value "true" is
 * refused (the kinds of LABELLED_DELETE_RULE). The API server sends only those (objectSelector), so
 * nothing else of the cluster waits on this webhook.
 */
export const PROTECTED_LABEL = 'orkestra.io/deletion-protection';

/**
 * The rule of the webhook that refuses the DELETE of the install's own labelled objects
 * (registration.ts): the kinds an install is made of (upstream's list: Deployment, Service,
 * ServiceAccount, bindings, TLS Secret, HPA, PDB, NetworkPolicy, Ingress, and roles and
 * ConfigMaps). Never Pods nor ReplicaSets: they inherit the Deployment's template labels and their
 * controllers must delete them in a rollout.
 */
export const LABELLED_DELETE_RULE = {
  operations: ['DELETE'],
  apiGroups: ['', 'apps', 'rbac.authorization.k8s.io', 'autoscaling', 'policy', 'networking.k8s.io'],
  apiVersions: ['*'],
  resources: ['deployments', 'services', 'serviceaccounts', 'secrets', 'configmaps', 'roles', 'rolebindings', 'clusterroles', 'clusterrolebindings', 'horizontalpodautoscalers', 'poddisruptionbudgets', 'networkpolicies', 'ingresses'],
  scope: '*',
};

/** Whether an object about to be deleted carries the protection label. */
export function carriesProtectionLabel(object: unknown): boolean {
  const labels = (object as { metadata?: { labels?: Record<string, unknown> } } | null)?.metadata?.labels;
  return labels?.[PROTECTED_LABEL] === 'true';
}

/** The refusal of a DELETE of a labelled object of the install. */
export function labelledDeletionRefusal(kind: string, namespace: string | undefined, name: string | undefined): string {
  return `${kind} ${namespace ? `${namespace}/` : ''}${name ?? ''} is protected from deletion (label ${PROTECTED_LABEL}: "true", security.deletionProtection in the Katalog); to delete it, remove the label, or set security.deletionProtection.enabled: false and redeploy, then delete`;
}

/** The refusal of a DELETE of a protected CR, telling how to lift it. */
export function deletionRefusal(crdName: string, namespace: string | undefined, name: string | undefined): string {
  const cr = `${namespace ? `${namespace}/` : ''}${name ?? ''}`;
  return `CR ${cr} of CRD ${crdName} is protected from deletion (security.deletionProtection in the Katalog); to delete it, set spec.crds.${crdName}.deletionProtection.protectCRs: false (or security.deletionProtection.enabled: false), redeploy, then delete`;
}
