// The CRD part of a plan: the cluster's copy of every bundle CRD judged by the controller's own
// guard decision (decideCrdGuard: same diff, same acknowledgements, same refusal), and the CRDs
// Orkestra applied in the bundle's groups that the bundle no longer carries. Reads only.
import type { BundlePayload } from '../../shared/bundle/payload.js';
import { decideCrdGuard, type CrdGuardDecision } from '../startup/crd-guard.js';
import type { KubeClient, KubeObject } from '../../shared/kube/index.js';

export interface CrdFindings {
  decision: CrdGuardDecision;
  notInBundle: string[];
  /** Every CRD on the cluster, by name (the webhook plan reads their conversion). */
  live: Map<string, unknown>;
}

export async function compareCrds(kube: KubeClient, payload: Pick<BundlePayload, 'crds' | 'katalog'>, fieldManager: string): Promise<CrdFindings> {
  const resource = await kube.resourceFor('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
  const { items } = await kube.list(resource);
  const live = new Map<string, unknown>(items.map((crd) => [crd.metadata.name, crd]));
  const decision = decideCrdGuard(payload.crds, live, payload.katalog.spec.crds);
  const bundled = new Set(payload.crds.map((c) => c.metadata.name));
  const groups = bundleGroups(payload);
  const notInBundle = items
    .filter((crd) => !bundled.has(crd.metadata.name) && groups.has(groupOf(crd)) && appliedBy(crd, fieldManager))
    .map((crd) => crd.metadata.name)
    .sort();
  return { decision, notInBundle, live };
}

/**
 * CRDs carry no label saying which install applied them; the controller's field manager and a
 * group the bundle uses is the closest honest test (another install in the same group would
 * show up here too, which the text says).
 */
function appliedBy(crd: KubeObject, fieldManager: string): boolean {
  const managed = crd.metadata.managedFields;
  return Array.isArray(managed) && managed.some((m) => (m as { manager?: unknown }).manager === fieldManager);
}

function bundleGroups(payload: Pick<BundlePayload, 'crds' | 'katalog'>): Set<string> {
  const groups = new Set<string>();
  for (const crd of payload.crds) groups.add(groupOf(crd));
  for (const entry of Object.values(payload.katalog.spec.crds)) if (entry.apiTypes) groups.add(entry.apiTypes.group);
  groups.delete('');
  return groups;
}

function groupOf(crd: KubeObject): string {
  const spec = crd.spec as { group?: unknown } | undefined;
  return typeof spec?.group === 'string' ? spec.group : '';
}
