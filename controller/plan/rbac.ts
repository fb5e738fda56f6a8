// The RBAC part of a plan: every permission the bundle's controller needs (the same derivation as
// the start-up self-check and `ork rbac`), each asked of the API server — as a service account
// with SubjectAccessReviews, or as the caller with SelfSubjectAccessReviews. Reads only (reviews
// are not stored by the server).
import type { BundlePayload } from '../../shared/bundle/payload.js';
import { accessChecks, type AccessCheck, type KindRef } from '../../shared/rbac/index.js';
import type { RbacSubject } from '../../shared/plan/index.js';
import type { KubeClient } from '../../shared/kube/index.js';
import { neededPermissions, reviewAccess } from '../startup/rbac-check.js';
import { mapBounded } from '../engine/map-bounded.js';

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
  const { permissions, unresolved } = await neededPermissions(kube, payload, options);
  const checked = accessChecks(permissions);
  const sa = options.serviceAccount;
  const subject: RbacSubject = sa ? serviceAccountSubject(sa.namespace, sa.name) : options.self ?? { kind: 'self', user: 'the caller', groups: [] };
  const allowed = await mapBounded(checked, CONCURRENCY, (check) => reviewAccess(kube, check, sa ? subject : undefined));
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
