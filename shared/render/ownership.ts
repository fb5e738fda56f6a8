// What marks a child as ours: the ownership labels (which pruning relies on; upstream's
// `orkestra.orkspace.io/managed` + `orkestra-owner` pair plus our Katalog and CRD), the owner
// selector, the ownerReference to the CR, and the create-only annotation. Entry labels may add to
// these but never change them.
import {
  COMPONENT_LABEL, CREATE_ONLY_ANNOTATION, GENERATED_AT_ANNOTATION, MANAGED_LABEL, MANAGED_LABEL_VALUE, OWNER_LABEL, ROTATE_AFTER_ANNOTATION,
} from '../katalog/types.js';
import type { KubeObject, OwnerReference } from './types.js';

/** Which Katalog and CRD entry rendered the child (two CRDs may have CRs of the same name). */
export const KATALOG_LABEL = 'orkestra.orkspace.io/katalog';
export const CRD_LABEL = 'orkestra.orkspace.io/crd';
/** On children without an ownerReference: the CR's namespace, so the finalizer can find them. */
export const OWNER_NAMESPACE_LABEL = 'orkestra.orkspace.io/owner-namespace';

/** Our labels beyond upstream's pair: on the object only, never on its pods. */
export const BOOKKEEPING_LABELS = new Set([KATALOG_LABEL, CRD_LABEL, OWNER_NAMESPACE_LABEL]);
export const RESERVED_LABELS = new Set([MANAGED_LABEL, OWNER_LABEL, COMPONENT_LABEL, KATALOG_LABEL, CRD_LABEL, OWNER_NAMESPACE_LABEL]);
export const RESERVED_ANNOTATIONS = new Set([CREATE_ONLY_ANNOTATION, GENERATED_AT_ANNOTATION, ROTATE_AFTER_ANNOTATION]);

/** Kinds a `custom` entry may name that have no namespace. Others are treated as namespaced. */
export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass',
  'CustomResourceDefinition', 'PriorityClass', 'IngressClass', 'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration', 'APIService', 'RuntimeClass', 'CSIDriver', 'VolumeAttachment',
]);

/** The labels that select one workload's pods (a Service `target`, Orkestra-only): owner plus component. */
export function selectorLabels(crName: string, component: string): Record<string, string> {
  return { [COMPONENT_LABEL]: component, [OWNER_LABEL]: crName };
}

/** Selects the pods of every workload of the CR: upstream's workload selector and Service selector. */
export function ownerSelector(crName: string): Record<string, string> {
  return { [OWNER_LABEL]: crName };
}

/** The labels upstream stamps on every child and on its pod template: managed and owner. */
export function upstreamLabels(crName: string): Record<string, string> {
  return { [MANAGED_LABEL]: MANAGED_LABEL_VALUE, [OWNER_LABEL]: crName };
}

/**
 * Upstream's pair plus which Katalog and CRD entry rendered the child, so two CRDs with CRs of the
 * same name never prune each other's children. Extra metadata labels do not stop adoption.
 */
export function ownershipLabels(crName: string, katalogName: string, crdName: string): Record<string, string> {
  return { ...upstreamLabels(crName), [CRD_LABEL]: crdName, [KATALOG_LABEL]: katalogName };
}

export function ownerReference(cr: KubeObject): OwnerReference {
  return {
    apiVersion: cr.apiVersion,
    kind: cr.kind,
    name: cr.metadata.name,
    uid: cr.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * Kubernetes lets a namespaced owner own only objects in its own namespace; a cluster-scoped
 * owner may own anything. Children outside that rule are cleaned up by our finalizer instead.
 */
export function canOwn(crNamespace: string | undefined, childNamespace: string | undefined): boolean {
  if (!crNamespace) return true;
  return childNamespace === crNamespace;
}

/** Keys in sorted order, so output does not depend on declaration order in the Katalog. */
export function sortedRecord(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key]!;
  return out;
}
