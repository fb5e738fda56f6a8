// The in-memory shape of a Katalog / Komposer after schema validation (see docs/katalog.md and
// shared/katalog/katalog.schema.json, which is the source of truth; these types mirror it).
// Values that may hold templates stay strings until the renderer evaluates them.

import type { Imports } from './import-types.js';

export type { Auth, FileImport, HelmImport, Imports, OciImport, RegistryImport } from './import-types.js';

export const KATALOG_API_VERSION = 'orkestra.orkspace.io/v1';
export const MANAGED_BY_ANNOTATION = 'orkestra.orkspace.io/managed-by';
/** Children's labels, as the Go runtime stamps them (its `StampOrkestraLabels`): the owner CR's name… */
export const OWNER_LABEL = 'orkestra-owner';
/** …and managed: "true". A child the Go runtime made carries both, so this runtime adopts it. */
export const MANAGED_LABEL = 'orkestra.orkspace.io/managed';
export const MANAGED_LABEL_VALUE = 'true';
/** Only on the pods of a workload a Service `target`s (Orkestra-only): selects that workload's pods. */
export const COMPONENT_LABEL = 'orkestra.orkspace.io/component';
export const CREATE_ONLY_ANNOTATION = 'orkestra.orkspace.io/create-only';
/** On generated (tls) Secrets, as upstream: when it was generated (RFC 3339) and its rotateAfter. */
export const GENERATED_AT_ANNOTATION = 'orkestra.orkspace.io/generated-at';
export const ROTATE_AFTER_ANNOTATION = 'orkestra.orkspace.io/rotate-after';
export const CLEANUP_FINALIZER = 'orkestra.orkspace.io/cleanup';

export type DocumentKind = 'Katalog' | 'Komposer';

/** Everything but `name` is informational: kept in the bundle, no runtime effect. */
export interface Metadata {
  name: string;
  description?: string;
  version?: string;
  labels?: Record<string, string>;
  author?: string;
  license?: string;
  tags?: string[];
  namespace?: string;
  clusterName?: string;
  createdBy?: string;
  projects?: unknown;
}

export interface KatalogDocument {
  apiVersion: typeof KATALOG_API_VERSION;
  kind: DocumentKind;
  metadata: Metadata;
  /** A Komposer's imports (the older spelling `sources:` is read into this). */
  imports?: Imports;
  /** Always present in the model; a Komposer that only imports gets no entries. */
  spec: { crds: Record<string, CrdEntry>; imports?: MotifImport[]; finalizers?: string[] };
  // Katalog-wide upstream blocks, kept as written (no runtime effect yet; see inert-keys.ts).
  lifecycle?: unknown;
  policy?: unknown;
  security?: unknown;
  crossAccess?: unknown;
  gateway?: unknown;
  publish?: unknown;
  notification?: unknown;
  /** User notes (shared/template/user-notes.ts); includes and Motif notes are merged in by the loader. */
  notes?: { include?: string; functions?: UserNote[] };
  profiles?: unknown;
}

export interface UserNote {
  name: string;
  expression: string;
  description?: string;
  shadow?: boolean;
}

// ---- CRD entries -----------------------------------------------------------------------------

