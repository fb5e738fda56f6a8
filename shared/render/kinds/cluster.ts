// Namespace, ClusterRole, ClusterRoleBinding and Pod (HPA and PDB: scaling.ts; LimitRange and
// ResourceQuota: quotas.ts; PersistentVolume: persistent-volume.ts).
import type { KindSpec } from './kind.js';
import { buildPodSpec, PROBED_CONTAINER_FIELDS } from './pods.js';
import { rawSpec } from './raw.js';
import { role, roleBinding } from './rbac.js';

export const namespace: KindSpec = { apiVersion: 'v1', kind: 'Namespace', fields: [], build: () => ({}) };
export const clusterRole: KindSpec = { ...role, kind: 'ClusterRole' };
export const clusterRoleBinding: KindSpec = { ...roleBinding, kind: 'ClusterRoleBinding' };

export const pod: KindSpec = {
  apiVersion: 'v1', kind: 'Pod', fields: ['spec', ...PROBED_CONTAINER_FIELDS],
  build(ctx) {
    const raw = rawSpec(ctx, PROBED_CONTAINER_FIELDS);
    if (raw || ctx.fields.entry.spec !== undefined) return { spec: raw ?? {} };
    return { spec: buildPodSpec(ctx) };
  },
};
