// Shared shapes for the reconciler's pure tests: a CR, desired children carrying the renderer's
// ownership labels and ownerReference, and live copies of them as the API server returns them.
import type { KubeObject } from '../../../shared/kube/index.js';
import type { DesiredChild } from '../../../shared/render/index.js';

export const CRD = 'website';
export const KATALOG = 'web';
export const CR_UID = 'uid-cr-1';

export function cr(extra: { generation?: number; status?: unknown; namespace?: string } = {}): KubeObject {
  return {
    apiVersion: 'examples.orkspace.io/v1', kind: 'Website',
    metadata: { name: 'blog', namespace: extra.namespace ?? 'web', uid: CR_UID, generation: extra.generation ?? 1, resourceVersion: '10' },
    spec: {},
    ...(extra.status === undefined ? {} : { status: extra.status }),
  };
}

export function ourLabels(component: string, ownerNamespace?: string): Record<string, string> {
  return {
    'orkestra.orkspace.io/managed': 'true',
    'orkestra.orkspace.io/component': component,
    'orkestra.orkspace.io/crd': CRD,
    'orkestra.orkspace.io/katalog': KATALOG,
    'orkestra-owner': 'blog',
    ...(ownerNamespace ? { 'orkestra.orkspace.io/owner-namespace': ownerNamespace } : {}),
  };
}

export const ownerRef = { apiVersion: 'examples.orkspace.io/v1', kind: 'Website', name: 'blog', uid: CR_UID, controller: true, blockOwnerDeletion: true };

export function child(kind: string, name: string, body: Record<string, unknown>, flags: Partial<DesiredChild> = {}, namespace = 'web'): DesiredChild {
  const apiVersion = kind === 'Deployment' ? 'apps/v1' : kind === 'Job' ? 'batch/v1' : 'v1';
  const crossNamespace = namespace !== 'web';
  return {
    object: {
      apiVersion, kind,
      metadata: { name, namespace, labels: ourLabels(name, crossNamespace ? 'web' : undefined), ...(crossNamespace ? {} : { ownerReferences: [ownerRef] }) },
      ...body,
    },
    phase: 'onReconcile', createOnly: false, once: false, entryPath: `operatorBox.onReconcile.x`, cleanup: crossNamespace ? 'finalizer' : 'garbageCollector',
    ...flags,
  };
}

/** The child as the server would return it: server fields added, optionally changed. */
export function liveOf(c: DesiredChild, change: (o: KubeObject) => void = () => undefined): KubeObject {
  const o = structuredClone(c.object) as KubeObject;
  o.metadata.uid = `uid-${o.metadata.name}`;
  o.metadata.resourceVersion = '5';
  o.metadata.creationTimestamp = '2024-01-01T00:00:00Z';
  o.status = { observed: true };
  change(o);
  return o;
}
