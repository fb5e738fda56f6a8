// The RBAC self-check at start, before the controller writes anything: every verb × resource
// (× object, where a permission is narrowed to names) the bundle needs. First one
// SelfSubjectRulesReview per namespace, together (rules-review.ts); what those do not grant is asked
// with one SelfSubjectAccessReview per check, a bounded number in flight, so a denial is always an
// access review's verdict. Returns what is missing; the caller decides to refuse. A fail-fast
// preflight: the API server still authorizes every request the controller makes. Resolves child
// kinds' plurals by discovery (the bundle's CRDs first).
import type { BundlePayload } from '../../shared/bundle/payload.js';
import { OrkError } from '../../shared/errors.js';
import { accessChecks, describeAccess, requiredPermissions, bundleResourceOf, type AccessCheck, type GroupResource, type KindRef, type Permission } from '../../shared/rbac/index.js';
import { mapBounded } from '../engine/map-bounded.js';
import type { KubeClient } from '../../shared/kube/index.js';
import type { Logger } from '../../shared/log.js';
import { childKinds } from '../reconcile/child-kinds.js';
import { settleByRules } from './rules-review.js';

export const SSAR_PATH = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
export const SAR_PATH = '/apis/authorization.k8s.io/v1/subjectaccessreviews';
const DEFAULT_CONCURRENCY = 8;

export interface RbacCheckOptions {
  /** The Lease's namespace when leader election is on. */
  leaderElection?: { namespace: string };
  /** The controller's namespace when it publishes its digest on its Pod and Deployment. */
  publish?: { namespace: string };
  concurrency?: number;
  /** Where the debug line on how many checks the rules reviews settled goes. */
  logger?: Logger;
}

export interface RbacCheckResult {
  checked: AccessCheck[];
  missing: AccessCheck[];
  /** Child kinds the cluster does not serve: not checked (nor watched by the controller). */
  unresolved: KindRef[];
}

export async function checkRbac(kube: KubeClient, payload: BundlePayload, options: RbacCheckOptions = {}): Promise<RbacCheckResult> {
  const { permissions, unresolved } = await neededPermissions(kube, payload, options);
  const checked = accessChecks(permissions);
  const settled = await settleByRules(kube, checked);
  const rest = checked.filter((_, i) => !settled.granted[i]);
  options.logger?.debug('rbac: rules reviews settled checks', {
    checks: checked.length, settled: checked.length - rest.length, accessReviews: rest.length,
    rulesReviews: settled.reviews.map((r) => (r.unused ? `${r.namespace} (not used: ${r.unused})` : r.namespace)),
  });
  const allowed = await mapBounded(rest, options.concurrency ?? DEFAULT_CONCURRENCY, (check) => reviewAccess(kube, check));
  const denied = new Set(rest.filter((_, i) => !allowed[i]));
  return { checked, missing: checked.filter((check) => denied.has(check)), unresolved };
}

export interface NeededPermissionsOptions {
  leaderElection?: { namespace: string };
  publish?: { namespace: string };
  rolloutBundle?: { namespace: string };
}

/** What a controller running the payload needs (shared/rbac), with child kinds' plurals found by discovery. */
export async function neededPermissions(kube: KubeClient, payload: BundlePayload, options: NeededPermissionsOptions): Promise<{ permissions: Permission[]; unresolved: KindRef[] }> {
  const resolved = new Map<string, GroupResource | undefined>();
  const kinds = Object.values(payload.katalog.spec.crds).flatMap((entry) => childKinds(entry));
  for (const { apiVersion, kind } of kinds) {
    const key = `${apiVersion}|${kind}`;
    if (resolved.has(key) || bundleResourceOf(payload, apiVersion, kind)) continue;
    resolved.set(key, await kube.resourceFor(apiVersion, kind).then((r) => ({ group: r.group, resource: r.resource }), () => undefined));
  }
  return requiredPermissions({
    payload,
    childKinds,
    resourceOf: (apiVersion, kind) => resolved.get(`${apiVersion}|${kind}`),
    ...(options.leaderElection ? { leaderElection: options.leaderElection } : {}),
    ...(options.publish ? { publish: options.publish } : {}),
    ...(options.rolloutBundle ? { rolloutBundle: options.rolloutBundle } : {}),
  });
}

/** RBAC_MISSING listing each missing permission as one issue, or undefined when nothing is missing. */
export function rbacMissingError(missing: readonly AccessCheck[]): OrkError | undefined {
  if (missing.length === 0) return undefined;
  return new OrkError(
    'RBAC_MISSING',
    `the controller's service account lacks ${missing.length} permission(s) the bundle needs; grant them (ork rbac --bundle DIR prints the role) and restart`,
    { issues: missing.map((m) => ({ path: '', message: describeAccess(m) })) },
  );
}

/**
 * Whether one access is allowed: for the caller (SelfSubjectAccessReview), or for `subject`, e.g.
 * a service account (SubjectAccessReview, which the caller must be allowed to create).
 */
export async function reviewAccess(kube: KubeClient, check: AccessCheck, subject?: { user: string; groups: readonly string[] }): Promise<boolean> {
  const resourceAttributes = {
    verb: check.verb,
    group: check.group,
    resource: check.resource,
    ...(check.subresource ? { subresource: check.subresource } : {}),
    ...(check.namespace ? { namespace: check.namespace } : {}),
    ...(check.name ? { name: check.name } : {}),
  };
  const review = subject
    ? await kube.request<{ status?: { allowed?: boolean } }>('POST', SAR_PATH, {
      apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: subject.user, groups: subject.groups, resourceAttributes },
    })
    : await kube.request<{ status?: { allowed?: boolean } }>('POST', SSAR_PATH, {
      apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes },
    });
  return review.status?.allowed === true;
}
