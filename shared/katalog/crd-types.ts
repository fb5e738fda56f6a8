// One entry under spec.crds: the API types it reconciles, its CRD manifest, its dependencies and
// the upstream keys kept as written. Split from types.ts, which re-exports it.

import type { OperatorBox } from './operator-box-types.js';
import type { MutationRule, ValidationRule } from './rule-types.js';

export interface ApiTypes {
  group: string;
  version: string;
  kind: string;
  plural: string;
  /** Namespaced unless stated; taken from the CRD manifest when one is given. */
  scope?: 'Namespaced' | 'Cluster';
  /**
   * Every version of the kind this entry serves, the storage version (`version`) first; set when
   * several entries declared one kind at different versions (version-groups.ts folds them).
   */
  versions?: string[];
}

export type DependencyState = 'started' | 'healthy';

export interface CrdEntry {
  apiTypes?: ApiTypes;
  crdFile?: string;
  /** An inline apiextensions.k8s.io/v1 CustomResourceDefinition. */
  crd?: Record<string, unknown>;
  enabled?: boolean;
  namespace?: string;
  dependsOn?: Record<string, DependencyState>;
  operatorBox?: OperatorBox;
  validation?: { rules: ValidationRule[]; include?: string };
  mutation?: { rules: MutationRule[]; include?: string; mutateFirst?: boolean };
  /** dynamic only; typed needs compiled Go types and is refused. */
  mode?: 'dynamic';
  finalizers?: string[];
  allowBreakingChanges?: string[];
  // Informational (kept, no runtime effect).
  description?: string;
  labels?: Record<string, string>;
  katalogName?: string;
  katalogNamespace?: string;
  katalogDescription?: string;
  katalogVersion?: string;
  namespaced?: boolean;
  // Runtime keys with upstream's meaning; see docs/katalog.md for which the runtime acts on yet.
  /** Sample CRs applied by `ork run` on start, in order. */
  crFiles?: string[];
  setup?: string[] | Record<string, unknown>;
  allowedNamespaces?: string[];
  restrictedNamespaces?: string[];
  /** Motif imports (current layout: operatorBox.reconcile.imports). */
  imports?: MotifImport[];
  // Further upstream keys, kept as written (see the schema's descriptions; inert-keys.ts warns
  // for those the runtime does not act on yet).
  crossAccess?: boolean;
  workersActive?: number;
  enrichAll?: boolean;
  enrich?: unknown[];
  labelSelector?: Record<string, unknown>;
  fieldSelector?: Record<string, unknown>;
  ignoreStatusPatch?: boolean;
  ignoreObservedGeneration?: boolean;
  endpoints?: Record<string, unknown>;
  conversion?: Record<string, unknown>;
  webhooks?: Record<string, unknown>;
  normalize?: Record<string, unknown>;
  removeFinalizers?: boolean;
  deletionProtection?: Record<string, unknown>;
  serve?: Record<string, unknown>;
  forceConflict?: boolean;
}

export interface MotifImport {
  motif?: string;
  oci?: string;
  with?: Record<string, unknown>;
}

/**
 * A CRD entry with the API types it reconciles: as given in `apiTypes`, or read from the storage
 * version of its CRD manifest (inline `crd` or `crdFile`), which is then carried in `crd`.
 */
export interface ResolvedCrd {
  /** The entry's key under spec.crds. */
  name: string;
  entry: CrdEntry;
  apiTypes: ApiTypes;
  crd?: Record<string, unknown>;
}