export interface ApiTypes {
  group: string;
  version: string;
  kind: string;
  plural: string;
  /** Namespaced unless stated; taken from the CRD manifest when one is given. */
  scope?: 'Namespaced' | 'Cluster';
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

export interface Condition {
  field: string;
  equals?: unknown;
  notEquals?: unknown;
  in?: unknown[];
  notIn?: unknown[];
  contains?: unknown;
  prefix?: string;
  suffix?: string;
  regex?: string;
  exists?: boolean;
  notExists?: boolean;
  gt?: number | string;
  gte?: number | string;
  lt?: number | string;
  lte?: number | string;
  /** Inclusive numeric range: upstream's "min,max" string, or [min, max]. */
  between?: string | unknown[];
  notBetween?: string | unknown[];
  /** typeOf takes map, slice, string, number, bool or null; the others take true. */
  typeOf?: string;
  typeMap?: boolean;
  typeList?: boolean;
  typeString?: boolean;
  typeNumber?: boolean;
  typeBool?: boolean;
  typeNull?: boolean;
  /** No other CR of the kind has the same value (passes where no lister is at hand, as upstream). */
  unique?: boolean;
  negate?: boolean;
  /** Teams to alert while the condition holds (kept; not sent yet). */
  notify?: { teams: string[]; message?: string };
}

export interface ForEach {
  field: string;
  as?: string;
}

/**
 * One child declaration. Common fields first; the kind-specific shorthands are optional and
 * checked by the schema per list key. Any templated value is a string here.
 */
export interface ResourceEntry {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  when?: Condition[];
  or?: Condition[];
  forEach?: ForEach;
  reconcile?: boolean;
  /** Raw, templated spec passed through (any kind). */
  spec?: unknown;
  // Workloads (Deployment / StatefulSet / Job / CronJob)
  image?: string;
  replicas?: number | string;
  port?: number | string;
  env?: unknown;
  envFrom?: unknown;
  resources?: unknown;
  command?: unknown;
  args?: unknown;
  schedule?: string;
  serviceName?: string;
  // Service
  targetPort?: number | string;
  type?: string;
  selector?: Record<string, string>;
  target?: string;
  // ConfigMap / Secret
  data?: Record<string, unknown>;
  stringData?: Record<string, unknown>;
  once?: boolean;
  /** Secret (Orkestra-only): `base64` says `data` is already encoded; default text, as upstream. */
  encoding?: 'text' | 'base64';
  /** The other kind-specific keys upstream documents (see katalog.schema.json, resource.*). */
  [key: string]: unknown;
  // Role / RoleBinding / PVC / Ingress / NetworkPolicy bodies use `spec`-like keys
  rules?: unknown;
  roleRef?: unknown;
  subjects?: unknown;
  // custom: `spec` becomes the object's spec; `body` holds its other top-level fields (e.g. `data`,
  // `rules`), both templated. apiVersion and kind are required for custom and only allowed there.
  apiVersion?: string;
  kind?: string;
  body?: unknown;
  /** custom (upstream): an initial status, and whether the kind has a status subresource. */
  status?: unknown;
  hasStatus?: boolean;
}

export interface StatusField {
  path: string;
  value: string;
  /** Upstream's spellings str, "", integer and boolean are normalised to string, int and bool. */
  type?: 'string' | 'int' | 'float' | 'bool' | 'auto';
  when?: Condition[];
  or?: Condition[];
  /** Write "" while the conditions fail (default: keep the last written value). */
  clearOnFalse?: boolean;
}

export interface StatusSpec {
  conditions?: boolean;
  fields?: StatusField[];
  /** A file of more fields, resolved by the resolver. */
  include?: string;
}

export interface ValidationRule {
  field: string;
  operator?: string;
  value?: unknown;
  message: string;
  action?: 'deny' | 'warn';
  when?: Condition[];
  or?: Condition[];
  /** `reconcile: false`: an admission-only rule, skipped when reconciling. */
  fires?: Fires;
  /** Kept as written; upstream does not use it when testing a rule. */
  valueType?: ValueType;
  link?: string;
  // shorthand operators, as in Condition
  [shorthand: string]: unknown;
}

export interface MutationRule {
  field: string;
  default?: unknown;
  override?: unknown;
  when?: Condition[];
  or?: Condition[];
  fires?: Fires;
  /** The type the rendered default/override is converted to before it is set. */
  valueType?: ValueType;
}

export interface Fires {
  reconcile?: boolean;
}

/** Upstream's value types, with their spellings. */
export type ValueType = 'string' | 'int' | 'integer' | 'float' | 'number' | 'bool' | 'boolean';
