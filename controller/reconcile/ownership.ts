// Which live objects are this CR's children: the only ones a prune or a finalizer may delete.
// Labels alone are not enough (anyone can copy them): a controller ownerReference, when there
// is one, must name this very CR by uid. Pure.
import { CRD_LABEL, KATALOG_LABEL, OWNER_NAMESPACE_LABEL } from '../../shared/render/index.js';
import { MANAGED_LABEL, MANAGED_LABEL_VALUE, OWNER_LABEL } from '../../shared/katalog/types.js';
import type { KubeObject } from '../../shared/kube/index.js';

export interface OwnerIdentity {
  crdName: string;
  katalogName: string;
  cr: KubeObject;
}

/** The label selector that finds candidates (ownedBy still has to confirm each one). */
export function ownedSelector(crdName: string, katalogName: string, crName: string): string {
  return `${MANAGED_LABEL}=${MANAGED_LABEL_VALUE},${CRD_LABEL}=${crdName},${KATALOG_LABEL}=${katalogName},${OWNER_LABEL}=${crName}`;
}

/**
 * True when `object` carries every ownership label for this CR, sits where this CR's children
 * sit (its namespace, or any namespace with the owner-namespace label naming the CR's), and has
 * no controller ownerReference to anything but this CR.
 */
export function ownedBy(object: KubeObject, owner: OwnerIdentity): boolean {
  const labels = object.metadata.labels ?? {};
  const cr = owner.cr.metadata;
  if (labels[MANAGED_LABEL] !== MANAGED_LABEL_VALUE) return false;
  if (labels[OWNER_LABEL] !== cr.name) return false;
  if (labels[CRD_LABEL] !== owner.crdName || labels[KATALOG_LABEL] !== owner.katalogName) return false;
  if (cr.namespace) {
    const ownerNamespace = labels[OWNER_NAMESPACE_LABEL];
    if (ownerNamespace !== undefined ? ownerNamespace !== cr.namespace : object.metadata.namespace !== cr.namespace) return false;
  }
  const controller = (object.metadata.ownerReferences ?? []).find((r) => r.controller === true);
  return controller === undefined || (cr.uid !== undefined && controller.uid === cr.uid);
}

/** Whether the garbage collector will delete `object` with the CR (an ownerReference to it). */
export function collectedWith(object: KubeObject, cr: KubeObject): boolean {
  return cr.metadata.uid !== undefined && (object.metadata.ownerReferences ?? []).some((r) => r.uid === cr.metadata.uid);
}
