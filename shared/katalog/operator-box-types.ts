// A CRD entry's operatorBox: the reconciler settings, the phases (onCreate, onReconcile, onDelete)
// with their resource lists in render order, and the status block. Split from types.ts, which
// re-exports it.

import type { Condition } from './condition-types.js';
import type { ResourceEntry } from './resource-types.js';
import type { StatusSpec } from './status-types.js';

export interface OperatorBox {
  reconciler?: ReconcilerSettings;
  onCreate?: ResourceLists;
  onReconcile?: ResourceLists;
  onDelete?: ResourceLists;
  status?: StatusSpec;
  /** Upstream block settings of a phase (its lists hold only children here). */
  phaseSettings?: Partial<Record<'onCreate' | 'onReconcile' | 'onDelete', PhaseSettings>>;
  // Upstream runtime keys kept with their shape; the runtime does not act on them yet (see
  // inert-keys.ts, which warns).
  preReconcile?: Record<string, unknown>;
  watch?: Record<string, unknown>[];
  observe?: Record<string, unknown>;
  cross?: Record<string, unknown>[];
  autoscale?: Record<string, unknown>;
  rollback?: Record<string, unknown>;
  rollBackOnError?: boolean;
  when?: Condition[];
  or?: Condition[];
}

/** A phase block's own settings; block-level when/or are folded into each child's. */
export interface PhaseSettings {
  name?: string;
  /** onDelete: delete `groups` one after another, each within `timeout`. */
  ordered?: boolean;
  timeout?: string;
  groups?: ResourceLists[];
  external?: Record<string, unknown>[];
}

export interface ReconcilerSettings {
  workers?: number;
  resync?: string;
  queue?: { maxDepth?: number; failureThreshold?: number; retryBackoff?: unknown; shared?: boolean; behaviour?: Record<string, unknown> };
  profile?: string;
  requeue?: { after?: string; when?: Condition[]; or?: Condition[] };
  /** Only true here: false needs a Go constructor and is refused. */
  default?: boolean;
  include?: string;
}

/** The keys of a resource list, in the order children are rendered. */
export const RESOURCE_LIST_KEYS = [
  'namespaces',
  'clusterRoles',
  'clusterRoleBindings',
  'limitRanges',
  'resourceQuotas',
  'serviceAccounts',
  'configMaps',
  'secrets',
  'roles',
  'roleBindings',
  'persistentVolumes',
  'persistentVolumeClaims',
  'services',
  'deployments',
  'statefulSets',
  'replicaSets',
  'pods',
  'jobs',
  'cronJobs',
  'hpa',
  'pdb',
  'ingresses',
  'networkPolicies',
  'custom',
] as const;

export type ResourceListKey = (typeof RESOURCE_LIST_KEYS)[number];

export type ResourceLists = Partial<Record<ResourceListKey, ResourceEntry[]>>;
