// Maps a child object back to the queue keys of the CRs that own it, so an event on a child
// (a hand edit, a deletion) reconciles its owner within seconds instead of at the next resync.
import { MANAGED_LABEL, MANAGED_LABEL_VALUE, OWNER_LABEL } from '../../shared/katalog/types.js';
import { CRD_LABEL, OWNER_NAMESPACE_LABEL } from '../../shared/render/ownership.js';
import type { KubeObject } from '../../shared/kube/index.js';
import { keyOf } from './keys.js';

export interface OwnerKeyOptions {
  /** Whether the owner kind is namespaced (default true); cluster-scoped owners have `name` keys. */
  ownerNamespaced?: boolean;
  /**
   * The owner's CRD entry name: a label-mapped child whose `orkestra.orkspace.io/crd` label names
   * another CRD is not ours (two CRDs may have CRs of the same name).
   */
  crdName?: string;
}

/**
 * Keys of the owners of `obj` of the given kind: from its controller ownerReferences, else — for
 * children that cannot carry one (cross-namespace or cluster-scoped children of a namespaced
 * CR) — from the labels `orkestra.orkspace.io/owner` and `orkestra.orkspace.io/owner-namespace`;
 * a child of ours (managed-by orkestra) whose ownerReference was removed by hand maps to the
 * owner of that name in its own namespace, so the reconcile puts the reference back.
 * Only the group of ownerApiVersion is compared: a CRD served in two versions is one owner.
 */
export function ownerKeysOf(obj: KubeObject, ownerApiVersion: string, ownerKind: string, options: OwnerKeyOptions = {}): string[] {
  const namespaced = options.ownerNamespaced ?? true;
  const group = groupOf(ownerApiVersion);
  const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.controller === true);
  const keys = refs
    .filter((r) => r.kind === ownerKind && groupOf(r.apiVersion) === group)
    .map((r) => keyOf(namespaced ? obj.metadata.namespace : undefined, r.name));
  // A child with another controller (a Pod of a ReplicaSet carrying our selector labels) is not
  // ours by label.
  if (keys.length > 0 || refs.length > 0) return [...new Set(keys)];
  const labels = obj.metadata.labels ?? {};
  const ownerName = labels[OWNER_LABEL];
  const ownerNamespace = labels[OWNER_NAMESPACE_LABEL];
  if (!ownerName) return [];
  if (options.crdName !== undefined && labels[CRD_LABEL] !== undefined && labels[CRD_LABEL] !== options.crdName) return [];
  if (ownerNamespace) return namespaced ? [keyOf(ownerNamespace, ownerName)] : [];
  // Pods carry the owner label as a selector but not managed-by: they are not ours.
  if (labels[MANAGED_LABEL] !== MANAGED_LABEL_VALUE) return [];
  if (namespaced && !obj.metadata.namespace) return [];
  return [keyOf(namespaced ? obj.metadata.namespace : undefined, ownerName)];
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
