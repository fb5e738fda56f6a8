// The RBAC part of a plan: every permission the bundle's controller needs (the same derivation as
// the start-up self-check and `ork rbac`), each asked of the API server — as a service account
// with SubjectAccessReviews, or as the caller with SelfSubjectAccessReviews. Reads only (reviews
// are not stored by the server).
import type { BundlePayload } from '../../shared/bundle/payload.js';
import { accessChecks, bundleResourceOf, requiredPermissions, type AccessCheck, type GroupResource, type KindRef } from '../../shared/rbac/index.js';
import type { RbacSubject } from '../../shared/plan/index.js';
import type { KubeClient } from '../kube/types.js';
import { SSAR_PATH } from '../rbac-check.js';
import { childKinds } from '../reconcile/child-kinds.js';
import { mapBounded } from './bounded.js';

export const SAR_PATH = '/apis/authorization.k8s.io/v1/subjectaccessreviews';
const CONCURRENCY = 8;

export interface RbacReviewOptions {
  /** The controller's namespace: the Lease (unless leader election is off), publication, rollout bundle. */
  leaderElection?: { namespace: string };
  publish?: { namespace: string };
  rolloutBundle?: { namespace: string };
  /** Review for this service account; absent: for the caller. */
  serviceAccount?: { namespace: string; name: string };
  /** Who the caller is, for the report (SelfSubjectAccessReviews do not say). */
  self?: RbacSubject;
}

export interface RbacReview {
  subject: RbacSubject;
  checked: AccessCheck[];
  missing: AccessCheck[];
  unresolved: KindRef[];
}

export async function reviewRbac(kube: KubeClient, payload: BundlePayload, options: RbacReviewOptions): Promise<RbacReview> {
  const resolved = new Map<string, GroupResource | undefined>();
  for (const entry of Object.values(payload.katalog.spec.crds)) {
    for (const { apiVersion, kind } of childKinds(entry)) {
      const key = `${apiVersion}|${kind}`;
      if (resolved.has(key) || bundleResourceOf(payload, apiVersion, kind)) continue;
      resolved.set(key, await kube.resourceFor(apiVersion, kind).then((r) => ({ group: r.group, resource: r.resource }), () => undefined));
    }
  }
  const { permissions, unresolved } = requiredPermissions({
    payload,
    childKinds,
    resourceOf: (apiVersion, kind) => resolved.get(`${apiVersion}|${kind}`),
    ...(options.leaderElection ? { leaderElection: options.leaderElection } : {}),
    ...(options.publish ? { publish: options.publish } : {}),
    ...(options.rolloutBundle ? { rolloutBundle: options.rolloutBundle } : {}),
  });
  const checked = accessChecks(permissions);
  const sa = options.serviceAccount;
  const subject: RbacSubject = sa ? serviceAccountSubject(sa.namespace, sa.name) : options.self ?? { kind: 'self', user: 'the caller', groups: [] };
  const allowed = await mapBounded(checked, CONCURRENCY, (check) => isAllowed(kube, check, sa ? subject : undefined));
  return { subject, checked, missing: checked.filter((_, i) => !allowed[i]), unresolved };
}

/** The user and groups the API server gives a service account's token. */
export function serviceAccountSubject(namespace: string, name: string): RbacSubject {
  return {
    kind: 'serviceAccount',
    user: `system:serviceaccount:${namespace}:${name}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
}

async function isAllowed(kube: KubeClient, check: AccessCheck, subject: RbacSubject | undefined): Promise<boolean> {
  const resourceAttributes = {
    verb: check.verb,
    group: check.group,
    resource: check.resource,
    ...(check.subresource ? { subresource: check.subresource } : {}),
    ...(check.namespace ? { namespace: check.namespace } : {}),
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
