// The RBAC self-check at start: one SelfSubjectAccessReview per verb × resource the bundle needs,
// a bounded number in flight, before the controller writes anything. Returns what is missing; the
// caller decides to refuse. Resolves child kinds' plurals by discovery (the bundle's CRDs first).
import type { BundlePayload } from '../shared/bundle/payload.js';
import { OrkError } from '../shared/errors.js';
import { accessChecks, describeAccess, requiredPermissions, bundleResourceOf, type AccessCheck, type GroupResource, type KindRef } from '../shared/rbac/index.js';
import type { KubeClient } from './kube/types.js';
import { childKinds } from './reconcile/child-kinds.js';

export const SSAR_PATH = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const DEFAULT_CONCURRENCY = 8;

export interface RbacCheckOptions {
  /** The Lease's namespace when leader election is on. */
  leaderElection?: { namespace: string };
  /** The controller's namespace when it publishes its digest on its Pod and Deployment. */
  publish?: { namespace: string };
  concurrency?: number;
}

export interface RbacCheckResult {
  checked: AccessCheck[];
  missing: AccessCheck[];
  /** Child kinds the cluster does not serve: not checked (nor watched by the controller). */
  unresolved: KindRef[];
}

export async function checkRbac(kube: KubeClient, payload: BundlePayload, options: RbacCheckOptions = {}): Promise<RbacCheckResult> {
  const resolved = new Map<string, GroupResource | undefined>();
  const kinds = Object.values(payload.katalog.spec.crds).flatMap((entry) => childKinds(entry));
  for (const { apiVersion, kind } of kinds) {
    const key = `${apiVersion}|${kind}`;
    if (resolved.has(key) || bundleResourceOf(payload, apiVersion, kind)) continue;
    resolved.set(key, await kube.resourceFor(apiVersion, kind).then((r) => ({ group: r.group, resource: r.resource }), () => undefined));
  }
  const { permissions, unresolved } = requiredPermissions({
    payload,
    childKinds,
    resourceOf: (apiVersion, kind) => resolved.get(`${apiVersion}|${kind}`),
    ...(options.leaderElection ? { leaderElection: options.leaderElection } : {}),
    ...(options.publish ? { publish: options.publish } : {}),
  });
  const checked = accessChecks(permissions);
  const allowed = await mapBounded(checked, options.concurrency ?? DEFAULT_CONCURRENCY, (check) => isAllowed(kube, check));
  return { checked, missing: checked.filter((_, i) => !allowed[i]), unresolved };
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

async function isAllowed(kube: KubeClient, check: AccessCheck): Promise<boolean> {
  const review = await kube.request<{ status?: { allowed?: boolean } }>('POST', SSAR_PATH, {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: {
      resourceAttributes: {
        verb: check.verb,
        group: check.group,
        resource: check.resource,
        ...(check.subresource ? { subresource: check.subresource } : {}),
        ...(check.namespace ? { namespace: check.namespace } : {}),
      },
    },
  });
  return review.status?.allowed === true;
}

async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
