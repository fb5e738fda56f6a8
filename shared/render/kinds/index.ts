// The kind behind each resource-list key: apiVersion, kind, accepted fields and builder.
// Builders only shape content; names, metadata and ownership are added by the caller.
import type { ResourceListKey } from '../../katalog/types.js';
import { cronJob, job } from './batch.js';
import { configMap, secret } from './config.js';
import { clusterRole, clusterRoleBinding, namespace, pod } from './cluster.js';
import { custom } from './custom.js';
import type { KindSpec } from './kind.js';
import { persistentVolume } from './persistent-volume.js';
import { limitRange, resourceQuota } from './quotas.js';
import { role, roleBinding, serviceAccount } from './rbac.js';
import { hpa, pdb } from './scaling.js';
import { service } from './service.js';
import { ingress, networkPolicy, persistentVolumeClaim } from './spec-only.js';
import { deployment, replicaSet, statefulSet } from './workloads.js';

export const KINDS: Record<ResourceListKey, KindSpec> = {
  namespaces: namespace,
  clusterRoles: clusterRole,
  clusterRoleBindings: clusterRoleBinding,
  limitRanges: limitRange,
  resourceQuotas: resourceQuota,
  serviceAccounts: serviceAccount,
  configMaps: configMap,
  secrets: secret,
  roles: role,
  roleBindings: roleBinding,
  persistentVolumes: persistentVolume,
  persistentVolumeClaims: persistentVolumeClaim,
  services: service,
  deployments: deployment,
  statefulSets: statefulSet,
  replicaSets: replicaSet,
  pods: pod,
  jobs: job,
  cronJobs: cronJob,
  hpa,
  pdb,
  ingresses: ingress,
  networkPolicies: networkPolicy,
  custom,
};

export { COMMON_FIELDS, type KindContext, type KindSpec } from './kind.js';
export { customIdentity } from './custom.js';
export { EntryFields } from './fields.js';
